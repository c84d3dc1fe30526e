import { describe, expect, it } from 'vitest';
import type { ScopedGrant } from '../../../platform/auth/actor.ts';
import { maskPhone } from '../../../platform/pii/mask.ts';
import {
  afterFailedLogin,
  canGrant,
  canManageUser,
  canSeeUser,
  isLocked,
  locationCovered,
  otpCheck,
  otpSendDecision,
  passwordProblem,
  regionPrefix,
  regionWithin,
  sessionAlive,
  type TargetUser,
} from '../identity.policy.ts';

const g = (
  role: ScopedGrant['role'],
  regionCode: string | null,
  orgPath: string | null = null,
): ScopedGrant => ({
  id: `${role}-${regionCode}`,
  role,
  orgId: orgPath ? 'o' : null,
  orgPath,
  regionCode,
});
const actor = (...grants: ScopedGrant[]) => ({ userId: 'me', grants });
const staff = (id: string, ...locs: [ScopedGrant['role'], string][]): TargetUser => ({
  id,
  kind: 'staff',
  status: 'active',
  grants: locs.map(([role, region]) => ({ role, location: { regionCode: region, org: null } })),
});

describe('regions', () => {
  it.each([
    ['510000', '51'],
    ['511100', '5111'],
    ['511102', '511102'],
    ['511102001', '511102001'],
  ])('prefix of %s is %s', (code, prefix) => expect(regionPrefix(code)).toBe(prefix));
  it.each([
    ['511102', '511100', true],
    ['511102001', '511102', true],
    ['511111', '511102', false],
    ['511102', '511102001', false],
    ['511102', '510000', true],
  ])('%s within %s → %s', (t, s, want) => expect(regionWithin(t, s)).toBe(want));
  it('organisation subtree or region', () => {
    const grants = [g('district_admin', null, '/a/b/')];
    expect(
      locationCovered({ regionCode: null, org: { path: '/a/b/c/', regionCode: '511111' } }, grants),
    ).toBe(true);
    expect(locationCovered({ regionCode: null, org: { path: '/a/x/', regionCode: '511102' } }, grants)).toBe(
      false,
    );
    expect(locationCovered({ regionCode: null, org: null }, grants)).toBe(false);
  });
});

describe('users', () => {
  const szq = actor(g('district_admin', '511102'));
  const sec = actor(g('security_admin', '511100'));
  const icad = actor(g('industry_committee_admin', '511102'));
  const sys = actor(g('system_admin', '511100'));
  const auditor = actor(g('auditor', '511100'));
  const inSzq = staff('t1', ['dispatcher', '511102']);
  const mixed = staff('t2', ['dispatcher', '511102'], ['dispatcher', '511111']);
  const secAdmin = staff('t3', ['security_admin', '511102']);
  const worker: TargetUser = { id: 'w', kind: 'worker', status: 'active', grants: [] };
  it.each([
    ['district admin, own district', szq, inSzq, true],
    ['district admin, grants partly outside', szq, mixed, false],
    ['district admin, worker', szq, worker, false],
    ['security admin, anything', sec, mixed, true],
    ['security admin, worker', sec, worker, true],
    ['industry admin (list only)', icad, inSzq, true],
    ['system admin', sys, inSzq, false],
    ['auditor', auditor, inSzq, false],
  ] as const)('see: %s', (_n, a, t, want) => expect(canSeeUser(a, t)).toBe(want));
  it.each([
    ['district admin disables own-district dispatcher', szq, inSzq, true],
    ['district admin cannot touch a security admin', szq, secAdmin, false],
    ['security admin may', sec, secAdmin, true],
    ['industry admin may not', icad, inSzq, false],
    ['auditor may not', auditor, inSzq, false],
    ['not oneself', szq, staff('me', ['dispatcher', '511102']), false],
  ] as const)('manage: %s', (_n, a, t, want) => expect(canManageUser(a, t, 'users.disable')).toBe(want));
  it.each([
    ['district admin: dispatcher in own district', szq, 'dispatcher', '511102', true],
    ['district admin: dispatcher next door', szq, 'dispatcher', '511111', false],
    ['district admin: security_admin', szq, 'security_admin', '511102', false],
    ['district admin: auditor', szq, 'auditor', '511102', false],
    ['district admin: system_admin', szq, 'system_admin', '511102', false],
    ['security admin: auditor city-wide', sec, 'auditor', '511100', true],
    ['security admin: wider than own', sec, 'dispatcher', '510000', false],
    ['system admin grants nothing', sys, 'dispatcher', '511102', false],
  ] as const)('grant: %s', (_n, a, role, region, want) =>
    expect(canGrant(a, role, { regionCode: region, org: null })).toBe(want),
  );
});

