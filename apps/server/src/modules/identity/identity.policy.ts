import {
  PASSWORD_MIN_LENGTH,
  type Permission,
  ROLE_PERMISSIONS,
  type Role,
  regionCovers,
  STAFF_ROLES,
  type StaffRole,
  regionPrefix as sharedRegionPrefix,
} from '@nuanxin/shared';
import type { Actor, ScopedGrant } from '../../platform/auth/actor.ts';
import { COMMON_PASSWORDS } from './common-passwords.ts';

/**
 * Who may do what with accounts. Pure functions, table-tested; the SQL list filter in
 * identity.repository.ts implements the same scope rule (`scopeConditions`) and the tests check
 * that both agree.
 *
 * Scope rule. A grant with region R covers R and every region below it (GB/T 2260 prefixes:
 * province `XX0000` → `XX`, city `XXXX00` → `XXXX`, county 6 digits, township 9 digits). A grant
 * with organisation O covers O's subtree (materialised path prefix) and, when it also has a
 * region, everything in that region. A target user is *visible* to an actor when the target is
 * staff with at least one grant and every grant of the target lies inside the actor's
 * user-administering grants. Workers (and staff without grants) are visible only to the
 * security administrator; district administrators reach workers through later modules.
 */

// ---------------------------------------------------------------------------------------------
// Regions and locations

/** SQL `LIKE` prefix of a scope's region code; a malformed code matches nothing. */
export function regionPrefix(code: string): string {
  return sharedRegionPrefix(code) ?? 'invalid-region';
}

export function regionWithin(target: string, scope: string): boolean {
  return regionCovers(scope, target);
}

/** Where a (target) grant lies: its own region and/or its organisation. */
export interface GrantLocation {
  regionCode: string | null;
  org: { path: string; regionCode: string } | null;
}

function regionCoveredBy(region: string, grants: readonly ScopedGrant[]): boolean {
  return grants.some((g) => g.regionCode !== null && regionWithin(region, g.regionCode));
}

function orgCoveredBy(org: { path: string; regionCode: string }, grants: readonly ScopedGrant[]): boolean {
  return grants.some(
    (g) =>
      (g.orgPath !== null && org.path.startsWith(g.orgPath)) ||
      (g.regionCode !== null && regionWithin(org.regionCode, g.regionCode)),
  );
}

/** Every part of the location (region, organisation) lies inside one of the grants. */
export function locationCovered(loc: GrantLocation, grants: readonly ScopedGrant[]): boolean {
  if (loc.regionCode === null && loc.org === null) return false;
  if (loc.regionCode !== null && !regionCoveredBy(loc.regionCode, grants)) return false;
  if (loc.org !== null && !orgCoveredBy(loc.org, grants)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Roles

/** Roles each role may hand out (reliability.md: separation of the three administrators). */
export const GRANTABLE_ROLES: Record<Role, readonly StaffRole[]> = {
  worker: [],
  station_keeper: [],
  community_staff: [],
  department_handler: [],
  dispatcher: [],
  industry_committee_admin: [],
  district_admin: STAFF_ROLES.filter(
    (r) => r !== 'system_admin' && r !== 'security_admin' && r !== 'auditor',
  ),
  platform_liaison: [],
  merchant: [],
  system_admin: [],
  security_admin: STAFF_ROLES,
  auditor: [],
};

/** The actor's grants whose role carries `permission`. */
export function grantsWith(actor: Pick<Actor, 'grants'>, permission: Permission): ScopedGrant[] {
  return actor.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(permission));
}

export function holds(actor: Pick<Actor, 'grants'>, role: Role): boolean {
  return actor.grants.some((g) => g.role === role);
}

// ---------------------------------------------------------------------------------------------
// Users

export interface TargetUser {
  id: string;
  kind: 'worker' | 'staff';
  status: 'active' | 'disabled';
  grants: { role: Role; location: GrantLocation }[];
}

/** The target lies inside the given grants (see the scope rule above). */
function targetWithin(actor: Pick<Actor, 'grants'>, target: TargetUser, grants: ScopedGrant[]): boolean {
  if (grants.length === 0) return false;
  const security = grants.some((g) => g.role === 'security_admin');
  if (target.kind === 'worker' || target.grants.length === 0) return security;
  void actor;
  return target.grants.every((t) => locationCovered(t.location, grants));
}

/** May the actor see this user at all (list, read)? Otherwise: 404. */
export function canSeeUser(actor: Pick<Actor, 'grants' | 'userId'>, target: TargetUser): boolean {
  return targetWithin(actor, target, grantsWith(actor, 'users.list'));
}

/**
 * May the actor change this user with `permission`? Needs the permission in grants covering the
 * target, a target whose every role the actor could grant, and a target other than oneself.
 */
export function canManageUser(
  actor: Pick<Actor, 'grants' | 'userId'>,
  target: TargetUser,
  permission: Permission,
): boolean {
  if (target.id === actor.userId) return false;
  const grants = grantsWith(actor, permission);
  if (!targetWithin(actor, target, grants)) return false;
  const grantable = new Set<Role>(grants.flatMap((g) => GRANTABLE_ROLES[g.role]));
  if (target.kind === 'worker') return grants.some((g) => g.role === 'security_admin');
  return target.grants.every((t) => grantable.has(t.role));
}

/** May the actor give `role` at `location` (to someone they may manage)? */
export function canGrant(actor: Pick<Actor, 'grants'>, role: Role, location: GrantLocation): boolean {
  const grants = grantsWith(actor, 'users.grant').filter((g) =>
    GRANTABLE_ROLES[g.role].includes(role as StaffRole),
  );
  return locationCovered(location, grants);
}

export function canRevealPhone(actor: Pick<Actor, 'grants' | 'userId'>, target: TargetUser): boolean {
  return targetWithin(actor, target, grantsWith(actor, 'users.reveal_pii'));
}

/** The actions the console may offer for this user (UserAdminDto.actions). */
export function userActions(actor: Pick<Actor, 'grants' | 'userId'>, target: TargetUser) {
  return {
    disable: target.status === 'active' && canManageUser(actor, target, 'users.disable'),
    enable: target.status === 'disabled' && canManageUser(actor, target, 'users.disable'),
    resetPassword: target.kind === 'staff' && canManageUser(actor, target, 'users.reset_password'),
    grant: target.kind === 'staff' && canManageUser(actor, target, 'users.grant'),
    reveal: canRevealPhone(actor, target),
  };
}

// ---------------------------------------------------------------------------------------------
// Tokens

export interface TargetToken {
  userId: string;
}

// ---------------------------------------------------------------------------------------------
// Credentials

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_login';

/** Password rules (ASVS V6): length, not a common password, not the login itself. */
export function passwordProblem(
  password: string,
  logins: readonly (string | null)[] = [],
): PasswordProblem | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (password.length > 128) return 'too_long';
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'common';
  for (const l of logins) if (l && l.length >= 3 && lower.includes(l.toLowerCase())) return 'contains_login';
  return null;
}

