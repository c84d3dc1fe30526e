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
  totpEnrolmentRequired: z
    .boolean()
    .describe(
      'Staff must set up TOTP before anything else (NUANXIN_REQUIRE_STAFF_TOTP); until then only /me, /me/totp/* and /auth/logout answer',
    ),
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

// ---------------------------------------------------------------------------------------------
// Sign-in replies, self-service and the users / tokens console (contract issue 2).

export const loginReply = meReply.describe('The signed-in user; the session cookie is set');
export const otpVerifyReply = meReply;

export const updateMeBody = z.object({
  name: z.string().trim().min(1).max(40).describe('Display name'),
});

export const passwordChangeBody = z.object({
  currentPassword: z.string().min(1).max(256).describe('The password in use now'),
  newPassword: z
    .string()
    .min(PASSWORD_MIN_LENGTH)
    .max(128)
    .describe('At least 10 characters and not a common password'),
});

export const resetPasswordBody = z.object({
  newPassword: z
    .string()
    .min(PASSWORD_MIN_LENGTH)
    .max(128)
    .describe('At least 10 characters and not a common password'),
});

export const totpSetupReply = z.object({
  secret: z.string().describe('Base32 TOTP secret, for manual entry in an authenticator app'),
  otpauthUrl: z.string().describe('otpauth:// URL, to show as a QR code'),
});
export type TotpSetupDto = z.infer<typeof totpSetupReply>;

export const totpEnableBody = z.object({
  code: z
    .string()
    .regex(/^\d{6}$/, 'six_digits')
    .describe('Current 6-digit code from the authenticator app'),
});

export const userActionsSchema = z.object({
  disable: z.boolean().describe('The actor may disable this user'),
  enable: z.boolean().describe('The actor may enable this user'),
  resetPassword: z.boolean().describe('The actor may set a new password (staff only)'),
  grant: z.boolean().describe('The actor may add or remove role grants'),
  reveal: z.boolean().describe('The actor may reveal the full phone number (audited)'),
});
export type UserActionsDto = z.infer<typeof userActionsSchema>;

export const userAdminSchema = userSummarySchema.extend({
  grants: z.array(grantSchema).describe('Roles held, each within a scope'),
  actions: userActionsSchema,
});
export type UserAdminDto = z.infer<typeof userAdminSchema>;

export const usersListQuery = z.object({
  q: z.string().trim().max(64).optional().describe('Name, username or full phone number'),
  role: z.enum(ROLES).optional().describe('Only users holding this role'),
  status: z.enum(['active', 'disabled']).optional(),
  kind: z.enum(['worker', 'staff']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1).describe('Page number, from 1'),
  pageSize: z.coerce.number().int().min(1).max(200).default(20).describe('Rows per page, at most 200'),
});
export type UsersListQuery = z.infer<typeof usersListQuery>;

export const usersPage = z.object({
  items: z.array(userAdminSchema),
  total: z.number().int().describe('Rows matching the filter'),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const userIdParams = z.object({ id: z.uuid().describe('User id') });
export const userGrantParams = z.object({
  id: z.uuid().describe('User id'),
  grantId: z.uuid().describe('Grant id'),
});

export const revealBody = z.object({
  field: z.enum(['phone']).describe('Which personal field to reveal'),
});
export const revealReply = z.object({ value: z.string().describe('The unmasked value') });

export const tokenSchema = z.object({
  id: z.uuid(),
  name: z.string().describe('What the token is for'),
  prefix: z.string().describe('First characters of the token, to recognise it'),
  userId: z.uuid().describe('The user the token acts as'),
  userName: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable().describe('Updated at most once a minute'),
  revokedAt: z.string().nullable(),
});
export type TokenDto = z.infer<typeof tokenSchema>;

export const tokensListQuery = z.object({
  userId: z.uuid().optional().describe('Tokens of this user (needs tokens.manage_any for others)'),
});
export const tokensListReply = z.object({ items: z.array(tokenSchema) });

export const createTokenBody = z.object({
  name: z.string().trim().min(1).max(60).describe('What the token is for'),
  userId: z.uuid().optional().describe('Create it for this user; default: yourself'),
});
export const createTokenReply = z.object({
  token: z.string().describe('The secret token, `nx_…`; shown only this once'),
  item: tokenSchema,
});
export const tokenIdParams = z.object({ id: z.uuid().describe('Token id') });
