import { type CreateStationInput, createStationBody } from '@nuanxin/shared';
import type { Actor } from '../../../platform/auth/actor.ts';
import { loadProvisionalYears } from '../../../platform/calendar/index.ts';
import type { EngineKind } from '../../../platform/db/client.ts';
import { inTransaction } from '../../../platform/db/tx.ts';
import { buildTestApp, type TestApp } from '../../../platform/testing/app.ts';
import { identityOrgIds, seedDemoOrgs, seedRegions } from '../../../seed/demo.ts';
import { seedDemoAccounts } from '../../identity/identity.seed.ts';
import { createIdentityService } from '../../identity/identity.service.ts';
import { seedDemoStations } from '../stations.seed.ts';
import { createStationsService, type StationsService } from '../stations.service.ts';

/** Demo logins the station tests act as. */
export const LOGINS = [
  'szq.admin',
  'swq.admin',
  'szq.community',
  'swq.keeper',
  'swq.jtys',
  'sysadmin',
  'auditor',
  'szq.dispatch',
  'worker1',
  'worker2',
] as const;
export type Login = (typeof LOGINS)[number];

/**
 * Regions, demo organisations and accounts (real actors, resolved from real sessions), and with
 * `demo: true` the demo stations. `clock` moves the service's time.
 */
export async function stationsWorld(
  engine: EngineKind,
  opts: { demo?: boolean; clock?: { now: Date } } = {},
) {
  const t: TestApp = await buildTestApp(engine, { NUANXIN_RATE_LIMIT_MAX: '1000000' });
  await loadProvisionalYears(t.deps);
  const { ids } = await inTransaction(t.database, async ({ tx }) => {
    await seedRegions(tx);
    return seedDemoOrgs(tx);
  });
  const users = await seedDemoAccounts(t.deps, identityOrgIds(ids));
  if (opts.demo) await seedDemoStations(t.deps, ids, users);
  const identity = createIdentityService(t.deps);
  const actors = {} as Record<Login, Actor>;
  const headers = {} as Record<Login, Record<string, string>>;
  for (const login of LOGINS) {
    const s = await identity.startSessionFor(users[login]!);
    const auth = await identity.authenticate({ cookie: s.token });
    if (!auth) throw new Error(`no session for ${login}`);
    actors[login] = auth.actor;
    headers[login] = { cookie: `nx_session=${s.token}`, 'x-csrf-token': s.csrfToken };
  }
  const clock = opts.clock;
  const svc: StationsService = createStationsService(t.deps, clock ? { now: () => clock.now } : {});
  const call = (
    login: Login | null,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    payload?: object,
    extra: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      headers: { ...(login ? headers[login] : {}), ...extra },
    });
  return { t, svc, orgs: ids, users, actors, headers, call };
}

export type StationsWorld = Awaited<ReturnType<typeof stationsWorld>>;

const BASIC = ['rest', 'water', 'charging', 'wifi', 'reading'].map((code) => ({ code }));

/** A valid create body: a 铜心驿站 in 沙湾镇 (`swq`) or a 小哥加油吧 in 大佛街道 (`szq`). */
export function stationBody(
  w: StationsWorld,
  where: 'szq' | 'swq',
  over: Partial<CreateStationInput> = {},
): CreateStationInput {
  return where === 'swq'
    ? {
        name: '铜心驿站·测试点',
        kind: 'copper_heart',
        hostType: 'supermarket',
        operatorOrgId: w.orgs['swq.station']!,
        regionCode: '511111100',
        address: '乐山市沙湾区沙湾镇测试路1号',
        lat: 29.4131,
        lng: 103.5497,
        hours: { weekly: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '08:00', close: '22:00' }] },
        services: [
          ...BASIC,
          {
            code: 'meal_heating',
            hours: { weekly: [{ days: [1, 2, 3, 4, 5], open: '11:00', close: '14:00' }] },
          },
        ],
        capacity: [{ resource: 'seats', total: 10 }],
        ...over,
      }
    : {
        name: '小哥加油吧·测试点',
        kind: 'rider_bar',
        hostType: 'party_centre',
        operatorOrgId: w.orgs['szq.dafo.c1']!,
        regionCode: '511102004',
        address: '乐山市市中区大佛街道测试路2号',
        lat: 29.5551,
        lng: 103.7622,
        hours: { alwaysOpen: true },
        services: [{ code: 'water' }, { code: 'medicine_kit' }],
        capacity: [{ resource: 'seats', total: 8, available: 3 }],
        ...over,
      };
}

/** The same body as the routes would pass it to the service (defaults applied). */
export function createBody(w: StationsWorld, where: 'szq' | 'swq', over: Partial<CreateStationInput> = {}) {
  return createStationBody.parse(stationBody(w, where, over));
}
