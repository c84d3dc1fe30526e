import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testEngines } from '../../db/testing.ts';
import { distanceExpr, earthOf, haversineMeters, nearbyCondition } from '../geo.ts';

/** A throwaway table shaped as modules should shape theirs. */
const SETUP = `
  create table geo_probe (id int primary key, lat double precision not null, lng double precision not null);
  create index geo_probe_geo_idx on geo_probe using gist (ll_to_earth(lat, lng));
`;

const BUDDHA = { lat: 29.5447, lng: 103.7699 };

/** Points around Leshan: a grid of about 40 × 40 km. */
const points = Array.from({ length: 400 }, (_, i) => ({
  id: i + 1,
  lat: 29.37 + Math.floor(i / 20) * 0.018,
  lng: 103.57 + (i % 20) * 0.021,
}));

describe.each(testEngines())('geo SQL on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await database.exec(SETUP);
    const values = points.map((p) => `(${p.id}, ${p.lat}, ${p.lng})`).join(',');
    await database.exec(`insert into geo_probe values ${values}; analyze geo_probe;`);
  });
  afterAll(async () => {
    await database?.destroy();
  });

  const lat = sql.raw('lat');
  const lng = sql.raw('lng');

  it('earth_distance agrees with haversine within 0.5 %', async () => {
    const { rows } = await database.query<{ id: number; d: number }>(
      `select id, earth_distance(ll_to_earth($1::float8, $2::float8), ll_to_earth(lat, lng)) as d from geo_probe`,
      [BUDDHA.lat, BUDDHA.lng],
    );
    expect(rows).toHaveLength(points.length);
    for (const r of rows) {
      const p = points[r.id - 1]!;
      const h = haversineMeters(BUDDHA, p);
      if (h < 1) continue;
      expect(Math.abs(Number(r.d) - h) / h).toBeLessThan(0.005);
    }
    // A long distance too: Leshan to Beijing.
    const bj = { lat: 39.9042, lng: 116.4074 };
    const { rows: far } = await database.query<{ d: number }>(
      'select earth_distance(ll_to_earth($1::float8, $2::float8), ll_to_earth($3::float8, $4::float8)) as d',
      [BUDDHA.lat, BUDDHA.lng, bj.lat, bj.lng],
    );
    const h = haversineMeters(BUDDHA, bj);
    expect(Math.abs(Number(far[0]!.d) - h) / h).toBeLessThan(0.005);
  });

  it('nearbyCondition returns exactly the points within the radius, nearest first with distanceExpr', async () => {
    for (const radius of [500, 3_000, 10_000]) {
      const rows = (await database.db.execute(
        sql`select id, ${distanceExpr(earthOf(lat, lng), BUDDHA.lat, BUDDHA.lng)} as d from geo_probe
            where ${nearbyCondition(earthOf(lat, lng), BUDDHA.lat, BUDDHA.lng, radius)}
            order by d`,
      )) as unknown as { rows: { id: number; d: number }[] };
      const got = rows.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
      // Reference by haversine, ignoring points within 0.5 % of the edge (the two radii differ).
      const want = points.filter((p) => haversineMeters(BUDDHA, p) <= radius * 0.995).map((p) => p.id);
      const maybe = points.filter((p) => haversineMeters(BUDDHA, p) <= radius * 1.005).map((p) => p.id);
      for (const id of want) expect(got).toContain(id);
      for (const id of got) expect(maybe).toContain(id);
      const ds = rows.rows.map((r) => Number(r.d));
      expect([...ds].sort((a, b) => a - b)).toEqual(ds);
      expect(ds.every((d) => d <= radius)).toBe(true);
    }
  });

  it('is served by the GiST index on ll_to_earth(lat, lng)', async () => {
    const cond = nearbyCondition(earthOf(lat, lng), BUDDHA.lat, BUDDHA.lng, 2_000);
    const q = database.db.select({ id: sql`id` }).from(sql`geo_probe`).where(cond).toSQL();
    await database.exec('set enable_seqscan = off');
    try {
      const inlined = q.sql.replace(/\$(\d+)/g, (_, i) => String(q.params[Number(i) - 1]));
      const { rows } = await database.query<{ 'QUERY PLAN': string }>(`explain ${inlined}`);
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/geo_probe_geo_idx/);
    } finally {
      await database.exec('reset enable_seqscan');
    }
  });
});
