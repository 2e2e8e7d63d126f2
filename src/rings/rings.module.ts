import type { Module } from '../app/module.ts';
import { getService, type Container } from '../app/container.ts';
import { ringJobConfig } from './rings.config.ts';
import { RingsRepository, type Tx } from './rings.repository.ts';
import { ringsRoutes } from './rings.routes.ts';
import { RingsService } from './rings.service.ts';
import { mineInThread } from './mine-thread.ts';
import { storedGraphFeatures, type GraphFeatureCache } from './graph-features.cache.ts';
import { KnownBadRepository } from './known-bad.repository.ts';
import { KnownBadService } from './known-bad.service.ts';
import { scheduleRingMining } from './rings.schedule.ts';

/** The scoring engine's graph features of an institution (`graph_*`), when the rings module is loaded. */
export function ringsGraphOf(c: Container): GraphFeatureCache | undefined {
  return c.services.get('ringsGraph') as GraphFeatureCache | undefined;
}

/** Ring (团伙) mining: findings API, detector parameters, and the scheduled mining job. */
export const ringsModule: Module = {
  name: 'rings',
  init(c) {
    const db = c.database.db;
    // Mining runs on a thread of its own with its own connection; an in-memory database (tests)
    // has no second connection, so it mines on this thread.
    const sameData = c.database.sameData;
    const repo = new RingsRepository();
    const run = <T>(fn: (tx: Tx) => Promise<T>) => db.transaction().execute(fn);
    const stored = (institutionId: string): Promise<void> => graph.reload(institutionId);
    const knownBad = new KnownBadService({
      db, run, repo: new KnownBadRepository(), clock: c.clock, audit: c.audit, changes: c.changes,
      listChanged: (institutionId) => graph.reloadList(institutionId),
    });
    const graph: GraphFeatureCache = storedGraphFeatures(db);
    c.services.set('rings', new RingsService({
      db, reader: c.database.reader, run, repo, clock: c.clock, ids: c.ids, audit: c.audit, changes: c.changes,
      miner: sameData ? (w, progress) => mineInThread(sameData, w, progress) : undefined,
      stored, knownBad: (institutionId) => knownBad.accountIds(institutionId),
    }));
    c.services.set('ringsKnownBad', knownBad);
    c.services.set('ringsGraph', graph);
    // Another process stored a run (this process's copy is replaced) or changed the known-bad list
    // (the list is read again and applied to the copy).
    c.changes.on('rings', (institutionId) => graph.reload(institutionId));
    c.changes.on('known_bad', (institutionId) => graph.reloadList(institutionId));
  },
  routes(app, c) {
    ringsRoutes(app, getService<RingsService>(c, 'rings'), getService<KnownBadService>(c, 'ringsKnownBad'));
  },
  start(c) {
    const job = ringJobConfig();
    if (job.intervalMs === 0) return;
    c.onClose(scheduleRingMining(c, job));
  },
};
