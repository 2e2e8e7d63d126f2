import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestContainer } from '../../test/helpers/container.ts';
import type { DialectName } from '../../test/helpers/db.ts';
import { DAY, INST, seed, T0 } from '../../test/helpers/rings.ts';
import { DEFAULT_DETECTOR_PARAMS } from '../graph/index.ts';
import { mineInThread } from './mine-thread.ts';
import { mineStoredWindow, type MineProgress } from './mine-window.ts';
import { RingsRepository } from './rings.repository.ts';

// 'A' (a member of the seeded cycle) is on the known-bad list: the thread must mine with the list too.
const window = { institutionId: INST, from: T0, to: T0 + 30 * DAY, params: DEFAULT_DETECTOR_PARAMS, knownBad: ['A'] };

for (const dialect of ['sqlite-file', 'postgres'] as DialectName[]) {
  describe(`ring mining on a thread of its own (${dialect})`, async () => {
    const c = await createTestContainer(dialect);
    afterAll(async () => { await c?.close(); });

    it.skipIf(!c)('reads through its own connection and finds what mining on the caller\'s thread finds', async () => {
      await seed(c!);
      // Three accounts of the planted fan-out share a device: the shared-identifier detector reads them too.
      await c!.database.db.insertInto('account_identifiers').values(['M1', 'M2', 'M3'].map((account_id) => ({
        institution_id: INST, account_id, kind: 'device', value_hash: 'h-device-1',
      }))).execute();
      expect(c!.database.sameData).not.toBeNull();
      const steps: Parameters<MineProgress>[] = [];
      const threaded = await mineInThread(c!.database.sameData!, window, (...p) => steps.push(p));
      const here = await mineStoredWindow(c!.database.db, new RingsRepository(), window);
      expect(threaded.transactions).toBe(here.transactions);
      expect(threaded.findings).toEqual(here.findings);
      expect(threaded.rings).toEqual(here.rings);
      expect(threaded.graph).toEqual(here.graph);
      expect(threaded.graph.badDistance[threaded.graph.accounts.indexOf('A')]).toBe(0);
      expect(threaded.findings.map((f) => f.typology)).toEqual(expect.arrayContaining(['cycle', 'fan_out', 'shared_identifier']));
      expect(steps.some(([phase, done, total]) => phase === 'load' && done === total && total === here.transactions)).toBe(true);
      expect(steps.filter(([phase]) => phase === 'mine').map(([, , , step]) => step)).toContain('score');
    });
  });
}

describe('ring mining thread failures', () => {
  it('rejects with the reason when the thread cannot open the data', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-miner-'));
    try {
      // A directory is not a database file.
      await expect(mineInThread({ sqlitePath: dir, secondary: true }, window)).rejects.toThrow(/ring mining thread: .*(unable to open|directory)/i);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
