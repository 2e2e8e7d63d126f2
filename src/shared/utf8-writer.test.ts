import { describe, expect, it } from 'vitest';
import { utf8Bytes } from './utf8-writer.ts';

describe('utf8Bytes', () => {
  it('is the UTF-8 of the pieces in order, past the scratch buffer\'s size', () => {
    const pieces = ['{"a":', '"该设备 30 天内操作 3 个账户"', ',', '"emoji 🏦 and é"', '', 'x'.repeat(100_000), '"\u{10FFFF}\uFFFD"', '}'];
    const bytes = utf8Bytes((write) => { for (const p of pieces) write(p); });
    expect(bytes.equals(Buffer.from(pieces.join(''), 'utf8'))).toBe(true);
  });

  it('returns bytes of their own: the next text does not change the last', () => {
    const first = utf8Bytes((write) => write('first answer'));
    const second = utf8Bytes((write) => write('SECOND'));
    expect(first.toString()).toBe('first answer');
    expect(second.toString()).toBe('SECOND');
  });

  it('keeps a text built inside another apart from it', () => {
    let inner: Buffer | undefined;
    const outer = utf8Bytes((write) => {
      write('outer ');
      inner = utf8Bytes((w) => w('inner'));
      write('end');
    });
    expect(outer.toString()).toBe('outer end');
    expect(inner!.toString()).toBe('inner');
  });

  it('is empty when nothing is written', () => {
    expect(utf8Bytes(() => {}).length).toBe(0);
  });
});
