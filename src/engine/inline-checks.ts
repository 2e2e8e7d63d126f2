import { resolveFeature } from './features/catalogue.ts';
import type { SideCtx, StoreKind } from './features/context.ts';
import { majorToCnyMinor, type FxTable } from './fx.ts';
import type { Comparison, Condition, ScenarioDef } from './rule.schema.ts';
import type { Gate } from './rules/compile.ts';
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

/**
 * A side's scenarios indexed by one inline conjunct each, so that evaluation does not visit every
 * scenario. Every scenario with a conjunct whose alternatives are all `>` / `>=` comparisons has
 * its first such conjunct (a necessary condition, as every inline check) registered, one member
 * per alternative, in the group of the stored number (or amount) it compares: a group's value is
 * computed once per evaluation and its members are sorted by threshold, so the scan stops at the
 * first member that fails. Scenarios passing a member, and those without such a conjunct, are
 * candidates; they then go through the gate, passes() and the compiled test exactly as before,
 * in scenario order (see candidates()).
 */
export interface SidePlan {
  /** Words of the candidate bit set (32 scenarios each). */
  words: number;
  /** Scenarios that are always candidates (bit set). */
  always: Int32Array;
  /**
   * Groups over the subject account's row (most of them; its row is in cache after the update):
   * per group offset, second offset or -1, first member, end of members; and the divisors.
   */
  acct: Int32Array;
  acctDiv: Float64Array;
  /**
   * The commonest account-row groups, one stored number against one `>=` threshold (no divisor):
   * per group its offset, threshold and scenario index, tested in a loop of their own.
   */
  oneOff: Int32Array;
  oneK: Float64Array;
  oneIdx: Int32Array;
  /**
   * The other groups (amount, counterparty, customer, device, IP, branch): per group source,
   * offset, second offset or -1, first member, end of members, and the gate every member's
   * scenario has in common (flag bits all require, bits all forbid, customer kind all require or
   * -1; a group failing it has no candidate, and its entity's row is not read); and the divisors.
   */
  other: Int32Array;
  otherDiv: Float64Array;
  /** Per member (grouped, ascending threshold; at equal thresholds `>=` first): threshold, strict (`>`), scenario index. */
  memberK: Float64Array;
  memberStrict: Uint8Array;
  memberIdx: Int32Array;
}

export function buildSidePlan(checks: readonly Float64Array[], gates: readonly Gate[]): SidePlan {
  const words = Math.max(1, Math.ceil(checks.length / 32));
  const always = new Int32Array(words);
  const byKey = new Map<string, { src: number; o1: number; o2: number; div: number; members: { k: number; strict: number; idx: number }[] }>();
  checks.forEach((fc, idx) => {
    let j = 0, done = false;
    while (j < fc.length && !done) {
      const n = fc[j], end = j + 1 + n * 6;
      let eligible = n > 0;
      for (let q = j + 1; q < end; q += 6) if (fc[q + 4] !== 0 && fc[q + 4] !== 1) eligible = false;
      if (eligible) {
        for (let q = j + 1; q < end; q += 6) {
          const key = `${fc[q]}/${fc[q + 1]}/${fc[q + 2]}/${fc[q + 3]}`;
          let g = byKey.get(key);
          if (!g) byKey.set(key, (g = { src: fc[q], o1: fc[q + 1], o2: fc[q + 2], div: fc[q + 3], members: [] }));
          g.members.push({ k: fc[q + 5], strict: fc[q + 4] === 0 ? 1 : 0, idx });
        }
        done = true;
      }
      j = end;
    }
    if (!done) always[idx >>> 5] |= 1 << (idx & 31);
  });
  const gs = [...byKey.values()];
  const nm = gs.reduce((a, g) => a + g.members.length, 0);
  const memberK = new Float64Array(nm), memberStrict = new Uint8Array(nm), memberIdx = new Int32Array(nm);
  const acct: number[] = [], acctDiv: number[] = [], other: number[] = [], otherDiv: number[] = [];
  const oneOff: number[] = [], oneK: number[] = [], oneIdx: number[] = [];
  let m = 0;
  for (const g of gs) {
    g.members.sort((a, b) => a.k - b.k || a.strict - b.strict || a.idx - b.idx);
    const m0 = m;
    for (const x of g.members) { memberK[m] = x.k; memberStrict[m] = x.strict; memberIdx[m] = x.idx; m++; }
    if (g.src === SRC_ACCT && g.o2 < 0 && g.div === 1 && g.members.length === 1 && g.members[0].strict === 0) {
      oneOff.push(g.o1); oneK.push(g.members[0].k); oneIdx.push(g.members[0].idx);
    } else if (g.src === SRC_ACCT) {
      acct.push(g.o1, g.o2, m0, m);
      acctDiv.push(g.div);
    } else {
      let req = -1, forb = -1, kind = gates[g.members[0].idx].kind;
      for (const x of g.members) {
        const gt = gates[x.idx];
        req &= gt.req; forb &= gt.forb;
        if (gt.kind !== kind) kind = -1;
      }
      other.push(g.src, g.o1, g.o2, m0, m, req, forb, kind);
      otherDiv.push(g.div);
    }
  }
  return {
    words, always, acct: Int32Array.from(acct), acctDiv: Float64Array.from(acctDiv), other: Int32Array.from(other), otherDiv: Float64Array.from(otherDiv),
    oneOff: Int32Array.from(oneOff), oneK: Float64Array.from(oneK), oneIdx: Int32Array.from(oneIdx),
    memberK, memberStrict, memberIdx,
  };
}

