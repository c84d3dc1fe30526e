import { and, asc, count, eq, gt, inArray, isNull, lt, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { type AttachmentType, storedFile } from './files.tables.ts';

/** Drizzle queries of the files module. No rules here: the service and the policy decide. */

export type NewStoredFileRow = typeof storedFile.$inferInsert;

/** Everything about a file but its bytes (which are read only when served). */
const metaColumns = {
  id: storedFile.id,
  ownerUserId: storedFile.ownerUserId,
  kind: storedFile.kind,
  contentType: storedFile.contentType,
  byteSize: storedFile.byteSize,
  width: storedFile.width,
  height: storedFile.height,
  sha256: storedFile.sha256,
  thumbByteSize: storedFile.thumbByteSize,
  attachedToType: storedFile.attachedToType,
  attachedToId: storedFile.attachedToId,
  createdAt: storedFile.createdAt,
};
export interface FileMeta {
  id: string;
  ownerUserId: string;
  kind: 'photo';
  contentType: string;
  byteSize: number;
  width: number;
  height: number;
  sha256: string;
  thumbByteSize: number;
  attachedToType: AttachmentType | null;
  attachedToId: string | null;
  createdAt: Date;
}

/** Inserts the file; null when the owner already used this upload key (the first one wins). */
export async function insertFile(db: Db, row: NewStoredFileRow): Promise<FileMeta | null> {
  const [out] = await db.insert(storedFile).values(row).onConflictDoNothing().returning(metaColumns);
  return out ?? null;
}

export async function getFileMeta(db: Db, id: string): Promise<FileMeta | null> {
  const [row] = await db.select(metaColumns).from(storedFile).where(eq(storedFile.id, id)).limit(1);
  return row ?? null;
}

export async function findByUploadKey(db: Db, ownerUserId: string, key: string): Promise<FileMeta | null> {
  const [row] = await db
    .select(metaColumns)
    .from(storedFile)
    .where(and(eq(storedFile.ownerUserId, ownerUserId), eq(storedFile.uploadKey, key)))
    .limit(1);
  return row ?? null;
}

/** The stored image or its thumbnail. */
export async function getFileBytes(db: Db, id: string, variant: 'data' | 'thumb'): Promise<Buffer | null> {
  const column = variant === 'data' ? storedFile.data : storedFile.thumb;
  const [row] = await db.select({ bytes: column }).from(storedFile).where(eq(storedFile.id, id)).limit(1);
  return row?.bytes ?? null;
}

/** Serialises one owner's uploads until the transaction ends (quota check, then insert). */
export async function lockOwner(tx: Db, ownerUserId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`stored_file:${ownerUserId}`}))`);
}

export async function countUploadsSince(db: Db, ownerUserId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(storedFile)
    .where(and(eq(storedFile.ownerUserId, ownerUserId), gt(storedFile.createdAt, since)));
  return Number(row?.n ?? 0);
}

/**
 * Attaches one photo, if it is the owner's and not attached yet; false otherwise (another person's
 * upload, a purged one, one already used). The guard is in the UPDATE itself, so two filings racing
 * for the same photo cannot both take it.
 */
export async function attachFile(
  tx: Db,
  input: {
    id: string;
    ownerUserId: string;
    type: AttachmentType;
    targetId: string;
    position: number;
    at: Date;
  },
): Promise<boolean> {
  const rows = await tx
    .update(storedFile)
    .set({
      attachedToType: input.type,
      attachedToId: input.targetId,
      attachedAt: input.at,
      position: input.position,
    })
    .where(
      and(
        eq(storedFile.id, input.id),
        eq(storedFile.ownerUserId, input.ownerUserId),
        eq(storedFile.kind, 'photo'),
        isNull(storedFile.attachedToId),
      ),
    )
    .returning({ id: storedFile.id });
  return rows.length === 1;
}

/** Moves a photo already attached to the record to `position`; false when it is not attached there. */
export async function repositionAttached(
  tx: Db,
  input: { id: string; type: AttachmentType; targetId: string; position: number },
): Promise<boolean> {
  const rows = await tx
    .update(storedFile)
    .set({ position: input.position })
    .where(
      and(
        eq(storedFile.id, input.id),
        eq(storedFile.attachedToType, input.type),
        eq(storedFile.attachedToId, input.targetId),
      ),
    )
    .returning({ id: storedFile.id });
  return rows.length === 1;
}

/**
 * Detaches the record's photos not in `keep`: they become unattached again (attached_at cleared),
 * so the purge job removes them once they are older than its limit.
 */
export async function detachOthers(
  tx: Db,
  input: { type: AttachmentType; targetId: string; keep: readonly string[] },
): Promise<number> {
  const rows = await tx
    .update(storedFile)
    .set({ attachedToType: null, attachedToId: null, attachedAt: null, position: null })
    .where(
      and(
        eq(storedFile.attachedToType, input.type),
        eq(storedFile.attachedToId, input.targetId),
        input.keep.length > 0 ? notInArray(storedFile.id, [...input.keep]) : undefined,
      ),
    )
    .returning({ id: storedFile.id });
  return rows.length;
}

export interface AttachedPhotoRow {
  id: string;
  width: number;
  height: number;
}

export async function listAttached(
  db: Db,
  type: AttachmentType,
  targetId: string,
): Promise<AttachedPhotoRow[]> {
  return db
    .select({ id: storedFile.id, width: storedFile.width, height: storedFile.height })
    .from(storedFile)
    .where(and(eq(storedFile.attachedToType, type), eq(storedFile.attachedToId, targetId)))
    .orderBy(asc(storedFile.position), asc(storedFile.id));
}

/** Deletes up to `limit` unattached files created before `before`; returns how many. */
export async function deleteUnattachedBefore(db: Db, before: Date, limit: number): Promise<number> {
  const victims = db
    .select({ id: storedFile.id })
    .from(storedFile)
    .where(and(isNull(storedFile.attachedToId), lt(storedFile.createdAt, before)))
    .orderBy(asc(storedFile.createdAt))
    .limit(limit);
  const rows = await db
    .delete(storedFile)
    .where(and(inArray(storedFile.id, victims), isNull(storedFile.attachedToId)))
    .returning({ id: storedFile.id });
  return rows.length;
}
