import { normalisePhone, type Role, STAFF_ROLES, type StaffRole } from '@nuanxin/shared';
import { eq, or } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { AppError } from '../../platform/http/errors.ts';
import { organisation } from '../orgs/orgs.tables.ts';
import * as repo from './identity.repository.ts';
import { createIdentityService } from './identity.service.ts';

/**
 * The identity commands of the `nuanxin` CLI. They act as the system (audited as such), with
 * every scope; the CLI is for operators on the server itself.
 */
export type IdentityCliContext = Pick<PlatformDeps, 'database' | 'pii' | 'config' | 'log'>;

/** A CLI actor with every user-administering power (security_admin over the whole province). */
function cliActor() {
  return {
    ...SYSTEM_ACTOR,
    name: 'cli',
    roles: ['security_admin'] as Role[],
    grants: [{ id: 'cli', role: 'security_admin' as const, orgId: null, orgPath: '/', regionCode: '510000' }],
    permissions: new Set(['users.list', 'users.create', 'users.grant', 'tokens.manage_any'] as const),
  };
}

const CLI_META = { requestId: 'cli', ip: '127.0.0.1' };

/** `scope`: a region code (6 or 9 digits), an organisation id, or an exact organisation name. */
async function resolveScope(db: Db, scope: string): Promise<{ orgId?: string; regionCode?: string }> {
  if (/^\d{6}(\d{3})?$/.test(scope)) {
    if (!(await repo.regionExists(db, scope))) throw new AppError('region.not_found', `No region ${scope}`);
    return { regionCode: scope };
  }
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(scope);
  const rows = await db
    .select({ id: organisation.id })
    .from(organisation)
    .where(
      isUuid ? or(eq(organisation.id, scope), eq(organisation.name, scope)) : eq(organisation.name, scope),
    )
    .limit(2);
  if (rows.length === 0) throw new AppError('org.not_found', `No organisation or region "${scope}"`);
  if (rows.length > 1)
    throw new AppError('user.invalid_scope', `Several organisations are named "${scope}"; use the id`);
  return { orgId: rows[0]!.id };
}

/**
 * Creates a staff account (`password` given) or a worker account (`role: 'worker'`, no
 * password). Returns the new user's id and masked phone.
 */
export async function createUserCli(
  ctx: IdentityCliContext,
  input: { phone: string; name: string; role: string; scope?: string; password?: string; username?: string },
): Promise<{ id: string; phoneMasked: string; kind: 'worker' | 'staff' }> {
  const phone = normalisePhone(input.phone);
  if (!phone) throw new AppError('common.validation', `Not a mainland mobile number: ${input.phone}`);
  const service = createIdentityService(ctx as PlatformDeps);
  if (input.role === 'worker') {
    const existing = await repo.findUserByPhoneIndex(ctx.database.db, ctx.pii.blindIndex(phone));
    if (existing) throw new AppError('user.phone_taken', 'This phone number is in use');
    const u = await repo.insertUser(ctx.database.db, {
      name: input.name,
      phoneEnc: ctx.pii.encrypt(phone),
      phoneIndex: ctx.pii.blindIndex(phone),
      phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      kind: 'worker',
    });
    return { id: u.id, phoneMasked: u.phoneMasked, kind: 'worker' };
  }
  if (!(STAFF_ROLES as readonly string[]).includes(input.role)) {
    throw new AppError(
      'common.validation',
      `Unknown role ${input.role}; one of worker, ${STAFF_ROLES.join(', ')}`,
    );
  }
  if (!input.scope)
    throw new AppError('user.invalid_scope', 'Staff need --scope (region code, organisation id or name)');
  if (!input.password)
    throw new AppError('auth.weak_password', 'Staff need a password (at least 10 characters)');
  const scope = await resolveScope(ctx.database.db, input.scope);
  const dto = await service.createStaff(
    cliActor() as unknown as Parameters<typeof service.createStaff>[0], // the CLI actor is a narrowed Actor
    {
      name: input.name,
      phone,
      username: input.username,
      password: input.password,
      grants: [{ role: input.role as StaffRole, ...scope }],
    },
    CLI_META,
  );
  return { id: dto.id, phoneMasked: dto.phoneMasked, kind: 'staff' };
}

/** Every account (masked), newest first, at most `limit`. */
export async function listUsersCli(
  ctx: IdentityCliContext,
  opts: { q?: string; role?: Role; limit?: number } = {},
): Promise<
  {
    id: string;
    name: string;
    username: string | null;
    phoneMasked: string;
    kind: string;
    status: string;
    roles: string[];
  }[]
> {
  const service = createIdentityService(ctx as PlatformDeps);
  const page = await service.listUsers(cliActor() as unknown as Parameters<typeof service.listUsers>[0], {
    q: opts.q,
    role: opts.role,
    page: 1,
    pageSize: Math.min(opts.limit ?? 200, 200),
  });
  return page.items.map((u) => ({
    id: u.id,
    name: u.name,
    username: u.username,
    phoneMasked: u.phoneMasked,
    kind: u.kind,
    status: u.status,
    roles: u.grants.map((g) => g.role),
  }));
}

/** An API token for the user named by phone, username or id. The secret is printed once. */
export async function createTokenCli(
  ctx: IdentityCliContext,
  input: { user: string; name: string },
): Promise<{ token: string; id: string; userId: string }> {
  const db = ctx.database.db;
  const phone = normalisePhone(input.user);
  const u = phone
    ? await repo.findUserByPhoneIndex(db, ctx.pii.blindIndex(phone))
    : /^[0-9a-f-]{36}$/i.test(input.user)
      ? await repo.findUserById(db, input.user)
      : await repo.findUserByUsername(db, input.user.toLowerCase());
  if (!u) throw new AppError('user.not_found', `No user ${input.user}`);
  const service = createIdentityService(ctx as PlatformDeps);
  const r = await service.createToken(
    { ...(cliActor() as unknown as Parameters<typeof service.createToken>[0]), userId: u.id },
    { name: input.name },
    CLI_META,
  );
  return { token: r.token, id: r.item.id, userId: u.id };
}

/**
 * The last SMS code sent to a phone by the development sender. Refused in production: codes are
 * stored hashed, and the development outbox is the only place one can be read back.
 */
export async function lastOtpCli(
  ctx: IdentityCliContext,
  phoneInput: string,
): Promise<{ code: string; sentAt: string } | null> {
  if (ctx.config.env === 'production' || process.env.NODE_ENV === 'production') {
    throw new AppError(
      'auth.production_refused',
      'last-otp is a development aid and is refused when NODE_ENV=production',
    );
  }
  const phone = normalisePhone(phoneInput);
  if (!phone) throw new AppError('common.validation', `Not a mainland mobile number: ${phoneInput}`);
  const row = await repo.lastDevOtpMessage(ctx.database.db, ctx.pii.blindIndex(phone));
  const code = (row?.params as { code?: unknown } | undefined)?.code;
  if (!row || typeof code !== 'string') return null;
  return { code, sentAt: row.createdAt.toISOString() };
}
