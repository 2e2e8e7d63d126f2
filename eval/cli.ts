import { resolve } from 'node:path';
import { parseDetectorParams, type DetectorParams } from '../src/graph/params.schema.ts';
import { loadAmlgentex, type EvalData, type EvalRow } from './datasets.ts';
import { DEFAULT_AMLGENTEX, splitRows } from './run.ts';

/** The value after `name` on the command line (`--params '{…}'` → `'{…}'`), or undefined. */
export function argValue(name: string, argv: readonly string[] = process.argv): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/**
 * What the train-split tools start from: the AMLGentex data (`--amlgentex DIR`, default
 * ../shared/data/amlgentex-dev-10k), detector parameters (`--params JSON` over the defaults) and the
 * TRAIN rows (steps 0–59). Null, after saying so, when the data set is absent.
 */
export function trainFromArgs(): { d: EvalData; p: DetectorParams; train: EvalRow[] } | null {
  const d = loadAmlgentex(resolve(argValue('--amlgentex') ?? DEFAULT_AMLGENTEX));
  if (!d) { console.log('skip: no AMLGentex data'); return null; }
  const params = argValue('--params');
  return { d, p: parseDetectorParams(params ? JSON.parse(params) : {}), train: splitRows(d).train };
}
