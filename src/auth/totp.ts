import { Secret, TOTP } from 'otpauth';
import type { Clock } from '../domain/clock.ts';
import type { FieldCipher } from '../crypto/field-cipher.ts';

/**
 * RFC 6238 TOTP (otpauth library): 6 digits, 30 s, SHA-1 — what authenticator apps support.
 * Secrets are stored encrypted with the FieldCipher. One step of clock drift either way is accepted.
 */
export class Totp {
  constructor(private readonly cipher: FieldCipher, private readonly clock: Clock, private readonly issuer = 'Outpost 前哨') {}

  /** A new secret: the encrypted value to store, and the provisioning URI for the user's app. */
  enrol(username: string): { stored: string; secret: string; uri: string } {
    const secret = new Secret({ size: 20 });
    const totp = new TOTP({ issuer: this.issuer, label: username, secret });
    return { stored: this.cipher.encrypt(secret.base32), secret: secret.base32, uri: totp.toString() };
  }

  verify(row: { totp_secret: string | null }, code: string): boolean {
    if (!row.totp_secret || !/^\d{6}$/.test(code.trim())) return false;
    const secret = Secret.fromBase32(this.cipher.decrypt(row.totp_secret));
    return TOTP.validate({ token: code.trim(), secret, timestamp: this.clock.now(), window: 1 }) !== null;
  }

  /** The code for a stored secret at the clock's time (tests, and nothing else). */
  codeFor(stored: string): string {
    return TOTP.generate({ secret: Secret.fromBase32(this.cipher.decrypt(stored)), timestamp: this.clock.now() });
  }
}
