import { describe, expect, it } from 'vitest';
import { Rng } from './rng.ts';
import { isValidLuhn, isValidResidentId, isValidUscc, residentId, unifiedSocialCreditCode, withLuhn } from './identity.ts';

describe('synthetic identifiers', () => {
  it('accepts the GB 11643 sample resident ID and rejects a wrong check character', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('110105194912310021')).toBe(false);
  });

  it('generates resident IDs with a valid check character, the birth date and the sex digit', () => {
    const rng = new Rng(7);
    for (let i = 0; i < 200; i++) {
      const male = i % 2 === 0;
      const id = residentId('310115', '1958-03-09', male, rng);
      expect(isValidResidentId(id)).toBe(true);
      expect(id.slice(0, 14)).toBe('31011519580309');
      expect(Number(id[16]) % 2).toBe(male ? 1 : 0);
    }
  });

  it('generates unified social credit codes that pass the GB 32100 check', () => {
    const rng = new Rng(9);
    for (let i = 0; i < 200; i++) expect(isValidUscc(unifiedSocialCreditCode('440106', rng))).toBe(true);
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(isValidUscc('91350100M000100Y44')).toBe(false);
  });

  it('computes Luhn check digits of card numbers', () => {
    expect(withLuhn('411111111111111')).toBe('4111111111111111');
    expect(isValidLuhn('4111111111111112')).toBe(false);
  });
});

describe('Rng', () => {
  it('repeats its sequence for a seed and forks independent named streams', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(new Rng(42).fork('x').next()).toBe(new Rng(42).fork('x').next());
    expect(new Rng(42).fork('x').next()).not.toBe(new Rng(42).fork('y').next());
    expect(new Rng(43).next()).not.toBe(seqA[0]);
  });
});
