import { describe, expect, it } from 'vitest';
import { OwnPositions } from './own-positions.ts';

describe('own log positions (which gaps the engine need not read)', () => {
  it('covers a gap filled here for other institutions, not one with own rows or foreign positions', () => {
    const own = new OwnPositions();
    own.add(1, 10, 'A');   // 1–10 A
    own.add(11, 5, 'B');   // 11–15 B
    own.add(16, 5, 'C');   // 16–20 C
    own.add(31, 10, 'B');  // 31–40 B; 21–30 were reserved by another process
    expect(own.othersOnly(10, 20, 'A')).toBe(true);
    expect(own.othersOnly(10, 20, 'B')).toBe(false); // B's own rows in the gap (an engine built before them)
    expect(own.othersOnly(10, 25, 'A')).toBe(false); // 21–25 foreign
    expect(own.othersOnly(30, 40, 'A')).toBe(true);
    expect(own.othersOnly(40, 40, 'A')).toBe(true);  // empty gap
    expect(own.othersOnly(0, 10, 'B')).toBe(true);
    expect(own.othersOnly(40, 41, 'A')).toBe(false); // beyond what is known
  });

  it('forgets the positions of a rolled-back transaction, which will be reserved again', () => {
    const own = new OwnPositions();
    own.add(1, 10, 'A');
    own.add(11, 10, 'B');
    own.forgetFrom(11);
    expect(own.othersOnly(10, 20, 'A')).toBe(false); // another process may reserve 11–20 now
    own.add(11, 4, 'C');
    expect(own.othersOnly(10, 14, 'A')).toBe(true);
    own.add(15, 10, 'C');
    own.forgetFrom(20); // part of a merged range
    expect(own.othersOnly(10, 19, 'A')).toBe(true);
    expect(own.othersOnly(10, 20, 'A')).toBe(false);
  });

  it('keeps only recent ranges', () => {
    const own = new OwnPositions(2);
    own.add(1, 1, 'A');
    own.add(2, 1, 'B');
    own.add(3, 1, 'A');
    expect(own.othersOnly(1, 2, 'A')).toBe(true);
    expect(own.othersOnly(0, 2, 'C')).toBe(false); // position 1 no longer known
  });
});
