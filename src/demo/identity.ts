/**
 * Synthetic identifiers in the real formats, with valid check characters, so that validators and
 * feature code written for production data accept them. None belongs to a real person.
 */
import type { Rng } from './rng.ts';
import { IP_BLOCKS, FOREIGN_IP_BLOCKS } from './data/places.ts';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Check character of an 18-digit resident identity number (GB 11643-1999, ISO 7064 MOD 11-2). */
export function residentIdCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

export function isValidResidentId(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id) && residentIdCheck(id.slice(0, 17)) === id[17];
}

/** Resident ID: division code + birth date + sequence (odd = male, even = female) + check. */
export function residentId(division: string, birthDate: string, male: boolean, rng: Rng): string {
  let seq = rng.int(0, 499) * 2 + (male ? 1 : 0);
  if (seq === 0) seq = 2;
  const body = division + birthDate.replace(/-/g, '') + String(seq).padStart(3, '0');
  return body + residentIdCheck(body);
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** Check character of a unified social credit code (GB 32100-2015). */
export function usccCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}

export function isValidUscc(code: string): boolean {
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code) && usccCheck(code.slice(0, 17)) === code[17];
}

/** Unified social credit code of an enterprise: "91" + division + organisation code (with its check) + check. */
export function unifiedSocialCreditCode(division: string, rng: Rng): string {
  const org8 = rng.digits(8);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(org8[i]) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  const orgCheck = c === 10 ? 'X' : c === 11 ? '0' : String(c);
  const body = `91${division}${org8}${orgCheck}`;
  return body + usccCheck(body);
}

/** Appends the Luhn check digit used on bank card numbers. */
export function withLuhn(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + ((10 - (sum % 10)) % 10);
}

export function isValidLuhn(number: string): boolean {
  return /^\d+$/.test(number) && withLuhn(number.slice(0, -1)) === number;
}

const MOBILE_PREFIXES = ['134', '135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159', '182', '187', '188', '130', '131', '132', '155', '156', '185', '186', '133', '153', '177', '180', '181', '189', '191', '199'];

export function mobileNumber(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}

/** Device fingerprint id as a mobile-banking SDK would report it. */
export function deviceId(rng: Rng): string {
  return `dev_${rng.hex(16)}`;
}

export function ipAddress(rng: Rng, foreign = false): string {
  const block = rng.pick(foreign ? FOREIGN_IP_BLOCKS : IP_BLOCKS).split('.')[0];
  return `${block}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}
