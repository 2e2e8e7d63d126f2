import { describe, expect, it } from 'vitest';
import { createIdGenerator } from './ids.ts';

describe('ids', () => {
  it('are prefixed, unique and sort in creation order', () => {
    const next = createIdGenerator();
    const ids = Array.from({ length: 20_000 }, () => next('txn'));
    expect(ids.every((id) => /^txn_[0-9A-HJKMNP-TV-Z]{26}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('draw the random part from the whole alphabet (two generators do not repeat each other)', () => {
    const a = createIdGenerator(), b = createIdGenerator();
    const ra = a('job').slice(-16), rb = b('job').slice(-16);
    expect(ra).not.toBe(rb);
    // First characters of fresh random parts over many generators cover the 32 symbols.
    const firsts = new Set(Array.from({ length: 2_000 }, () => createIdGenerator()('job').slice(-16)[0]));
    expect(firsts.size).toBe(32);
  });
});
