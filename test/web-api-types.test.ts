import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateApiTypes, SCHEMA_FILE } from '../web/scripts/api-types.ts';

describe('web API client types', () => {
  it('web/src/api/schema.d.ts matches the running server\'s OpenAPI document (run `npm run gen:api` when this fails)', async () => {
    const generated = await generateApiTypes();
    const committed = fs.readFileSync(SCHEMA_FILE, 'utf8');
    expect(committed === generated, 'web/src/api/schema.d.ts is stale: run `npm run gen:api`').toBe(true);
  });
});
