import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HubWorld, hubWorld, shanghaiDay } from './hub-fixtures.ts';

/** HTTP contract of the hub routes (HUB-01, HUB-03): statuses, error codes, validation, masking. */
describe('hub HTTP contract', () => {
  let w: HubWorld;
  const today = shanghaiDay(0);

  beforeAll(async () => {
    w = await hubWorld('pglite');
  }, 240_000);
  afterAll(async () => w?.t.close());

  it('books with an Idempotency-Key: 201, then 200 with the same booking', async () => {
    const url = `/api/v1/stations/${w.hubId}/hub/bookings`;
    const body = { from: today, nights: 1, ownBedding: true, bay: true, plate: '川l·54321' };
    const a = await w.call('worker1', 'POST', url, body, { 'idempotency-key': 'api-1' });
    expect(a.statusCode).toBe(201);
    const booking = a.json();
    expect(booking).toMatchObject({ amountFen: 100, plate: '川L·54321', status: 'booked' });
    expect(booking.camera.snapshotSrc).toBe(`/api/v1/hub/cameras/${booking.camera.id}/snapshot`);
    const b = await w.call('worker1', 'POST', url, body, { 'idempotency-key': 'api-1' });
    expect(b.statusCode).toBe(200);
    expect(b.json().id).toBe(booking.id);

    // The guest sees the camera picture of their bay; another worker does not learn it exists.
    const snap = await w.call('worker1', 'GET', booking.camera.snapshotSrc);
    expect(snap.statusCode).toBe(200);
    expect(snap.headers['content-type']).toContain('image/svg+xml');
    expect(snap.body).toContain('演示画面');
    expect((await w.call(null, 'GET', booking.camera.snapshotSrc)).statusCode).toBe(404);

    // Someone else's booking is 404; the keeper sees it with the guest's masked phone.
    const other = await w.call('worker2', 'GET', `/api/v1/hub/bookings/${booking.id}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('hub.booking_not_found');
    const kept = await w.call('swq.keeper', 'GET', `/api/v1/hub/bookings/${booking.id}`);
    expect(kept.json().guestPhone).toBe('139****0001');
    const read = await w.call('swq.jtys', 'GET', `/api/v1/hub/bookings/${booking.id}`);
    expect(read.json()).toMatchObject({ plate: '川L·***21', guestPhone: null });
  });

  it('validates the body: plate, dates, nights, bay without plate', async () => {
    const url = `/api/v1/stations/${w.hubId}/hub/bookings`;
    const bad = async (body: object) => {
      const r = await w.call('worker2', 'POST', url, body);
      return [r.statusCode, r.json().code];
    };
    expect(await bad({ from: today, nights: 1, ownBedding: true, bay: true, plate: 'ABC123' })).toEqual([
      400,
      'common.validation',
    ]);
    expect(await bad({ from: '2026-02-30', nights: 1, ownBedding: true })).toEqual([
      400,
      'common.validation',
    ]);
    expect(await bad({ from: today, nights: 9, ownBedding: true })).toEqual([400, 'common.validation']);
    expect(await bad({ from: shanghaiDay(20), nights: 1, ownBedding: true })).toEqual([
      400,
      'hub.dates_invalid',
    ]);
    expect(await bad({ from: today, nights: 1, ownBedding: true, bay: true })).toEqual([
      400,
      'hub.plate_required',
    ]);
  });

  it('answers 409 hub.bed_taken for a named bed already booked', async () => {
    const board = (await w.call('swq.keeper', 'GET', `/api/v1/stations/${w.hubId}/hub/board`)).json();
    const held = board.rooms
      .flatMap((r: { beds: { id: string; state: string }[] }) => r.beds)
      .find((b: { state: string }) => b.state !== 'free');
    const r = await w.call('worker2', 'POST', `/api/v1/stations/${w.hubId}/hub/bookings`, {
      from: today,
      nights: 1,
      ownBedding: true,
      bedId: held.id,
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('hub.bed_taken');
  });

  it('refuses lodging at a station without it, and non-http camera addresses', async () => {
    const plain = (await w.q<{ id: string }>("select id from station where kind = 'copper_heart' limit 1"))
      .rows[0]!.id;
    const r = await w.call('worker1', 'GET', `/api/v1/stations/${plain}/hub/offer`);
    expect([r.statusCode, r.json().code]).toEqual([404, 'hub.not_offered']);
    const cam = await w.call('swq.admin', 'POST', `/api/v1/stations/${w.hubId}/hub/cameras`, {
      code: 'CX',
      name: '坏地址',
      snapshotUrl: 'javascript:alert(1)',
    });
    expect(cam.statusCode).toBe(400);
    const dup = await w.call('swq.admin', 'POST', `/api/v1/stations/${w.hubId}/hub/cameras`, {
      code: 'C1',
      name: '重复',
    });
    expect([dup.statusCode, dup.json().code]).toEqual([409, 'hub.code_taken']);
  });

  it('serves the room TV page data for the right key only, and the demo picture to anyone', async () => {
    const room = (
      await w.q<{ id: string; tv_key: string }>(
        "select id, tv_key from hub_room where station_id = $1 and code = '206'",
        [w.hubId],
      )
    ).rows[0]!;
    const ok = await w.call(null, 'GET', `/api/v1/hub/tv/${room.id}?k=${encodeURIComponent(room.tv_key)}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().cameras.length).toBeGreaterThan(0);
    const wrong = await w.call(null, 'GET', `/api/v1/hub/tv/${room.id}?k=nope`);
    expect([wrong.statusCode, wrong.json().code]).toEqual([404, 'hub.tv_key_invalid']);
    const cam = ok.json().cameras[0];
    const pic = await w.call(null, 'GET', `/api/v1/hub/cameras/${cam.id}/placeholder`);
    expect(pic.statusCode).toBe(200);
    expect(pic.headers['content-type']).toContain('image/svg+xml');
    const viaTv = await w.call(null, 'GET', `${cam.snapshotSrc}?k=${encodeURIComponent(room.tv_key)}`);
    expect(viaTv.statusCode).toBe(200);
  });
});
