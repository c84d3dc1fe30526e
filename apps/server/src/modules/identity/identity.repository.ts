import type { Role } from '@nuanxin/shared';
import { and, count, desc, eq, gte, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { ScopedGrant } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { messageOutbox } from '../../platform/notify/notify.tables.ts';
import { organisation, region } from '../orgs/orgs.tables.ts';
import { AUTH_CHANNEL, evictLocally } from './identity.cache.ts';
import { regionPrefix } from './identity.policy.ts';
import { apiToken, appUser, otpCode, roleGrant, session } from './identity.tables.ts';

/**
 * Drizzle queries of the identity module, nothing else. Organisation and region rows are core
 * tables; they are joined here only for names, paths and scope filters.
 */

export type UserRow = typeof appUser.$inferSelect;
export type NewUser = typeof appUser.$inferInsert;
export type SessionRow = typeof session.$inferSelect;
export type TokenRow = typeof apiToken.$inferSelect;
export type OtpRow = typeof otpCode.$inferSelect;

export interface GrantRow {
  id: string;
  userId: string;
  role: Role;
  orgId: string | null;
  orgName: string | null;
  orgPath: string | null;
  orgRegionCode: string | null;
  regionCode: string | null;
  regionName: string | null;
}

// ---------------------------------------------------------------------------------------------
// Users

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(appUser).where(eq(appUser.id, id));
  return row;
}

export async function findUserByPhoneIndex(db: Db, phoneIndex: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(appUser).where(eq(appUser.phoneIndex, phoneIndex));
  return row;
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(appUser).where(eq(appUser.username, username));
  return row;
}

export async function insertUser(db: Db, values: NewUser): Promise<UserRow> {
  const [row] = await db.insert(appUser).values(values).returning();
  return row!;
}

/**
 * Tells every server process (on commit) that what `userId` authenticates as has changed, so
 * their authentication caches drop it (identity.cache.ts). Every write below that can change a
 * signed-in actor calls it.
 */
export async function notifyAuthChanged(db: Db, userId: string): Promise<void> {
  evictLocally(userId);
  await db.execute(sql`select pg_notify(${AUTH_CHANNEL}, ${userId})`);
}

export async function updateUser(db: Db, id: string, values: Partial<NewUser>): Promise<UserRow> {
  const [row] = await db
    .update(appUser)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(appUser.id, id))
    .returning();
  await notifyAuthChanged(db, id);
  return row!;
}

/**
 * Records `step` as the user's last accepted TOTP time step, unless that step or a later one was
 * accepted already. Atomic, so two requests racing with one code cannot both win. The step is not
 * part of what a credential authenticates as: no cache eviction.
 */
export async function claimTotpStep(db: Db, id: string, step: number): Promise<boolean> {
  const rows = await db
    .update(appUser)
    .set({ totpLastStep: step })
    .where(and(eq(appUser.id, id), or(isNull(appUser.totpLastStep), lt(appUser.totpLastStep, step))))
    .returning({ id: appUser.id });
  return rows.length > 0;
}

/** Adds one to the failure count atomically and returns the new count. */
export async function incrementFailedLogins(db: Db, id: string): Promise<number> {
  const [row] = await db
    .update(appUser)
    .set({ failedLogins: sql`${appUser.failedLogins} + 1` })
    .where(eq(appUser.id, id))
    .returning({ n: appUser.failedLogins });
  return row?.n ?? 0;
}

export async function grantsOfUsers(db: Db, userIds: readonly string[]): Promise<GrantRow[]> {
  if (userIds.length === 0) return [];
  return db
    .select({
      id: roleGrant.id,
      userId: roleGrant.userId,
      role: roleGrant.role,
      orgId: roleGrant.orgId,
      orgName: organisation.name,
      orgPath: organisation.path,
      orgRegionCode: organisation.regionCode,
      regionCode: roleGrant.regionCode,
      regionName: region.name,
    })
    .from(roleGrant)
    .leftJoin(organisation, eq(organisation.id, roleGrant.orgId))
    .leftJoin(region, eq(region.code, roleGrant.regionCode))
    .where(inArray(roleGrant.userId, [...userIds]))
    .orderBy(roleGrant.createdAt, roleGrant.id);
}