describe('credentials', () => {
  it.each([
    ['short1', 'too_short'],
    ['123456789a', 'common'],
    ['woaini1314', 'common'],
    ['QWERTYUIOP', 'common'],
    ['Tiger-lily-2026', null],
    ['szq.admin-2026!', 'contains_login'],
  ] as const)('%s → %s', (p, want) => expect(passwordProblem(p, ['szq.admin'])).toBe(want));

  it('locks after the fifth failure for 15 minutes', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    let state = { failedLogins: 0, lockedUntil: null as Date | null };
    for (let i = 0; i < 4; i++) {
      state = afterFailedLogin(state.failedLogins, now);
      expect(state.lockedUntil).toBeNull();
    }
    state = afterFailedLogin(state.failedLogins, now);
    expect(state.lockedUntil?.getTime()).toBe(now.getTime() + 15 * 60_000);
    expect(isLocked(state.lockedUntil, new Date(now.getTime() + 14 * 60_000))).toBe(true);
    expect(isLocked(state.lockedUntil, new Date(now.getTime() + 16 * 60_000))).toBe(false);
  });

  it('OTP sending: once a minute, ten a day', () => {
    const now = new Date('2026-01-01T00:10:00Z');
    expect(otpSendDecision(null, 0, now)).toEqual({ ok: true });
    expect(otpSendDecision(new Date(now.getTime() - 20_000), 1, now)).toEqual({
      ok: false,
      reason: 'too_soon',
      retryAfterSeconds: 40,
    });
    expect(otpSendDecision(new Date(now.getTime() - 61_000), 10, now)).toEqual({
      ok: false,
      reason: 'daily_limit',
    });
  });

  it('OTP checking: expiry and five wrong tries', () => {
    const now = new Date('2026-01-01T00:10:00Z');
    const live = new Date(now.getTime() + 1000);
    expect(otpCheck(null, now)).toBe('none');
    expect(otpCheck({ expiresAt: now, attempts: 0, matches: true }, now)).toBe('expired');
    expect(otpCheck({ expiresAt: live, attempts: 0, matches: true }, now)).toBe('ok');
    expect(otpCheck({ expiresAt: live, attempts: 3, matches: false }, now)).toBe('wrong');
    expect(otpCheck({ expiresAt: live, attempts: 4, matches: false }, now)).toBe('wrong_and_void');
  });

  it('sessions: idle and absolute timeouts', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    const base = { expiresAt: new Date(now.getTime() + 3600_000), idleTimeoutSeconds: 1800, revokedAt: null };
    expect(sessionAlive({ ...base, lastSeenAt: new Date(now.getTime() - 1000 * 1799) }, now)).toBe(true);
    expect(sessionAlive({ ...base, lastSeenAt: new Date(now.getTime() - 1000 * 1801) }, now)).toBe(false);
    expect(sessionAlive({ ...base, lastSeenAt: now, expiresAt: now }, now)).toBe(false);
    expect(sessionAlive({ ...base, lastSeenAt: now, revokedAt: now }, now)).toBe(false);
  });

  it('masks phones', () => expect(maskPhone('13800000001')).toBe('138****0001'));
});
