import { AppError } from '../shared/errors.ts';
import type { Decision, ScenarioHit, ScoreResult, Transaction } from '../domain/transaction.ts';
import { resolveFeature, type FeatureFn, type Need } from './features/catalogue.ts';
import { newSideCtx, STORE_KINDS, type ProfileInfo, type SideCtx, type StoreKind } from './features/context.ts';
import { DEFAULT_FX_TABLE, type FxTable } from './fx.ts';
import type { AccountProfile, GraphLookup, ProfileLookup } from './profile.ts';
import { compileScenario, type BoundScenario, type CompiledScenario } from './rules/compile.ts';
import type { ScenarioDef } from './rule.schema.ts';
import { DEFAULT_SCORING, maxDecision, scoreHits, type ScoringConfig } from './scoring.ts';
import { EntityStore, PAGE_BITS, PAGE_MASK, type EntityStoreSizes } from './state/entity-store.ts';
import { runSteps, SnapshotReader, SnapshotWriter, type Steps } from './state/snapshot-stream.ts';
import { DIM, NDIMS, F } from './state/flags.ts';
import { hashKey, Interner } from './state/interner.ts';
import { buildLayouts } from './state/layout.ts';
import { PBOC_2016_THRESHOLDS, resolveThresholds, type LargeValueThresholds } from './thresholds.ts';
import { CST_OFFSET_MINUTES, MINUTE } from './time.ts';
import { TxnEncoder } from './encode.ts';
import { buildSidePlan, candidates, inlineChecks, passes, SRC_STORES } from './inline-checks.ts';

export interface EngineOptions {
  profiles: ProfileLookup;
  /** Graph features of accounts (ring mining's latest run) for the `graph_*` features; none: they read 0. */
  graph?: GraphLookup;
  /** Active scenarios (compiled or raw documents). */
  scenarios: ReadonlyArray<CompiledScenario | unknown>;
  fx?: FxTable;
  thresholds?: LargeValueThresholds;
  scoring?: ScoringConfig;
  /** Local time offset for calendar days and night hours; default UTC+8. */
  utcOffsetMinutes?: number;
  /**
   * Attach the evaluation trace to each hit (default true): as `trace` (objects), or with
   * `'json'` as `traceJson`, the same trace as JSON text in its stored form (rules/trace-form.ts;
   * what storing a hit needs; ingest).
   */
  explain?: boolean | 'json';
}

/**
 * The engine's state at one moment: a small JSON-safe head (what was snapshotted and the sizes
 * reading it back needs) and the state's bytes in parts of at most SNAPSHOT_PART_BYTES
 * (state/snapshot-stream.ts), copied, so the engine goes on while they are stored.
 */
export interface EngineSnapshot {
  format: 'outpost-engine/2';
  layout: string;
  observed: number;
  sizes: {
    /** Keys per interner. */
    interners: Record<string, number>;
    stores: Partial<Record<StoreKind, EntityStoreSizes>>;
  };
  parts: Uint8Array[];
}

/** A ScenarioHit with the side and account it fired on (additive to the domain type). */
export type EngineHit = ScenarioHit & { side: 'debit' | 'credit'; accountId: string };
export type EngineResult = ScoreResult & { hits: EngineHit[] };

export interface Engine {
  /** Updates the windows with the transaction, then evaluates the active scenarios on both sides. */
  score(txn: Transaction): EngineResult;
  /** Updates the windows only (replay after a restart). */
  observe(txn: Transaction): void;
  snapshot(): EngineSnapshot;
  /**
   * snapshot() in steps of a few MiB each (state/snapshot-stream.ts), for a caller that lets other
   * work in between; the engine must not be used until the steps end.
   */
  snapshotSteps(): Steps<EngineSnapshot>;
  /**
   * What createEngine(opts, snapshot) does, in steps, into an engine created without one and not
   * used yet (refused otherwise); a snapshot of other settings is refused as in createEngine.
   */
  restoreSteps(snapshot: EngineSnapshot): Steps;
  /** Features the active scenarios read (the only ones maintained). */
  readonly features: readonly string[];
  readonly scenarios: readonly ScenarioDef[];
  /** Number of transactions observed or scored since creation (including a restored snapshot). */
  readonly observed: number;
}

