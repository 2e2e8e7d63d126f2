import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digestHex } from './digest.ts';

describe('digestHex', () => {
  it('gives the standard SM3 and SHA-256 digests (GB/T 32905-2016 and FIPS 180-4 test vectors)', () => {
    expect(digestHex('sm3', 'abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(digestHex('sha256', 'abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    // Text is hashed as UTF-8, as the stored chains and key hashes were.
    expect(digestHex('sm3', '中文')).toBe(createHash('sm3').update(Buffer.from('中文', 'utf8')).digest('hex'));
  });
});
