import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../../platform/db/client.ts';
import { testEngines } from '../../../platform/db/testing.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { type StationsWorld, stationsWorld } from '../../stations/__tests__/stations-fixtures.ts';
import { createHubService, type HubService } from '../hub.service.ts';
import { freshHubStation, shanghaiDay } from './hub-fixtures.ts';

/**
 * HUB-01: the last beds of a night under a rush. On PostgreSQL 1,000 concurrent attempts (a pool
 * of 40 connections) race for 50 beds; on the embedded engine, which runs one statement at a time,
 * 200 interleaved attempts for 20 beds. Exactly the free beds get booked, capacity never goes
 * below zero, a repeated Idempotency-Key never books twice.
 */
describe.each(testEngines())('hub booking rush (%s)', (engine) => {
  const attempts = engine === 'postgres' ? 1000 : 200;
  const beds = engine === 'postgres' ? 50 : 20;
  let w: StationsWorld;
  let big: Database | null = null;
  let svc: HubService;
  let stationId: string;

  beforeAll(async () => {
    w = await stationsWorld(engine);
    stationId = await freshHubStation(w, '暖心之家·并发测试');
    const setupSvc = createHubService(w.t.deps);
    for (let i = 0; i < beds / 2; i++)
      await setupSvc.createRoom(w.actors['swq.admin'], null, stationId, {
        code: String(100 + i),
        floor: 1,
        beds: ['A', 'B'],
      });
    if (engine === 'postgres') {
      big = await openDatabase({ url: w.t.database.url!, poolMax: 40 });
      svc = createHubService({ ...w.t.deps, database: big });
    } else svc = setupSvc;
  }, 240_000);
  afterAll(async () => {
    await big?.close();
    await w?.t.close();
  });

  it(`${attempts} attempts for the last ${beds} beds give exactly ${beds} bookings`, async () => {
    const night = shanghaiDay(1);
    const capacity = async () =>
      (
        await w.t.database.query<{ total: number; available: number }>(
          "select total, available from station_capacity where station_id = $1 and resource = 'beds'",
          [stationId],
        )
      ).rows[0];
    expect(await capacity()).toEqual({ total: beds, available: beds });

    // Every tenth attempt repeats the key of the attempt before it (a phone retrying).
    const keyOf = (i: number) => `rush-${i % 10 === 9 ? i - 1 : i}`;
    const actors = [w.actors.worker1, w.actors.worker2];
    let watching = true;
    const seen: number[] = [];
    const watcher = (async () => {
      while (watching) {
        const c = await capacity();
        if (c) seen.push(c.available);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const results = await Promise.allSettled(
      Array.from({ length: attempts }, (_, i) =>
        svc.book(
          actors[i % 2]!,
          null,
          stationId,
          { from: night, nights: 1, ownBedding: true, bay: false },
          `${keyOf(i)}-${i % 2}`,
        ),
      ),
    );
    watching = false;
    await watcher;

    const created = results.filter((r) => r.status === 'fulfilled' && r.value.created);
    const repeats = results.filter((r) => r.status === 'fulfilled' && !r.value.created);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    const codes = new Set(
      failed.map((f) => (f.reason instanceof AppError ? f.reason.code : String(f.reason))),
    );
    expect(created).toHaveLength(beds);
    expect([...codes]).toEqual(['hub.full']);
    expect(created.length + repeats.length + failed.length).toBe(attempts);

    const rows = await w.t.database.query<{ n: number; beds: number; keys: number }>(
      `select count(*)::int as n, count(distinct bed_id)::int as beds, count(distinct idempotency_key)::int as keys
         from hub_booking where station_id = $1 and status = 'booked'`,
      [stationId],
    );
    expect(rows.rows[0]).toEqual({ n: beds, beds, keys: beds });
    // A repeated key answered the first booking, never a second one.
    for (const r of repeats)
      if (r.status === 'fulfilled')
        expect(
          created.some((c) => c.status === 'fulfilled' && c.value.booking.id === r.value.booking.id),
        ).toBe(true);
    // Tonight's capacity is about tonight: the rush was for tomorrow night.
    expect(await capacity()).toEqual({ total: beds, available: beds });
    expect(seen.every((n) => n >= 0)).toBe(true);
    const payments = await w.t.database.query<{ n: number }>(
      "select count(*)::int as n from payment where station_id = $1 and purpose = 'lodging'",
      [stationId],
    );
    expect(payments.rows[0]!.n).toBe(beds);
  }, 240_000);

  it('tonight’s capacity follows the bookings and never goes below zero', async () => {
    const tonight = shanghaiDay(0);
    const results = await Promise.allSettled(
      Array.from({ length: beds + 10 }, (_, i) =>
        svc.book(
          [w.actors.worker1, w.actors.worker2][i % 2]!,
          null,
          stationId,
          { from: tonight, nights: 1, ownBedding: true, bay: false },
          `tonight-${i}`,
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(beds);
    const c = await w.t.database.query<{ total: number; available: number }>(
      "select total, available from station_capacity where station_id = $1 and resource = 'beds'",
      [stationId],
    );
    expect(c.rows[0]).toEqual({ total: beds, available: 0 });
  }, 240_000);
});
