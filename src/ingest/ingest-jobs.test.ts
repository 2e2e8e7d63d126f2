import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { fixedClock } from '../domain/clock.ts';
import { AppError } from '../shared/errors.ts';
import type { FileProgress } from './file-ingest.service.ts';
import { IngestJobRepository } from './ingest-jobs.repository.ts';
import { IngestJobs, JOB_STALE_MS, type NewIngestJob } from './ingest-jobs.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const job = (id: string): NewIngestJob => ({ id, institutionId: 'inst_demo', fileName: 'feed.csv', format: 'csv', bytesTotal: 1_000, createdBy: 'usr_1' });
const progress = (processed: number): FileProgress => ({ bytesRead: processed * 10, bytesTotal: 1_000, processed, accepted: processed - 1, duplicates: 0, quarantined: 1 });

describe.each(DIALECTS)('ingest jobs on %s', (dialect) => {
  const dbs: TestDatabase[] = [];
  afterEach(async () => { while (dbs.length) await dbs.pop()!.close(); });
  async function setup() {
    const db = await openTestDatabase(dialect);
    if (!db) return null;
    dbs.push(db);
    const clock = fixedClock(NOW);
    return { clock, jobs: new IngestJobs({ clock, repo: new IngestJobRepository(db.db) }), other: new IngestJobs({ clock, repo: new IngestJobRepository(db.db) }) };
  }

  it('stores progress while the file runs, readable by another server on the database, then the outcome', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    let release!: () => void;
    const halfway = new Promise<void>((r) => { release = r; });
    let reported!: () => void;
    const reportedHalf = new Promise<void>((r) => { reported = r; });
    const running = s.jobs.run(job('job-0001'), async (report) => {
      report(progress(50));
      reported();
      await halfway;
      report(progress(100));
      return progress(100);
    });
    await reportedHalf;
    let seen;
    for (let i = 0; i < 100 && seen?.processed !== 50; i++) {
      seen = await s.other.get('inst_demo', 'job-0001');
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(seen).toMatchObject({ status: 'running', processed: 50, accepted: 49, quarantined: 1, fileName: 'feed.csv' });
    release();
    expect(await running).toMatchObject({ status: 'done', processed: 100, accepted: 99, error: null, finishedAt: NOW });
    expect(await s.other.get('inst_demo', 'job-0001')).toMatchObject({ status: 'done', processed: 100 });
    expect(await s.other.get('inst_other', 'job-0001')).toBeUndefined(); // jobs are per institution
  });

  it('stores a failure with its reason, and refuses a job id already used', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    await expect(s.jobs.run(job('job-0002'), async (report) => { report(progress(10)); throw new Error('line 12: stream ended inside a quoted field'); }))
      .rejects.toThrow('line 12');
    expect(await s.jobs.get('inst_demo', 'job-0002')).toMatchObject({ status: 'failed', error: 'line 12: stream ended inside a quoted field', processed: 10 });
    const again = await s.jobs.run(job('job-0002'), async () => progress(1)).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(AppError);
    expect((again as AppError).kind).toBe('conflict');
  });

  it('reports a job whose process stopped sending signs of life as interrupted', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    // A process that died mid-file: its job row stays 'running' and no heartbeat follows.
    await new IngestJobRepository(dbs[0].db).insert({ ...job('job-0003'), ...progress(20), status: 'running', error: null, startedAt: NOW, finishedAt: null, updatedAt: NOW });
    expect((await s.jobs.get('inst_demo', 'job-0003'))?.status).toBe('running');
    s.clock.advance(JOB_STALE_MS + 1);
    expect(await s.jobs.get('inst_demo', 'job-0003')).toMatchObject({ status: 'interrupted', processed: 20, error: expect.stringContaining('upload it again') });
  });

  it('keeps a long job alive with heartbeats', async (ctx) => {
    const s = await setup();
    if (!s) return ctx.skip();
    const beating = new IngestJobs({ clock: s.clock, repo: new IngestJobRepository(dbs[0].db), heartbeatMs: 10 });
    let release!: () => void;
    const running = beating.run(job('job-0004'), async () => { await new Promise<void>((r) => { release = r; }); return progress(1); });
    s.clock.advance(JOB_STALE_MS + 1);
    let status;
    for (let i = 0; i < 200 && status !== 'running'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      status = (await s.other.get('inst_demo', 'job-0004'))?.status;
    }
    expect(status).toBe('running'); // the heartbeat after the clock moved on
    release();
    expect((await running).status).toBe('done');
  });
});
