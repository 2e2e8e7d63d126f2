import { z } from 'zod';
import { AppError } from '../shared/errors.ts';

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
    minLength: int(2, 20),
    maxLength: int(2, 20),
    windowMs: ms,
    /** Work bound per starting edge; keeps dense graphs from exploding. */
    maxExpansions: int(10, 10_000_000),
  }),
  scatterGather: z.strictObject({
    enabled: z.boolean(),
    /** Intermediaries between one source and one sink. */
    minMiddle: int(2, 10_000),
    /** Max delay between a middle account receiving and forwarding. */
    hopWindowMs: ms,
    maxDegree: int(2, 1_000_000),
  }),
  gatherScatter: z.strictObject({
    enabled: z.boolean(),
    minIn: int(1, 10_000),
    minOut: int(1, 10_000),
    windowMs: ms,
    maxDegree: int(2, 1_000_000),
    /** Hub forwards between (1 - tolerance) and 1 + tolerance of what it gathered. */
    amountTolerance: ratio,
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
    maxLayers: int(3, 20),
    minMembers: int(3, 10_000),
    hopWindowMs: ms,
    /** A middle account forwards between (1 - tolerance) and 1 of what it received. */
    amountTolerance: ratio,
    maxDegree: int(2, 1_000_000),
  }),
  sharedIdentifier: z.strictObject({
    enabled: z.boolean(),
    minAccounts: int(2, 10_000),
    /** Identifiers shared by more accounts (a corporate NAT IP, a call-centre phone) are ignored. */
    maxAccountsPerIdentifier: int(2, 1_000_000),
  }),
  community: z.strictObject({
    enabled: z.boolean(),
    resolution: z.number().positive().max(100),
  }),
  /** Findings scored below this are dropped (0–100). */
  minScore: z.number().min(0).max(100),
}).superRefine((p, ctx) => {
  if (p.cycle.minLength > p.cycle.maxLength) {
    ctx.addIssue({ code: 'custom', path: ['cycle', 'minLength'], message: 'must be ≤ cycle.maxLength' });
  }
  if (p.stack.minLayers > p.stack.maxLayers) {
    ctx.addIssue({ code: 'custom', path: ['stack', 'minLayers'], message: 'must be ≤ stack.maxLayers' });
  }
  for (const k of ['fanOut', 'fanIn'] as const) {
    if (p[k].minDegree > p[k].maxDegree) {
      ctx.addIssue({ code: 'custom', path: [k, 'minDegree'], message: `must be ≤ ${k}.maxDegree` });
    }
  }
});

export type DetectorParams = z.infer<typeof detectorParamsSchema>;

/**
 * Defaults. Chosen on AMLGentex dev-10k steps 0–59 (train split) by `npm run eval -- --tune`;
 * time windows assume days as the unit of the simulation step.
 */
export const DEFAULT_DETECTOR_PARAMS: DetectorParams = {
  maxPairRepeats: 1,
  minAmount: 0,
  fanOut: { enabled: true, minDegree: 4, maxDegree: 60, windowMs: 21 * DAY },
  fanIn: { enabled: true, minDegree: 4, maxDegree: 60, windowMs: 21 * DAY },
  cycle: { enabled: true, minLength: 3, maxLength: 10, windowMs: 30 * DAY, maxExpansions: 20_000 },
  scatterGather: { enabled: true, minMiddle: 3, hopWindowMs: 10 * DAY, maxDegree: 60 },
  gatherScatter: { enabled: true, minIn: 2, minOut: 2, windowMs: 15 * DAY, maxDegree: 60, amountTolerance: 0.15 },
  bipartite: { enabled: true, minSources: 2, minTargets: 2, minDensity: 0.75, windowMs: 10 * DAY, maxDegree: 60 },
  stack: {
    enabled: true, minLayers: 4, maxLayers: 8, minMembers: 4, hopWindowMs: 10 * DAY, amountTolerance: 0.15, maxDegree: 60,
  },
  sharedIdentifier: { enabled: true, minAccounts: 3, maxAccountsPerIdentifier: 20 },
  community: { enabled: true, resolution: 1 },
  minScore: 0,
};

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

function deepMerge(base: Plain, over: Plain): Plain {
  const out: Plain = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isPlain(v) && isPlain(base[k]) ? deepMerge(base[k] as Plain, v) : v;
  return out;
}

/**
 * Validates a (possibly partial) parameter object over the defaults. Throws AppError('validation')
 * with one `{path, message}` per problem, e.g. `{path: 'cycle.maxLength', message: 'Too big: …'}`.
 */
export function parseDetectorParams(input: unknown, base: DetectorParams = DEFAULT_DETECTOR_PARAMS): DetectorParams {
  if (input !== undefined && !isPlain(input)) {
    throw new AppError('validation', 'detector parameters must be an object', [{ path: '', message: 'expected an object' }]);
  }
  const merged = deepMerge(base as unknown as Plain, (input ?? {}) as Plain);
  const r = detectorParamsSchema.safeParse(merged);
  if (r.success) return r.data;
  throw new AppError(
    'validation',
    'invalid detector parameters',
    r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  );
}
