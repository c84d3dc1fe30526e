import type { sql } from 'drizzle-orm';
import type { Db, EngineKind } from '../../../platform/db/client.ts';
import { stationsWorld } from '../../stations/__tests__/stations-fixtures.ts';
import { localDate } from '../canteen-services.policy.ts';
import { createCanteenServicesService } from '../canteen-services.service.ts';

/**
 * The demo world (people, organisations, demo stations) with the 沙湾区人民食堂 (offers 政务代办
 * and 节假日托幼, kept by swq.keeper) and the 沙湾区职工之家 (offers neither), and a service on a
 * clock the test moves.
 */
export async function canteenWorld(engine: EngineKind) {
  const clock = { now: new Date() };
  const w = await stationsWorld(engine, { demo: true, clock });
  const idOf = async (name: string) => {
    const r = await w.svc.list(w.actors['swq.admin'], { q: name, page: 1, pageSize: 5 });
    const s = r.items.find((x) => x.name === name);
    if (!s) throw new Error(`no demo station ${name}`);
    return s.id;
  };
  const canteenId = await idOf('沙湾区人民食堂');
  const plainId = await idOf('沙湾区职工之家');
  const svc = createCanteenServicesService(w.t.deps, { now: () => clock.now });
  return { ...w, clock, canteenId, plainId, cs: svc };
}
export type CanteenWorld = Awaited<ReturnType<typeof canteenWorld>>;

/** The local date `days` days from the clock. */
export function dayFrom(now: Date, days: number): string {
  return localDate(new Date(now.getTime() + days * 86_400_000));
}

export async function count(db: Db, q: ReturnType<typeof sql>): Promise<number> {
  const r = (await db.execute(q)) as unknown as { rows: { n: number }[] };
  return Number(r.rows[0]!.n);
}

/** Waits for after-commit event handlers (notifications) to have run. */
export async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}
