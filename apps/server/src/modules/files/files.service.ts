import type { PhotoRefDto, UploadedPhotoDto } from '@nuanxin/shared';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { AppError, conflict, forbidden, notFound } from '../../platform/http/errors.ts';
import { processPhoto } from './files.image.ts';
import { mayRead, mayUpload } from './files.policy.ts';
import * as repo from './files.repository.ts';
import { DEFAULT_FILES_SETTINGS, type FilesSettings } from './files.settings.ts';
import type { AttachmentType } from './files.tables.ts';
import { caseVisibleTo } from './files.targets.ts';

/**
 * Use cases of the files module: upload (validate, re-encode, store, within a daily quota), read
 * (owner, or whoever may see the case the photo is attached to), and the purge of uploads never
 * attached. Attaching happens inside the owning module's filing transaction (`attachPhotos`).
 */

export interface FilesServiceOptions {
  settings?: Partial<FilesSettings>;
  now?: () => Date;
}

export interface ReadableFile {
  meta: repo.FileMeta;
  /** Reads the bytes (not needed to answer a conditional request with 304). */
  load(): Promise<Buffer>;
}

const HOUR_MS = 3_600_000;

export const photoUrl = (id: string) => `/api/v1/files/${id}`;
export const thumbUrl = (id: string) => `/api/v1/files/${id}/thumb`;

export function photoRef(row: { id: string; width: number; height: number }): PhotoRefDto {
  return {
    id: row.id,
    url: photoUrl(row.id),
    thumbUrl: thumbUrl(row.id),
    width: row.width,
    height: row.height,
  };
}

/**
 * Attaches the caller's uploads to a record, in the caller's transaction, in the order given.
 * Any id that is not the owner's unattached photo throws `file.not_attachable` (400), which rolls
 * the whole filing back: a case is never filed with fewer photos than the worker chose.
 */
export async function attachPhotos(
  tx: Db,
  input: { ownerUserId: string; ids: readonly string[]; type: AttachmentType; targetId: string; at: Date },
): Promise<void> {
  for (const [position, id] of input.ids.entries()) {
    const ok = await repo.attachFile(tx, {
      id,
      ownerUserId: input.ownerUserId,
      type: input.type,
      targetId: input.targetId,
      position,
      at: input.at,
    });
    if (!ok)
      throw new AppError(
        'file.not_attachable',
        'A photo is not your own unattached upload (another person’s, expired, or already used)',
        { photoId: id },
      );
  }
}

/**
 * Makes `ids` (in this order) the record's photos: ones already attached to it stay, new ones must
 * be the actor's own unattached uploads (else 400 `file.not_attachable`), the others are detached.
 * For records whose photos are edited after filing (a station's).
 */
export async function setAttachedPhotos(
  tx: Db,
  input: { ownerUserId: string; ids: readonly string[]; type: AttachmentType; targetId: string; at: Date },
): Promise<void> {
  await repo.detachOthers(tx, { type: input.type, targetId: input.targetId, keep: input.ids });
  for (const [position, id] of input.ids.entries()) {
    if (await repo.repositionAttached(tx, { id, type: input.type, targetId: input.targetId, position }))
      continue;
    const ok = await repo.attachFile(tx, {
      id,
      ownerUserId: input.ownerUserId,
      type: input.type,
      targetId: input.targetId,
      position,
      at: input.at,
    });
    if (!ok)
      throw new AppError(
        'file.not_attachable',
        'A photo is not your own unattached upload (another person’s, expired, or already used)',
        { photoId: id },
      );
  }
}

/** The photos attached to a record, in filing order. */
export async function photosOf(db: Db, type: AttachmentType, targetId: string): Promise<PhotoRefDto[]> {
  return (await repo.listAttached(db, type, targetId)).map(photoRef);
}

export type FilesService = ReturnType<typeof createFilesService>;

