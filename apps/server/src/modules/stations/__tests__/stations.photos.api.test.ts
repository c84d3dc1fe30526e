import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../platform/db/testing.ts';
import * as corpus from '../../files/__tests__/corpus.ts';
import { type Login, type StationsWorld, stationBody, stationsWorld } from './stations-fixtures.ts';

/**
 * Station photos (POS-01: the worker's station page shows photos): managers upload and order up to
 * nine; signed-in users see them on the station page and can load the files; the public page
 * without sign-in gets none; a photo removed from the station is detached.
 */
describe.each(testEngines())('station photos (%s)', (engine) => {
  let w: StationsWorld;
  let stationId: string;

  const upload = async (login: Login, color: string): Promise<string> => {
    const part = corpus.photoPart(await corpus.solid(120, 90, color).jpeg().toBuffer());
    const res = await w.t.app.inject({
      method: 'POST',
      url: '/api/v1/files/photos',
      payload: part.payload,
      headers: { ...w.headers[login], ...part.headers },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const setPhotos = (login: Login | null, photoIds: string[]) =>
    w.call(login, 'PUT', `/api/v1/stations/${stationId}/photos`, { photoIds });

  beforeAll(async () => {
    w = await stationsWorld(engine);
    const created = await w.call('swq.admin', 'POST', '/api/v1/stations', stationBody(w, 'swq'));
    expect(created.statusCode, created.body).toBe(201);
    stationId = created.json().id;
  }, 180_000);
  afterAll(async () => w?.t.close());

  it('lets a manager set, reorder and remove photos, shown to signed-in users only', async () => {
    const a = await upload('swq.admin', '#c0392b');
    const b = await upload('swq.admin', '#2980b9');
    const set = await setPhotos('swq.admin', [a, b]);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().photos.map((p: { id: string }) => p.id)).toEqual([a, b]);

    const worker = await w.call('worker1', 'GET', `/api/v1/stations/${stationId}`);
    expect(worker.json().photos.map((p: { id: string }) => p.id)).toEqual([a, b]);
    const file = await w.call('worker1', 'GET', `/api/v1/files/${a}/thumb`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect((await w.call(null, 'GET', `/api/v1/stations/${stationId}`)).json().photos).toEqual([]);

    const reordered = await setPhotos('swq.admin', [b, a]);
    expect(reordered.json().photos.map((p: { id: string }) => p.id)).toEqual([b, a]);
    const removed = await setPhotos('swq.admin', [b]);
    expect(removed.json().photos.map((p: { id: string }) => p.id)).toEqual([b]);
    // The removed photo is no longer the station's: only its uploader still sees it.
    expect((await w.call('worker1', 'GET', `/api/v1/files/${a}`)).statusCode).toBe(404);
    const audit = await w.t.database.query(
      "select 1 from audit_log where action = 'station.photos' and entity_id = $1",
      [stationId],
    );
    expect(audit.rows).toHaveLength(3);
  });

  it('refuses another person’s upload, duplicates, too many, and changes nothing', async () => {
    const mine = await upload('swq.admin', '#16a085');
    const theirs = await upload('worker1', '#8e44ad');
    const before = (await w.call('swq.admin', 'GET', `/api/v1/stations/${stationId}`)).json().photos;
    const foreign = await setPhotos('swq.admin', [mine, theirs]);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().code).toBe('file.not_attachable');
    expect((await setPhotos('swq.admin', [mine, mine])).statusCode).toBe(400);
    const ten = Array.from({ length: 10 }, () => crypto.randomUUID());
    expect((await setPhotos('swq.admin', ten)).statusCode).toBe(400);
    expect((await w.call('swq.admin', 'GET', `/api/v1/stations/${stationId}`)).json().photos).toEqual(before);
    // The refused upload is still unattached, so it can be used.
    expect((await setPhotos('swq.admin', [mine])).statusCode).toBe(200);
  });

  it('is for the station’s managers only', async () => {
    expect((await setPhotos('swq.keeper', [])).statusCode).toBe(403);
    expect((await setPhotos('szq.admin', [])).statusCode).toBe(403);
    expect((await setPhotos('worker1', [])).statusCode).toBe(403);
    expect((await setPhotos(null, [])).statusCode).toBe(401);
  });
});
