import { z } from 'zod';
import { AppError, issueDetails, type ErrorDetail } from '../shared/errors.ts';
import { isPlainObject } from '../shared/objects.ts';

/**
 * Detector parameters are data: versioned per institution, validated by this one schema.
 * `DEFAULT_DETECTOR_PARAMS` were chosen on AMLGentex dev-10k steps 0–59 only (the training split,
 * see eval/run.ts and docs/rings.md); the test steps 60–99 were never used to choose them.
 */
const DAY = 86_400_000;
const int = (min: number, max: number) => z.number().int().min(min).max(max);
const ms = z.number().int().min(0).max(366 * DAY);
const ratio = z.number().min(0).max(1);

const fan = z.strictObject({
  enabled: z.boolean(),
  /** Distinct one-off counterparties needed within `windowMs`. */
  minDegree: int(2, 10_000),
  /** Above this many counterparties in the window the account is a merchant or payroll hub, skipped. */
  maxDegree: int(2, 1_000_000),
  windowMs: ms,
  /** Also a candidate for the densest sub-window of this length inside each window (0 = off). */
  burstMs: z.number().min(0),
});

export const detectorParamsSchema = z.strictObject({
  /** An edge is used when its (payer, payee) pair occurs at most this many times in the window. */
  maxPairRepeats: int(1, 65_535),
  /** Edges below this amount (minor units) are ignored. */
  minAmount: z.number().min(0),
  fanOut: fan,
  fanIn: fan,
  cycle: z.strictObject({
    enabled: z.boolean(),
    /** Pair repeats allowed on a cycle's transfers (a loop run twice repeats every pair); 0 = maxPairRepeats. */
    maxPairRepeats: z.number().int().min(0).max(65_535),
    minLength: int(2, 20),
    maxLength: int(2, 20),
    windowMs: ms,
    /** Work bound per starting edge; keeps dense graphs from exploding. */
    maxExpansions: int(10, 10_000_000),
  }),
  /** Pass-through ("flow") analysis shared by scatter-gather, gather-scatter and stack. */
  flow: z.strictObject({
    /** Max delay between an account receiving money and forwarding it. */
    hopWindowMs: ms,
    /** An account passes money through when it forwards this share of what it received… */
    minForwardRatio: ratio,
    /** …and no more than this share (above 1 it forwards its own money too). */
    maxForwardRatio: z.number().min(0).max(10),
    /**
     * Upper end of a wider band for the contiguous matching only (0 or ≤ maxForwardRatio = off):
     * middles that pass on 92–99.5% (the demo's scatter-gathers keep 0.5–2%). Matched only on the
     * transfers the band left, and such pass-throughs form scatter-gathers among themselves only
     * (detectors/flow.ts). The centre of the band above stays the exact cut and the preferred ratio.
     */
    wideMaxForwardRatio: z.number().min(0).max(10),
    /** Receipts combined into one pass-through event at most. */
    maxBatch: int(1, 1000),
    maxDegree: int(2, 1_000_000),
    /** Max time span of one flow structure (chained pass-throughs). */
    windowMs: ms,
    /** Flow structures larger than this are not one ring (a payment processor, a payroll run). */
    maxMembers: int(3, 1_000_000),
    /**
     * Exact-cut matching over interleaved receipts and forwards (detectors/flow-interleaved.ts):
     * max |forwarded − centre of the band × received| in minor units per transfer; 0 = off.
     */
    interleavedTolerance: z.number().min(0).max(1_000_000),
    /** Transfers per side of one interleaved pass-through at most. */
    interleavedMaxBatch: int(1, 6),
    /** Max delay from the last receipt to the last forward of an interleaved pass-through. */
    interleavedHopMs: ms,
  }),
  scatterGather: z.strictObject({
    enabled: z.boolean(),
    /** Pass-through accounts between the source(s) and the sink(s). */
    minMiddle: int(2, 10_000),
  }),
  gatherScatter: z.strictObject({
    enabled: z.boolean(),
    minIn: int(1, 10_000),
    minOut: int(1, 10_000),
  }),
  bipartite: z.strictObject({
    enabled: z.boolean(),
    minSources: int(2, 10_000),
    minTargets: int(2, 10_000),
    /** Share of the sources × targets pairs that carry a transfer. */
    minDensity: ratio,
    windowMs: ms,
    maxDegree: int(2, 1_000_000),
  }),
  stack: z.strictObject({
    enabled: z.boolean(),
    /** Layers including the first payers (a→b→c→d has 4). */
    minLayers: int(3, 20),
    minMembers: int(3, 10_000),
  }),
  sharedIdentifier: z.strictObject({
    enabled: z.boolean(),
    minAccounts: int(2, 10_000),
    /** Identifiers shared by more accounts (a corporate NAT IP, a call-centre phone) are ignored. */
    maxAccountsPerIdentifier: int(2, 1_000_000),
  }),
  scoring: z.strictObject({
    /** Points (of 100) for how far a structure goes beyond its typology's minimum. */
    structureWeight: z.number().min(0).max(100),
    /** Points for members whose transfers in the window are mostly one-off. */
    oneOffWeight: z.number().min(0).max(100),
    /** Points for members that also belong to other suspicious structures. */
    participationWeight: z.number().min(0).max(100),
    /**
     * Points for exclusivity (score.ts): members whose transfers in the window are mostly this
     * structure's. The participation points become the larger of the two.
     */
    exclusiveWeight: z.number().min(0).max(100),
    /** Exclusivity at or below this earns no points; 1 earns exclusiveWeight (linear between). */
    exclusiveFrom: z.number().min(0).max(0.99),
    /** Members with more transfers than this in the window (merchants, utilities) do not count in exclusivity (60: the fans' merchant bound). */
    exclusiveMaxDegree: int(1, 1_000_000_000),
    /** Exclusivity also counts the forwarding shape (score.ts forwardShare), whichever is larger. */
    forwardShape: z.boolean(),
    /**
     * Points for the learned ranking model's probability that the structure is a ring
     * (src/graph/ranker.ts; weights fitted on the AMLGentex train split, src/graph/ranker.model.ts).
     */
    learnedWeight: z.number().min(0).max(100),
    /** Members in fewer structures than this are trimmed from a finding (0 or 1 = keep all). */
    coreMinStructures: int(0, 1000),
    /**
     * Members whose reach (recurrence across suspicious structures, see score.ts) is below this
     * quantile of all candidate members' reach are trimmed from a finding (0 = keep all): a busy
     * hub's normal counterparties do not recur, its mules do.
     */
    coreReachQuantile: ratio,
    /**
     * Share of each fan typology's kept findings (fan-in, fan-out) that are chosen by a fan-ring
     * model (a logistic regression fitted on that typology's candidates only, label "holds half of
     * a ring of this typology", rings of ≥ 3 accounts) instead of by score: the best-scored fans fill the rest first, the
     * fan-ring model orders only the candidates left (0 = off, score order only). The best-scored
     * fans are mostly partial views of bipartite and scatter-gather rings (true findings); the fan
     * rings rank below them. Models: DEFAULT_FAN_RANK_MODELS (ranker.model.ts).
     */
    fanRingShare: ratio,
    /**
     * Gather-scatter ring places: this share of the gather-scatter list's places is added, chosen
     * by its ring-place model (DEFAULT_FAN_RANK_MODELS.gather_scatter, label "holds half of a
     * gather-scatter ring of ≥ 3 accounts") among the candidates beyond its places, in place of the weakest
     * findings of the whole selection (the capacity is unchanged). Its best-scored candidates are
     * mostly partial views of scatter-gather, stack and bipartite rings (0 = off).
     */
    gatherScatterRingShare: ratio,
    /**
     * Points a fan-in loses when its payers are ordinary spenders (score.ts payerInflowBalance):
     * the full amount when they make about 4.5 payments for each receipt in the window (mean
     * log((1 + received) / (1 + paid)) ≤ −1.5), none when they receive as often as they pay (≥ 0),
     * linear between. Mules and collection accounts that feed a collector are themselves paid
     * into; a busy account's ordinary payers mostly spend (0 = off, the default: docs/rings.md "Fan-in payers that
     * are ordinary spenders").
     */
    fanInSpenderPenalty: z.number().min(0).max(100),
  }),
  community: z.strictObject({
    enabled: z.boolean(),
    resolution: z.number().positive().max(100),
  }),
  /**
   * A finding with at least this share of its accounts inside a better-scored finding of a more
   * specific typology (a fan at one payee of a bipartite block) is a partial view of it and dropped
   * (0 = off).
   */
  crossTypologyOverlap: ratio,
  /** Findings scored below this are dropped (0–100). */
  minScore: z.number().min(0).max(100),
  /**
   * Analysts' capacity: keep at most this many findings per 10,000 accounts in the window, highest
   * score first (0 = no cap).
   */
  maxFindingsPer10k: z.number().min(0).max(10_000),
  /** The capacity never falls below this many findings (small institutions, short windows). */
  minCapacity: int(0, 1_000_000),
  /**
   * How the capacity is shared across typologies: each gets a share proportional to (its
   * candidates)^capacityShareExponent; 0 = equal shares.
   */
  capacityShareExponent: z.number().min(0).max(2),
}).superRefine((p, ctx) => {
  // `params.other`: the field this one may not exceed (a UI names it in the reader's words).
  const notAbove = (path: [string, string], other: string) =>
    ctx.addIssue({ code: 'custom', path, message: `must be ≤ ${other}`, params: { key: 'not_above', other } });
  if (p.cycle.minLength > p.cycle.maxLength) notAbove(['cycle', 'minLength'], 'cycle.maxLength');
  if (p.flow.minForwardRatio > p.flow.maxForwardRatio) notAbove(['flow', 'minForwardRatio'], 'flow.maxForwardRatio');
  for (const k of ['fanOut', 'fanIn'] as const) {
    if (p[k].minDegree > p[k].maxDegree) notAbove([k, 'minDegree'], `${k}.maxDegree`);
  }
});

