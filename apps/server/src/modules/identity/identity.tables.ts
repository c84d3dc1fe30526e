import { ROLES } from '@nuanxin/shared';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../../platform/db/ids.ts';
import { organisation, region } from '../orgs/orgs.tables.ts';

/**
 * Everyone who signs in. Phone is personal data: stored encrypted (`phoneEnc`), found through an
 * HMAC blind index (`phoneIndex`), shown masked (`phoneMasked`, precomputed so lists never decrypt).
 */
export const appUser = pgTable(
  'app_user',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    name: text('name').notNull(),
    username: text('username'),
    phoneEnc: text('phone_enc').notNull(),
    phoneIndex: text('phone_index').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    kind: text('kind', { enum: ['worker', 'staff'] }).notNull(),
    isPartyMember: boolean('is_party_member').notNull().default(false),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    passwordHash: text('password_hash'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    totpSecretEnc: text('totp_secret_enc'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** The 30-second time step of the last accepted TOTP code: a code is accepted once (RFC 6238 §5.2). */
    totpLastStep: integer('totp_last_step'),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('app_user_phone_idx').on(t.phoneIndex),
    uniqueIndex('app_user_username_idx').on(t.username),
    index('app_user_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
  ],
);

/** A role held within a scope (organisation subtree and/or region). */
export const roleGrant = pgTable(
  'role_grant',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id),
    role: text('role', { enum: ROLES }).notNull(),
    orgId: uuid('org_id').references(() => organisation.id),
    regionCode: text('region_code').references(() => region.code),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('role_grant_user_idx').on(t.userId), index('role_grant_org_idx').on(t.orgId)],
);

/**
 * Server-side sessions. The cookie carries a random 256-bit token; only its SHA-256 is stored, so
 * a database leak does not leak live sessions.
 */
export const session = pgTable(
  'session',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    idleTimeoutSeconds: integer('idle_timeout_seconds').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('session_user_idx').on(t.userId)],
);

/** One-time SMS codes; only a hash of the code is kept. */
export const otpCode = pgTable(
  'otp_code',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    phoneIndex: text('phone_index').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
  },
  (t) => [index('otp_code_phone_idx').on(t.phoneIndex, t.createdAt)],
);

/** Bearer tokens for programmatic clients; stored hashed, shown once at creation. */
export const apiToken = pgTable(
  'api_token',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_token_hash_idx').on(t.tokenHash), index('api_token_user_idx').on(t.userId)],
);
