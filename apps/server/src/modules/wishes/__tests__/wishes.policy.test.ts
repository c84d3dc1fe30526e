import { permissionsOf, type Role } from '@nuanxin/shared';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/auth/actor.ts';
import { canSeeWish, mayManageForum, type WishFacts, wishActions, wishScopeOf } from '../wishes.policy.ts';

function actor(role: Role, grant: { regionCode?: string; orgId?: string } = {}, userId = 'u1'): Actor {
  return {
    userId,
    name: 'x',
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
              orgPath: null,
              regionCode: grant.regionCode ?? null,
            },
          ],
    roles: [role],
    permissions: new Set(permissionsOf([role])),
    sessionId: null,
    tokenId: null,
  };
}
const orgRegion = (id: string) => (id === 'community' ? '511102004' : id === 'committee' ? '511111' : null);
const wish = (p: Partial<WishFacts> = {}): WishFacts => ({
  state: 'classified',
  regionCode: '511102004',
  submitterUserId: 'w1',
  trackerUserId: null,
  converted: false,
  ...p,
});

describe('wish policy', () => {
  const cases: [string, Actor, boolean][] = [
    ['worker (own)', actor('worker', {}, 'w1'), true],
    ['worker (other)', actor('worker', {}, 'w2'), false],
    ['community staff (own community)', actor('community_staff', { orgId: 'community' }), true],
    ['dispatcher 市中区', actor('dispatcher', { regionCode: '511102' }), true],
    ['dispatcher 沙湾区', actor('dispatcher', { regionCode: '511111' }), false],
    ['committee 沙湾区', actor('industry_committee_admin', { orgId: 'committee' }), false],
    ['district admin 市中区', actor('district_admin', { regionCode: '511102' }), true],
    ['department handler', actor('department_handler', { regionCode: '511102' }), false],
    ['station keeper', actor('station_keeper', { regionCode: '511102' }), false],
  ];
  it.each(cases)('%s sees: %s', (_n, a, sees) => {
    expect(canSeeWish(wishScopeOf(a, orgRegion), wish())).toBe(sees);
  });

  it('the submitter may not act; a handler in scope gets exactly the machine’s actions', () => {
    const w = wishScopeOf(actor('worker', {}, 'w1'), orgRegion);
    expect(Object.values(wishActions(w, wish())).some(Boolean)).toBe(false);
    const s = wishScopeOf(actor('community_staff', { orgId: 'community' }), orgRegion);
    expect(wishActions(s, wish({ state: 'collected' }))).toEqual({
      classify: true,
      assign: false,
      answer: false,
      convert: false,
      markIdea: false,
    });
    expect(wishActions(s, wish({ state: 'tracking', converted: true }))).toEqual({
      classify: false,
      assign: true,
      answer: true,
      convert: false,
      markIdea: true,
    });
  });

  it('a named tracker outside the region may answer', () => {
    const t = wishScopeOf(actor('dispatcher', { regionCode: '511111' }, 't1'), orgRegion);
    const facts = wish({ state: 'tracking', trackerUserId: 't1' });
    expect(canSeeWish(t, facts)).toBe(true);
    expect(wishActions(t, facts).answer).toBe(true);
    expect(wishActions(t, facts).assign).toBe(false);
  });

  it('forums: dispatchers, committee and district admins of the region', () => {
    expect(
      mayManageForum(wishScopeOf(actor('dispatcher', { regionCode: '511102' }), orgRegion), '511102'),
    ).toBe(true);
    expect(
      mayManageForum(
        wishScopeOf(actor('industry_committee_admin', { orgId: 'committee' }), orgRegion),
        '511111',
      ),
    ).toBe(true);
    expect(
      mayManageForum(
        wishScopeOf(actor('industry_committee_admin', { orgId: 'committee' }), orgRegion),
        '511102',
      ),
    ).toBe(false);
    expect(
      mayManageForum(wishScopeOf(actor('community_staff', { orgId: 'community' }), orgRegion), '511102004'),
    ).toBe(false);
    expect(mayManageForum(wishScopeOf(actor('worker'), orgRegion), '511102')).toBe(false);
  });
});
