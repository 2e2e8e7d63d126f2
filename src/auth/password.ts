import { hash, verify } from '@node-rs/argon2';
import type { ErrorDetail } from '../shared/errors.ts';

/** Password hashing behind an interface so services stay free of native modules and tests can go fast. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(stored: string, password: string): Promise<boolean>;
}

/**
 * argon2id (the @node-rs/argon2 default algorithm) with OWASP's recommended minimum of 19 MiB,
 * 2 passes, 1 lane. Tests may pass lower costs; the PHC string records the parameters used.
 */
export function argon2Hasher(opts: { memoryCost?: number; timeCost?: number } = {}): PasswordHasher {
  const params = { memoryCost: opts.memoryCost ?? 19456, timeCost: opts.timeCost ?? 2, parallelism: 1 };
  return {
    hash: (password) => hash(password, params),
    async verify(stored, password) {
      try {
        return await verify(stored, password);
      } catch {
        return false;
      }
    },
  };
}

const COMMON = new Set([
  'password', 'password123', 'passw0rd', '123456789012', 'qwertyuiop', 'admin123456', 'iloveyou', 'welcome',
  '1qaz2wsx3edc', 'qwer1234', 'abc123456789', 'zaq12wsx', 'woaini1314', 'a123456789',
]);

export const PASSWORD_MIN_LENGTH = 12;

/**
 * Password policy: at least 12 characters with three of four classes (lower, upper, digit, other),
 * not containing the username, not a well-known password. Returns the problems (empty when fine).
 */
export function checkPasswordPolicy(password: string, username: string): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const add = (message: string) => problems.push({ path: 'password', message });
  if (password.length < PASSWORD_MIN_LENGTH) add(`at least ${PASSWORD_MIN_LENGTH} characters / 至少 ${PASSWORD_MIN_LENGTH} 个字符`);
  if (password.length > 256) add('at most 256 characters / 最多 256 个字符');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) add('use three of: lower-case, upper-case, digits, symbols / 需包含小写字母、大写字母、数字、符号中的三类');
  if (username && password.toLowerCase().includes(username.toLowerCase())) add('must not contain the username / 不得包含用户名');
  if (COMMON.has(password.toLowerCase().replace(/[^a-z0-9]/g, ''))) add('too common / 过于常见');
  return problems;
}