export async function insertGrant(
  db: Db,
  values: {
    userId: string;
    role: Role;
    orgId: string | null;
    regionCode: string | null;
    createdBy: string | null;
  },
): Promise<string> {
  const [row] = await db.insert(roleGrant).values(values).returning({ id: roleGrant.id });
  await notifyAuthChanged(db, values.userId);
  return row!.id;
}

export async function deleteGrant(db: Db, userId: string, grantId: string): Promise<boolean> {
  const rows = await db
    .delete(roleGrant)
    .where(and(eq(roleGrant.id, grantId), eq(roleGrant.userId, userId)))
    .returning({ id: roleGrant.id });
  await notifyAuthChanged(db, userId);
  return rows.length > 0;
}

/** Active users holding `role` (for "the last security administrator"). */
export async function countActiveHolders(db: Db, role: Role): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(distinct ${appUser.id})`.mapWith(Number) })
    .from(roleGrant)
    .innerJoin(appUser, eq(appUser.id, roleGrant.userId))
    .where(and(eq(roleGrant.role, role), eq(appUser.status, 'active')));
  return row?.n ?? 0;
}

export async function findOrgBrief(
  db: Db,
  id: string,
): Promise<{ id: string; name: string; path: string; regionCode: string } | undefined> {
  const [row] = await db
    .select({
      id: organisation.id,
      name: organisation.name,
      path: organisation.path,
      regionCode: organisation.regionCode,
    })
    .from(organisation)
    .where(eq(organisation.id, id));
  return row;
}

export async function findOrgByName(db: Db, name: string): Promise<{ id: string }[]> {
  return db.select({ id: organisation.id }).from(organisation).where(eq(organisation.name, name)).limit(2);
}

export async function regionExists(db: Db, code: string): Promise<boolean> {
  const [row] = await db.select({ code: region.code }).from(region).where(eq(region.code, code));
  return row !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Scope filter in SQL (the same rule as identity.policy.ts)

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

function like(prefix: string): string {
  return `${escapeLike(prefix)}%`;
}

/**
 * "This grant row (alias g, its organisation o) lies inside the admin grants": every present part
 * (region, organisation) is covered by one of them. Mirrors `locationCovered`.
 */
function grantCoveredSql(adminGrants: readonly ScopedGrant[]): SQL {
  const regionConds = adminGrants
    .filter((a) => a.regionCode !== null)
    .map((a) => sql`g.region_code like ${like(regionPrefix(a.regionCode!))}`);
  const orgConds = [
    ...adminGrants.filter((a) => a.orgPath !== null).map((a) => sql`o.path like ${like(a.orgPath!)}`),
    ...adminGrants
      .filter((a) => a.regionCode !== null)
      .map((a) => sql`o.region_code like ${like(regionPrefix(a.regionCode!))}`),
  ];
  const anyOf = (conds: SQL[]) => (conds.length ? sql`(${sql.join(conds, sql` or `)})` : sql`false`);
  return sql`((g.region_code is not null or g.org_id is not null)
    and (g.region_code is null or ${anyOf(regionConds)})
    and (g.org_id is null or ${anyOf(orgConds)}))`;
}

/** Users visible through `adminGrants` (see `canSeeUser`), as a WHERE condition on app_user. */
export function visibleUsersSql(adminGrants: readonly ScopedGrant[]): SQL {
  if (adminGrants.length === 0) return sql`false`;
  const security = adminGrants.some((g) => g.role === 'security_admin');
  const hasGrant = sql`exists (select 1 from role_grant g0 where g0.user_id = ${appUser.id})`;
  const allCovered = sql`not exists (select 1 from role_grant g left join organisation o on o.id = g.org_id
      where g.user_id = ${appUser.id} and not ${grantCoveredSql(adminGrants)})`;
  const staff = sql`(${appUser.kind} = 'staff' and ${hasGrant} and ${allCovered})`;
  if (!security) return staff;
  return sql`(${staff} or ${appUser.kind} = 'worker' or (${appUser.kind} = 'staff' and not ${hasGrant}))`;
}

export interface UserFilter {
  q?: string | undefined;
  phoneIndex?: string | undefined;
  role?: Role | undefined;
  status?: 'active' | 'disabled' | undefined;
  kind?: 'worker' | 'staff' | undefined;
}

function filterSql(f: UserFilter, visible: SQL): SQL {
  const conds: SQL[] = [visible];
  if (f.status) conds.push(eq(appUser.status, f.status));
  if (f.kind) conds.push(eq(appUser.kind, f.kind));
  if (f.role === 'worker') conds.push(eq(appUser.kind, 'worker'));
  else if (f.role)
    conds.push(
      sql`exists (select 1 from role_grant rg where rg.user_id = ${appUser.id} and rg.role = ${f.role})`,
    );
  if (f.q) {
    const text = `%${escapeLike(f.q)}%`;
    const ors: SQL[] = [sql`${appUser.name} ilike ${text}`, sql`${appUser.username} ilike ${text}`];
    if (f.phoneIndex) ors.push(eq(appUser.phoneIndex, f.phoneIndex));
    conds.push(or(...ors)!);
  }
  return and(...conds)!;
}

export async function listUsers(
  db: Db,
  f: UserFilter,
  visible: SQL,
  page: { page: number; pageSize: number },
): Promise<{ rows: UserRow[]; total: number }> {
  const where = filterSql(f, visible);
  const [totalRow] = await db.select({ n: count() }).from(appUser).where(where);
  const rows = await db
    .select()
    .from(appUser)
    .where(where)
    .orderBy(desc(appUser.createdAt), desc(appUser.id))
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  return { rows, total: Number(totalRow?.n ?? 0) };
}

/** Is this one user visible under the condition? (Used to check the SQL rule against the policy.) */
export async function userVisible(db: Db, id: string, visible: SQL): Promise<boolean> {
  const [row] = await db
    .select({ id: appUser.id })
    .from(appUser)
    .where(and(eq(appUser.id, id), visible));
  return row !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Sessions

export async function insertSession(db: Db, values: typeof session.$inferInsert): Promise<SessionRow> {
  const [row] = await db.insert(session).values(values).returning();
  return row!;
}

export async function findSession(db: Db, id: string): Promise<SessionRow | undefined> {
  const [row] = await db.select().from(session).where(eq(session.id, id));
  return row;
}

/** A session and its user in one round trip (request authentication). */
export async function findSessionWithUser(
  db: Db,
  id: string,
): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  const [row] = await db
    .select({ session, user: appUser })
    .from(session)
    .innerJoin(appUser, eq(appUser.id, session.userId))
    .where(eq(session.id, id));
  return row;
}

export async function touchSession(db: Db, id: string, at: Date): Promise<void> {
  await db.update(session).set({ lastSeenAt: at }).where(eq(session.id, id));
}

export async function revokeSession(db: Db, id: string, at: Date): Promise<void> {
  const rows = await db
    .update(session)
    .set({ revokedAt: at })
    .where(and(eq(session.id, id), isNull(session.revokedAt)))
    .returning({ userId: session.userId });
  if (rows[0]) await notifyAuthChanged(db, rows[0].userId);
}

/** Ends every live session of the user (but `exceptId`, the one changing its own password). */
export async function revokeUserSessions(
  db: Db,
  userId: string,
  at: Date,
  exceptId?: string,
): Promise<number> {
  const rows = await db
    .update(session)
    .set({ revokedAt: at })
    .where(
      and(
        eq(session.userId, userId),
        isNull(session.revokedAt),
        exceptId ? sql`${session.id} <> ${exceptId}` : undefined,
      ),
    )
    .returning({ id: session.id });
  await notifyAuthChanged(db, userId);
  return rows.length;
}

// ---------------------------------------------------------------------------------------------
// One-time codes

/** Serialises code sends and checks for one phone within the transaction. */
export async function lockPhone(db: Db, phoneIndex: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`otp:${phoneIndex}`}))`);
}