export function createFilesService(deps: PlatformDeps, opts: FilesServiceOptions = {}) {
  const { database } = deps;
  const settings: FilesSettings = { ...DEFAULT_FILES_SETTINGS, ...opts.settings };
  const now = opts.now ?? (() => new Date());

  const uploadedDto = (f: repo.FileMeta): UploadedPhotoDto => ({ ...photoRef(f), byteSize: f.byteSize });

  /** 403 before a byte of the body is read. */
  function assertMayUpload(actor: Actor): void {
    if (!mayUpload(actor)) throw forbidden('You may not upload photos');
  }

  function quotaOf(actor: Actor): number {
    return actor.kind === 'worker' ? settings.dailyUploadsWorker : settings.dailyUploadsStaff;
  }

  const quotaError = (limit: number) =>
    new AppError('file.quota_exceeded', `At most ${limit} photos in 24 hours`, { limit });

  /**
   * Stores one photo. With `uploadKey` (the client's Idempotency-Key) a repeated upload whose first
   * answer was lost returns the file stored the first time (`created: false`).
   */
  async function uploadPhoto(
    actor: Actor,
    meta: RequestMeta | null,
    input: Buffer,
    uploadKey?: string,
  ): Promise<{ photo: UploadedPhotoDto; created: boolean }> {
    assertMayUpload(actor);
    const db = database.db;
    if (uploadKey) {
      const existing = await repo.findByUploadKey(db, actor.userId, uploadKey);
      if (existing) return { photo: uploadedDto(existing), created: false };
    }
    const limit = quotaOf(actor);
    const since = new Date(now().getTime() - 24 * HOUR_MS);
    // Cheap check first, so a client over its quota costs no decoding.
    if ((await repo.countUploadsSince(db, actor.userId, since)) >= limit) throw quotaError(limit);
    const photo = await processPhoto(input);
    const row = await inTransaction(database, async ({ tx }) => {
      await repo.lockOwner(tx, actor.userId);
      if ((await repo.countUploadsSince(tx, actor.userId, since)) >= limit) throw quotaError(limit);
      const inserted = await repo.insertFile(tx, {
        ownerUserId: actor.userId,
        kind: 'photo',
        contentType: photo.contentType,
        byteSize: photo.data.length,
        width: photo.width,
        height: photo.height,
        sha256: photo.sha256,
        data: photo.data,
        thumb: photo.thumb,
        thumbByteSize: photo.thumb.length,
        uploadKey: uploadKey ?? null,
        createdAt: now(),
      });
      if (!inserted) return null;
      await writeAudit(tx, actor, meta, {
        action: 'file.upload',
        entityType: 'stored_file',
        entityId: inserted.id,
        after: {
          kind: 'photo',
          sourceType: photo.sourceType,
          inputBytes: input.length,
          byteSize: inserted.byteSize,
          width: inserted.width,
          height: inserted.height,
          sha256: inserted.sha256,
        },
      });
      return inserted;
    });
    if (row) return { photo: uploadedDto(row), created: true };
    // The same key committed first in a concurrent request: answer with its file.
    const existing = uploadKey ? await repo.findByUploadKey(db, actor.userId, uploadKey) : null;
    if (!existing) throw conflict('The photo could not be stored; try again');
    return { photo: uploadedDto(existing), created: false };
  }

  /** A file (or its thumbnail) for `actor`, or 404 when they may not see it. */
  async function read(actor: Actor, id: string, variant: 'data' | 'thumb'): Promise<ReadableFile> {
    const db = database.db;
    const meta = await repo.getFileMeta(db, id);
    if (!meta) throw notFound('File', 'file.not_found');
    const viaCase =
      meta.ownerUserId !== actor.userId && meta.attachedToType !== null && meta.attachedToId !== null
        ? await caseVisibleTo(db, actor, meta.attachedToType, meta.attachedToId)
        : false;
    if (!mayRead(actor, meta, viaCase)) throw notFound('File', 'file.not_found');
    return {
      meta,
      async load() {
        const bytes = await repo.getFileBytes(db, id, variant);
        if (!bytes) throw notFound('File', 'file.not_found');
        return bytes;
      },
    };
  }

  /** Deletes uploads never attached to a case within the time to live; returns how many. */
  async function purgeUnattached(batch = 500): Promise<number> {
    const before = new Date(now().getTime() - settings.unattachedTtlHours * HOUR_MS);
    let total = 0;
    for (;;) {
      const n = await repo.deleteUnattachedBefore(database.db, before, batch);
      total += n;
      if (n < batch) return total;
    }
  }

  return { settings, assertMayUpload, uploadPhoto, read, purgeUnattached };
}
