/** Table types of the auth context, merged into the store's DB interface. */
export interface UsersTable {
  id: string;
  institution_id: string;
  /** null = head office (all branches of the institution). */
  branch_id: string | null;
  username: string;
  display_name: string;
  /** argon2id PHC string. */
  password_hash: string;
  /** TOTP secret (base32), encrypted with the FieldCipher. */
  totp_secret: string | null;
  totp_enabled: number;
  status: string;
  failed_attempts: number;
  locked_until: number | null;
  password_changed_at: number;
  last_sign_in_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface RolesTable {
  id: string;
  institution_id: string;
  name: string;
  description: string;
  /** JSON array of Permission. */
  permissions: string;
  created_at: number;
  updated_at: number;
}

export interface UserRolesTable {
  user_id: string;
  /** A built-in role name (`analyst`) or a custom role id (`role_...`). */
  role: string;
  granted_by: string;
  granted_at: number;
}

export interface SessionsTable {
  id: string;
  /** SM3 of the session token; the token itself is only in the user's cookie. */
  token_hash: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ip: string | null;
  user_agent: string | null;
  revoked_at: number | null;
}

export interface ApiKeysTable {
  id: string;
  institution_id: string;
  branch_id: string | null;
  name: string;
  /** First characters of the key, to recognise it in lists. */
  prefix: string;
  /** SM3 of the key. */
  key_hash: string;
  permissions: string;
  created_by: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

declare module '../store/schema.ts' {
  interface DB {
    users: UsersTable;
    roles: RolesTable;
    user_roles: UserRolesTable;
    sessions: SessionsTable;
    api_keys: ApiKeysTable;
  }
}
