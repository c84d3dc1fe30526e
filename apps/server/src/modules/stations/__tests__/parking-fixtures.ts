import { sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import { appealsWorld } from '../../appeals/__tests__/fixtures.ts';
import { actorFor } from '../../appeals/appeals.seed.ts';

/** The world of the parking-zone and compound-access tests: demo people, regions, categories. */
export async function parkingWorld(...args: Parameters<typeof appealsWorld>) {
  const w = await appealsWorld(...args);
  const actors = {
    ...w.actors,
    szqAdmin: actorFor(w.users['szq.admin']!, '市中区管理员', 'staff', 'district_admin', {
      regionCode: '511102',
    }),
    swqAdmin: actorFor(w.users['swq.admin']!, '沙湾区管理员', 'staff', 'district_admin', {
      regionCode: '511111',
    }),
    /** 大佛街道示例社区: an organisation grant, whose region (511102004) the service looks up. */
    community: actorFor(w.users['szq.community']!, '社区工作者', 'staff', 'community_staff', {
      orgId: w.orgs['szq.dafo.c1']!,
    }),
  } satisfies Record<string, Actor>;
  return { ...w, actors };
}

/** 大佛街道 (市中区) and 沙湾镇 (沙湾区), WGS-84. */
export const DAFO = { lat: 29.5605, lng: 103.7652, region: '511102004' } as const;
export const SHAWAN = { lat: 29.4131, lng: 103.5494, region: '511111100' } as const;

/** A point `north` and `east` metres away from `p` (small distances). */
export function offset(p: { lat: number; lng: number }, north: number, east: number) {
  const dLat = north / 111_320;
  const dLng = east / (111_320 * Math.cos((p.lat * Math.PI) / 180));
  return { lat: p.lat + dLat, lng: p.lng + dLng };
}

export async function countRows(db: Db, table: string, where = sql`true`): Promise<number> {
  const r = (await db.execute(
    sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`,
  )) as unknown as { rows: { n: number }[] };
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
