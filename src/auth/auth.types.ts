import type { Permission } from '../domain/permissions.ts';

export type UserStatus = 'active' | 'disabled';

/** A user as the API shows it (never the password hash or TOTP secret). */
export interface User {
  id: string;
  institutionId: string;
  branchId: string | null;
  username: string;
  displayName: string;
  status: UserStatus;
  roles: string[];
  totpEnabled: boolean;
  lockedUntil: number | null;
  failedAttempts: number;
  lastSignInAt: number | null;
  createdAt: number;
}

export interface CustomRole {
  id: string;
  institutionId: string;
  name: string;
  description: string;
  permissions: Permission[];
}

export interface RoleView {
  /** Built-in role name or custom role id: the value to assign. */
  key: string;
  name: string;
  builtIn: boolean;
  label: { zh: string; en: string };
  description: string;
  permissions: Permission[];
}

export interface ApiKeyView {
  id: string;
  institutionId: string;
  branchId: string | null;
  name: string;
  prefix: string;
  permissions: Permission[];
  createdBy: string;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}
