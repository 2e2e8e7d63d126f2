import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomFillSync, timingSafeEqual } from 'node:crypto';
import { formatStored, headerOf, parseStored, type CipherAlgorithm, type FieldCipher } from './field-cipher.ts';
import type { Keyring } from './keyring.ts';

/**
 * Authenticated field encryption. OpenSSL offers SM4 only in unauthenticated modes, so SM4 is used
 * as encrypt-then-MAC: SM4-CTR with a random 128-bit IV, then HMAC-SM3 over header || IV || ciphertext,
 * with separate encryption and MAC keys derived (HKDF-SM3) from the versioned data key. This is the
 * standard generic composition; no library offers SM4 AEAD for Node, hence written here.
 * AES-256-GCM uses Node's built-in AEAD with the header as additional data.
 */
interface DerivedKeys { enc: Buffer; mac: Buffer; gcm: Buffer }

const IV_SM4 = 16;
const TAG_SM3 = 32;
const IV_GCM = 12;
const TAG_GCM = 16;

/**
 * Random IVs taken from a pool the CSPRNG fills 4 KiB at a time (as Node's own randomUUID does):
 * a call to the CSPRNG per IV cost ~8 µs, two thirds of encrypting a field, 0.6 s of a
 * 20,000-customer reference load. Each fill is a new buffer, so an IV handed out never changes.
 */
const IV_POOL_BYTES = 4096;
let ivPool = Buffer.alloc(0);
let ivPoolAt = 0;
function randomIv(bytes: number): Buffer {
  if (ivPoolAt + bytes > ivPool.length) {
    ivPool = randomFillSync(Buffer.allocUnsafe(IV_POOL_BYTES));
    ivPoolAt = 0;
  }
  const iv = ivPool.subarray(ivPoolAt, ivPoolAt + bytes);
  ivPoolAt += bytes;
  return iv;
}

function derive(master: Buffer, label: string, length: number): Buffer {
  return Buffer.from(hkdfSync('sm3', master, Buffer.alloc(0), `outpost/${label}`, length));
}

/** Normalises a value before hashing: NFKC, trimmed, and for identifiers without spaces/hyphens, upper-case. */
export function normaliseForIndex(kind: string, plain: string): string {
  const v = plain.normalize('NFKC').trim();
  if (kind === 'name' || kind === 'address') return v.replace(/\s+/g, ' ');
  return v.replace(/[\s-]+/g, '').toUpperCase();
}

export function createFieldCipher(ring: Keyring, algorithm: CipherAlgorithm): FieldCipher {
  const derived = new Map<number, DerivedKeys>();
  for (const [v, k] of ring.keys) {
    derived.set(v, { enc: derive(k, 'sm4-ctr', 16), mac: derive(k, 'hmac-sm3', 32), gcm: derive(k, 'aes-256-gcm', 32) });
  }
  const indexKeys = new Map<string, Buffer>();
  const indexKey = (kind: string) => {
    let k = indexKeys.get(kind);
    if (!k) indexKeys.set(kind, (k = derive(ring.indexKey, `blind-index/${kind}`, 32)));
    return k;
  };
  const keysOf = (version: number): DerivedKeys => {
    const k = derived.get(version);
    if (!k) throw new Error(`data key version ${version} is not available (key file or OUTPOST_DATA_KEY)`);
    return k;
  };

  function encrypt(plain: string): string {
    const k = keysOf(ring.current);
    const header = headerOf(algorithm, ring.current);
    if (algorithm === 'sm4') {
      const iv = randomIv(IV_SM4);
      const c = createCipheriv('sm4-ctr', k.enc, iv);
      const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      const tag = createHmac('sm3', k.mac).update(header).update(iv).update(ct).digest();
      return formatStored('sm4', ring.current, Buffer.concat([iv, ct, tag]));
    }
    const iv = randomIv(IV_GCM);
    const c = createCipheriv('aes-256-gcm', k.gcm, iv);
    c.setAAD(Buffer.from(header));
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return formatStored('aes-256-gcm', ring.current, Buffer.concat([iv, ct, c.getAuthTag()]));
  }

  function decrypt(stored: string): string {
    const h = parseStored(stored);
    if (!h) throw new Error('not an encrypted field value');
    const k = keysOf(h.version);
    const raw = Buffer.from(h.payload, 'base64url');
    const header = headerOf(h.algorithm, h.version);
    if (h.algorithm === 'sm4') {
      if (raw.length < IV_SM4 + TAG_SM3) throw new Error('encrypted field value is truncated');
      const iv = raw.subarray(0, IV_SM4);
      const ct = raw.subarray(IV_SM4, raw.length - TAG_SM3);
      const tag = raw.subarray(raw.length - TAG_SM3);
      const expect = createHmac('sm3', k.mac).update(header).update(iv).update(ct).digest();
      if (!timingSafeEqual(tag, expect)) throw new Error('encrypted field value failed authentication (tampered or wrong key)');
      const d = createDecipheriv('sm4-ctr', k.enc, iv);
      return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
    }
    if (raw.length < IV_GCM + TAG_GCM) throw new Error('encrypted field value is truncated');
    const d = createDecipheriv('aes-256-gcm', k.gcm, raw.subarray(0, IV_GCM));
    d.setAAD(Buffer.from(header));
    d.setAuthTag(raw.subarray(raw.length - TAG_GCM));
    try {
      return Buffer.concat([d.update(raw.subarray(IV_GCM, raw.length - TAG_GCM)), d.final()]).toString('utf8');
    } catch {
      throw new Error('encrypted field value failed authentication (tampered or wrong key)');
    }
  }

  return {
    encrypt,
    decrypt,
    blindIndex: (kind, plain) => createHmac('sm3', indexKey(kind)).update(normaliseForIndex(kind, plain)).digest('hex'),
    currentVersion: ring.current,
    needsReencrypt(stored) {
      const h = parseStored(stored);
      return h !== null && (h.version !== ring.current || h.algorithm !== algorithm);
    },
    isEncrypted: (value) => parseStored(value) !== null,
  };
}

/** A MAC key derived from the keyring for purposes other than blind indexes (e.g. CSRF tokens). */
export function deriveMacKey(ring: Keyring, purpose: string): Buffer {
  return derive(ring.indexKey, `mac/${purpose}`, 32);
}