export const LOCKOUT = { maxFailures: 5, lockMinutes: 15 } as const;

/** After a wrong password: the new failure count and, at the limit, the lock. */
export function afterFailedLogin(
  failures: number,
  now: Date,
): { failedLogins: number; lockedUntil: Date | null } {
  const failedLogins = failures + 1;
  if (failedLogins >= LOCKOUT.maxFailures) {
    return { failedLogins: 0, lockedUntil: new Date(now.getTime() + LOCKOUT.lockMinutes * 60_000) };
  }
  return { failedLogins, lockedUntil: null };
}

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

export const OTP_RULES = {
  digits: 6,
  ttlSeconds: 300,
  maxAttempts: 5,
  resendSeconds: 60,
  perDay: 10,
} as const;

/**
 * May another code be sent? `lastSentAt`: the newest code for the phone; `sentToday`: codes in
 * the last 24 hours.
 */
export function otpSendDecision(
  lastSentAt: Date | null,
  sentToday: number,
  now: Date,
):
  | { ok: true }
  | { ok: false; reason: 'too_soon'; retryAfterSeconds: number }
  | { ok: false; reason: 'daily_limit' } {
  if (lastSentAt) {
    const elapsed = (now.getTime() - lastSentAt.getTime()) / 1000;
    if (elapsed < OTP_RULES.resendSeconds) {
      return {
        ok: false,
        reason: 'too_soon',
        retryAfterSeconds: Math.max(1, Math.ceil(OTP_RULES.resendSeconds - elapsed)),
      };
    }
  }
  if (sentToday >= OTP_RULES.perDay) return { ok: false, reason: 'daily_limit' };
  return { ok: true };
}

export type OtpCheck = 'ok' | 'expired' | 'wrong' | 'wrong_and_void' | 'none';

/** Checks a code against the live one; 5 wrong tries void it. */
export function otpCheck(
  code: { expiresAt: Date; attempts: number; matches: boolean } | null,
  now: Date,
): OtpCheck {
  if (!code) return 'none';
  if (code.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (code.matches) return 'ok';
  return code.attempts + 1 >= OTP_RULES.maxAttempts ? 'wrong_and_void' : 'wrong';
}

export const SESSION_RULES = {
  staff: { idleSeconds: 30 * 60, absoluteSeconds: 12 * 3600 },
  worker: { idleSeconds: 30 * 86_400, absoluteSeconds: 30 * 86_400 },
} as const;

/** Is a session still alive at `now`? */
export function sessionAlive(
  s: { expiresAt: Date; lastSeenAt: Date; idleTimeoutSeconds: number; revokedAt: Date | null },
  now: Date,
): boolean {
  if (s.revokedAt) return false;
  if (s.expiresAt.getTime() <= now.getTime()) return false;
  return now.getTime() - s.lastSeenAt.getTime() < s.idleTimeoutSeconds * 1000;
}
