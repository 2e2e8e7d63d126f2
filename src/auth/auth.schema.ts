import { z } from 'zod';
import { PERMISSIONS } from '../domain/permissions.ts';

export const PermissionSchema = z.enum(PERMISSIONS);

export const UserSchema = z.object({
  id: z.string(),
  institutionId: z.string(),
  branchId: z.string().nullable(),
  username: z.string(),
  displayName: z.string(),
  status: z.enum(['active', 'disabled']),
  roles: z.array(z.string()),
  totpEnabled: z.boolean(),
  lockedUntil: z.number().nullable(),
  failedAttempts: z.number(),
  lastSignInAt: z.number().nullable(),
  createdAt: z.number(),
});

export const SignInBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
  totp: z.string().max(10).optional(),
});

export const SessionResponse = z.object({
  user: UserSchema,
  csrfToken: z.string(),
  permissions: z.array(PermissionSchema),
  roles: z.array(z.string()),
});

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const TotpEnrolResponse = z.object({ secret: z.string(), uri: z.string() });
export const TotpCodeBody = z.object({ code: z.string().regex(/^\d{6}$/, 'six digits') });
export const TotpDisableBody = z.object({ password: z.string().min(1).max(256) });

export const Username = z.string().regex(/^[A-Za-z0-9_.-]{3,64}$/, '3–64 letters, digits, _ . -');

export const CreateUserBody = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(256),
  branchId: z.string().max(64).nullable().optional(),
});

export const UpdateUserBody = z.object({
  displayName: z.string().trim().min(1).max(100).optional(),
  branchId: z.string().max(64).nullable().optional(),
  status: z.enum(['active', 'disabled']).optional(),
});

export const ResetPasswordBody = z.object({ password: z.string().min(1).max(256) });
export const SetRolesBody = z.object({ roles: z.array(z.string().max(64)).max(20) });

export const RoleSchema = z.object({
  key: z.string(),
  name: z.string(),
  builtIn: z.boolean(),
  label: z.object({ zh: z.string(), en: z.string() }),
  description: z.string(),
  permissions: z.array(PermissionSchema),
});

export const RoleBody = z.object({
  name: z.string().trim().regex(/^[a-z][a-z0-9_]{2,40}$/, 'lower-case letters, digits and _ (3–41)'),
  description: z.string().trim().max(500).default(''),
  permissions: z.array(PermissionSchema).min(1).max(PERMISSIONS.length),
});

export const ApiKeySchema = z.object({
  id: z.string(),
  institutionId: z.string(),
  branchId: z.string().nullable(),
  name: z.string(),
  prefix: z.string(),
  permissions: z.array(PermissionSchema),
  createdBy: z.string(),
  createdAt: z.number(),
  expiresAt: z.number().nullable(),
  lastUsedAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
});

export const CreateApiKeyBody = z.object({
  name: z.string().trim().min(1).max(100),
  permissions: z.array(PermissionSchema).min(1),
  branchId: z.string().max(64).nullable().optional(),
  expiresAt: z.number().int().positive().nullable().optional(),
});

export const IdParams = z.object({ id: z.string().min(1).max(64) });
