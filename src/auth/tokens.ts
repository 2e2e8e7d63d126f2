import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Random secrets and their at-rest hashes. Only hashes (SM3) are stored; secrets go to the client once. */
export function newSecret(prefix: string, bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sm3').update(secret).digest('hex');
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
