import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../platform/db/testing.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { appealsWorld } from '../../appeals/__tests__/fixtures.ts';
import { grnActor } from '../../green-channel/green-channel.seed.ts';
import { createGreenChannelService } from '../../green-channel/index.ts';
import { getOrg } from '../../orgs/index.ts';
import { attachPhotos, createFilesService, photosOf } from '../index.ts';
import * as corpus from './corpus.ts';

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
};

describe.each(testEngines())('files on %s', (engine) => {
  let w: Awaited<ReturnType<typeof appealsWorld>>;
  const clock = { now: new Date() };
  let files: ReturnType<typeof createFilesService>;
  let webp: Buffer;

  beforeAll(async () => {
    w = await appealsWorld(engine);
    files = createFilesService(w.t.deps, { now: () => clock.now });
    webp = await corpus.webp();
  }, 120_000);
  afterAll(async () => w?.t.close());

  const appealInput = (photoIds?: string[]) => ({
    type: 'help' as const,
    categoryId: w.categories.get('policy.weather_fines')!,
    urgency: 'normal' as const,
    description: '暴雨后路面积水，电动车无法通行',
    regionCode: '511102004',
    privacy: 'private' as const,
    anonymous: false,
    ...(photoIds ? { photoIds } : {}),
  });

  it('stores the re-encoded bytes and thumbnail in bytea and reads them back unchanged', async () => {
    const { photo, created } = await files.uploadPhoto(w.actors.worker1, null, await corpus.jpegWithGps());
    expect(created).toBe(true);
    const file = await files.read(w.actors.worker1, photo.id, 'data');
    const bytes = await file.load();
    expect(Buffer.isBuffer(bytes)).toBe(true);
    expect(bytes.length).toBe(photo.byteSize);
    expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(file.meta.sha256);
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    const thumb = await (await files.read(w.actors.worker1, photo.id, 'thumb')).load();
    expect(thumb.length).toBe(file.meta.thumbByteSize);
    expect(thumb.length).toBeLessThan(bytes.length + 1);
    // The upload is audited, with the detected type and the hash, and no file name.
    const audit = await w.t.database.query<{ summary: { after: Record<string, unknown> } }>(
      `select summary from audit_log where action = 'file.upload' and entity_id = $1`,
      [photo.id],
    );
    expect(audit.rows[0]?.summary.after).toMatchObject({
      sourceType: 'image/jpeg',
      sha256: file.meta.sha256,
    });
  });

  it('the same upload key gives the same file, also when two requests race', async () => {
    const key = `k-${engine}`;
    const [a, b] = await Promise.all([
      files.uploadPhoto(w.actors.worker2, null, webp, key),
      files.uploadPhoto(w.actors.worker2, null, webp, key),
    ]);
    expect(a.photo.id).toBe(b.photo.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    const n = await w.t.database.query<{ n: number }>(
      'select count(*)::int as n from stored_file where owner_user_id = $1 and upload_key = $2',
      [w.actors.worker2.userId, key],
    );
    expect(n.rows[0]?.n).toBe(1);
  });

  it('enforces the 24-hour quota per person, also under concurrent uploads', async () => {
    const strict = createFilesService(w.t.deps, {
      now: () => clock.now,
      settings: { dailyUploadsWorker: 3 },
    });
    const actor = w.actors.worker2;
    const already = await w.t.database.query<{ n: number }>(
      `select count(*)::int as n from stored_file where owner_user_id = $1`,
      [actor.userId],
    );
    const room = Math.max(0, 3 - (already.rows[0]?.n ?? 0));
    const results = await Promise.all(
      Array.from({ length: room + 2 }, () => codeOf(strict.uploadPhoto(actor, null, webp))),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(room);
    expect(results.filter((r) => r === 'file.quota_exceeded')).toHaveLength(2);
    // A day later the window has moved on.
    const tomorrow = createFilesService(w.t.deps, {
      now: () => new Date(clock.now.getTime() + 25 * 3_600_000),
      settings: { dailyUploadsWorker: 3 },
    });
    expect(await codeOf(tomorrow.uploadPhoto(actor, null, webp))).toBe('ok');
  });

  it('attaches in the filing transaction; a foreign photo rolls the whole filing back', async () => {
    const mine = (await files.uploadPhoto(w.actors.worker1, null, webp)).photo.id;
    const theirs = (await files.uploadPhoto(w.actors.worker2, null, webp)).photo.id;
    const casesBefore = await w.t.database.query<{ n: number }>('select count(*)::int as n from appeal');
    expect(await codeOf(w.svc.fileQuietly(w.actors.worker1, appealInput([mine, theirs])))).toBe(
      'file.not_attachable',
    );
    const casesAfter = await w.t.database.query<{ n: number }>('select count(*)::int as n from appeal');
    expect(casesAfter.rows[0]?.n).toBe(casesBefore.rows[0]?.n);
    const row = await w.t.database.query<{ attached_to_id: string | null }>(
      'select attached_to_id from stored_file where id = $1',
      [mine],
    );
    expect(row.rows[0]?.attached_to_id).toBeNull();

    const second = (await files.uploadPhoto(w.actors.worker1, null, await corpus.png())).photo.id;
    const id = await w.svc.fileQuietly(w.actors.worker1, appealInput([second, mine]));
    expect((await photosOf(w.t.database.db, 'appeal', id)).map((p) => p.id)).toEqual([second, mine]);
    const detail = await w.svc.get(w.actors.dispatcher, id);
    expect(detail.photos.map((p) => p.id)).toEqual([second, mine]);
    // Attaching again (to anything) is refused: a photo belongs to one case.
    await expect(
      w.t.database.db.transaction((tx) =>
        attachPhotos(tx, {
          ownerUserId: w.actors.worker1.userId,
          ids: [mine],
          type: 'appeal',
          targetId: id,
          at: new Date(),
        }),
      ),
    ).rejects.toMatchObject({ code: 'file.not_attachable' });
    // Reading follows the case: its dispatcher yes, the other district's dispatcher and other workers no.
    expect(await codeOf(files.read(w.actors.dispatcher, mine, 'thumb'))).toBe('ok');
    expect(await codeOf(files.read(w.actors.swqDispatcher, mine, 'thumb'))).toBe('file.not_found');
    expect(await codeOf(files.read(w.actors.worker2, mine, 'data'))).toBe('file.not_found');
    expect(await codeOf(files.read(w.actors.scjg, mine, 'data'))).toBe('file.not_found');
  });

  it('the attachment columns are both set or both empty', async () => {
    const id = (await files.uploadPhoto(w.actors.worker1, null, webp)).photo.id;
    await expect(
      w.t.database.db.execute(sql`update stored_file set attached_to_type = 'appeal' where id = ${id}`),
    ).rejects.toThrow();
  });

  it('green-channel evidence: the rider, the officer, and the platform once noticed', async () => {
    const grn = createGreenChannelService(w.t.deps);
    const rider = grnActor(w.users.worker1!, '张师傅', 'worker');
    const scjg = (await getOrg(w.t.database.db, w.orgs['szq.scjg']!))!;
    const officer = grnActor(w.users['szq.scjg']!, '市场监管局经办人', 'department_handler', {
      orgId: scjg.id,
      orgPath: scjg.path,
    });
    const swq = grnActor(w.users['swq.dispatch']!, '沙湾区派单员', 'dispatcher', { regionCode: '511111' });
    const meituan = w.orgs['platform.meituan']!;
    const liaison = grnActor(w.users.platform!, '美团联络员', 'platform_liaison', { orgId: meituan });
    const photo = (await files.uploadPhoto(rider, null, await corpus.jpegWithGps())).photo.id;
    const claim = await grn.fileClaim(rider, null, {
      platformOrgId: meituan,
      regionCode: '511102004',
      orderNos: ['MT-PHOTO-0001'],
      orderAt: new Date(Date.now() - 3_600_000).toISOString(),
      delayMinutes: 25,
      fineFen: 1500,
      cause: 'extreme_weather',
      reason: '暴雨导致配送超时被罚款，附罚单截图',
      evidencePhotoIds: [photo],
    });
    expect(claim.evidencePhotos.map((p) => p.id)).toEqual([photo]);
    expect(await codeOf(files.read(officer, photo, 'data'))).toBe('ok');
    expect(await codeOf(files.read(swq, photo, 'data'))).toBe('file.not_found');
    expect(await codeOf(files.read(liaison, photo, 'data'))).toBe('file.not_found');
    await grn.act(officer, null, claim.id, 'review', {});
    await grn.sendNotice(officer, null, {
      platformOrgIds: [meituan],
      claimIds: [claim.id],
      facts: '骑手反映暴雨天配送超时被罚款，请核实减免',
      requestedAnswerBy: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
    });
    expect(await codeOf(files.read(liaison, photo, 'data'))).toBe('ok');
    // A photo already used as evidence cannot be filed again elsewhere.
    expect(await codeOf(w.svc.fileQuietly(w.actors.worker1, appealInput([photo])))).toBe(
      'file.not_attachable',
    );
  });

  it('purges unattached uploads older than 24 hours, and only those', async () => {
    const past = createFilesService(w.t.deps, { now: () => new Date(clock.now.getTime() - 25 * 3_600_000) });
    const oldLoose = (await past.uploadPhoto(w.actors.dispatcher, null, webp)).photo.id;
    const oldUsed = (await past.uploadPhoto(w.actors.dispatcher, null, webp)).photo.id;
    const fresh = (await files.uploadPhoto(w.actors.dispatcher, null, webp)).photo.id;
    await w.t.database.db.transaction((tx) =>
      attachPhotos(tx, {
        ownerUserId: w.actors.dispatcher.userId,
        ids: [oldUsed],
        type: 'appeal',
        targetId: crypto.randomUUID(),
        at: clock.now,
      }),
    );
    expect(await files.purgeUnattached(1)).toBeGreaterThanOrEqual(1);
    const left = await w.t.database.query<{ id: string }>(
      'select id from stored_file where id = any($1::uuid[])',
      [[oldLoose, oldUsed, fresh]],
    );
    expect(left.rows.map((r) => r.id).sort()).toEqual([oldUsed, fresh].sort());
    expect(await files.purgeUnattached()).toBe(0);
  });
});
