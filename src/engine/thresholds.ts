import { majorToCnyMinor, type FxTable } from './fx.ts';

/**
 * Large-value transaction reporting standards, PBOC Order [2016] No. 3, Art. 5 (in force
 * 2017-07-01): RMB amount or the USD-equivalent amount for foreign-currency transactions, single
 * or same-day cumulative. They are data (PBOC may adjust them) and drive the engine's
 * "near threshold" (90–100%) and "large" transaction flags. The built-in LVR scenarios state the
 * same numbers in their own conditions.
 */
export interface ThresholdPair { cny: number; usd: number }
export interface LargeValueThresholds {
  cash: ThresholdPair;
  organisationTransfer: ThresholdPair;
  personDomesticTransfer: ThresholdPair;
  personCrossBorderTransfer: ThresholdPair;
  /** Lower edge of "just below the threshold", as a fraction of it. */
  nearBand: number;
}

export const PBOC_2016_THRESHOLDS: LargeValueThresholds = {
  cash: { cny: 50_000, usd: 10_000 },
  organisationTransfer: { cny: 2_000_000, usd: 200_000 },
  personDomesticTransfer: { cny: 500_000, usd: 100_000 },
  personCrossBorderTransfer: { cny: 200_000, usd: 10_000 },
  nearBand: 0.9,
};

/** Thresholds resolved to CNY minor units: [RMB-denominated, foreign-currency-denominated]. */
export interface ResolvedThresholds {
  cash: [number, number];
  org: [number, number];
  personDom: [number, number];
  personXb: [number, number];
  nearBand: number;
}

export function resolveThresholds(t: LargeValueThresholds, fx: FxTable): ResolvedThresholds {
  const r = (p: ThresholdPair): [number, number] => [p.cny * 100, majorToCnyMinor(fx, p.usd, 'USD')];
  return { cash: r(t.cash), org: r(t.organisationTransfer), personDom: r(t.personDomesticTransfer), personXb: r(t.personCrossBorderTransfer), nearBand: t.nearBand };
}
