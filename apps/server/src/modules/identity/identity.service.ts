import crypto from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import {
  type GrantDto,
  type MeDto,
  meReply,
  normalisePhone,
  permissionsOf,
  type Role,
  type TokenDto,
  type UserAdminDto,
  type UserSummaryDto,
  type UsersListQuery,
} from '@nuanxin/shared';
import * as OTPAuth from 'otpauth';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta, ScopedGrant } from '../../platform/auth/actor.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { emit } from '../../platform/events/events.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { platformSmsSender, type SmsSender } from '../../platform/notify/senders.ts';
import { maskPhone } from '../../platform/pii/mask.ts';
import './identity.events.ts';
import { authCacheFor, type CachedCredential } from './identity.cache.ts';
import { type CodeCheck, codeError, createPhoneCodes } from './identity.phone-codes.ts';
import {
  afterFailedLogin,
  canGrant,
  canManageUser,
  canRevealPhone,
  canSeeUser,
  type GrantLocation,
  grantsWith,
  holds,
  isLocked,
  passwordProblem,
  SESSION_RULES,
  sessionAlive,
  type TargetUser,
  userActions,
} from './identity.policy.ts';
import * as repo from './identity.repository.ts';

/** Argon2id parameters (OWASP 2023: m=19 MiB, t=2, p=1). */
const ARGON = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const SESSION_COOKIE = 'nx_session';
export const TOKEN_PREFIX = 'nx_';

/** What a request was authenticated with, resolved by the onRequest hook. */
export interface ResolvedAuth {
  actor: Actor;
  /** The rows the actor was built from, so `GET /me` answers without querying again. */
  user: repo.UserRow;
  grants: repo.GrantRow[];
  via: 'cookie' | 'bearer';
  session: { id: string; expiresAt: Date; idleTimeoutSeconds: number } | null;
  /** Staff without TOTP while NUANXIN_REQUIRE_STAFF_TOTP is on. */
  totpEnrolmentRequired: boolean;
  /** The cache entry this was resolved from (holds the serialised `/me`). */
  credential: CachedCredential;
}

export interface SignedIn {
  me: MeDto;
  /** The new session token for the cookie. */
  token: string;
  maxAgeSeconds: number;
}

const sha256 = (v: string) => crypto.createHash('sha256').update(v).digest('hex');
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export type IdentityService = ReturnType<typeof createIdentityService>;

