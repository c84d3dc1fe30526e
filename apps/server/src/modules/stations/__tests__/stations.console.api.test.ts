import { stationKeeperCandidatesReply, stationsListReply } from '@nuanxin/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StationsWorld, stationBody, stationsWorld } from './stations-fixtures.ts';

/**
 * What the console needs beyond the contract's first cut: the list carries coordinates, live
 * status time and capacity (map view, capacity board), and managers pick keepers from staff in
 * their reach (community staff have no user directory).
 */
describe('stations console HTTP', () => {
  let w: StationsWorld;
  beforeAll(async () => {
    w = await stationsWorld('pglite');
  }, 120_000);
  afterAll(async () => w?.t.close());

  it('lists stations with coordinates, live status time and capacity', async () => {
    const created = await w.call('swq.admin', 'POST', '/api/v1/stations', stationBody(w, 'swq'));
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const live = await w.call('swq.admin', 'POST', `/api/v1/stations/${id}/live`, {
      liveStatus: 'busy',
      capacity: [{ resource: 'seats', available: 4 }],
    });
    expect(live.statusCode).toBe(200);
    const r = await w.call('swq.admin', 'GET', '/api/v1/stations');
    expect(r.statusCode).toBe(200);
    const row = stationsListReply.parse(r.json()).items.find((s) => s.id === id);
    expect(row).toBeDefined();
    expect(row?.lat).toBeCloseTo(29.4131, 4);
    expect(row?.lng).toBeCloseTo(103.5497, 4);
    expect(row?.liveStatus).toBe('busy');
    expect(Date.parse(row?.liveStatusAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(row?.capacity).toEqual([
      { resource: 'seats', total: 10, available: 4, updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
    ]);
    expect(Date.parse(row?.capacity[0]?.updatedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(row?.canSetLive).toBe(true);
  });

  it('tells a keeper which stations are theirs, and lists only those with kept=true', async () => {
    const mine = await w.call('swq.admin', 'POST', '/api/v1/stations', {
      ...stationBody(w, 'swq'),
      name: '铜心驿站·站长自己的点',
      keeperIds: [w.users['swq.keeper']!],
    });
    expect(mine.statusCode).toBe(201);
    const all = stationsListReply.parse((await w.call('swq.keeper', 'GET', '/api/v1/stations')).json()).items;
    expect(all.find((s) => s.id === mine.json().id)?.canSetLive).toBe(true);
    // The keeper reads the operator's other stations but does not keep them.
    expect(all.filter((s) => s.id !== mine.json().id).every((s) => !s.canSetLive)).toBe(true);
    const kept = stationsListReply.parse(
      (await w.call('swq.keeper', 'GET', '/api/v1/stations?kept=true')).json(),
    );
    expect(kept.items.map((s) => s.id)).toEqual([mine.json().id]);
    expect(kept.total).toBe(1);
  });

  it('offers keepers within the manager’s reach only', async () => {
    const names = async (login: 'swq.admin' | 'szq.admin' | 'szq.community', q?: string) => {
      const r = await w.call(
        login,
        'GET',
        `/api/v1/stations/keeper-candidates${q ? `?q=${encodeURIComponent(q)}` : ''}`,
      );
      expect(r.statusCode).toBe(200);
      return stationKeeperCandidatesReply.parse(r.json()).items;
    };
    const swq = await names('swq.admin');
    expect(swq.find((c) => c.userId === w.users['swq.keeper'])?.role).toBe('station_keeper');
    // Keepers come first.
    expect(swq[0]?.role).toBe('station_keeper');
    const szq = await names('szq.admin');
    expect(szq.some((c) => c.userId === w.users['swq.keeper'])).toBe(false);
    expect(szq.some((c) => c.userId === w.users['szq.community'])).toBe(true);
    // Community staff (an organisation grant) see the staff of their organisation.
    const community = await names('szq.community');
    expect(community.some((c) => c.userId === w.users['szq.community'])).toBe(true);
    expect(community.some((c) => c.userId === w.users['swq.keeper'])).toBe(false);
    expect((await names('swq.admin', '站长')).every((c) => c.name.includes('站长'))).toBe(true);
  });

  it('refuses keepers and other staff the keeper picker', async () => {
    expect((await w.call('swq.keeper', 'GET', '/api/v1/stations/keeper-candidates')).statusCode).toBe(403);
    expect((await w.call(null, 'GET', '/api/v1/stations/keeper-candidates')).statusCode).toBe(401);
  });
});
