import type { Container } from '../app/container.ts';
import { getService } from '../app/container.ts';
import { deriveMacKey } from '../crypto/cipher.ts';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import type { Keyring } from '../crypto/keyring.ts';
import { ApiKeyCache } from './api-key.cache.ts';
import { ApiKeysRepository } from './api-keys.repository.ts';
import { ApiKeysService } from './api-keys.service.ts';
import { AuthService, type AuthPolicy } from './auth.service.ts';
import { argon2Hasher, type PasswordHasher } from './password.ts';
import { PrincipalBuilder } from './principal.builder.ts';
import { RolesService } from './roles.service.ts';
import { SessionsRepository } from './sessions.repository.ts';
import { Totp } from './totp.ts';
import { UsersRepository, type Tx } from './users.repository.ts';
import { UsersService } from './users.service.ts';

export interface AuthServices {
  auth: AuthService;
  users: UsersService;
  roles: RolesService;
  keys: ApiKeysService;
  usersRepo: UsersRepository;
  totp: Totp;
}

/** Composition of the auth context from the container (the only place its parts are wired). */
export function createAuthServices(c: Container, opts: { hasher?: PasswordHasher; policy?: AuthPolicy } = {}): AuthServices {
  const db = c.database.db;
  const run = <T>(fn: (tx: Tx) => Promise<T>) => db.transaction().execute(fn);
  const cipher = getService<FieldCipher>(c, 'cipher');
  const ring = getService<Keyring>(c, 'keyring');
  const users = new UsersRepository();
  const sessions = new SessionsRepository();
  const keys = new ApiKeysRepository();
  const keyCache = new ApiKeyCache();
  const principals = new PrincipalBuilder(users);
  const hasher = opts.hasher ?? (c.services.get('passwordHasher') as PasswordHasher | undefined) ?? argon2Hasher();
  const totp = new Totp(cipher, c.clock);
  const audit = c.audit;
  const common = { db, run, clock: c.clock, ids: c.ids, audit };
  return {
    auth: new AuthService({ ...common, users, sessions, keys, principals, hasher, totp, csrfKey: deriveMacKey(ring, 'csrf'), policy: opts.policy, keyCache }),
    users: new UsersService({ ...common, users, sessions, hasher, totp, principals }),
    roles: new RolesService({ ...common, users, principals }),
    keys: new ApiKeysService({ ...common, keys, users, keyCache }),
    usersRepo: users,
    totp,
  };
}