export async function latestOtp(db: Db, phoneIndex: string): Promise<OtpRow | undefined> {
  const [row] = await db
    .select()
    .from(otpCode)
    .where(eq(otpCode.phoneIndex, phoneIndex))
    .orderBy(desc(otpCode.createdAt))
    .limit(1);
  return row;
}

export async function countOtpSince(db: Db, phoneIndex: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(otpCode)
    .where(and(eq(otpCode.phoneIndex, phoneIndex), gte(otpCode.createdAt, since)));
  return Number(row?.n ?? 0);
}

export async function voidLiveOtps(db: Db, phoneIndex: string, at: Date): Promise<void> {
  await db
    .update(otpCode)
    .set({ voidedAt: at })
    .where(and(eq(otpCode.phoneIndex, phoneIndex), isNull(otpCode.consumedAt), isNull(otpCode.voidedAt)));
}

export async function insertOtp(db: Db, values: typeof otpCode.$inferInsert): Promise<void> {
  await db.insert(otpCode).values(values);
}

/** The newest code that is neither used nor voided. */
export async function liveOtp(db: Db, phoneIndex: string): Promise<OtpRow | undefined> {
  const [row] = await db
    .select()
    .from(otpCode)
    .where(and(eq(otpCode.phoneIndex, phoneIndex), isNull(otpCode.consumedAt), isNull(otpCode.voidedAt)))
    .orderBy(desc(otpCode.createdAt))
    .limit(1);
  return row;
}

