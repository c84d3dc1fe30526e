import { describe, expect, it } from 'vitest';
import {
  type ClaimFacts,
  canSeeClaim,
  canSeeNotice,
  claimActions,
  type GrantOrg,
  grnScopeOf,
  isMarketRegulator,
  mayAct,
} from '../green-channel.policy.ts';
import { grnActor } from '../green-channel.seed.ts';
import { GRN_ACTIONS, type GrnAction } from '../green-channel.types.ts';

const ORGS: Record<string, GrantOrg> = {
  scjg: { name: '乐山市市中区市场监督管理局', kind: 'government_department', regionCode: '511102' },
  zhzf: { name: '乐山市市中区综合行政执法局（城管）', kind: 'government_department', regionCode: '511102' },
  meituan: { name: '美团（乐山）', kind: 'platform_company', regionCode: '511100' },
  eleme: { name: '饿了么（乐山）', kind: 'platform_company', regionCode: '511100' },
};
const orgOf = (id: string) => ORGS[id] ?? null;

const scopes = {
  rider: grnScopeOf(grnActor('rider', '骑手', 'worker'), orgOf),
  otherRider: grnScopeOf(grnActor('other', '骑手', 'worker'), orgOf),
  scjg: grnScopeOf(grnActor('u-scjg', 'x', 'department_handler', { orgId: 'scjg' }), orgOf),
  zhzf: grnScopeOf(grnActor('u-zhzf', 'x', 'department_handler', { orgId: 'zhzf' }), orgOf),
  dispatcher: grnScopeOf(grnActor('u-d', 'x', 'dispatcher', { regionCode: '511102' }), orgOf),
  swqDispatcher: grnScopeOf(grnActor('u-d2', 'x', 'dispatcher', { regionCode: '511111' }), orgOf),
  admin: grnScopeOf(grnActor('u-a', 'x', 'district_admin', { regionCode: '511102' }), orgOf),
  meituan: grnScopeOf(grnActor('u-m', 'x', 'platform_liaison', { orgId: 'meituan' }), orgOf),
  eleme: grnScopeOf(grnActor('u-e', 'x', 'platform_liaison', { orgId: 'eleme' }), orgOf),
  committee: grnScopeOf(grnActor('u-c', 'x', 'industry_committee_admin', { regionCode: '511102' }), orgOf),
};
type Who = keyof typeof scopes;

const claim = (over: Partial<ClaimFacts> = {}): ClaimFacts => ({
  state: 'submitted',
  regionCode: '511102004',
  riderUserId: 'rider',
  platformOrgId: 'meituan',
  noticeId: null,
  ...over,
});

/** Who may act on a 市中区 美团 claim, state aside. */
const WHO: Record<GrnAction, Who[]> = {
  review: ['scjg', 'dispatcher'],
  reject: ['scjg', 'dispatcher'],
  sendNotice: ['scjg', 'dispatcher'],
  answer: ['meituan'],
  close: ['rider', 'scjg', 'dispatcher'],
};

describe('green channel policy', () => {
  it('recognises market regulators by kind and name', () => {
    expect(isMarketRegulator(ORGS.scjg!)).toBe(true);
    expect(isMarketRegulator(ORGS.zhzf!)).toBe(false);
    expect(isMarketRegulator({ ...ORGS.scjg!, kind: 'enterprise' })).toBe(false);
    expect(isMarketRegulator(null)).toBe(false);
  });

  const cases = GRN_ACTIONS.flatMap((a) => (Object.keys(scopes) as Who[]).map((w) => [a, w] as const));
  it.each(cases)('%s by %s', (action, who) => {
    expect(mayAct(scopes[who], claim(), action)).toBe(WHO[action].includes(who));
  });

  it('keeps officers to their district', () => {
    const swq = claim({ regionCode: '511111100' });
    expect(mayAct(scopes.scjg, swq, 'review')).toBe(false);
    expect(mayAct(scopes.swqDispatcher, swq, 'review')).toBe(true);
    expect(canSeeClaim(scopes.scjg, swq)).toBe(false);
  });

  it('shows a claim to the platform only once a notice addressed to it exists', () => {
    expect(canSeeClaim(scopes.meituan, claim())).toBe(false);
    expect(canSeeClaim(scopes.meituan, claim({ noticeId: 'n1' }))).toBe(true);
    expect(canSeeClaim(scopes.eleme, claim({ noticeId: 'n1' }))).toBe(false);
    expect(canSeeNotice(scopes.eleme, { regionCode: '511102', platformOrgId: 'meituan' })).toBe(false);
    expect(canSeeNotice(scopes.meituan, { regionCode: '511102', platformOrgId: 'meituan' })).toBe(true);
  });

  it('lets riders see only their own and staff only their area', () => {
    expect(canSeeClaim(scopes.rider, claim())).toBe(true);
    expect(canSeeClaim(scopes.otherRider, claim())).toBe(false);
    expect(canSeeClaim(scopes.admin, claim())).toBe(true);
    expect(canSeeClaim(scopes.zhzf, claim())).toBe(false);
    expect(canSeeClaim(scopes.committee, claim())).toBe(false);
  });

  it('combines policy and machine in the actions object', () => {
    expect(claimActions(scopes.scjg, claim())).toEqual({
      review: true,
      reject: true,
      sendNotice: false,
      answer: false,
      close: false,
    });
    expect(claimActions(scopes.meituan, claim({ state: 'notice_sent', noticeId: 'n' })).answer).toBe(true);
    expect(claimActions(scopes.scjg, claim({ state: 'notice_sent', noticeId: 'n' })).answer).toBe(false);
    expect(claimActions(scopes.rider, claim({ state: 'answered' })).close).toBe(true);
  });
});
