import { permissionsOf, type Role } from '@nuanxin/shared';
import { describe, expect, it } from 'vitest';
import type { Actor, ScopedGrant } from '../../../platform/auth/actor.ts';
import {
  mayKeep,
  mayManage,
  mayManageAt,
  mayRead,
  PUBLIC_SCOPE,
  stationActions,
  stationScopeOf,
} from '../stations.policy.ts';

function actor(kind: 'worker' | 'staff', grants: Omit<ScopedGrant, 'id'>[]): Actor {
  const roles = [
    ...new Set<Role>([...(kind === 'worker' ? (['worker'] as Role[]) : []), ...grants.map((g) => g.role)]),
  ];
  return {
    userId: 'u1',
    name: 'x',
    kind,
    isPartyMember: false,
    grants: grants.map((g, i) => ({ ...g, id: `g${i}` })),
    roles,
    permissions: new Set(permissionsOf(roles)),
    sessionId: null,
    tokenId: null,
  };
}

const ORG_REGION: Record<string, string> = {
  community: '511102004',
  operator: '511111',
  committee: '511111',
};
const scope = (a: Actor) => stationScopeOf(a, (id) => ORG_REGION[id] ?? null);
const dafo = { regionCode: '511102004', operatorPath: '/szq/dafo/community/', isKeeper: false };
const tongjiang = { regionCode: '511102006', operatorPath: '/szq/tongjiang/c1/', isKeeper: false };
const shawan = { regionCode: '511111100', operatorPath: '/swq/operator/', isKeeper: false };

describe('station policy', () => {
  it('district admin: manages and reads the district, nothing else', () => {
    const s = scope(
      actor('staff', [{ role: 'district_admin', orgId: 'lxgw', orgPath: '/szq/', regionCode: '511102' }]),
    );
    expect(s.manageRegions).toEqual(['511102']);
    expect([mayManage(s, dafo), mayManage(s, tongjiang), mayManage(s, shawan)]).toEqual([true, true, false]);
    expect(mayRead(s, shawan)).toBe(false);
    expect(s.canCatalogue).toBe(true);
    expect(stationActions(s, shawan)).toEqual({
      update: false,
      setLive: false,
      poster: false,
      rotateQr: false,
      visits: false,
    });
  });

  it('community staff: the township of their community (from the organisation) and its subtree', () => {
    const s = scope(
      actor('staff', [
        { role: 'community_staff', orgId: 'community', orgPath: '/szq/dafo/community/', regionCode: null },
      ]),
    );
    expect(s.manageRegions).toEqual(['511102004']);
    expect([mayManage(s, dafo), mayManage(s, tongjiang)]).toEqual([true, false]);
    expect(mayManageAt(s, '511102006', '/szq/dafo/community/sub/')).toBe(true); // operator below their community
  });

  it('keeper: the stations their operator runs and those they keep; never a whole region', () => {
    const s = scope(
      actor('staff', [
        { role: 'station_keeper', orgId: 'operator', orgPath: '/swq/operator/', regionCode: '511111' },
      ]),
    );
    expect(s.readRegions).toEqual([]);
    expect(mayRead(s, shawan)).toBe(true);
    expect(mayRead(s, { ...shawan, operatorPath: '/swq/other/' })).toBe(false);
    expect(mayRead(s, { ...shawan, operatorPath: '/swq/other/', isKeeper: true })).toBe(true);
    expect(mayManage(s, shawan)).toBe(false);
    expect(mayKeep(s, shawan)).toBe(false);
    expect(mayKeep(s, { ...shawan, isKeeper: true })).toBe(true);
    expect(stationActions(s, { ...shawan, isKeeper: true })).toEqual({
      update: false,
      setLive: true,
      poster: true,
      rotateQr: false,
      visits: true,
    });
  });

  it('industry committee: reads its district through its organisation, manages nothing', () => {
    const s = scope(
      actor('staff', [
        { role: 'industry_committee_admin', orgId: 'committee', orgPath: '/swq/jtys/', regionCode: null },
      ]),
    );
    expect(mayRead(s, shawan)).toBe(true);
    expect(mayManage(s, shawan)).toBe(false);
  });

  it('workers and nobody: no console reach; workers may check in', () => {
    const w = scope(actor('worker', []));
    expect(w.canCheckin).toBe(true);
    expect([mayRead(w, dafo), mayKeep(w, { ...dafo, isKeeper: true })]).toEqual([false, false]);
    expect(mayRead(PUBLIC_SCOPE, dafo)).toBe(false);
    expect(PUBLIC_SCOPE.canCheckin).toBe(false);
  });
});
