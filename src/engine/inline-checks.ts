import { resolveFeature } from './features/catalogue.ts';
import type { SideCtx, StoreKind } from './features/context.ts';
import { majorToCnyMinor, type FxTable } from './fx.ts';
import type { Comparison, Condition, ScenarioDef } from './rule.schema.ts';
import type { EntityStore } from './state/entity-store.ts';
import { AGGS, NDIMS } from './state/flags.ts';

/**
 * Inline pre-checks of a scenario, run by the engine before the scenario's compiled test (a chain
 * of closure calls). Each is a necessary condition taken from the scenario's top-level
 * conjunction: a comparison of the amount or of a stored number of one of the side's entities
 * (subject account, counterparty, customer, device, IP, branch) with a constant, or an `any` of
 * such comparisons. Values are computed with the feature accessors' own arithmetic (sum of the
 * stored numbers / divisor; NaN without an entity; 0 for an entity without a row), so skipping a
 * scenario that fails one never changes a result; the compiled test still checks everything when
 * they all pass. Most scenarios are rejected here without a call.
 *
 * Encoding (one Float64Array per scenario): per conjunct, the number n of alternatives, then n
 * sextuples (source, offset, second offset or -1, divisor, opcode, threshold). Sources: -1 the
 * amount, then the SRC_* entities below.
 */
const SRC_ACCT = 0, SRC_CP = 1, SRC_CUST = 2, SRC_DEV = 3, SRC_IP = 4, SRC_BRANCH = 5;
const SRC_OF: Readonly<Record<string, number>> = { account: SRC_ACCT, counterparty: SRC_CP, customer: SRC_CUST, device: SRC_DEV, ip: SRC_IP, branch: SRC_BRANCH };
/** Store of each source (counterparties are accounts). */
export const SRC_STORES: readonly StoreKind[] = ['account', 'account', 'customer', 'device', 'ip', 'branch'];
const OPCODE: Readonly<Record<string, number>> = { '>': 0, '>=': 1, '<': 2, '<=': 3, '==': 4 };

/** The sextuple of one comparison, or null when it cannot be checked inline. */
function inlineCmp(c: Condition, stores: Partial<Record<StoreKind, EntityStore>>, fx: FxTable): number[] | null {
  if (!('feature' in c)) return null;
  const cmp = c as Comparison;
  const op = OPCODE[cmp.op];
  if (op === undefined) return null;
  const v = cmp.value;
  let k: number;
  if (typeof v === 'number') k = v;
  else if (typeof v === 'object' && v !== null && !Array.isArray(v) && 'amount' in v) k = majorToCnyMinor(fx, v.amount, v.currency) / 100; // as the compiled test
  else return null;
  if (cmp.feature === 'amount') return [-1, -1, -1, 100, op, k];
  const spec = resolveFeature(cmp.feature);
  const d = spec?.direct;
  const src = spec ? SRC_OF[spec.entity] : undefined;
  if (!spec || !d || src === undefined || spec.unit === 'bool' || spec.unit === 'category') return null;
  const offs: number[] = [];
  for (const n of d.needs) {
    const st = stores[n.store];
    if (!st || n.store !== SRC_STORES[src]) return null;
    const w = st.layout.windows.indexOf(n.window);
    const off = w < 0 ? -1 : n.agg !== undefined ? st.aggOffset[w * AGGS.length + n.agg] : st.distinctOffset[w * NDIMS + n.dim!];
    if (off < 0) return null;
    offs.push(off);
  }
  if (offs.length < 1 || offs.length > 2) return null;
  return [src, offs[0], offs.length === 2 ? offs[1] : -1, d.div, op, k];
}

export function inlineChecks(def: ScenarioDef, stores: Partial<Record<StoreKind, EntityStore>>, fx: FxTable): Float64Array {
  const list = 'all' in def.when ? def.when.all : [def.when];
  const out: number[] = [];
  for (const c of list) {
    const alts = 'any' in c ? c.any : [c];
    const enc = alts.map((a) => inlineCmp(a, stores, fx));
    if (enc.length === 0 || enc.some((e) => e === null)) continue; // an `any` is necessary only as a whole
    out.push(enc.length);
    for (const e of enc) out.push(...e!);
  }
  return Float64Array.from(out);
}

/**
 * Evaluates the inline checks for side context c. `row`/`base` locate the subject account's row;
 * `srcStores` holds the store of each source (SRC_STORES order).
 */
export function passes(fc: Float64Array, c: SideCtx, row: Float64Array, base: number, srcStores: readonly (EntityStore | undefined)[]): boolean {
  let j = 0;
  while (j < fc.length) {
    const end = j + 1 + fc[j] * 6;
    let ok = false;
    for (j++; j < end && !ok; j += 6) {
      const src = fc[j], o1 = fc[j + 1], o2 = fc[j + 2];
      let v: number;
      if (src < 0) v = c.amt;
      else if (src === SRC_ACCT) v = o2 < 0 ? row[base + o1] : row[base + o1] + row[base + o2];
      else {
        const s = src === SRC_CP ? c.cp : src === SRC_CUST ? c.cust : src === SRC_DEV ? c.dev : src === SRC_IP ? c.ip : c.branch;
        const st = srcStores[src]!;
        v = s < 0 ? NaN : o2 < 0 ? st.value(s, o1) : st.value(s, o1) + st.value(s, o2);
      }
      v /= fc[j + 3];
      const k = fc[j + 5];
      switch (fc[j + 4]) {
        case 0: ok = v > k; break;
        case 1: ok = v >= k; break;
        case 2: ok = v < k; break;
        case 3: ok = v <= k; break;
        default: ok = v === k;
      }
    }
    if (!ok) return false;
    j = end;
  }
  return true;
}
