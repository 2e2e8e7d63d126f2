import { AGGS, DIM, F, WINDOW_IDS, type WindowId } from './flags.ts';
import type { StoreLayout } from './entity-store.ts';
import type { Need } from '../features/catalogue.ts';
import type { StoreKind } from '../features/context.ts';

/**
 * Builds the minimal per-store layouts for a set of feature needs: only the windows, aggregates
 * and distinct counters some active feature reads are kept and updated.
 */
export function buildLayouts(needs: readonly Need[]): Partial<Record<StoreKind, StoreLayout>> {
  const tracked = new Map<StoreKind, Set<number>>();
  const header = new Set<StoreKind>(['account']);
  const acc = new Map<StoreKind, Map<WindowId, { aggs: Set<number>; distinct: Set<number> }>>();
  acc.set('account', new Map([['life', { aggs: new Set(), distinct: new Set() }]]));
  for (const n of needs) {
    let st = acc.get(n.store);
    if (!st) acc.set(n.store, (st = new Map()));
    let w = st.get(n.window);
    if (!w) st.set(n.window, (w = { aggs: new Set(), distinct: new Set() }));
    if (n.agg !== undefined) w.aggs.add(n.agg);
    if (n.dim !== undefined) w.distinct.add(n.dim);
    if (n.header) header.add(n.store);
    if (n.track !== undefined) {
      if (!tracked.has(n.store)) tracked.set(n.store, new Set());
      tracked.get(n.store)!.add(n.track);
    }
  }
  const out: Partial<Record<StoreKind, StoreLayout>> = {};
  for (const [kind, wins] of acc) {
    const windows = WINDOW_IDS.filter((w) => wins.has(w));
    const dims = new Set<number>(tracked.get(kind) ?? []);
    let masks = 0;
    for (const w of windows) {
      for (const d of wins.get(w)!.distinct) dims.add(d);
      for (const a of wins.get(w)!.aggs) masks |= AGGS[a].mask;
    }
    if (masks & F.NEWCP) { dims.add(DIM.CP_IN); dims.add(DIM.CP_OUT); }
    if (masks & F.NEWDEV) dims.add(DIM.DEV);
    if (masks & F.NEWIP) dims.add(DIM.IP);
    const coalesce = dims.size > 0 && windows.every((w) => wins.get(w)!.aggs.size === 0) && !header.has(kind);
    out[kind] = {
      windows,
      aggs: windows.map((w) => [...wins.get(w)!.aggs].sort((a, b) => a - b)),
      distinct: windows.map((w) => [...wins.get(w)!.distinct].sort((a, b) => a - b)),
      dims: [...dims].sort((a, b) => a - b),
      sparse: dims.size === 0 && !header.has(kind),
      coalesce,
      exclusive: coalesce && dims.size === 1 && dims.has(DIM.ACCT),
    };
  }
  return out;
}
