import { z } from 'zod';
import { phoneSchema } from './common.ts';
import { PERMISSIONS, ROLES, STAFF_ROLES } from './roles.ts';

export const otpRequestBody = z.object({ phone: phoneSchema });
export const otpRequestReply = z.object({
  sent: z.literal(true),
  retryAfterSeconds: z.number().int().describe('Seconds before another code may be sent'),
});
export const otpVerifyBody = z.object({
  phone: phoneSchema,
  code: z
    .string()
    .regex(/^\d{6}$/, 'six_digits')
    .describe('6-digit code from the SMS'),
});
export const loginBody = z.object({
  login: z.string().min(1).max(64).describe('Phone number or username'),
  password: z.string().min(1).max(256),
  totp: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .describe('TOTP code, when the account has a second factor'),
});

export const grantSchema = z.object({
  id: z.uuid(),
  role: z.enum(ROLES),
  orgId: z.uuid().nullable().describe('Scope: this organisation and its subtree'),
  orgName: z.string().nullable(),
  regionCode: z.string().nullable().describe('Scope: this region and the regions below it'),
  regionName: z.string().nullable(),
});
export type GrantDto = z.infer<typeof grantSchema>;

export const userSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  username: z.string().nullable(),
  phoneMasked: z.string().describe('Phone with the middle four digits masked: 138****0001'),
  kind: z.enum(['worker', 'staff']),
  isPartyMember: z.boolean(),
  status: z.enum(['active', 'disabled']),
  totpEnabled: z.boolean(),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserSummaryDto = z.infer<typeof userSummarySchema>;

export const meReply = z.object({
  user: userSummarySchema,
  grants: z.array(grantSchema),
  permissions: z.array(z.enum(PERMISSIONS)),
  csrfToken: z.string().describe('Send as X-CSRF-Token on unsafe requests made with the session cookie'),
  session: z.object({ expiresAt: z.string(), idleTimeoutSeconds: z.number().int() }),
});
export type MeDto = z.infer<typeof meReply>;

export const grantInput = z.object({
  role: z.enum(STAFF_ROLES),
  orgId: z.uuid().optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}(\d{3})?$/)
    .optional(),
});

export const createStaffBody = z.object({
  name: z.string().trim().min(1).max(40),
  phone: phoneSchema,
  username: z
    .string()
    .regex(/^[a-z][a-z0-9_.-]{2,31}$/)
    .optional(),
  password: z.string().min(10).max(128),
  grants: z.array(grantInput).min(1).max(20),
});

export const PASSWORD_MIN_LENGTH = 10;
