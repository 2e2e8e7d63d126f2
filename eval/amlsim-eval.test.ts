import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAmlsim } from './amlsim.ts';
import { AMLSIM_PARAMS, DEFAULT_AMLSIM, evaluateData, type DataReport } from './run.ts';

const dir = join(DEFAULT_AMLSIM, '20K_fanin200');
const present = existsSync(join(dir, 'nodes.csv'));
if (!present) console.warn(`skipping AMLSim ring-mining eval: ${dir} is absent`);

/**
 * Guards the AMLSim fan-in run (test steps 90–149; parameters chosen and the ranker fitted on
 * steps 1–89): rings are single patterns, not one component of every flagged account, and the
 * figures reached today hold. Floors are today's figures, not the targets.
 */
describe.skipIf(!present)('AMLSim 20K_fanin200 ring mining (test steps 90–149)', () => {
  let report: DataReport;
  beforeAll(() => { report = evaluateData(loadAmlsim(dir, 'fan_in')!, AMLSIM_PARAMS, true); }, 60_000);

  it('reads one ring per pattern (no component glued by ordinary payments)', () => {
    expect(report.test.rings).toBeGreaterThan(100);
    expect(report.test.ringSize.max).toBeLessThanOrEqual(20);
  });

  it('finds the fan-in rings it reaches today within the capacity', () => {
    expect(report.test.recallByTypology.fan_in.recall).toBeGreaterThanOrEqual(0.3);
    expect(report.test.findingsPer10k).toBeLessThanOrEqual(100);
    expect(report.test.txn.f1).toBeGreaterThanOrEqual(0.45);
  });
});
