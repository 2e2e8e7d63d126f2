import { describe, expect, it } from 'vitest';
import { Utf8Writer } from './utf8-writer.ts';

describe('Utf8Writer', () => {
  it('writes the UTF-8 of its pieces in order, growing past its first capacity', () => {
    const pieces = ['{"a":', '"该设备 30 天内操作 3 个账户"', ',', '"emoji 🏦 and é"', '', 'x'.repeat(5_000), '"\u{10FFFF}\uFFFD"', '}'];
    const w = new Utf8Writer(8);
    for (const p of pieces) w.write(p);
    expect(w.bytes().equals(Buffer.from(pieces.join(''), 'utf8'))).toBe(true);
    expect(w.bytes().toString('utf8')).toBe(pieces.join(''));
  });

  it('is empty before anything is written', () => {
    expect(new Utf8Writer().bytes().length).toBe(0);
  });
});