export async function updateOtp(
  db: Db,
  id: string,
  values: Partial<typeof otpCode.$inferInsert>,
): Promise<void> {
  await db.update(otpCode).set(values).where(eq(otpCode.id, id));
}

/** The last development SMS code for a phone (CLI `last-otp`; development sender only). */
export async function lastDevOtpMessage(
  db: Db,
  recipientIndex: string,
): Promise<{ params: unknown; createdAt: Date } | undefined> {
  const [row] = await db
    .select({ params: messageOutbox.params, createdAt: messageOutbox.createdAt })
    .from(messageOutbox)
    .where(and(eq(messageOutbox.recipientIndex, recipientIndex), eq(messageOutbox.template, 'otp')))
    .orderBy(desc(messageOutbox.createdAt))
    .limit(1);
  return row;
}

// ---------------------------------------------------------------------------------------------
// API tokens

export async function insertToken(db: Db, values: typeof apiToken.$inferInsert): Promise<TokenRow> {
  const [row] = await db.insert(apiToken).values(values).returning();
  return row!;
}

export async function findTokenByHash(db: Db, tokenHash: string): Promise<TokenRow | undefined> {
  const [row] = await db.select().from(apiToken).where(eq(apiToken.tokenHash, tokenHash));
  return row;
}

export async function findToken(db: Db, id: string): Promise<TokenRow | undefined> {
  const [row] = await db.select().from(apiToken).where(eq(apiToken.id, id));
  return row;
}

/** Sets last_used_at unless it was set less than a minute ago. */
export async function touchToken(db: Db, id: string, at: Date): Promise<void> {
  const minuteAgo = new Date(at.getTime() - 60_000);
  await db
    .update(apiToken)
    .set({ lastUsedAt: at })
    .where(and(eq(apiToken.id, id), or(isNull(apiToken.lastUsedAt), lt(apiToken.lastUsedAt, minuteAgo))));
}

export async function revokeToken(db: Db, id: string, at: Date): Promise<TokenRow> {
  const [row] = await db
    .update(apiToken)
    .set({ revokedAt: sql`coalesce(${apiToken.revokedAt}, ${at})` })
    .where(eq(apiToken.id, id))
    .returning();
  await notifyAuthChanged(db, row!.userId);
  return row!;
}