/** The engine's interners, in the order a snapshot holds them. */
const INTERNER_KINDS = ['account', 'customer', 'device', 'ip', 'branch', 'location'] as const;

const isCompiled = (x: unknown): x is CompiledScenario => typeof x === 'object' && x !== null && 'bind' in x && 'features' in x;

export function createEngine(opts: EngineOptions, snapshot?: EngineSnapshot): Engine {
  const fx = opts.fx ?? DEFAULT_FX_TABLE;
  const offsetMs = (opts.utcOffsetMinutes ?? CST_OFFSET_MINUTES) * MINUTE;
  const scoring = opts.scoring ?? DEFAULT_SCORING;
  const explain = opts.explain ?? true;
  const asJson = explain === 'json';
  const compiled = opts.scenarios.map((s) => (isCompiled(s) ? s : compileScenario(s)));
  const ids = new Set<string>();
  for (const c of compiled) {
    if (ids.has(c.def.id)) throw new AppError('validation', `duplicate scenario id ${c.def.id}`, [{ path: 'scenarios', message: `duplicate id ${c.def.id}` }]);
    ids.add(c.def.id);
  }

  // Feature set → minimal store layouts.
  const featureNames = [...new Set(compiled.flatMap((c) => c.features))].sort();
  const needs: Need[] = featureNames.flatMap((n) => resolveFeature(n)!.needs);
  const layouts = buildLayouts(needs);
  const stores: Partial<Record<StoreKind, EntityStore>> = {};
  for (const k of STORE_KINDS) if (layouts[k]) stores[k] = new EntityStore(layouts[k]!, offsetMs);
  // Everything baked into the stored state: a snapshot restores only into the same settings.
  const thresholds = opts.thresholds ?? PBOC_2016_THRESHOLDS;
  // `state` is the version of the stores' binary layout (5: last-value caches in the rows,
  // 56-byte mixed Float64/Int32 event records with the next event's time, rows in pages;
  // 6: records count the windows they have left; 7: coalesced repeats in distinct-only stores;
  // 8: device and IP rows hold their sole account without events until a second one arrives).
  const layoutKey = JSON.stringify({ state: 8, layouts, offsetMs, fx, thresholds });

  const interners: Record<(typeof INTERNER_KINDS)[number], Interner> = {
    account: new Interner(true), customer: new Interner(true), device: new Interner(true), ip: new Interner(true),
    branch: new Interner(), location: new Interner(),
  };

  // Feature accessors, memoised per side evaluation.
  const featureIndex = new Map<string, number>();
  const accessors: FeatureFn[] = [];
  const env = {
    store: (k: StoreKind) => stores[k]!,
    win: (k: StoreKind, w: string) => stores[k]!.layout.windows.indexOf(w as never),
    offsetMs,
    graph: (slot: number) => opts.graph?.account(interners.account.keys[slot]),
  };
  const get = (name: string): FeatureFn => {
    let i = featureIndex.get(name);
    if (i === undefined) {
      i = accessors.length;
      featureIndex.set(name, i);
      const raw = resolveFeature(name)!.build(env);
      const idx = i;
      accessors.push((c) => {
        if (c.gen[idx] === c.stamp) return c.vals[idx];
        const v = raw(c);
        c.vals[idx] = v;
        c.gen[idx] = c.stamp;
        return v;
      });
    }
    return accessors[i];
  };
  const bound: BoundScenario[] = compiled.map((c) => c.bind(get, fx));
  const sideLists: BoundScenario[][] = [
    bound.filter((b) => b.def.side !== 'credit'),
    bound.filter((b) => b.def.side !== 'debit'),
  ];
  const ctxs: SideCtx[] = [newSideCtx(0, accessors.length), newSideCtx(1, accessors.length)];
  const acctStore = stores.account!;
  const sideChecks = sideLists.map((l) => l.map((b) => inlineChecks(b.def, stores, fx)));
  const sidePlans = sideChecks.map((l, i) => buildSidePlan(l, sideLists[i].map((b) => b.gate)));
  const candBits = sidePlans.map((p) => new Int32Array(p.words));
  const srcStores = SRC_STORES.map((k) => stores[k]);
  const enc = new TxnEncoder(fx, resolveThresholds(thresholds, fx), offsetMs);

  // Profile cache per account slot: what was derived from the caller's profile object, kept while
  // the lookup returns that same object (one array load and the entry, which is then read anyway).
  const NONE: ProfileInfo = {
    own: false, kind: 0, birthDate: null, birthYmd: NaN, openedAt: NaN, risk: 0, age55At: NaN, age60At: NaN, customer: -1, branch: -1, src: undefined,
  };
  const profCache: ProfileInfo[] = [];
  /**
   * Per account slot, two Int32 in one flat array: the lookup version the slot's entry was last
   * checked at (versioned lookups; -1: never) and the customer slot of its cached entry (-1: none).
   * update() reads the customer slot early to warm the customer's row together with the account
   * rows, instead of after following the entry object (a chain of dependent misses); it is only a
   * hint for that warm-up (the customer updated is the current profile's). The version check
   * later finds the same line in cache.
   */
  let slotMeta = new Int32Array(2048).fill(-1);
  const metaFor = (slot: number): void => {
    if (2 * slot + 1 < slotMeta.length) return;
    const grown = new Int32Array(Math.max(2 * slot + 2, slotMeta.length * 2)).fill(-1);
    grown.set(slotMeta);
    slotMeta = grown;
  };
  /** `p` is what the caller's lookup returned for the slot's account id. */
  const profileOf = (slot: number, p: AccountProfile | undefined): ProfileInfo | null => {
    let e = slot < profCache.length ? profCache[slot] : undefined;
    if (e === undefined || e.src !== p) {
      e = p ? enc.profileInfo(p, interners.customer.id(p.customerId), interners.branch.id(p.branchId)) : NONE;
      while (profCache.length < slot) profCache.push(NONE);
      profCache[slot] = e;
      metaFor(slot);
      slotMeta[2 * slot + 1] = e.customer;
    }
    return e === NONE ? null : e;
  };
  const lookupVersion = opts.profiles.version ? () => opts.profiles.version!() : null;
  /** The slot's profile, asking the lookup only when its version moved since the slot was last checked. */
  const profileAt = (slot: number, accountId: string, ver: number): ProfileInfo | null => {
    if (2 * slot < slotMeta.length && slotMeta[2 * slot] === ver) {
      const e = profCache[slot];
      return e === NONE ? null : e;
    }
    const info = profileOf(slot, opts.profiles.account(accountId));
    metaFor(slot);
    slotMeta[2 * slot] = ver;
    return info;
  };
  /** Loads the slot's cached profile entry early (see warm()). */
  const touchProfile = (slot: number): number => (slot >= 0 && slot < profCache.length ? profCache[slot].risk : 0);
  /** The customer slot update() warms for an account slot (see slotMeta). */
  const custHint = (slot: number): number => (slot >= 0 && 2 * slot < slotMeta.length ? slotMeta[2 * slot + 1] : -1);

  let observed = 0;
  function* restore(snap: EngineSnapshot): Steps {
    if (snap.format !== 'outpost-engine/2' || snap.layout !== layoutKey) {
      throw new AppError('conflict', 'engine snapshot was taken with other scenarios or settings; rebuild the state by replaying the log');
    }
    if (observed !== 0 || interners.account.size !== 0) throw new Error('a snapshot restores only into a fresh engine');
    const r = new SnapshotReader(snap.parts);
    for (const k of INTERNER_KINDS) yield* interners[k].readFrom(r, snap.sizes.interners[k] ?? 0);
    for (const k of STORE_KINDS) {
      const sizes = snap.sizes.stores[k];
      if (stores[k] && sizes) yield* stores[k]!.readFrom(r, sizes);
    }
    r.end();
    observed = snap.observed;
  }
  function* takeSnapshot(): Steps<EngineSnapshot> {
    const w = new SnapshotWriter();
    const sizes: EngineSnapshot['sizes'] = { interners: {}, stores: {} };
    for (const k of INTERNER_KINDS) sizes.interners[k] = yield* interners[k].writeTo(w);
    for (const k of STORE_KINDS) if (stores[k]) sizes.stores[k] = yield* stores[k]!.writeTo(w);
    return { format: 'outpost-engine/2', layout: layoutKey, observed, sizes, parts: w.finish() };
  }
  if (snapshot) runSteps(restore(snapshot));

  const keys = new Int32Array(NDIMS);
  const newBits = new Int32Array(NDIMS);
  newBits[DIM.CP_IN] = F.NEWCP; newBits[DIM.CP_OUT] = F.NEWCP; newBits[DIM.DEV] = F.NEWDEV; newBits[DIM.IP] = F.NEWIP;
  const custStore = stores.customer, devStore = stores.device, ipStore = stores.ip, branchStore = stores.branch;

  /** Receives row loads issued early (see EntityStore.warm) so the compiler keeps them. */
  let _sink = 0;

  function setKeys(side: number, acct: number, cp: number, loc: number, dev: number, ip: number): void {
    keys[DIM.CP_IN] = side === 1 ? cp : -1;
    keys[DIM.CP_OUT] = side === 0 ? cp : -1;
    keys[DIM.CP] = cp;
    keys[DIM.LOC] = loc;
    keys[DIM.DEV] = dev;
    keys[DIM.IP] = ip;
    keys[DIM.ACCT] = acct;
  }

  /** Updates every store; fills the two side contexts. Returns a bit mask of sides to evaluate. */
  function update(txn: Transaction): number {
    const t = txn.occurredAt;
    const amt = enc.amount(txn);
    const base = enc.baseFlags(txn, amt);
    // Hash every key and touch its interner slot first, then resolve them and touch the rows they
    // lead to: independent cache misses overlap (see Interner.peek, EntityStore.warm).
    const dk = txn.debitAccount, ck = txn.creditAccount, lk = txn.location, vk = txn.deviceId, ik = txn.ip;
    // Early loads are summed locally and stored once (a double kept in a closure variable is boxed:
    // every `_sink +=` would allocate a number).
    let sink = 0;
    // Touch every key string's characters before hashing any: a string not in cache costs one or
    // two dependent misses (a concatenated string points to its characters), which then overlap.
    sink += (dk ? dk.charCodeAt(0) : 0) + (ck ? ck.charCodeAt(0) : 0) + (vk ? vk.charCodeAt(0) : 0) + (ik ? ik.charCodeAt(0) : 0) + (lk ? lk.charCodeAt(0) : 0);
    const hd = dk ? hashKey(dk) : 0, hc = ck ? hashKey(ck) : 0;
    const hv = vk ? hashKey(vk) : 0, hi = ik ? hashKey(ik) : 0;
    sink += interners.account.peek(hd) + interners.account.peek(hc) + interners.device.peek(hv) + interners.ip.peek(hi);
    // The slots the keys most likely have (unverified): their rows, latest events, profile entries,
    // customer rows and counterparty pair slots are loaded while the interner's characters that
    // verify the keys are still arriving, one dependent miss earlier than from the verified slots.
    const gd = dk ? interners.account.guess(hd) : -1, gc = ck ? interners.account.guess(hc) : -1;
    const gv = vk ? interners.device.guess(hv) : -1, gi = ik ? interners.ip.guess(hi) : -1;
    sink += acctStore.warm(gd) + acctStore.warm(gc) + (devStore ? devStore.warm(gv) : 0) + (ipStore ? ipStore.warm(gi) : 0);
    const hcd = custHint(gd), hcc = custHint(gc);
    if (custStore) sink += custStore.warm(hcd) + custStore.warm(hcc);
    sink += touchProfile(gd) + touchProfile(gc);
    sink += acctStore.warmPair(gd, DIM.CP_OUT, gc) + acctStore.warmPair(gc, DIM.CP_IN, gd);
    // The caller's profile lookups (a Map costs cache misses of its own) while those misses are
    // outstanding; with a versioned lookup only for slots not checked at its current version (below).
    const ver = lookupVersion ? lookupVersion() : -1;
    const pdRaw = ver < 0 && dk ? opts.profiles.account(dk) : undefined;
    const pcRaw = ver < 0 && ck ? opts.profiles.account(ck) : undefined;
    const d = dk ? interners.account.idHashed(dk, hd) : -1;
    const cr = ck ? interners.account.idHashed(ck, hc) : -1;
    const dev = vk ? interners.device.idHashed(vk, hv) : -1;
    const ip = ik ? interners.ip.idHashed(ik, hi) : -1;
    // A wrong guess (a new key, or another key in the first slot) is warmed now.
    if (d !== gd) sink += acctStore.warm(d) + touchProfile(d);
    if (cr !== gc) sink += acctStore.warm(cr) + touchProfile(cr);
    if (dev !== gv && devStore) sink += devStore.warm(dev);
    if (ip !== gi && ipStore) sink += ipStore.warm(ip);
    if (d !== gd || cr !== gc) sink += acctStore.warmPair(d, DIM.CP_OUT, cr) + acctStore.warmPair(cr, DIM.CP_IN, d);
    const loc = lk ? interners.location.id(lk) : -1;
    const pd = d < 0 ? null : ver < 0 ? profileOf(d, pdRaw) : profileAt(d, dk!, ver);
    const pc = cr < 0 ? null : ver < 0 ? profileOf(cr, pcRaw) : profileAt(cr, ck!, ver);
    // A profile seen for the first time (or changed) has its customer's row warmed only now.
    if (custStore) {
      if (pd && pd.customer !== hcd) sink += custStore.warm(pd.customer);
      if (pc && pc.customer !== hcc) sink += custStore.warm(pc.customer);
    }
    _sink = sink;
    let evalMask = 0, evGen = 0, firstFlags = 0;
    for (let side = 0; side < 2; side++) {
      const acct = side === 0 ? d : cr;
      if (acct < 0) continue;
      const cp = side === 0 ? cr : d;
      const prof = side === 0 ? pd : pc;
      const cpProf = side === 0 ? pc : pd;
      const flags = base | enc.sideFlags(txn, amt, side, prof, cpProf);
      if (side === 0 || d < 0) firstFlags = flags;
      setKeys(side, acct, cp, loc, side === 0 || d < 0 ? dev : -1, side === 0 || d < 0 ? ip : -1);
      const ev = acctStore.add(acct, t, amt, flags, keys, newBits);
      if (side === 0) evGen = acctStore.compactions;
      if (custStore && prof) custStore.add(prof.customer, t, amt, flags, keys, newBits);
      const c = ctxs[side];
      c.t = acctStore.last(acct); c.amt = amt; c.flags = acctStore.evFlags(ev); c.txn = txn;
      c.acct = acct; c.cust = prof ? prof.customer : -1; c.cp = cp; c.dev = dev; c.ip = ip;
      c.acctEv = ev; c.prof = prof; c.cpProf = cpProf;
      c.branch = -1;
      if (prof && prof.own) evalMask |= 1 << side;
    }
    // The credit side's movement may have compacted the arena after the debit side's was added:
    // renumber the debit side's event (features skip the current movement by its index).
    if (d >= 0 && evGen !== acctStore.compactions) ctxs[0].acctEv = acctStore.moved(ctxs[0].acctEv, evGen);
    // Device, IP and branch see the transaction once, from the initiating (debit, else credit) side.
    const side = d >= 0 ? 0 : 1;
    const acct = side === 0 ? d : cr;
    const prof = side === 0 ? pd : pc;
    if (acct >= 0 && (devStore || ipStore || branchStore)) {
      const flags = firstFlags; // the initiating side's flags, computed above
      setKeys(side, acct, side === 0 ? cr : d, loc, dev, ip);
      if (devStore && dev >= 0) devStore.add(dev, t, amt, flags, keys, newBits);
      if (ipStore && ip >= 0) ipStore.add(ip, t, amt, flags, keys, newBits);
      const br = txn.branchId ? interners.branch.id(txn.branchId) : prof ? prof.branch : -1;
      if (branchStore && br >= 0) branchStore.add(br, t, amt, flags, keys, newBits);
      ctxs[0].branch = br; ctxs[1].branch = br;
    }
    observed++;
    return evalMask;
  }

  // Reused between transactions: most evaluations fire nothing and should allocate nothing.
  const scratchHits: EngineHit[] = [];
  const scratchMins: (Decision | undefined)[] = [];

  function evaluate(side: number, hits: EngineHit[], mins: (Decision | undefined)[]): void {
    const c = ctxs[side];
    c.stamp = (c.stamp + 1) | 0;
    const list = sideLists[side], checks = sideChecks[side];
    const arow = acctStore.pages[c.acct >>> PAGE_BITS], abase = (c.acct & PAGE_MASK) * acctStore.stride;
    const flags = c.flags, kind = c.prof ? c.prof.kind : -2;
    // Candidates first (one indexed conjunct per scenario, see SidePlan), then each candidate in
    // scenario order through its gate, all its inline checks and its compiled test.
    const cand = candBits[side];
    candidates(sidePlans[side], cand, c, flags, kind, arow, abase, srcStores);
    for (let w = 0; w < cand.length; w++) {
      let bits = cand[w];
      while (bits !== 0) {
        const i = (w << 5) | (31 - Math.clz32(bits & -bits));
        bits &= bits - 1;
        const s = list[i];
        const g = s.gate;
        if ((flags & g.req) !== g.req || (flags & g.forb) !== 0 || (g.kind >= 0 && g.kind !== kind)) continue;
        const fc = checks[i];
        if (fc.length !== 0 && !passes(fc, c, arow, abase, srcStores)) continue;
        if (!s.test(c)) continue;
        hits.push({
          scenarioId: s.def.id, version: s.def.version, severity: s.def.severity, typology: s.def.typology,
          score: s.def.weight, reason: s.reason(c),
          trace: explain && !asJson ? s.trace(c) : undefined, traceJson: asJson ? s.traceJson(c) : undefined,
          side: side === 0 ? 'debit' : 'credit', accountId: interners.account.keys[c.acct],
        });
        mins.push(s.def.minDecision);
      }
    }
  }

  return {
    features: featureNames,
    scenarios: compiled.map((c) => c.def),
    get observed() { return observed; },
    observe(txn) { update(txn); },
    score(txn) {
      const mask = update(txn);
      if (mask === 0) return { decision: 'allow', score: 0, hits: [] };
      let decision: Decision = 'allow', score = 0;
      let all: EngineHit[] | null = null;
      for (let side = 0; side < 2; side++) {
        if (!(mask & (1 << side))) continue;
        // Setting an array's length is a runtime call even when it does not change; most
        // evaluations fire nothing, so the arrays are usually empty already.
        if (scratchHits.length !== 0) { scratchHits.length = 0; scratchMins.length = 0; }
        evaluate(side, scratchHits, scratchMins);
        if (scratchHits.length === 0) continue;
        const r = scoreHits(scratchHits, scratchMins, scoring);
        score = Math.max(score, r.score);
        decision = maxDecision(decision, r.decision);
        // A copy of the exact size (an empty array grown by push reserves room for 17 entries).
        if (all === null) all = scratchHits.slice();
        else for (const h of scratchHits) all.push(h);
      }
      return { decision, score, hits: all ?? [] };
    },
    snapshot: () => runSteps(takeSnapshot()),
    snapshotSteps: takeSnapshot,
    restoreSteps: restore,
  };
}