/**
 * Fills `out` (plan.words Int32) with the candidate scenarios of side context c: those that pass
 * their indexed conjunct (computed with passes()' arithmetic) or have none. `flags` and `kind`
 * are the side's event flags and customer kind, as the scenario gates test them.
 */
export function candidates(
  plan: SidePlan, out: Int32Array, c: SideCtx, flags: number, kind: number, row: Float64Array, base: number, srcStores: readonly (EntityStore | undefined)[],
): void {
  const always = plan.always;
  for (let w = 0; w < always.length; w++) out[w] = always[w];
  const oo = plan.oneOff, ok = plan.oneK, oi = plan.oneIdx;
  for (let q = 0; q < oo.length; q++) {
    if (row[base + oo[q]] >= ok[q]) { const idx = oi[q]; out[idx >>> 5] |= 1 << (idx & 31); }
  }
  // The member scan below is written out in both group loops: a shared helper measured ~2-3% slower
  // over the engine bench (same-process rotating chunks, 2 runs), within noise but on the hottest path.
  const mk = plan.memberK, ms = plan.memberStrict, mi = plan.memberIdx;
  const ag = plan.acct, ad = plan.acctDiv;
  for (let g = 0, q = 0; g < ag.length; g += 4, q++) {
    const o2 = ag[g + 1];
    let v = o2 < 0 ? row[base + ag[g]] : row[base + ag[g]] + row[base + o2];
    const div = ad[q];
    if (div !== 1) v /= div;
    for (let m = ag[g + 2], me = ag[g + 3]; m < me; m++) {
      const k = mk[m];
      if (ms[m] === 1 ? !(v > k) : !(v >= k)) break;
      const idx = mi[m];
      out[idx >>> 5] |= 1 << (idx & 31);
    }
  }
  const og = plan.other, od = plan.otherDiv;
  for (let g = 0, q = 0; g < og.length; g += 8, q++) {
    const req = og[g + 5], gk = og[g + 7];
    if ((flags & req) !== req || (flags & og[g + 6]) !== 0 || (gk >= 0 && gk !== kind)) continue;
    const src = og[g], o1 = og[g + 1], o2 = og[g + 2];
    let v: number;
    if (src < 0) v = c.amt;
    else {
      const s = src === SRC_CP ? c.cp : src === SRC_CUST ? c.cust : src === SRC_DEV ? c.dev : src === SRC_IP ? c.ip : c.branch;
      const st = srcStores[src]!;
      v = s < 0 ? NaN : o2 < 0 ? st.value(s, o1) : st.value(s, o1) + st.value(s, o2);
    }
    const div = od[q];
    if (div !== 1) v /= div;
    for (let m = og[g + 3], me = og[g + 4]; m < me; m++) {
      const k = mk[m];
      if (ms[m] === 1 ? !(v > k) : !(v >= k)) break;
      const idx = mi[m];
      out[idx >>> 5] |= 1 << (idx & 31);
    }
  }
}
