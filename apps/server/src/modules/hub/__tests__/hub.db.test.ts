import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../platform/db/testing.ts';
import { createHubService, type HubService, mapExclusion, pgErrorOf } from '../hub.service.ts';
import { codeOf, type HubWorld, hubWorld, shanghaiDay } from './hub-fixtures.ts';

/** HUB-01 (1-yuan lodging), HUB-03 (bays and cameras): rules on the database, both engines. */
describe.each(testEngines())('hub bookings (%s)', (engine) => {
  let w: HubWorld;
  let svc: HubService;
  const clock = { now: new Date() };
  const today = () => shanghaiDay(0, clock.now);
  const capacity = async (resource: string) =>
    (
      await w.q<{ total: number; available: number }>(
        'select total, available from station_capacity where station_id = $1 and resource = $2',
        [w.hubId, resource],
      )
    ).rows[0];
  let bed101A: string;
  let bed101B: string;
  let bayP01: string;
  let guest: string;

  beforeAll(async () => {
    w = await hubWorld(engine);
    svc = createHubService(w.t.deps, { now: () => clock.now });
    const ids = async (sql: string) => (await w.q<{ id: string }>(sql, [w.hubId])).rows[0]!.id;
    bed101A = await ids(
      "select b.id from hub_bed b join hub_room r on r.id = b.room_id where r.station_id = $1 and r.code = '101' and b.code = 'A'",
    );
    bed101B = await ids(
      "select b.id from hub_bed b join hub_room r on r.id = b.room_id where r.station_id = $1 and r.code = '101' and b.code = 'B'",
    );
    bayP01 = await ids("select id from hub_truck_bay where station_id = $1 and code = 'P01'");
    guest = w.users.worker1!;
  }, 240_000);
  afterAll(async () => w?.t.close());

  const insertRaw = (bedId: string, bayId: string | null, range: string, status = 'booked') =>
    w.q(
      `insert into hub_booking (id, station_id, guest_user_id, bed_id, bay_id, nights, own_bedding, amount_fen, status, created_by)
       values (gen_random_uuid(), $1, $2, $3, $4, $5::daterange, true, 100, $6, $2)`,
      [w.hubId, guest, bedId, bayId, range, status],
    );

  it('seeds the demo hub with its tonight capacity (HUB-01, HUB-03, HUB-09)', async () => {
    const setup = await svc.setup(w.actors['swq.keeper'], w.hubId);
    expect(setup.rooms).toHaveLength(12);
    expect(setup.rooms.every((r) => r.beds.length === 2)).toBe(true);
    expect(setup.bays).toHaveLength(20);
    expect(setup.cameras).toHaveLength(4);
    expect(setup.bays.every((b) => b.cameraId)).toBe(true);
    expect(setup.tariff).toMatchObject({ ownBeddingFen: 100, withoutBeddingFen: 3000, bayFen: 0 });
    // A keeper does not see TV keys; the demo guest holds a bed and a bay tonight.
    expect(setup.rooms[0]!.tvKey).toBeNull();
    expect(await capacity('beds')).toEqual({ total: 24, available: 23 });
    expect(await capacity('truck_bays')).toEqual({ total: 20, available: 19 });
  });

  it('the database itself refuses an overlapping booking of a bed or a bay (23P01)', async () => {
    const d = shanghaiDay(20);
    const d1 = shanghaiDay(21);
    const d2 = shanghaiDay(22);
    await insertRaw(bed101B, bayP01, `[${d},${d2})`);
    const bedClash = await insertRaw(bed101B, null, `[${d1},${shanghaiDay(23)})`).catch((e: unknown) => e);
    expect(pgErrorOf(bedClash)?.code).toBe('23P01');
    expect((mapExclusion(bedClash) as { code: string }).code).toBe('hub.bed_taken');
    const bayClash = await insertRaw(bed101A, bayP01, `[${d1},${d2})`).catch((e: unknown) => e);
    expect(pgErrorOf(bayClash)?.code).toBe('23P01');
    expect((mapExclusion(bayClash) as { code: string }).code).toBe('hub.bay_taken');
    // Back to back is fine (check-out day = next check-in day), and cancelled stays hold nothing.
    await insertRaw(bed101B, bayP01, `[${d2},${shanghaiDay(23)})`);
    await insertRaw(bed101B, bayP01, `[${d},${d2})`, 'cancelled');
  });

  it('books any free bed at 1 yuan a night with own bedding, charged through payments', async () => {
    const r = await svc.book(w.actors.worker1, null, w.hubId, {
      from: today(),
      nights: 2,
      ownBedding: true,
      bay: false,
    });
    expect(r.created).toBe(true);
    expect(r.booking).toMatchObject({
      status: 'booked',
      nights: 2,
      amountFen: 200,
      bayId: null,
      plate: null,
    });
    expect(r.booking.payment).toMatchObject({
      status: 'pending',
      amountFen: 200,
      unit: 'night',
      quantity: 2,
    });
    expect(r.booking.payment?.instructions).toContain('前台');
    expect(await capacity('beds')).toEqual({ total: 24, available: 22 });
  });

  it('prices a stay without bedding at the configured price, with a bay and the plate', async () => {
    const r = await svc.book(w.actors.worker1, null, w.hubId, {
      from: shanghaiDay(1, clock.now),
      nights: 1,
      ownBedding: false,
      bay: true,
      plate: '川LD12345',
    });
    expect(r.booking).toMatchObject({ amountFen: 3000, plate: '川L·D12345' });
    expect(r.booking.bayCode).toMatch(/^P\d\d$/);
    expect(r.booking.camera?.snapshotSrc).toContain('/snapshot');
  });

  it('refuses a named bed that is taken, bad dates, and a bay without plate', async () => {
    const taken = (await svc.board(w.actors['swq.keeper'], w.hubId)).rooms
      .flatMap((r) => r.beds)
      .find((b) => b.state !== 'free')!;
    expect(
      await codeOf(
        svc.book(w.actors.worker2, null, w.hubId, {
          from: today(),
          nights: 1,
          ownBedding: true,
          bay: false,
          bedId: taken.id,
        }),
      ),
    ).toBe('hub.bed_taken');
    expect(
      await codeOf(
        svc.book(w.actors.worker2, null, w.hubId, {
          from: shanghaiDay(-1, clock.now),
          nights: 1,
          ownBedding: true,
          bay: false,
        }),
      ),
    ).toBe('hub.dates_invalid');
    expect(
      await codeOf(
        svc.book(w.actors.worker2, null, w.hubId, {
          from: shanghaiDay(15, clock.now),
          nights: 1,
          ownBedding: true,
          bay: false,
        }),
      ),
    ).toBe('hub.dates_invalid');
    expect(
      await codeOf(
        svc.book(w.actors.worker2, null, w.hubId, { from: today(), nights: 8, ownBedding: true, bay: false }),
      ),
    ).toBe('hub.dates_invalid');
    expect(
      await codeOf(
        svc.book(w.actors.worker2, null, w.hubId, { from: today(), nights: 1, ownBedding: true, bay: true }),
      ),
    ).toBe('hub.plate_required');
  });

  it('answers the first booking again for a repeated Idempotency-Key', async () => {
    const body = { from: shanghaiDay(3, clock.now), nights: 1, ownBedding: true, bay: false };
    const a = await svc.book(w.actors.worker2, null, w.hubId, body, 'key-hub-1');
    const b = await svc.book(w.actors.worker2, null, w.hubId, body, 'key-hub-1');
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.booking.id).toBe(a.booking.id);
    const n = await w.q<{ n: number }>(
      "select count(*)::int as n from hub_booking where idempotency_key = 'key-hub-1'",
    );
    expect(n.rows[0]!.n).toBe(1);
  });

  it('cancels before check-in and voids the charge; the bed is free again', async () => {
    const { booking } = await svc.book(w.actors.worker2, null, w.hubId, {
      from: today(),
      nights: 1,
      ownBedding: true,
      bay: false,
    });
    const before = (await capacity('beds'))!.available;
    const c = await svc.cancel(w.actors.worker2, null, booking.id);
    expect(c.status).toBe('cancelled');
    expect(c.payment?.status).toBe('void');
    expect((await capacity('beds'))!.available).toBe(before + 1);
    expect(await codeOf(svc.cancel(w.actors.worker2, null, booking.id))).toBe('hub.transition_invalid');
  });

  it('runs the keeper’s day: check in from the first night, check out, no-show; others get 404', async () => {
    const { booking } = await svc.book(w.actors.worker2, null, w.hubId, {
      from: shanghaiDay(2, clock.now),
      nights: 1,
      ownBedding: true,
      bay: false,
    });
    expect(await codeOf(svc.checkIn(w.actors['swq.keeper'], null, booking.id))).toBe(
      'hub.transition_invalid',
    );
    expect(await codeOf(svc.checkIn(w.actors.worker2, null, booking.id))).toBe('common.forbidden');
    expect(await codeOf(svc.getBooking(w.actors.worker1, booking.id))).toBe('hub.booking_not_found');
    const saved = clock.now;
    clock.now = new Date(saved.getTime() + 2 * 86_400_000);
    try {
      const i = await svc.checkIn(w.actors['swq.keeper'], null, booking.id);
      expect(i.status).toBe('checked_in');
      expect(i.actions).toMatchObject({ checkOut: true, cancel: false });
      expect(await codeOf(svc.cancel(w.actors.worker2, null, booking.id))).toBe('hub.transition_invalid');
      const o = await svc.checkOut(w.actors['swq.keeper'], null, booking.id);
      expect(o.status).toBe('checked_out');
      const late = await svc.book(w.actors.worker2, null, w.hubId, {
        from: shanghaiDay(0, clock.now),
        nights: 1,
        ownBedding: true,
        bay: false,
      });
      expect((await svc.noShow(w.actors['swq.keeper'], null, late.booking.id)).status).toBe('no_show');
    } finally {
      clock.now = saved;
    }
  });

  it('shows the night on the board and per-night availability in the offer', async () => {
    const board = await svc.board(w.actors['swq.keeper'], w.hubId);
    expect(board.counts.beds).toBe(24);
    const occupied = board.rooms.flatMap((r) => r.beds).filter((b) => b.state === 'occupied');
    expect(occupied.length).toBeGreaterThanOrEqual(1);
    expect(board.bays.find((b) => b.state === 'occupied')?.plate).toBe('川L·12345');
    expect(board.inHouse[0]?.guestPhone).toMatch(/^1\d\d\*{4}\d{4}$/);
    const offer = await svc.offer(w.actors.worker1, w.hubId, { nights: 3 });
    expect(offer.nights).toHaveLength(3);
    expect(offer.nights[0]!.freeBeds).toBe(board.counts.bedsFree);
    expect(offer.lastPlate).toBe('川L·D12345');
    expect(await codeOf(svc.board(w.actors.worker1, w.hubId))).toBe('common.forbidden');
  });

  it('shows the room TV the guest’s bay camera with a masked plate, and refuses a wrong key', async () => {
    const room = (
      await w.q<{ id: string; tv_key: string }>(
        `select r.id, r.tv_key from hub_room r join hub_bed b on b.room_id = r.id join hub_booking k on k.bed_id = b.id
          where r.station_id = $1 and k.status = 'checked_in' and k.plate = '川L12345' limit 1`,
        [w.hubId],
      )
    ).rows[0]!;
    const tv = await svc.tv(room.id, room.tv_key);
    expect(tv.guests.map((g) => g.plate)).toContain('川L·***45');
    expect(tv.cameras).toHaveLength(1);
    expect(await codeOf(svc.tv(room.id, `${room.tv_key}x`))).toBe('hub.tv_key_invalid');
    const empty = (
      await w.q<{ id: string; tv_key: string }>(
        "select id, tv_key from hub_room where station_id = $1 and code = '206'",
        [w.hubId],
      )
    ).rows[0]!;
    const tv2 = await svc.tv(empty.id, empty.tv_key);
    expect(tv2.guests).toEqual([]);
    expect(tv2.cameras).toHaveLength(4);
    const snap = await svc.snapshot(null, tv.cameras[0]!.id, room.tv_key);
    expect(snap.type).toContain('image/svg+xml');
    expect(await codeOf(svc.snapshot(null, tv.cameras[0]!.id, undefined))).toBe('hub.not_found');
  });
});
