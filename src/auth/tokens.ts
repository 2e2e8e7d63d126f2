import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { digestHex } from '../crypto/digest.ts';

/** Random secrets and their at-rest hashes. Only hashes (SM3) are stored; secrets go to the client once. */
export function newSecret(prefix: string, bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return digestHex('sm3', secret);
}

/** CSRF token bound to a session token: HMAC-SM3 under a server key, so it needs no storage. */
export function csrfTokenFor(macKey: Buffer, sessionToken: string): string {
  return createHmac('sm3', macKey).update(`csrf:${sessionToken}`).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
