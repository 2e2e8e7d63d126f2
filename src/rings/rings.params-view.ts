import { z } from 'zod';

/**
 * Response shape of detector parameters. Validation of writes is `parseDetectorParams`
 * (src/graph/params.schema.ts, precise path + reason); the response is described loosely so the
 * OpenAPI document does not duplicate the whole parameter tree.
 */
export const DetectorParamsView = z.record(z.string(), z.unknown()).describe('DetectorParams (see docs/rings.md)');