export function createIdentityService(deps: PlatformDeps, opts: { sms?: SmsSender; now?: () => Date } = {}) {
  const { database, pii, config } = deps;
  const sms = opts.sms ?? platformSmsSender(deps);
  const now = opts.now ?? (() => new Date());
  const codes = createPhoneCodes({ pii, sms, now });
  /** One use case = one transaction; events written to the outbox are dispatched after commit. */
  const tx = <T>(fn: (db: Db) => Promise<T>) =>
    inTransaction(
      database,
      ({ tx, afterCommit }) => {
        afterCommit(() => deps.events?.kick());
        return fn(tx as unknown as Db);
      },
      (err) => deps.log.error({ err }, 'after commit'),
    );

  let dummyHash: Promise<string> | null = null;
  /** A hash to verify against when the user does not exist, so both answers take as long. */
  const dummy = () => {
    dummyHash ??= argonHash(crypto.randomBytes(16).toString('hex'), ARGON);
    return dummyHash;
  };

  // -------------------------------------------------------------------------------------------
  // Actors, presenters

  function toScoped(g: repo.GrantRow): ScopedGrant {
    return { id: g.id, role: g.role, orgId: g.orgId, orgPath: g.orgPath, regionCode: g.regionCode };
  }

  function locationOf(g: repo.GrantRow): GrantLocation {
    return {
      regionCode: g.regionCode,
      org: g.orgId && g.orgPath && g.orgRegionCode ? { path: g.orgPath, regionCode: g.orgRegionCode } : null,
    };
  }

  function actorFrom(
    u: repo.UserRow,
    grants: repo.GrantRow[],
    sessionId: string | null,
    tokenId: string | null,
  ): Actor {
    const roles = [
      ...new Set<Role>([
        ...(u.kind === 'worker' ? (['worker'] as Role[]) : []),
        ...grants.map((g) => g.role),
      ]),
    ];
    return {
      userId: u.id,
      name: u.name,
      kind: u.kind,
      isPartyMember: u.isPartyMember,
      grants: grants.map(toScoped),
      roles,
      permissions: new Set(permissionsOf(roles)),
      sessionId,
      tokenId,
    };
  }

  function summary(u: repo.UserRow): UserSummaryDto {
    return {
      id: u.id,
      name: u.name,
      username: u.username,
      phoneMasked: u.phoneMasked,
      kind: u.kind,
      isPartyMember: u.isPartyMember,
      status: u.status,
      totpEnabled: u.totpEnabled,
      lastSignInAt: iso(u.lastSignInAt),
      createdAt: u.createdAt.toISOString(),
    };
  }

  function grantDto(g: repo.GrantRow): GrantDto {
    return {
      id: g.id,
      role: g.role,
      orgId: g.orgId,
      orgName: g.orgName,
      regionCode: g.regionCode,
      regionName: g.regionName,
    };
  }

  function target(u: repo.UserRow, grants: repo.GrantRow[]): TargetUser {
    return {
      id: u.id,
      kind: u.kind,
      status: u.status,
      grants: grants.map((g) => ({ role: g.role, location: locationOf(g) })),
    };
  }

  function adminDto(actor: Actor, u: repo.UserRow, grants: repo.GrantRow[]): UserAdminDto {
    return { ...summary(u), grants: grants.map(grantDto), actions: userActions(actor, target(u, grants)) };
  }

  const totpRequired = (u: repo.UserRow) => config.requireStaffTotp && u.kind === 'staff' && !u.totpEnabled;

  /**
   * The CSRF token is an HMAC of the session id, so it never changes for a session: remember the
   * last few thousand (bounded; emptied when full) instead of computing an HMAC on every request.
   */
  const csrfMemo = new Map<string, string>();
  function csrfOf(sessionId: string): string {
    let token = csrfMemo.get(sessionId);
    if (token === undefined) {
      if (csrfMemo.size >= 10_000) csrfMemo.clear();
      token = pii.mac('csrf', sessionId);
      csrfMemo.set(sessionId, token);
    }
    return token;
  }

  function meOf(
    u: repo.UserRow,
    grants: repo.GrantRow[],
    s: { id: string; expiresAt: Date; idleTimeoutSeconds: number } | null,
  ): MeDto {
    const roles = [
      ...new Set<Role>([
        ...(u.kind === 'worker' ? (['worker'] as Role[]) : []),
        ...grants.map((g) => g.role),
      ]),
    ];
    return {
      user: summary(u),
      grants: grants.map(grantDto),
      permissions: permissionsOf(roles),
      csrfToken: s ? csrfOf(s.id) : '',
      session: s
        ? { expiresAt: s.expiresAt.toISOString(), idleTimeoutSeconds: s.idleTimeoutSeconds }
        : { expiresAt: '9999-12-31T23:59:59.999Z', idleTimeoutSeconds: 0 },
      totpEnrolmentRequired: totpRequired(u),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Sessions and request authentication

  async function openSession(
    db: Db,
    u: repo.UserRow,
    meta: RequestMeta & { userAgent?: string | undefined },
  ) {
    const token = crypto.randomBytes(32).toString('base64url');
    const rules = SESSION_RULES[u.kind];
    const at = now();
    const row = await repo.insertSession(db, {
      id: sha256(token),
      userId: u.id,
      createdAt: at,
      lastSeenAt: at,
      expiresAt: new Date(at.getTime() + rules.absoluteSeconds * 1000),
      idleTimeoutSeconds: rules.idleSeconds,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    return { token, row, maxAgeSeconds: rules.absoluteSeconds };
  }

  /**
   * Resolves the actor of a request from the session cookie or a bearer token. What a credential
   * resolves to is cached per process (identity.cache.ts, evicted on every change by NOTIFY); the
   * time rules — idle and absolute timeouts, token expiry — are checked on every request.
   */
  async function authenticate(input: {
    cookie?: string | undefined;
    bearer?: string | undefined;
  }): Promise<ResolvedAuth | null> {
    let key: string;
    if (input.bearer) {
      if (!input.bearer.startsWith(TOKEN_PREFIX) || input.bearer.length > 200) return null;
      key = `b:${pii.mac('api-token', input.bearer)}`;
    } else if (input.cookie) {
      if (input.cookie.length > 100) return null;
      key = `c:${sha256(input.cookie)}`;
    } else return null;

    const cache = await authCacheFor(database);
    const at = now();
    // The cache runs on the real clock; `at` (injectable in tests) drives the business rules.
    let c = cache.get(key, Date.now());
    if (!c) {
      const loaded = await loadCredential(key);
      if (!loaded) return null;
      c = loaded;
      cache.set(key, c);
    }
    const u = c.user;
    if (u.status !== 'active') return null;
    const db = database.db;
    if (c.token) {
      const t = c.token;
      if (t.revokedAt || (t.expiresAt && t.expiresAt <= at)) return null;
      if (!t.lastUsedAt || at.getTime() - t.lastUsedAt.getTime() > 60_000) {
        await repo.touchToken(db, t.id, at);
        t.lastUsedAt = at;
      }
      c.actor ??= actorFrom(u, c.grants, null, t.id);
      return {
        actor: c.actor,
        user: u,
        grants: c.grants,
        via: 'bearer',
        session: null,
        totpEnrolmentRequired: false,
        credential: c,
      };
    }
    const s = c.session!;
    if (!sessionAlive(s, at)) return null;
    // Sliding idle timeout, written at most once a minute.
    if (at.getTime() - s.lastSeenAt.getTime() > 60_000) {
      await repo.touchSession(db, s.id, at);
      s.lastSeenAt = at;
    }
    c.actor ??= actorFrom(u, c.grants, s.id, null);
    return {
      actor: c.actor,
      user: u,
      grants: c.grants,
      via: 'cookie',
      session: { id: s.id, expiresAt: s.expiresAt, idleTimeoutSeconds: s.idleTimeoutSeconds },
      totpEnrolmentRequired: totpRequired(u),
      credential: c,
    };
  }

  /** Reads a credential's token or session, its user and grants (two round trips). */
  async function loadCredential(key: string): Promise<CachedCredential | null> {
    const db = database.db;
    const cachedAt = Date.now();
    const hash = key.slice(2);
    if (key.startsWith('b:')) {
      const t = await repo.findTokenByHash(db, hash);
      if (!t) return null;
      const u = await repo.findUserById(db, t.userId);
      if (!u) return null;
      return { user: u, grants: await repo.grantsOfUsers(db, [u.id]), session: null, token: t, cachedAt };
    }
    const found = await repo.findSessionWithUser(db, hash);
    if (!found) return null;
    const grants = await repo.grantsOfUsers(db, [found.user.id]);
    return { user: found.user, grants, session: found.session, token: null, cachedAt };
  }

  function csrfValid(sessionId: string, header: string | undefined): boolean {
    if (!header) return false;
    const a = Buffer.from(csrfOf(sessionId));
    const b = Buffer.from(header);
    return a.length === b.length && crypto.timingSafeEqual(a, b);
  }

  async function finishSignIn(
    db: Db,
    u: repo.UserRow,
    method: 'otp' | 'password',
    meta: RequestMeta & { userAgent?: string | undefined },
    oldCookie: string | undefined,
  ): Promise<SignedIn> {
    const at = now();
    // Rotation: whatever session the browser held before is ended.
    if (oldCookie && oldCookie.length <= 100) await repo.revokeSession(db, sha256(oldCookie), at);
    const s = await openSession(db, u, meta);
    const updated = await repo.updateUser(db, u.id, { lastSignInAt: at, failedLogins: 0, lockedUntil: null });
    const grants = await repo.grantsOfUsers(db, [u.id]);
    const actor = actorFrom(updated, grants, s.row.id, null);
    await writeAudit(db, actor, meta, {
      action: 'auth.sign_in',
      entityType: 'user',
      entityId: u.id,
      note: method,
    });
    await emit(db, 'user.signed_in', { userId: u.id, method }, u.id);
    return { me: meOf(updated, grants, s.row), token: s.token, maxAgeSeconds: s.maxAgeSeconds };
  }

  // -------------------------------------------------------------------------------------------
  // Worker sign-in by SMS code

  async function requestOtp(phone: string, meta: RequestMeta): Promise<{ retryAfterSeconds: number }> {
    return tx((db) => codes.issue(db, 'sign_in', phone, meta));
  }

  async function verifyOtp(
    phone: string,
    code: string,
    meta: RequestMeta & { userAgent?: string | undefined },
    oldCookie: string | undefined,
  ): Promise<SignedIn> {
    const phoneIndex = pii.blindIndex(phone);
    const result = await tx(
      async (db): Promise<{ error: Exclude<CodeCheck, 'ok'> | 'staff' | 'disabled' } | SignedIn> => {
        const checked = await codes.check(db, 'sign_in', phone, code, meta);
        if (checked !== 'ok') return { error: checked };
        let u = await repo.findUserByPhoneIndex(db, phoneIndex);
        if (u && u.kind === 'staff') return { error: 'staff' };
        if (u && u.status !== 'active') return { error: 'disabled' };
        if (!u) {
          u = await repo.insertUser(db, {
            name: `工友${phone.slice(-4)}`,
            phoneEnc: pii.encrypt(phone),
            phoneIndex,
            phoneMasked: maskPhone(phone),
            kind: 'worker',
          });
          await writeAudit(db, { userId: u.id, name: u.name, roles: ['worker'] }, meta, {
            action: 'user.create',
            entityType: 'user',
            entityId: u.id,
            note: 'worker account created at first sign-in',
          });
          await emit(db, 'user.created', { userId: u.id, kind: 'worker', createdBy: null }, u.id);
        }
        return finishSignIn(db, u, 'otp', meta, oldCookie);
      },
    );
    if ('error' in result) {
      if (result.error === 'staff') throw forbidden('Staff accounts sign in with a password');
      if (result.error === 'disabled')
        throw new AppError('auth.account_disabled', 'This account is disabled');
      throw codeError(result.error);
    }
    return result;
  }

  // -------------------------------------------------------------------------------------------
  // Staff sign-in by password (+ TOTP)

  function totpFor(u: Pick<repo.UserRow, 'username' | 'phoneMasked'>, secret: string) {
    return new OTPAuth.TOTP({
      issuer: '暖心 Nuanxin',
      label: u.username ?? u.phoneMasked,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      secret: OTPAuth.Secret.fromBase32(secret),
    });
  }

  /**
   * Checks a code (the current 30-second step, or one step either side for clock drift) and
   * consumes its time step: a code, or an older one, is never accepted twice (RFC 6238 §5.2).
   */
  async function totpAccept(db: Db, u: repo.UserRow, code: string): Promise<boolean> {
    if (!u.totpSecretEnc) return false;
    const totp = totpFor(u, pii.decrypt(u.totpSecretEnc));
    const timestamp = now().getTime();
    const delta = totp.validate({ token: code, timestamp, window: 1 });
    if (delta === null) return false;
    const step = totp.counter({ timestamp }) + delta;
    return repo.claimTotpStep(db, u.id, step);
  }

  async function findByLogin(db: Db, login: string): Promise<repo.UserRow | undefined> {
    const phone = normalisePhone(login);
    if (phone) return repo.findUserByPhoneIndex(db, pii.blindIndex(phone));
    return repo.findUserByUsername(db, login.trim().toLowerCase());
  }

  async function login(
    input: { login: string; password: string; totp?: string | undefined },
    meta: RequestMeta & { userAgent?: string | undefined },
    oldCookie: string | undefined,
  ): Promise<SignedIn> {
    const invalid = () => new AppError('auth.invalid_credentials', 'Wrong login or password');
    const u = await findByLogin(database.db, input.login);
    if (!u?.passwordHash || u.kind !== 'staff') {
      await argonVerify(await dummy(), input.password).catch(() => false);
      await tx((db) =>
        writeAudit(db, null, meta, { action: 'auth.sign_in', outcome: 'failure', note: 'unknown login' }),
      );
      throw invalid();
    }
    if (isLocked(u.lockedUntil, now())) {
      await argonVerify(await dummy(), input.password).catch(() => false);
      throw new AppError('auth.account_locked', 'Too many failed attempts; try again later', {
        lockedUntil: u.lockedUntil!.toISOString(),
      });
    }
    const passwordOk = await argonVerify(u.passwordHash, input.password).catch(() => false);
    const totpMissing = passwordOk && u.totpEnabled && !input.totp;
    const totpBad =
      passwordOk && u.totpEnabled && !!input.totp && !(await totpAccept(database.db, u, input.totp));
    if (!passwordOk || totpBad) {
      const state = await tx(async (db) => {
        const failures = await repo.incrementFailedLogins(db, u.id);
        const next = afterFailedLogin(failures - 1, now());
        if (next.lockedUntil) await repo.updateUser(db, u.id, next);
        await writeAudit(db, { userId: u.id, name: u.name, roles: [] }, meta, {
          action: 'auth.sign_in',
          outcome: 'failure',
          entityType: 'user',
          entityId: u.id,
          note: next.lockedUntil ? 'locked' : totpBad ? 'wrong totp' : 'wrong password',
        });
        return next;
      });
      void state;
      if (totpBad) throw new AppError('auth.totp_invalid', 'Wrong authenticator code');
      throw invalid();
    }
    if (totpMissing) throw new AppError('auth.totp_required', 'Enter the code from your authenticator app');
    if (u.status !== 'active') throw new AppError('auth.account_disabled', 'This account is disabled');
    return tx((db) => finishSignIn(db, u, 'password', meta, oldCookie));
  }

  async function logout(auth: ResolvedAuth | null, meta: RequestMeta): Promise<void> {
    if (!auth?.session) return;
    const sessionId = auth.session.id;
    await tx(async (db) => {
      await repo.revokeSession(db, sessionId, now());
      await writeAudit(db, auth.actor, meta, {
        action: 'auth.sign_out',
        entityType: 'user',
        entityId: auth.actor.userId,
      });
    });
  }

  // -------------------------------------------------------------------------------------------
  // Me

  /** The signed-in user as loaded by `authenticate` for this request. */
  function me(auth: ResolvedAuth): MeDto {
    return meOf(auth.user, auth.grants, auth.session);
  }

  /**
   * `me(auth)` validated against the reply schema and serialised, once per cached credential:
   * the answer depends only on the rows the entry holds, and an identity change replaces the entry.
   */
  function meJson(auth: ResolvedAuth): string {
    auth.credential.meJson ??= JSON.stringify(meReply.parse(me(auth)));
    return auth.credential.meJson;
  }

  /** The signed-in user re-read after a change made in this request. */
  async function freshMe(auth: ResolvedAuth): Promise<MeDto> {
    const db = database.db;
    const u = await repo.findUserById(db, auth.actor.userId);
    if (!u) throw notFound('User', 'user.not_found');
    return meOf(u, await repo.grantsOfUsers(db, [u.id]), auth.session);
  }

  async function updateMe(auth: ResolvedAuth, name: string, meta: RequestMeta): Promise<MeDto> {
    await tx(async (db) => {
      const before = await repo.findUserById(db, auth.actor.userId);
      await repo.updateUser(db, auth.actor.userId, { name });
      await writeAudit(db, auth.actor, meta, {
        action: 'user.update_self',
        entityType: 'user',
        entityId: auth.actor.userId,
        before: { name: before?.name },
        after: { name },
      });
    });
    return freshMe(auth);
  }

  function assertPasswordAllowed(password: string, logins: (string | null)[]) {
    const problem = passwordProblem(password, logins);
    if (problem)
      throw new AppError('auth.weak_password', 'Choose a longer or less common password', {
        reason: problem,
      });
  }

  async function changePassword(
    auth: ResolvedAuth,
    input: { currentPassword: string; newPassword: string },
    meta: RequestMeta,
  ): Promise<void> {
    const u = await repo.findUserById(database.db, auth.actor.userId);
    if (!u?.passwordHash) throw forbidden('This account signs in without a password');
    if (!(await argonVerify(u.passwordHash, input.currentPassword).catch(() => false))) {
      throw new AppError('auth.invalid_credentials', 'The current password is wrong');
    }
    assertPasswordAllowed(input.newPassword, [u.username, pii.decrypt(u.phoneEnc)]);
    const hash = await argonHash(input.newPassword, ARGON);
    await tx(async (db) => {
      const at = now();
      await repo.updateUser(db, u.id, { passwordHash: hash, passwordChangedAt: at });
      // Every other session of the user ends; this one stays.
      await repo.revokeUserSessions(db, u.id, at, auth.session?.id);
      await writeAudit(db, auth.actor, meta, {
        action: 'user.password_change',
        entityType: 'user',
        entityId: u.id,
      });
    });
  }

  async function totpSetup(
    auth: ResolvedAuth,
    meta: RequestMeta,
  ): Promise<{ secret: string; otpauthUrl: string }> {
    const u = await repo.findUserById(database.db, auth.actor.userId);
    if (u?.kind !== 'staff') throw forbidden('Only staff accounts use an authenticator app');
    if (u.totpEnabled) throw new AppError('common.conflict', 'The authenticator is already set up');
    const secret = new OTPAuth.Secret({ size: 20 }).base32;
    await tx(async (db) => {
      await repo.updateUser(db, u.id, { totpSecretEnc: pii.encrypt(secret) });
      await writeAudit(db, auth.actor, meta, {
        action: 'user.totp_setup',
        entityType: 'user',
        entityId: u.id,
      });
    });
    return { secret, otpauthUrl: totpFor(u, secret).toString() };
  }

  async function totpEnable(auth: ResolvedAuth, code: string, meta: RequestMeta): Promise<MeDto> {
    const u = await repo.findUserById(database.db, auth.actor.userId);
    if (u?.kind !== 'staff') throw forbidden('Only staff accounts use an authenticator app');
    if (u.totpEnabled) throw new AppError('common.conflict', 'The authenticator is already set up');
    if (!u.totpSecretEnc) throw new AppError('auth.totp_not_set_up', 'Call /me/totp/setup first');
    if (!(await totpAccept(database.db, u, code)))
      throw new AppError('auth.totp_invalid', 'Wrong authenticator code');
    await tx(async (db) => {
      await repo.updateUser(db, u.id, { totpEnabled: true });
      await writeAudit(db, auth.actor, meta, {
        action: 'user.totp_enable',
        entityType: 'user',
        entityId: u.id,
      });
    });
    return freshMe(auth);
  }

  // -------------------------------------------------------------------------------------------
  // Users (console)

  /** Loads a user the actor may see, or 404. */
  async function visibleUser(db: Db, actor: Actor, id: string) {
    const u = await repo.findUserById(db, id);
    if (!u) throw notFound('User', 'user.not_found');
    const grants = await repo.grantsOfUsers(db, [id]);
    if (!canSeeUser(actor, target(u, grants))) throw notFound('User', 'user.not_found');
    return { u, grants };
  }

  async function listUsers(actor: Actor, q: UsersListQuery) {
    const db = database.db;
    const phone = q.q ? normalisePhone(q.q) : null;
    const visible = repo.visibleUsersSql(grantsWith(actor, 'users.list'));
    const { rows, total } = await repo.listUsers(
      db,
      {
        q: q.q,
        phoneIndex: phone ? pii.blindIndex(phone) : undefined,
        role: q.role,
        status: q.status,
        kind: q.kind,
      },
      visible,
      q,
    );
    const grants = await repo.grantsOfUsers(
      db,
      rows.map((r) => r.id),
    );
    const by = new Map<string, repo.GrantRow[]>();
    for (const g of grants) by.set(g.userId, [...(by.get(g.userId) ?? []), g]);
    return {
      items: rows.map((r) => adminDto(actor, r, by.get(r.id) ?? [])),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async function getUser(actor: Actor, id: string): Promise<UserAdminDto> {
    const { u, grants } = await visibleUser(database.db, actor, id);
    return adminDto(actor, u, grants);
  }

  /** Checks a grant the actor wants to hand out; returns the location, or throws. */
  async function checkNewGrant(
    db: Db,
    actor: Actor,
    g: { role: Role; orgId?: string | undefined; regionCode?: string | undefined },
  ) {
    if (!g.orgId && !g.regionCode)
      throw new AppError('user.invalid_scope', 'A grant needs an organisation or a region');
    let org: { path: string; regionCode: string } | null = null;
    if (g.orgId) {
      const o = await repo.findOrgBrief(db, g.orgId);
      if (!o) throw new AppError('user.invalid_scope', 'Unknown organisation', { orgId: g.orgId });
      org = { path: o.path, regionCode: o.regionCode };
    }
    if (g.regionCode && !(await repo.regionExists(db, g.regionCode))) {
      throw new AppError('user.invalid_scope', 'Unknown region', { regionCode: g.regionCode });
    }
    const location: GrantLocation = { regionCode: g.regionCode ?? null, org };
    if (!canGrant(actor, g.role, location)) {
      throw new AppError('user.grant_too_wide', 'You may not grant this role in this scope', {
        role: g.role,
      });
    }
    return location;
  }

  async function createStaff(
    actor: Actor,
    input: {
      name: string;
      phone: string;
      username?: string | undefined;
      password: string;
      grants: { role: Role; orgId?: string | undefined; regionCode?: string | undefined }[];
    },
    meta: RequestMeta,
  ): Promise<UserAdminDto> {
    assertPasswordAllowed(input.password, [input.username ?? null, input.phone]);
    const passwordHash = await argonHash(input.password, ARGON);
    return tx(async (db) => {
      for (const g of input.grants) await checkNewGrant(db, actor, g);
      const phoneIndex = pii.blindIndex(input.phone);
      if (await repo.findUserByPhoneIndex(db, phoneIndex))
        throw new AppError('user.phone_taken', 'This phone number is in use');
      const username = input.username?.toLowerCase();
      if (username && (await repo.findUserByUsername(db, username))) {
        throw new AppError('user.username_taken', 'This username is in use');
      }
      const u = await repo.insertUser(db, {
        name: input.name,
        username: username ?? null,
        phoneEnc: pii.encrypt(input.phone),
        phoneIndex,
        phoneMasked: maskPhone(input.phone),
        kind: 'staff',
        passwordHash,
        passwordChangedAt: now(),
      });
      for (const g of input.grants) {
        const grantId = await repo.insertGrant(db, {
          userId: u.id,
          role: g.role,
          orgId: g.orgId ?? null,
          regionCode: g.regionCode ?? null,
          createdBy: actor.userId,
        });
        await emit(
          db,
          'user.grant_added',
          { userId: u.id, grantId, role: g.role, orgId: g.orgId ?? null, regionCode: g.regionCode ?? null },
          actor.userId,
        );
      }
      const grants = await repo.grantsOfUsers(db, [u.id]);
      await writeAudit(db, actor, meta, {
        action: 'user.create',
        entityType: 'user',
        entityId: u.id,
        after: { name: u.name, username: u.username, phone: input.phone, grants: grants.map(grantDto) },
      });
      await emit(db, 'user.created', { userId: u.id, kind: 'staff', createdBy: actor.userId }, actor.userId);
      return adminDto(actor, u, grants);
    });
  }

  /** Loads, checks visibility (404) and the act (403 / 409 for oneself). */
  async function manageable(
    db: Db,
    actor: Actor,
    id: string,
    permission: Parameters<typeof canManageUser>[2],
  ) {
    const { u, grants } = await visibleUser(db, actor, id);
    if (u.id === actor.userId)
      throw new AppError('user.cannot_change_self', 'You cannot do this to your own account');
    if (!canManageUser(actor, target(u, grants), permission)) throw forbidden();
    return { u, grants };
  }

  async function assertNotLastSecurityAdmin(db: Db, grants: repo.GrantRow[]) {
    if (
      grants.some((g) => g.role === 'security_admin') &&
      (await repo.countActiveHolders(db, 'security_admin')) <= 1
    ) {
      throw new AppError('user.last_security_admin', 'The last security administrator must stay');
    }
  }

  async function setStatus(actor: Actor, id: string, status: 'active' | 'disabled', meta: RequestMeta) {
    return tx(async (db) => {
      const { u, grants } = await manageable(db, actor, id, 'users.disable');
      if (u.status === status) return adminDto(actor, u, grants);
      const at = now();
      if (status === 'disabled') {
        await assertNotLastSecurityAdmin(db, grants);
        await repo.revokeUserSessions(db, u.id, at);
        await repo.revokeUserTokens(db, u.id, at);
      }
      const updated = await repo.updateUser(db, u.id, {
        status,
        ...(status === 'active' ? { failedLogins: 0, lockedUntil: null } : {}),
      });
      await writeAudit(db, actor, meta, {
        action: status === 'disabled' ? 'user.disable' : 'user.enable',
        entityType: 'user',
        entityId: u.id,
        before: { status: u.status },
        after: { status },
      });
      await emit(
        db,
        status === 'disabled' ? 'user.disabled' : 'user.enabled',
        { userId: u.id, by: actor.userId },
        actor.userId,
      );
      return adminDto(actor, updated, grants);
    });
  }

  async function resetPassword(
    actor: Actor,
    id: string,
    newPassword: string,
    meta: RequestMeta,
  ): Promise<void> {
    const hash = await argonHash(newPassword, ARGON);
    await tx(async (db) => {
      const { u } = await manageable(db, actor, id, 'users.reset_password');
      if (u.kind !== 'staff') throw new AppError('common.conflict', 'Workers sign in with SMS codes');
      assertPasswordAllowed(newPassword, [u.username, pii.decrypt(u.phoneEnc)]);
      const at = now();
      await repo.updateUser(db, u.id, {
        passwordHash: hash,
        passwordChangedAt: at,
        failedLogins: 0,
        lockedUntil: null,
      });
      await repo.revokeUserSessions(db, u.id, at);
      await writeAudit(db, actor, meta, {
        action: 'user.password_reset',
        entityType: 'user',
        entityId: u.id,
      });
    });
  }

  async function addGrant(
    actor: Actor,
    id: string,
    g: { role: Role; orgId?: string | undefined; regionCode?: string | undefined },
    meta: RequestMeta,
  ): Promise<UserAdminDto> {
    return tx(async (db) => {
      const { u } = await manageable(db, actor, id, 'users.grant');
      if (u.kind !== 'staff') throw new AppError('common.conflict', 'Roles are given to staff accounts');
      await checkNewGrant(db, actor, g);
      const grantId = await repo.insertGrant(db, {
        userId: u.id,
        role: g.role,
        orgId: g.orgId ?? null,
        regionCode: g.regionCode ?? null,
        createdBy: actor.userId,
      });
      const grants = await repo.grantsOfUsers(db, [u.id]);
      await writeAudit(db, actor, meta, {
        action: 'user.grant_add',
        entityType: 'user',
        entityId: u.id,
        after: grantDto(grants.find((x) => x.id === grantId)!),
      });
      await emit(
        db,
        'user.grant_added',
        { userId: u.id, grantId, role: g.role, orgId: g.orgId ?? null, regionCode: g.regionCode ?? null },
        actor.userId,
      );
      return adminDto(actor, u, grants);
    });
  }

  async function removeGrant(
    actor: Actor,
    id: string,
    grantId: string,
    meta: RequestMeta,
  ): Promise<UserAdminDto> {
    return tx(async (db) => {
      const { u, grants } = await manageable(db, actor, id, 'users.grant');
      const g = grants.find((x) => x.id === grantId);
      if (!g) throw notFound('Grant');
      if (g.role === 'security_admin') await assertNotLastSecurityAdmin(db, [g]);
      await repo.deleteGrant(db, u.id, grantId);
      const after = grants.filter((x) => x.id !== grantId);
      await writeAudit(db, actor, meta, {
        action: 'user.grant_remove',
        entityType: 'user',
        entityId: u.id,
        before: grantDto(g),
      });
      await emit(db, 'user.grant_removed', { userId: u.id, grantId, role: g.role }, actor.userId);
      return adminDto(actor, u, after);
    });
  }

  async function reveal(
    actor: Actor,
    id: string,
    field: 'phone',
    meta: RequestMeta,
  ): Promise<{ value: string }> {
    return tx(async (db) => {
      const { u, grants } = await visibleUser(db, actor, id);
      if (!canRevealPhone(actor, target(u, grants)))
        throw forbidden('You may not see this in full', 'pii.reveal_forbidden');
      await writeAudit(db, actor, meta, {
        action: 'pii.reveal',
        entityType: 'user',
        entityId: u.id,
        note: field,
      });
      return { value: pii.decrypt(u.phoneEnc) };
    });
  }

  // -------------------------------------------------------------------------------------------
  // API tokens

  function tokenDto(t: repo.TokenListRow): TokenDto {
    return {
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      userId: t.userId,
      userName: t.userName,
      createdAt: t.createdAt.toISOString(),
      lastUsedAt: iso(t.lastUsedAt),
      revokedAt: iso(t.revokedAt),
    };
  }

  const managesAny = (actor: Actor) => actor.permissions.has('tokens.manage_any');

  /** The tokens' owner must be oneself, or visible and manageable with tokens.manage_any. */
  async function tokenOwnerAllowed(db: Db, actor: Actor, userId: string): Promise<repo.UserRow> {
    if (userId === actor.userId) {
      const self = await repo.findUserById(db, userId);
      if (!self) throw notFound('User', 'user.not_found');
      return self;
    }
    if (!managesAny(actor)) throw notFound('User', 'user.not_found');
    const u = await repo.findUserById(db, userId);
    if (!u) throw notFound('User', 'user.not_found');
    const t = target(u, await repo.grantsOfUsers(db, [u.id]));
    if (!canSeeUser(actor, t)) throw notFound('User', 'user.not_found');
    if (!canManageUser(actor, t, 'tokens.manage_any')) throw forbidden();
    return u;
  }

  async function listTokens(actor: Actor, userId: string | undefined): Promise<{ items: TokenDto[] }> {
    const db = database.db;
    if (userId) {
      await tokenOwnerAllowed(db, actor, userId);
      return { items: (await repo.listTokens(db, { userId })).map(tokenDto) };
    }
    if (!managesAny(actor))
      return { items: (await repo.listTokens(db, { userId: actor.userId })).map(tokenDto) };
    const visible = repo.visibleUsersSql(grantsWith(actor, 'tokens.manage_any'));
    return { items: (await repo.listTokens(db, { visible, selfId: actor.userId })).map(tokenDto) };
  }

  async function createToken(
    actor: Actor,
    input: { name: string; userId?: string | undefined },
    meta: RequestMeta,
  ): Promise<{ token: string; item: TokenDto }> {
    return tx(async (db) => {
      const owner = await tokenOwnerAllowed(db, actor, input.userId ?? actor.userId);
      const token = `${TOKEN_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
      const row = await repo.insertToken(db, {
        userId: owner.id,
        name: input.name,
        tokenHash: pii.mac('api-token', token),
        prefix: token.slice(0, 10),
        createdBy: actor.userId,
      });
      await writeAudit(db, actor, meta, {
        action: 'token.create',
        entityType: 'api_token',
        entityId: row.id,
        after: { name: row.name, userId: owner.id, prefix: row.prefix },
      });
      return { token, item: tokenDto({ ...row, userName: owner.name }) };
    });
  }

  async function revokeToken(actor: Actor, id: string, meta: RequestMeta): Promise<TokenDto> {
    return tx(async (db) => {
      const t = await repo.findToken(db, id);
      if (!t) throw notFound('Token', 'token.not_found');
      try {
        await tokenOwnerAllowed(db, actor, t.userId);
      } catch (err) {
        if (err instanceof AppError && err.status === 404) throw notFound('Token', 'token.not_found');
        throw err;
      }
      const row = await repo.revokeToken(db, id, now());
      const owner = await repo.findUserById(db, row.userId);
      await writeAudit(db, actor, meta, { action: 'token.revoke', entityType: 'api_token', entityId: id });
      return tokenDto({ ...row, userName: owner?.name ?? '' });
    });
  }

  // -------------------------------------------------------------------------------------------
  // For the CLI, seeds and tests

  /** Opens a session for a user without credentials (tests, seeds). Never exposed over HTTP. */
  async function startSessionFor(userId: string): Promise<{ token: string; csrfToken: string }> {
    return tx(async (db) => {
      const u = await repo.findUserById(db, userId);
      if (!u) throw notFound('User', 'user.not_found');
      const s = await openSession(db, u, { requestId: 'system', ip: '127.0.0.1' });
      return { token: s.token, csrfToken: csrfOf(s.row.id) };
    });
  }

  return {
    authenticate,
    csrfValid,
    requestOtp,
    verifyOtp,
    login,
    logout,
    me,
    meJson,
    updateMe,
    changePassword,
    totpSetup,
    totpEnable,
    listUsers,
    getUser,
    createStaff,
    disableUser: (actor: Actor, id: string, meta: RequestMeta) => setStatus(actor, id, 'disabled', meta),
    enableUser: (actor: Actor, id: string, meta: RequestMeta) => setStatus(actor, id, 'active', meta),
    resetPassword,
    addGrant,
    removeGrant,
    reveal,
    listTokens,
    createToken,
    revokeToken,
    startSessionFor,
    /** For seeds and the CLI: a staff account with grants, created as the system. */
    hashPassword: (p: string) => argonHash(p, ARGON),
    assertPasswordAllowed,
    system: SYSTEM_ACTOR,
    holds,
  };
}
