import { type AppealAction, permissionsOf, type Role } from '@nuanxin/shared';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/auth/actor.ts';
import { appealActions, appealScopeOf, type CaseFacts, canSee, mayAct } from '../appeals.policy.ts';

const UNIT = '/root/scjg/';
const OTHER = '/root/zhzf/';

function actor(
  role: Role,
  grant: { orgId?: string; orgPath?: string; regionCode?: string } = {},
  userId = 'u-1',
): Actor {
  return {
    userId,
    name: role,
    kind: role === 'worker' ? 'worker' : 'staff',
    isPartyMember: false,
    grants:
      role === 'worker'
        ? []
        : [
            {
              id: 'g',
              role,
              orgId: grant.orgId ?? null,
              orgPath: grant.orgPath ?? null,
              regionCode: grant.regionCode ?? null,
            },
          ],
    roles: [role],
    permissions: new Set(permissionsOf([role])),
    sessionId: null,
    tokenId: null,
  };
}

const scope = (a: Actor) => appealScopeOf(a, (id) => (id === 'jtys' ? '511111' : null));

const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  state: 'dispatched',
  regionCode: '511102004',
  reporterUserId: 'worker-1',
  leadUnitPath: UNIT,
  coUnitPaths: [],
  everAssignedPaths: [UNIT],
  following: false,
  ...over,
});

const dispatcherSzq = actor('dispatcher', { regionCode: '511102' });
const dispatcherSwq = actor('dispatcher', { regionCode: '511111' });
const handler = actor('department_handler', { orgId: 'scjg', orgPath: UNIT });
const otherHandler = actor('department_handler', { orgId: 'zhzf', orgPath: OTHER });
const reporter = actor('worker', {}, 'worker-1');
const stranger = actor('worker', {}, 'worker-2');
const committee = actor('industry_committee_admin', { orgId: 'jtys', orgPath: '/jtys/' });
const districtAdmin = actor('district_admin', { regionCode: '511102' });

/** [actor, action, expected] — the contract's "who" column, state aside. */
const TABLE: [string, Actor, AppealAction, boolean][] = [
  ['dispatcher in region', dispatcherSzq, 'dispatch', true],
  ['dispatcher in region', dispatcherSzq, 'close', true],
  ['dispatcher in region', dispatcherSzq, 'visit', true],
  ['dispatcher in region', dispatcherSzq, 'sign', false],
  ['dispatcher elsewhere', dispatcherSwq, 'dispatch', false],
  ['lead handler', handler, 'sign', true],
  ['lead handler', handler, 'return', true],
  ['lead handler', handler, 'resolve', true],
  ['lead handler', handler, 'extend', true],
  ['lead handler', handler, 'dispatch', false],
  ['lead handler', handler, 'visit', false],
  ['other unit', otherHandler, 'sign', false],
  ['other unit', otherHandler, 'progress', false],
  ['reporter', reporter, 'visit', true],
  ['reporter', reporter, 'close', false],
  ['stranger', stranger, 'visit', false],
  ['committee (org in 沙湾区)', committee, 'supervise', false],
  ['district admin', districtAdmin, 'supervise', true],
  ['district admin', districtAdmin, 'dispatch', false],
];

describe('appeals policy', () => {
  it.each(TABLE)('%s → %s', (_label, a, action, expected) => {
    expect(mayAct(scope(a), facts(), action)).toBe(expected);
  });

  it('co-units may report progress but not resolve', () => {
    const f = facts({ leadUnitPath: OTHER, coUnitPaths: [UNIT], everAssignedPaths: [OTHER, UNIT] });
    expect(mayAct(scope(handler), f, 'progress')).toBe(true);
    expect(mayAct(scope(handler), f, 'resolve')).toBe(false);
  });

  it('visibility: reporter, followers, region, assigned units (even after a return)', () => {
    expect(canSee(scope(reporter), facts())).toBe(true);
    expect(canSee(scope(stranger), facts())).toBe(false);
    expect(canSee(scope(stranger), facts({ following: true }))).toBe(true);
    expect(canSee(scope(dispatcherSzq), facts())).toBe(true);
    expect(canSee(scope(dispatcherSwq), facts())).toBe(false);
    expect(canSee(scope(handler), facts({ leadUnitPath: null, everAssignedPaths: [UNIT] }))).toBe(true);
    expect(canSee(scope(otherHandler), facts())).toBe(false);
    expect(canSee(scope(committee), facts({ regionCode: '511111100' }))).toBe(true);
  });

  it('actions = policy ∧ machine', () => {
    const a = appealActions(scope(handler), facts({ state: 'dispatched' }), {});
    expect(a.sign).toBe(true);
    expect(a.return).toBe(true);
    expect(a.resolve).toBe(false); // not yet signed
    const d = appealActions(scope(dispatcherSzq), facts({ state: 'handling' }), {
      hasPendingExtension: true,
    });
    expect(d.approveExtension).toBe(true);
    expect(d.dispatch).toBe(false);
    expect(d.supervise).toBe(true);
    const h = appealActions(scope(handler), facts({ state: 'handling' }), { hasPendingExtension: true });
    expect(h.extend).toBe(false);
    expect(h.resolve).toBe(true);
  });
});