export async function revokeUserTokens(db: Db, userId: string, at: Date): Promise<number> {
  const rows = await db
    .update(apiToken)
    .set({ revokedAt: at })
    .where(and(eq(apiToken.userId, userId), isNull(apiToken.revokedAt)))
    .returning({ id: apiToken.id });
  await notifyAuthChanged(db, userId);
  return rows.length;
}

export interface TokenListRow extends TokenRow {
  userName: string;
}

/** Tokens of `userId`, or of every user satisfying `visible` (plus the actor's own). */
export async function listTokens(
  db: Db,
  filter: { userId: string } | { visible: SQL; selfId: string },
): Promise<TokenListRow[]> {
  const where =
    'userId' in filter
      ? eq(apiToken.userId, filter.userId)
      : or(filter.visible, eq(appUser.id, filter.selfId));
  const rows = await db
    .select({ t: apiToken, userName: appUser.name })
    .from(apiToken)
    .innerJoin(appUser, eq(appUser.id, apiToken.userId))
    .where(where)
    .orderBy(desc(apiToken.createdAt))
    .limit(500);
  return rows.map((r) => ({ ...r.t, userName: r.userName }));
}

/** A reach over grants: regions (county or township codes) and organisation subtrees (paths). */
export interface GrantReach {
  regions: readonly string[];
  orgPaths: readonly string[];
}

function escapeLikeText(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** The SQL condition "the grant `g` (with its organisation `o`) lies in the reach". */
function grantInReachSql(reach: GrantReach): SQL {
  const conds: SQL[] = [];
  for (const r of reach.regions) {
    const prefix = regionPrefix(r);
    if (prefix) conds.push(sql`coalesce(g.region_code, o.region_code) like ${`${escapeLikeText(prefix)}%`}`);
  }
  for (const p of reach.orgPaths) conds.push(sql`o.path like ${`${escapeLikeText(p)}%`}`);
  if (conds.length === 0) return sql`false`;
  return sql`(${sql.join(conds, sql` or `)})`;
}

export interface StaffInReachRow<R extends Role = Role> {
  userId: string;
  name: string;
  role: R;
  scopeName: string | null;
}

/**
 * Active staff holding one of `roles` through a grant within the reach, one row per user (the
 * first of `roles` they hold wins), optionally matching `q` on name or username, sorted by that
 * role's order and then by name. Pickers that must not open the whole user directory use it.
 */
export async function staffInReach<R extends Role>(
  db: Db,
  reach: GrantReach,
  roles: readonly R[],
  q: string | undefined,
  limit: number,
): Promise<StaffInReachRow<R>[]> {
  if (roles.length === 0) return [];
  const like = q ? `%${escapeLikeText(q)}%` : null;
  const rank = sql.join(
    roles.map((r, i) => sql`when ${r} then ${i}`),
    sql` `,
  );
  const r = (await db.execute(sql`select distinct on (au.id) au.id as "userId", au.name, g.role,
           coalesce(o.name, rg.name) as "scopeName"
      from role_grant g
      join app_user au on au.id = g.user_id and au.status = 'active' and au.kind = 'staff'
      left join organisation o on o.id = g.org_id
      left join region rg on rg.code = g.region_code
     where g.role in (${sql.join(
       roles.map((r) => sql`${r}`),
       sql`, `,
     )})
       and ${grantInReachSql(reach)}
       ${like ? sql`and (au.name ilike ${like} or au.username ilike ${like})` : sql``}
     order by au.id, case g.role ${rank} end
     limit ${limit * 4}`)) as unknown as { rows: StaffInReachRow<R>[] };
  const order = new Map(roles.map((r, i) => [r, i]));
  return r.rows
    .sort((a, b) => (order.get(a.role) ?? 0) - (order.get(b.role) ?? 0) || a.name.localeCompare(b.name, 'zh'))
    .slice(0, limit);
}