export type DetectorParams = z.infer<typeof detectorParamsSchema>;

/**
 * Defaults. Chosen on AMLGentex dev-10k steps 0–59 only (the train split; `npx tsx eval/tune.ts`
 * prints train figures per setting, `npx tsx eval/train-ranker.ts` fits and checks the ranker),
 * never on the test steps 60–99. Rule: the highest mean ring recall with finding precision ≥ 0.5
 * on train (docs/rings.md, "How the parameters were chosen"): forward band 0.88–0.92 (the
 * generator's mules keep a 10% cut; real mule cuts vary, so widen it for production data), fan
 * degree 4 within 30 days, core trimming at the 0.9 reach quantile, learned points 10, exact cuts
 * over interleaved transfers within 0.5 minor units per transfer with scatter-gather from 2
 * middles (the generator's cut is exactly 10%; set flow.interleavedTolerance 0 where mules keep
 * no single known cut), a fifth of each fan list's places ordered by the fan-ring models, and a fifth
 * more of the gather-scatter list's places chosen by its ring-place model (in place of the weakest findings).
 * Exclusivity points (80, from 0.5, members above 60 transfers left out, forward shape for cycles)
 * were chosen on the demo bank's planted rings (eval/demo-rings.ts) with no ring changed on any
 * AMLGentex train fold: participation alone ranked rings of fresh accounts last.
 */
