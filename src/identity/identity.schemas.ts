import { z } from 'zod';
import { ROLES } from './permissions.js';

export const RoleSchema = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });
export const UsernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-zA-Z0-9._@-]+$/, 'letters, digits and . _ @ - only');
export const PasswordSchema = z.string().min(12, 'at least 12 characters').max(1024);

export const UserSchema = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});

export const ApiKeySchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  role: RoleSchema,
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const LoginBodySchema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) }).strict();
export const SetupBodySchema = z.object({ token: z.string().min(1).max(200), username: UsernameSchema, password: PasswordSchema }).strict();
export const CreateUserBodySchema = z
  .object({ username: UsernameSchema, displayName: z.string().trim().min(1).max(200).optional(), role: RoleSchema, password: PasswordSchema })
  .strict();
export const UpdateUserBodySchema = z
  .object({ role: RoleSchema.optional(), disabled: z.boolean().optional(), password: PasswordSchema.optional(), displayName: z.string().trim().min(1).max(200).optional() })
  .strict();
export const CreateApiKeyBodySchema = z.object({ name: z.string().trim().min(1).max(100), role: RoleSchema }).strict();
export const IdParamsSchema = z.object({ id: z.string().uuid() }).strict();
