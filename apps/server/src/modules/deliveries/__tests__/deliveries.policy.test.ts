import { describe, expect, it } from 'vitest';
import { actorFor } from '../../appeals/appeals.seed.ts';
import {
  codeLocked,
  type DeliveryFacts,
  deliveryScopeOf,
  managesCommunity,
  mayActOnDelivery,
  maySeeDelivery,
  residentActions,
  residentScope,
} from '../deliveries.policy.ts';

/** CAN-05 access rules: community staff by organisation subtree; riders on what they hold. */

const SZQ_COMMUNITY = '/a/szq/dafo/c1/';
const SWQ_COMMUNITY = '/a/swq/shawan/c1/';
const staff = (path: string) =>
  actorFor('00000000-0000-4000-8000-000000000001', '社区', 'staff', 'community_staff', {
    orgId: 'c1',
    orgPath: path,
  });
const rider = actorFor('00000000-0000-4000-8000-000000000002', '张师傅', 'worker', 'worker');
const BENEFICIARY = '00000000-0000-4000-8000-0000000000b1';
const facts = (over: Partial<DeliveryFacts> = {}): DeliveryFacts => ({
  beneficiaryId: BENEFICIARY,
  status: 'requested',
  riderUserId: null,
  pickedUp: false,
  codeAttempts: 0,
  community: { path: SWQ_COMMUNITY, regionCode: '511111100' },
  ...over,
});

describe('CAN-05 delivery policy', () => {
  it('lets a resident see their own requests only, cancel one nobody has taken and confirm receipt', () => {
    const own = residentScope('s1', [BENEFICIARY]);
    const other = residentScope('s2', ['00000000-0000-4000-8000-0000000000b2']);
    expect(maySeeDelivery(own, facts())).toBe(true);
    expect(maySeeDelivery(other, facts())).toBe(false);
    expect(residentActions(own, facts())).toEqual({ cancel: true, confirm: false });
    expect(residentActions(own, facts({ status: 'claimed', riderUserId: 'r' }))).toEqual({
      cancel: false,
      confirm: false,
    });
    expect(residentActions(own, facts({ status: 'delivered' }))).toEqual({ cancel: false, confirm: true });
    expect(residentActions(own, facts({ status: 'confirmed' }))).toEqual({ cancel: false, confirm: false });
    expect(residentActions(other, facts({ status: 'delivered' }))).toEqual({ cancel: false, confirm: false });
    // A resident never does a staff's or a rider's part.
    for (const a of ['assign', 'handle', 'claim', 'pickup', 'release', 'deliver'] as const)
      expect(
        mayActOnDelivery(
          own,
          facts({ status: a === 'claim' || a === 'assign' || a === 'handle' ? 'requested' : 'claimed' }),
          a,
        ),
      ).toBe(false);
  });

  it('scopes community staff to their organisation subtree (市中区 staff do not reach 沙湾区)', () => {
    const swq = deliveryScopeOf(staff(SWQ_COMMUNITY));
    const szq = deliveryScopeOf(staff(SZQ_COMMUNITY));
    const town = deliveryScopeOf(staff('/a/swq/shawan/'));
    const home = { path: SWQ_COMMUNITY, regionCode: '511111100' };
    expect(managesCommunity(swq, home)).toBe(true);
    expect(managesCommunity(town, home)).toBe(true);
    expect(managesCommunity(szq, home)).toBe(false);
    expect(managesCommunity(swq, { path: '/a/swq/shawan/c10/', regionCode: '511111100' })).toBe(false);
    expect(maySeeDelivery(szq, facts())).toBe(false);
    expect(mayActOnDelivery(szq, facts(), 'cancel')).toBe(false);
    expect(mayActOnDelivery(swq, facts(), 'cancel')).toBe(true);
  });

  it('gives region grants the communities of their region', () => {
    const a = actorFor('00000000-0000-4000-8000-000000000003', 'x', 'staff', 'community_staff', {
      regionCode: '511111',
    });
    const s = deliveryScopeOf(a);
    expect(managesCommunity(s, { path: SWQ_COMMUNITY, regionCode: '511111100' })).toBe(true);
    expect(managesCommunity(s, { path: SZQ_COMMUNITY, regionCode: '511102004' })).toBe(false);
  });

  it('gives other staff roles nothing', () => {
    const admin = actorFor('00000000-0000-4000-8000-000000000004', 'a', 'staff', 'district_admin', {
      regionCode: '511111',
    });
    const s = deliveryScopeOf(admin);
    expect(s.orgPaths).toEqual([]);
    expect(s.regions).toEqual([]);
    expect(s.isRider).toBe(false);
    expect(maySeeDelivery(s, facts())).toBe(false);
  });

  it('lets a rider claim open requests and act only on their own', () => {
    const s = deliveryScopeOf(rider);
    expect(mayActOnDelivery(s, facts(), 'claim')).toBe(true);
    const mine = facts({ status: 'claimed', riderUserId: rider.userId });
    const theirs = facts({ status: 'claimed', riderUserId: '00000000-0000-4000-8000-000000000009' });
    expect(mayActOnDelivery(s, mine, 'deliver')).toBe(true);
    expect(mayActOnDelivery(s, mine, 'release')).toBe(true);
    expect(mayActOnDelivery(s, theirs, 'deliver')).toBe(false);
    expect(maySeeDelivery(s, theirs)).toBe(false);
    expect(mayActOnDelivery(s, mine, 'confirm')).toBe(false);
    expect(mayActOnDelivery(s, { ...mine, pickedUp: true }, 'release')).toBe(false);
  });

  it('locks code entry after five wrong tries', () => {
    const s = deliveryScopeOf(rider);
    expect(codeLocked(4)).toBe(false);
    expect(codeLocked(5)).toBe(true);
    const d = facts({ status: 'claimed', riderUserId: rider.userId, codeAttempts: 5 });
    expect(mayActOnDelivery(s, d, 'deliver')).toBe(false);
    // Staff can still mark it delivered after checking with the resident.
    expect(mayActOnDelivery(deliveryScopeOf(staff(SWQ_COMMUNITY)), d, 'handle')).toBe(true);
  });
});