export const DEFAULT_DETECTOR_PARAMS: DetectorParams = {
  maxPairRepeats: 1,
  minAmount: 0,
  fanOut: { enabled: true, minDegree: 4, maxDegree: 60, windowMs: 30 * DAY, burstMs: 0 },
  fanIn: { enabled: true, minDegree: 4, maxDegree: 60, windowMs: 30 * DAY, burstMs: 0 },
  cycle: { enabled: true, maxPairRepeats: 2, minLength: 3, maxLength: 10, windowMs: 30 * DAY, maxExpansions: 20_000 },
  flow: {
    hopWindowMs: 10 * DAY, minForwardRatio: 0.88, maxForwardRatio: 0.92, wideMaxForwardRatio: 0.995, maxBatch: 10, maxDegree: 60, windowMs: 30 * DAY, maxMembers: 60,
    interleavedTolerance: 0.5, interleavedMaxBatch: 3, interleavedHopMs: 15 * DAY,
  },
  scatterGather: { enabled: true, minMiddle: 2 },
  gatherScatter: { enabled: true, minIn: 2, minOut: 2 },
  bipartite: { enabled: true, minSources: 2, minTargets: 2, minDensity: 0.75, windowMs: 20 * DAY, maxDegree: 60 },
  stack: { enabled: true, minLayers: 4, minMembers: 4 },
  sharedIdentifier: { enabled: true, minAccounts: 3, maxAccountsPerIdentifier: 20 },
  scoring: { structureWeight: 20, oneOffWeight: 0, participationWeight: 60, exclusiveWeight: 80, exclusiveFrom: 0.5, exclusiveMaxDegree: 60, forwardShape: true, learnedWeight: 10, coreMinStructures: 0, coreReachQuantile: 0.9, fanRingShare: 0.2, gatherScatterRingShare: 0.2, fanInSpenderPenalty: 0 },
  community: { enabled: true, resolution: 1 },
  crossTypologyOverlap: 0,
  minScore: 0,
  maxFindingsPer10k: 100,
  minCapacity: 20,
  capacityShareExponent: 0,
};

