import { describe, expect, it } from 'vitest';
import { WriteGate } from './write-gate.ts';

const tick = () => new Promise((r) => setImmediate(r));

describe('WriteGate', () => {
  it('signals quiet at once when no writer is inside, and holds new writers until opened', async () => {
    const g = new WriteGate();
    let quiet = 0;
    g.close(() => quiet++);
    expect(quiet).toBe(1);
    let entered = false;
    void g.enter().then(() => { entered = true; });
    await tick();
    expect(entered).toBe(false);
    g.open();
    await tick();
    expect(entered).toBe(true);
  });

  it('waits for the writers inside to leave before signalling quiet', async () => {
    const g = new WriteGate();
    await g.enter();
    await g.enter();
    let quiet = 0;
    g.close(() => quiet++);
    g.leave();
    expect(quiet).toBe(0);
    g.leave();
    expect(quiet).toBe(1);
    g.open();
  });

  it('opens by itself after the longest pause', async () => {
    const g = new WriteGate(20);
    g.close(() => undefined);
    const t0 = Date.now();
    await g.enter();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(15);
    expect(g.isClosed).toBe(false);
    g.leave();
  });
});
