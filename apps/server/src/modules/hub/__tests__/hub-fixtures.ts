import type { EngineKind } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { createBody, type StationsWorld, stationsWorld } from '../../stations/__tests__/stations-fixtures.ts';
import { DEMO_HUB_STATION, seedDemoHub } from '../hub.seed.ts';

/** The stations world with the demo stations and the demo hub (12 rooms × 2 beds, 20 bays, 4 cameras). */
export async function hubWorld(engine: EngineKind) {
  const w = await stationsWorld(engine, { demo: true });
  await seedDemoHub(w.t.deps, w.users);
  const q = w.t.database.query.bind(w.t.database);
  const hubId = (await q<{ id: string }>('select id from station where name = $1', [DEMO_HUB_STATION]))
    .rows[0]!.id;
  return { ...w, hubId, q };
}
export type HubWorld = Awaited<ReturnType<typeof hubWorld>>;

/** A new 暖心之家 in 沙湾 (offering lodging) with no rooms yet. */
export async function freshHubStation(w: StationsWorld, name: string): Promise<string> {
  const s = await w.svc.create(
    w.actors['swq.admin'],
    null,
    createBody(w, 'swq', {
      name,
      kind: 'warm_home',
      hostType: 'party_centre',
      services: [{ code: 'lodging' }, { code: 'truck_parking' }],
      capacity: [],
    }),
  );
  return s.id;
}

/** Today in Asia/Shanghai, plus `n` days. */
export function shanghaiDay(n = 0, at = new Date()): string {
  return new Date(at.getTime() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
}

export async function codeOf(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return null;
}