type Plain = Record<string, unknown>;

function deepMerge(base: Plain, over: Plain): Plain {
  const out: Plain = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isPlainObject(v) && isPlainObject(base[k]) ? deepMerge(base[k] as Plain, v) : v;
  return out;
}

/**
 * Validates a (possibly partial) parameter object over the defaults. Throws AppError('validation')
 * with one `{path, message}` per problem, e.g. `{path: 'cycle.maxLength', message: 'Too big: …'}`.
 */
export function parseDetectorParams(input: unknown, base: DetectorParams = DEFAULT_DETECTOR_PARAMS): DetectorParams {
  if (input !== undefined && !isPlainObject(input)) {
    throw new AppError('validation', 'detector parameters must be an object', [{ path: '', message: 'expected an object' }]);
  }
  const merged = deepMerge(base as unknown as Plain, (input ?? {}) as Plain);
  const r = detectorParamsSchema.safeParse(merged);
  if (r.success) return r.data;
  throw new AppError('validation', 'invalid detector parameters', r.error.issues.map(paramIssue));
}

/**
 * A problem as an error detail: the dotted path and English message, plus a code and the values it
 * names for a UI to say it in its reader's language (`too_big` with `maximum`, `too_small` with
 * `minimum`, `invalid_type` with `expected`, `not_above` with `other`; the rest by message only).
 */
function paramIssue(i: z.core.$ZodIssue): ErrorDetail {
  const [d] = issueDetails([i]);
  if (i.code === 'too_big') return { ...d, code: i.code, params: { maximum: Number(i.maximum) } };
  if (i.code === 'too_small') return { ...d, code: i.code, params: { minimum: Number(i.minimum) } };
  if (i.code === 'invalid_type') return { ...d, code: i.code, params: { expected: i.expected } };
  if (i.code === 'custom' && i.params?.key === 'not_above') return { ...d, code: 'not_above', params: { other: i.params.other } };
  return d;
}
