import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { amlsimRunTypology, loadAmlsim } from './amlsim.ts';
import { truthRings } from './ring-eval.ts';

describe('loadAmlsim', () => {
  // Flagged: f1→hub and f2→hub (a fan-in, at their fraud steps), c1→c2→c3 (a cycle part sent at
  // steps 5 and 9), c3 also repeats a transfer to c1 within step 7 although its fraudStep is 30.
  // f1 → c1 at step 2 is an ordinary payment between two flagged accounts: not laundering.
  const dir = mkdtempSync(join(tmpdir(), 'amlsim-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'nodes.csv'), [
    'nodeid,isFraud,init_balance,fraudStep', 'f1,1,100,3', 'f2,1,100,4', 'hub,1,100,-1',
    'c1,1,100,5', 'c2,1,100,9', 'c3,1,100,30', 'n1,0,100,-1', 'n2,0,100,-1', '',
  ].join('\r\n'));
  writeFileSync(join(dir, 'transactions.csv'), [
    'sourceNodeId,targetNodeId,value,time',
    'f1,c1,290.5,2', 'f1,hub,4.1,3', 'f1,hub,4.3,3', 'f2,hub,3.9,4', 'c1,c2,12.5,5', 'c2,c3,12.5,9',
    'c3,n1,300,7', 'n1,n2,250,8', 'hub,c3,280,10', '',
  ].join('\r\n'));

  it('labels laundering transfers by the sender\'s fraud step, not by both ends being flagged', () => {
    const d = loadAmlsim(dir, 'mixed')!;
    expect(d.accountCount).toBe(8);
    expect(d.rows.filter((r) => r.sar).map((r) => `${r.src}>${r.dst}`)).toEqual(['f1>hub', 'f1>hub', 'f2>hub', 'c1>c2', 'c2>c3']);
    expect(d.badAccounts!.size).toBe(6);
  });

  it('counts a repeated transfer within one step between flagged accounts as laundering', () => {
    writeFileSync(join(dir, 'transactions.csv'), 'sourceNodeId,targetNodeId,value,time\nc3,c1,12.5,7\nc3,c1,12.5,7\nc3,c1,12.5,8\n');
    const d = loadAmlsim(dir, 'cycle')!;
    expect(d.rows.map((r) => r.sar)).toEqual([true, true, false]);
  });

  it('makes one ring per component and reads the typology of the mixed run off its shape', () => {
    writeFileSync(join(dir, 'transactions.csv'), [
      'sourceNodeId,targetNodeId,value,time', 'f1,c1,290.5,2', 'f1,hub,4.1,3', 'f2,hub,3.9,4', 'c1,c2,12.5,5', 'c2,c3,12.5,9',
    ].join('\n'));
    const d = loadAmlsim(dir, 'mixed')!;
    const rings = truthRings(d.rows, d.ringTypology).map((r) => [r.typology, [...r.accounts].sort().join(' ')]).sort();
    expect(rings).toEqual([['cycle', 'c1 c2 c3'], ['fan_in', 'f1 f2 hub']]);
    expect(amlsimRunTypology('/x/20K_fanin200cycle200/')).toBe('mixed');
    expect(amlsimRunTypology('/x/20K_cycle200')).toBe('cycle');
  });
});
