import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAmlgentex } from './datasets.ts';
import { DEFAULT_AMLGENTEX, evaluateData, type DataReport } from './run.ts';

const present = existsSync(`${DEFAULT_AMLGENTEX}/tx_log.csv.gz`);
if (!present) console.warn(`skipping AMLGentex ring-mining eval: ${DEFAULT_AMLGENTEX} is absent`);

/**
 * Guards the figures reached on the AMLGentex test steps (60–99) with the default parameters
 * (chosen on steps 0–59). A regression in any detector, the scoring or the selection fails here.
 * The floors are what the code reaches today, not the targets (see docs/rings.md);
 * gather-scatter (0 of 3 test rings today) has no floor. Parameters and the ranker's weights were
 * chosen on steps 0–59 only; these figures were read after choosing them, never to choose them.
 */
describe.skipIf(!present)('AMLGentex ring mining (test steps 60–99)', () => {
  let report: DataReport;
  beforeAll(() => { report = evaluateData(loadAmlgentex(DEFAULT_AMLGENTEX)!); });
  const recall = (t: string) => report.test.recallByTypology[t].recall;

  it('keeps the analysts\' workload within 100 findings per 10,000 accounts', () => {
    expect(report.test.findingsPer10k).toBeLessThanOrEqual(100);
  });

  it('beats the tree-model anchor at transaction level (F1 0.49, PR-AUC 0.59)', () => {
    expect(report.test.txn.f1).toBeGreaterThan(0.49);
    expect(report.test.txn.f1).toBeGreaterThanOrEqual(0.61);
    expect(report.test.txn.prAuc).toBeGreaterThan(0.67);
  });

  it('finds the rings it reaches today, per typology', () => {
    expect(recall('fan_out')).toBeGreaterThanOrEqual(0.66);
    expect(recall('bipartite')).toBeGreaterThanOrEqual(0.66);
    expect(recall('cycle')).toBeGreaterThanOrEqual(0.6);
    expect(recall('stack')).toBeGreaterThanOrEqual(0.5);
    expect(recall('fan_in')).toBeGreaterThanOrEqual(0.33);
    expect(recall('scatter_gather')).toBeGreaterThanOrEqual(0.2);
  });

  it('keeps finding precision at the level reached today', () => {
    expect(report.test.findingPrecision).toBeGreaterThanOrEqual(0.46);
  });

  it('keeps the train-split figures the parameters were chosen on (steps 0–59)', () => {
    expect(report.train.findingPrecision).toBeGreaterThanOrEqual(0.73);
    expect(report.train.txn.f1).toBeGreaterThanOrEqual(0.74);
    expect(report.train.recallByTypology.bipartite.recall).toBe(1);
  });

  it('ranks better with earlier STRs given as known bad accounts (separate, optional input)', () => {
    expect(report.testWithKnownBad!.findingPrecision).toBeGreaterThanOrEqual(0.54);
    expect(report.testWithKnownBad!.txn.f1).toBeGreaterThan(report.test.txn.f1);
  });
});
