import type { Rng } from './rng.ts';
import type { Calendar } from './time.ts';
import type { Population } from './population.ts';
import type { Externals } from './externals.ts';
import type { Ledger } from './ledger.ts';
import { cumulative } from './rng.ts';
import { HOUR_PROFILES } from './time.ts';

/** Everything a behaviour or typology generator draws on. */
export interface DemoContext {
  rng: Rng;
  cal: Calendar;
  pop: Population;
  ext: Externals;
  ledger: Ledger;
  scale: number;
}

const TABLES = Object.fromEntries(Object.entries(HOUR_PROFILES).map(([k, v]) => [k, cumulative(v)])) as Record<keyof typeof HOUR_PROFILES, Float64Array>;

/** A moment on `day` whose local hour follows the named profile. */
export function timeOn(ctx: DemoContext, day: number, profile: keyof typeof HOUR_PROFILES, rng: Rng = ctx.rng): number {
  return ctx.cal.at(day, rng.cumulativeIndex(TABLES[profile]), rng);
}

/** Yuan to minor units (fen), at least one fen. */
export function fen(yuan: number): number {
  return Math.max(1, Math.round(yuan * 100));
}

/** Yuan rounded to a multiple of `unit` yuan, in fen (at least one unit). */
export function roundYuan(yuan: number, unit: number): number {
  return Math.max(1, Math.round(yuan / unit)) * unit * 100;
}

/** Window days falling on `dom`, moved back to Friday when they fall on a weekend. */
export function workdaysOfMonth(ctx: DemoContext, dom: number): number[] {
  return ctx.cal.daysOfMonth(dom).map((d) => {
    let x = d;
    while (x > 0 && ctx.cal.isWeekend(x)) x--;
    return x;
  });
}
