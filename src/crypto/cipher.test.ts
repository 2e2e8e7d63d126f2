import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher } from './cipher.ts';
import { addKeyVersion, keyringFromEnv, loadKeyring, readKeyFile } from './keyring.ts';
import { maskAccountNumber, maskIdNumber, maskName, maskPhone } from './masking.ts';

const KEY = randomBytes(32).toString('base64');

describe.each(['sm4', 'aes-256-gcm'] as const)('FieldCipher %s', (alg) => {
  const cipher = createFieldCipher(keyringFromEnv(KEY), alg);

  it('round-trips Chinese text and never stores the plaintext or a repeatable ciphertext', () => {
    const a = cipher.encrypt('张三 110101199003071234');
    const b = cipher.encrypt('张三 110101199003071234');
    expect(a).not.toBe(b);
    expect(a).not.toContain('110101');
    expect(a.startsWith(alg === 'sm4' ? 'sm4:v1:' : 'aes:v1:')).toBe(true);
    expect(cipher.decrypt(a)).toBe('张三 110101199003071234');
    expect(cipher.decrypt(cipher.encrypt(''))).toBe('');
  });

  it('gives every encryption its own IV, across refills of the IV pool', () => {
    const ivBytes = alg === 'sm4' ? 16 : 12;
    const ivs = Array.from({ length: 2_000 }, () => Buffer.from(cipher.encrypt('同一个值').split(':')[2], 'base64url').subarray(0, ivBytes).toString('hex'));
    expect(new Set(ivs).size).toBe(2_000);
    expect(ivs.every((iv) => iv !== '00'.repeat(ivBytes))).toBe(true);
  });

  it('rejects a tampered ciphertext and a value under a key it does not hold', () => {
    const s = cipher.encrypt('13812341234');
    const raw = Buffer.from(s.split(':')[2], 'base64url');
    raw[20] ^= 1;
    expect(() => cipher.decrypt(`${s.split(':').slice(0, 2).join(':')}:${raw.toString('base64url')}`)).toThrow(/authentication/);
    const other = createFieldCipher(keyringFromEnv(randomBytes(32).toString('hex')), alg);
    expect(() => other.decrypt(s)).toThrow(/authentication/);
    expect(() => cipher.decrypt('plain text')).toThrow(/not an encrypted/);
  });
});

describe('blind index and rotation', () => {
  it('is deterministic per kind, normalises identifiers, and survives key rotation', () => {
    const ring = keyringFromEnv(KEY);
    const c1 = createFieldCipher(ring, 'sm4');
    expect(c1.blindIndex('id_number', '11010119900307123x')).toBe(c1.blindIndex('id_number', ' 11010119900307123X '));
    expect(c1.blindIndex('phone', '138-1234-1234')).toBe(c1.blindIndex('phone', '13812341234'));
    expect(c1.blindIndex('phone', '13812341234')).not.toBe(c1.blindIndex('id_number', '13812341234'));
    expect(c1.blindIndex('phone', '13812341234')).toMatch(/^[0-9a-f]{64}$/);
    const ring2 = addKeyVersion(ring);
    const c2 = createFieldCipher(ring2, 'sm4');
    const old = c1.encrypt('王五');
    expect(c2.needsReencrypt(old)).toBe(true);
    expect(c2.decrypt(old)).toBe('王五');
    expect(c2.encrypt('王五').startsWith('sm4:v2:')).toBe(true);
    expect(c2.blindIndex('phone', '13812341234')).toBe(c1.blindIndex('phone', '13812341234'));
  });

  it('reads several env keys with the current version first', () => {
    const k1 = randomBytes(32).toString('base64');
    const k2 = randomBytes(32).toString('hex');
    const v1 = createFieldCipher(keyringFromEnv(k1), 'sm4').encrypt('李四');
    const both = createFieldCipher(keyringFromEnv(`2:${k2},1:${k1}`), 'sm4');
    expect(both.currentVersion).toBe(2);
    expect(both.decrypt(v1)).toBe('李四');
    expect(() => keyringFromEnv('short')).toThrow(/32 bytes/);
  });

  it('creates the key file with mode 0600 on first use and reads the same keys back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-key-'));
    const file = path.join(dir, 'sub', 'data.key');
    const ring = loadKeyring({ dataKey: undefined, dataKeyFile: file });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = readKeyFile(file);
    const s = createFieldCipher(ring, 'sm4').encrypt('x');
    expect(createFieldCipher(again, 'sm4').decrypt(s)).toBe('x');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('masking', () => {
  it('masks account numbers, names, phones and ID numbers as bank staff expect', () => {
    expect(maskAccountNumber('6222021234561234')).toBe('6222 **** **** 1234');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('某某科技有限公司', 'organisation')).toBe('某某科技有限公司');
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('+8613812341234')).toBe('138****1234');
    expect(maskIdNumber('110101199003071234')).toBe('110101********1234');
  });
});
