import { PHOTO_MAX_BYTES } from '@nuanxin/shared';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskPhone } from '../../../platform/pii/mask.ts';
import { appealsWorld } from '../../appeals/__tests__/fixtures.ts';
import * as identityRepo from '../../identity/identity.repository.ts';
import { createIdentityService } from '../../identity/identity.service.ts';
import * as repo from '../files.repository.ts';
import * as corpus from './corpus.ts';

/**
 * The files HTTP contract: the upload corpus (reliability.md C6) through the real multipart route,
 * the download headers, access through the case, attaching on filing, quota and rate limits.
 */
describe('files HTTP', () => {
  let w: Awaited<ReturnType<typeof appealsWorld>>;
  const headers: Record<string, Record<string, string>> = {};
  const logins = [
    'worker1',
    'worker2',
    'szq.dispatch',
    'swq.dispatch',
    'szq.scjg',
    'security',
    'szq.community',
  ];
  beforeAll(async () => {
    w = await appealsWorld('pglite');
    // A worker of its own for the corpus, so its ~25 uploads stay within the per-minute limit.
    const phone = '13900000077';
    const { deps } = w.t;
    const corpusWorker = await identityRepo.insertUser(w.t.database.db, {
      name: '王师傅',
      username: null,
      phoneEnc: deps.pii.encrypt(phone),
      phoneIndex: deps.pii.blindIndex(phone),
      phoneMasked: maskPhone(phone),
      kind: 'worker',
      isPartyMember: false,
      passwordHash: null,
      passwordChangedAt: null,
    });
    w.users.worker3 = corpusWorker.id;
    logins.push('worker3');
    const identity = createIdentityService(w.t.deps);
    for (const login of logins) {
      const s = await identity.startSessionFor(w.users[login]!);
      headers[login] = { cookie: `nx_session=${s.token}`, 'x-csrf-token': s.csrfToken };
    }
  }, 120_000);
  afterAll(async () => w?.t.close());

  const upload = (
    login: string | null,
    body: { payload: Buffer; headers: Record<string, string> },
    extra = {},
  ) =>
    w.t.app.inject({
      method: 'POST',
      url: '/api/v1/files/photos',
      payload: body.payload,
      headers: { ...(login ? headers[login] : {}), ...body.headers, ...extra },
    });
  const get = (login: string | null, url: string, extra: Record<string, string> = {}) =>
    w.t.app.inject({ method: 'GET', url, headers: { ...(login ? headers[login] : {}), ...extra } });
  const post = (login: string, url: string, payload: object, extra: Record<string, string> = {}) =>
    w.t.app.inject({ method: 'POST', url, payload, headers: { ...headers[login], ...extra } });
  const appealBody = (photoIds?: string[]) => ({
    type: 'complaint',
    categoryId: w.categories.get('policy.weather_fines'),
    description: '暴雨天配送超时被平台罚款，附现场照片',
    regionCode: '511102004',
    privacy: 'private',
    ...(photoIds ? { photoIds } : {}),
  });
  async function uploadOk(login: string, data: Buffer, filename = 'IMG_0001.jpg'): Promise<string> {
    const res = await upload(login, corpus.photoPart(data, filename));
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }
  /** The stored bytes as the uploader gets them. */
  async function stored(id: string, login = 'worker3'): Promise<Buffer> {
    const res = await get(login, `/api/v1/files/${id}`);
    expect(res.statusCode).toBe(200);
    return res.rawPayload;
  }

  describe('upload corpus', () => {
    it('JPEG with GPS EXIF: 201, stored copy is a clean JPEG without EXIF, GPS, make or model', async () => {
      const input = await corpus.jpegWithGps();
      // The input really carries them.
      const inMeta = await sharp(input).metadata();
      const inTags = corpus.exifTags(inMeta.exif);
      expect(inTags.hasGps).toBe(true);
      expect(inTags.tags).toEqual(expect.arrayContaining([0x010f, 0x0110])); // Make, Model
      expect(input.includes('iPhone 15 Pro')).toBe(true);

      const res = await upload('worker3', corpus.photoPart(input));
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({
        width: 400,
        height: 300,
        url: `/api/v1/files/${body.id}`,
        thumbUrl: `/api/v1/files/${body.id}/thumb`,
      });
      expect(body.byteSize).toBeGreaterThan(0);
      const out = await stored(body.id);
      const meta = await sharp(out).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(corpus.exifTags(meta.exif).hasGps).toBe(false);
      expect(corpus.jpegSegments(out)).not.toContain(0xe1); // no APP1 segment at all
      for (const needle of ['Exif', 'Apple', 'iPhone', 'NuanxinTestCam'])
        expect(out.includes(needle)).toBe(false);
      expect(body.byteSize).toBe(out.length);
    });

    it('applies the EXIF orientation to the pixels before dropping it', async () => {
      const res = await upload('worker3', corpus.photoPart(await corpus.jpegWithGps(400, 200, 6)));
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ width: 200, height: 400 });
      const meta = await sharp(await stored(res.json().id)).metadata();
      expect(meta.orientation).toBeUndefined();
      expect([meta.width, meta.height]).toEqual([200, 400]);
    });

    it('PNG with transparency: 201, stored as JPEG on white', async () => {
      const res = await upload('worker3', corpus.photoPart(await corpus.png(), 'shot.png', 'image/png'));
      expect(res.statusCode).toBe(201);
      const out = await stored(res.json().id);
      const meta = await sharp(out).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.hasAlpha).toBe(false);
    });

    it('WebP and AVIF (a HEIF the server decodes): 201', async () => {
      expect(
        (await upload('worker3', corpus.photoPart(await corpus.webp(), 'a.webp', 'image/webp'))).statusCode,
      ).toBe(201);
      const avif = await upload('worker3', corpus.photoPart(await corpus.avif(), 'a.avif', 'image/avif'));
      expect(avif.statusCode).toBe(201);
      expect(avif.json()).toMatchObject({ width: 64, height: 48 });
    });

    it('HEIC the server cannot decode: 415 file.heic_unsupported', async () => {
      const res = await upload('worker3', corpus.photoPart(corpus.heic(), 'IMG_0002.HEIC', 'image/heic'));
      expect(res.statusCode).toBe(415);
      expect(res.json().code).toBe('file.heic_unsupported');
    });

    it('polyglot JPEG + HTML: re-encoded, the stored copy carries no trace of the HTML', async () => {
      const input = await corpus.polyglotJpegHtml();
      expect(input.includes('<script>')).toBe(true);
      const res = await upload('worker3', corpus.photoPart(input, 'x.html', 'text/html'));
      expect(res.statusCode).toBe(201);
      const out = await stored(res.json().id);
      expect(out.includes('<script')).toBe(false);
      expect(out.includes('<html')).toBe(false);
      expect((await sharp(out).metadata()).format).toBe('jpeg');
      expect(corpus.jpegSegments(out)).not.toContain(0xfe); // no comment segment either
    });

    it('animated GIF: the first frame only', async () => {
      const res = await upload('worker3', corpus.photoPart(await corpus.animatedGif(), 'a.gif', 'image/gif'));
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ width: 64, height: 64 });
      const out = await stored(res.json().id);
      const meta = await sharp(out).metadata();
      expect(meta.pages ?? 1).toBe(1);
      const [r, g, b] = (await sharp(out).stats()).channels.map((c) => c.mean);
      expect(r).toBeGreaterThan(200);
      expect(g).toBeLessThan(40);
      expect(b).toBeLessThan(40);
    });

    it('wrong extension and MIME (a PNG sent as photo.jpg, image/jpeg): judged by content, accepted', async () => {
      const res = await upload('worker3', corpus.photoPart(await corpus.png(), 'photo.jpg', 'image/jpeg'));
      expect(res.statusCode).toBe(201);
    });

    it('`../` and NUL in the file name: ignored; the server names the file', async () => {
      const res = await upload(
        'worker3',
        corpus.photoPart(await corpus.webp(), '../../etc/passwd\u0000.jpg', 'image/jpeg'),
      );
      expect(res.statusCode).toBe(201);
      const id = res.json().id as string;
      expect(res.body).not.toContain('passwd');
      const file = await get('worker3', `/api/v1/files/${id}`);
      expect(file.headers['content-disposition']).toBe(`inline; filename="${id}.jpg"`);
    });

    it('large photo: fits 2048×2048, thumbnail within 320 px', async () => {
      const res = await upload('worker3', corpus.photoPart(await corpus.bigJpeg()));
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ width: 2048, height: 1536 });
      const thumb = await get('worker3', res.json().thumbUrl);
      const meta = await sharp(thumb.rawPayload).metadata();
      expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(320);
    });

    it.each([
      ['SVG with a script', corpus.svgWithScript(), 'x.svg', 'image/svg+xml'],
      ['HTML', corpus.html(), 'x.jpg', 'image/jpeg'],
      ['zip', corpus.zip(), 'photos.zip', 'application/zip'],
      ['TIFF (an image, but not a photo format we take)', null, 'x.tif', 'image/tiff'],
      ['plain text named .jpg', Buffer.from('just some text, not an image at all'), 'a.jpg', 'image/jpeg'],
    ])('%s: 415 file.unsupported_type', async (_label, data, filename, type) => {
      const bytes = data ?? (await corpus.tiff());
      const res = await upload('worker3', corpus.photoPart(bytes, filename, type));
      expect(res.statusCode).toBe(415);
      expect(res.json().code).toBe('file.unsupported_type');
    });

    it('0-byte file: 400 file.empty', async () => {
      const res = await upload('worker3', corpus.photoPart(Buffer.alloc(0)));
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('file.empty');
    });

    it('limit + 1 byte: 413 file.too_large; exactly at the limit is read', async () => {
      const res = await upload('worker3', corpus.photoPart(corpus.overLimit(PHOTO_MAX_BYTES)));
      expect(res.statusCode).toBe(413);
      expect(res.json().code).toBe('file.too_large');
      const atLimit = await upload('worker3', corpus.photoPart(corpus.overLimit(PHOTO_MAX_BYTES - 1)));
      // Read in full, then refused as not decodable (not as too large).
      expect(atLimit.json().code).toBe('file.corrupt');
    });

    it('20000×20000 pixel flood in a few hundred bytes: 413 file.too_many_pixels', async () => {
      const flood = await corpus.pixelFloodPng();
      expect(flood.length).toBeLessThan(1000);
      const res = await upload('worker3', corpus.photoPart(flood, 'flood.png', 'image/png'));
      expect(res.statusCode).toBe(413);
      expect(res.json().code).toBe('file.too_many_pixels');
    });

    it('truncated JPEG and JPEG magic bytes over noise: 400 file.corrupt', async () => {
      for (const data of [await corpus.truncatedJpeg(), corpus.jpegMagicOnly()]) {
        const res = await upload('worker3', corpus.photoPart(data));
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('file.corrupt');
      }
    });

    it('malformed requests: no file part, JSON body, two files → 400', async () => {
      const noFile = await upload('worker3', corpus.multipart([{ name: 'note', data: Buffer.from('hi') }]));
      expect(noFile.statusCode).toBe(400);
      expect(noFile.json().code).toBe('common.validation');
      const json = await post('worker3', '/api/v1/files/photos', { data: 'aGVsbG8=' });
      expect(json.statusCode).toBe(400);
      const jpeg = await corpus.solid(10, 10, '#000').jpeg().toBuffer();
      const two = await upload(
        'worker3',
        corpus.multipart([
          { filename: 'a.jpg', contentType: 'image/jpeg', data: jpeg },
          { filename: 'b.jpg', contentType: 'image/jpeg', data: jpeg },
        ]),
      );
      expect(two.statusCode).toBe(400);
      expect(two.json().code).toBe('common.validation');
    });
  });

  describe('access and headers', () => {
    it('serves with the stored type, nosniff, inline disposition and a private cache; ETag answers 304', async () => {
      const id = await uploadOk('worker1', await corpus.webp());
      for (const [url, name] of [
        [`/api/v1/files/${id}`, `${id}.jpg`],
        [`/api/v1/files/${id}/thumb`, `${id}-thumb.jpg`],
      ] as const) {
        const res = await get('worker1', url);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('image/jpeg');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['content-disposition']).toBe(`inline; filename="${name}"`);
        expect(res.headers['cache-control']).toMatch(/^private, max-age=\d+, immutable$/);
        expect(res.headers['cache-control']).not.toContain('no-store');
        expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
        const again = await get('worker1', url, { 'if-none-match': String(res.headers.etag) });
        expect(again.statusCode).toBe(304);
        expect(again.rawPayload.length).toBe(0);
      }
      // JSON answers of the API stay uncacheable.
      const json = await get('worker1', '/api/v1/appeals');
      expect(json.headers['cache-control']).toBe('no-store');
    });

    it('another worker, or staff, cannot fetch an unattached photo: 404; anonymous 401', async () => {
      const id = await uploadOk('worker1', await corpus.webp());
      for (const login of ['worker2', 'szq.dispatch', 'security']) {
        const res = await get(login, `/api/v1/files/${id}`);
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('file.not_found');
        expect((await get(login, `/api/v1/files/${id}/thumb`)).statusCode).toBe(404);
      }
      expect((await get(null, `/api/v1/files/${id}`)).statusCode).toBe(401);
      expect((await get('worker1', '/api/v1/files/0190f0f0-0000-7000-8000-000000000000')).statusCode).toBe(
        404,
      );
      expect((await get('worker1', '/api/v1/files/not-a-uuid')).statusCode).toBe(400);
    });

    it('who may upload: workers and intake staff; others 403 before the body is read; anonymous 401', async () => {
      const body = corpus.photoPart(await corpus.webp());
      expect((await upload('security', body)).statusCode).toBe(403);
      expect((await upload('szq.scjg', body)).statusCode).toBe(403);
      expect((await upload(null, body)).statusCode).toBe(401);
      expect((await upload('szq.dispatch', body)).statusCode).toBe(201);
    });

    it('the same Idempotency-Key returns the first upload with 200', async () => {
      const body = corpus.photoPart(await corpus.webp());
      const first = await upload('worker2', body, { 'idempotency-key': 'q-1:photo:0' });
      expect(first.statusCode).toBe(201);
      const again = await upload('worker2', body, { 'idempotency-key': 'q-1:photo:0' });
      expect(again.statusCode).toBe(200);
      expect(again.json().id).toBe(first.json().id);
    });
  });

  describe('attaching to an appeal', () => {
    it('files with photos in one transaction; the case shows them; its readers see them, others 404', async () => {
      const a = await uploadOk('worker2', await corpus.jpegWithGps());
      const b = await uploadOk('worker2', await corpus.png());
      // Public: other workers may follow it (and then see it, photos included).
      const res = await post('worker2', '/api/v1/appeals', { ...appealBody([b, a]), privacy: 'public' });
      expect(res.statusCode).toBe(201);
      const appeal = res.json();
      expect(appeal.photos.map((p: { id: string }) => p.id)).toEqual([b, a]);
      expect(appeal.photos[1]).toEqual({
        id: a,
        url: `/api/v1/files/${a}`,
        thumbUrl: `/api/v1/files/${a}/thumb`,
        width: 400,
        height: 300,
      });
      const detail = await get('szq.dispatch', `/api/v1/appeals/${appeal.id}`);
      expect(detail.json().photos).toHaveLength(2);
      // The dispatcher of the case's district sees the photos; the other district's does not.
      expect((await get('szq.dispatch', `/api/v1/files/${a}`)).statusCode).toBe(200);
      expect((await get('szq.dispatch', `/api/v1/files/${a}/thumb`)).statusCode).toBe(200);
      expect((await get('swq.dispatch', `/api/v1/files/${a}`)).statusCode).toBe(404);
      expect((await get('worker1', `/api/v1/files/${a}`)).statusCode).toBe(404);
      expect((await get('szq.community', `/api/v1/files/${a}`)).statusCode).toBe(404);
      // A follower of the case sees it too, as on the case page.
      expect((await post('worker1', `/api/v1/appeals/${appeal.id}/follow`, {})).statusCode).toBe(200);
      expect((await get('worker1', `/api/v1/files/${a}`)).statusCode).toBe(200);
      // The handling unit sees it once the case is dispatched to it.
      expect((await get('szq.scjg', `/api/v1/files/${a}`)).statusCode).toBe(404);
      await post('szq.dispatch', `/api/v1/appeals/${appeal.id}/dispatch`, { unitId: w.orgs['szq.scjg'] });
      expect((await get('szq.scjg', `/api/v1/files/${a}`)).statusCode).toBe(200);
    });

    it('another user’s photo, a used photo or an unknown id: 400 file.not_attachable and nothing filed', async () => {
      const theirs = await uploadOk('worker1', await corpus.webp());
      const mine = await uploadOk('worker2', await corpus.webp());
      const before = (await get('worker2', '/api/v1/appeals?queue=mine')).json().total;
      const stolen = await post('worker2', '/api/v1/appeals', appealBody([mine, theirs]));
      expect(stolen.statusCode).toBe(400);
      expect(stolen.json().code).toBe('file.not_attachable');
      expect(stolen.json().details).toEqual({ photoId: theirs });
      expect((await get('worker2', '/api/v1/appeals?queue=mine')).json().total).toBe(before);
      // `mine` was not taken by the failed filing: it still attaches.
      const ok = await post('worker2', '/api/v1/appeals', appealBody([mine]));
      expect(ok.statusCode).toBe(201);
      const reused = await post('worker2', '/api/v1/appeals', appealBody([mine]));
      expect(reused.json().code).toBe('file.not_attachable');
      const unknown = await post(
        'worker2',
        '/api/v1/appeals',
        appealBody(['0190f0f0-0000-7000-8000-000000000000']),
      );
      expect(unknown.json().code).toBe('file.not_attachable');
    });

    it('more than six or the same photo twice: 400 common.validation', async () => {
      const id = await uploadOk('worker2', await corpus.webp());
      const twice = await post('worker2', '/api/v1/appeals', appealBody([id, id]));
      expect(twice.statusCode).toBe(400);
      expect(twice.json().code).toBe('common.validation');
      const seven = Array.from({ length: 7 }, () => id);
      expect((await post('worker2', '/api/v1/appeals', appealBody(seven))).json().code).toBe(
        'common.validation',
      );
    });

    it('a retried filing (same Idempotency-Key, same photos) returns the first case with its photos', async () => {
      const id = await uploadOk('worker2', await corpus.webp());
      const key = { 'idempotency-key': `retry-${id}` };
      const first = await post('worker2', '/api/v1/appeals', appealBody([id]), key);
      expect(first.statusCode).toBe(201);
      const again = await post('worker2', '/api/v1/appeals', appealBody([id]), key);
      expect(again.statusCode).toBe(200);
      expect(again.json().photos.map((p: { id: string }) => p.id)).toEqual([id]);
    });
  });

  describe('limits', () => {
    it('daily quota: 429 file.quota_exceeded past 50 uploads in 24 hours', async () => {
      const tiny = await corpus.solid(4, 4, '#000').jpeg().toBuffer();
      for (let i = 0; i < 50; i++)
        await repo.insertFile(w.t.database.db, {
          ownerUserId: w.users['szq.community']!,
          kind: 'photo',
          contentType: 'image/jpeg',
          byteSize: tiny.length,
          width: 4,
          height: 4,
          sha256: 'x',
          data: tiny,
          thumb: tiny,
          thumbByteSize: tiny.length,
        });
      // Community staff file at intake: their quota is the staff one (200); workers' is 50.
      expect((await upload('szq.community', corpus.photoPart(await corpus.webp()))).statusCode).toBe(201);
      for (let i = 0; i < 50; i++)
        await repo.insertFile(w.t.database.db, {
          ownerUserId: w.users.worker1!,
          kind: 'photo',
          contentType: 'image/jpeg',
          byteSize: tiny.length,
          width: 4,
          height: 4,
          sha256: 'x',
          data: tiny,
          thumb: tiny,
          thumbByteSize: tiny.length,
        });
      const res = await upload('worker1', corpus.photoPart(await corpus.webp()));
      expect(res.statusCode).toBe(429);
      expect(res.json().code).toBe('file.quota_exceeded');
    });

    it('rate limit: more than 30 uploads a minute from one person → 429 common.rate_limited', async () => {
      const empty = corpus.photoPart(Buffer.alloc(0));
      const codes: number[] = [];
      for (let i = 0; i < 31; i++) codes.push((await upload('swq.dispatch', empty)).statusCode);
      expect(codes.slice(0, 30).every((c) => c === 400)).toBe(true);
      expect(codes[30]).toBe(429);
    });
  });
});
