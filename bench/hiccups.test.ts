import { describe, expect, it } from 'vitest';
import { measureHiccups, probe } from './hiccups.ts';

describe('hiccup probe (the machine\'s latency floor)', () => {
  it('reports the time a stopped probe did not run as one gap', async () => {
    const r = await probe(0.6, (pid) => {
      setTimeout(() => {
        process.kill(pid, 'SIGSTOP');
        setTimeout(() => process.kill(pid, 'SIGCONT'), 80);
      }, 100);
    });
    expect(r.maxMs).toBeGreaterThanOrEqual(70);
    expect(r.over5ms).toBeGreaterThanOrEqual(1);
    expect(r.lostMs).toBeGreaterThanOrEqual(r.maxMs);
    expect(r.seconds).toBe(0.6);
  });

  it('sums probes per probe and per 10 s', async () => {
    const r = await measureHiccups(0.3, 2);
    expect(r.probes).toBe(2);
    expect(r.lostShare).toBeGreaterThanOrEqual(0);
    expect(r.lostShare).toBeLessThan(1);
    expect(r.over5msPer10s).toBeLessThanOrEqual(r.over1msPer10s);
  });
});
