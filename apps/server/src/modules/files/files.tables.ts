import { sql } from 'drizzle-orm';
import {
  check,
  customType,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { newId } from '../../platform/db/ids.ts';
import { appUser } from '../identity/identity.tables.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Binary column. node-postgres answers a Buffer, the embedded engine a Uint8Array: both become a
 * Buffer here, so services see one type whatever the engine.
 */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const STORED_FILE_KINDS = ['photo'] as const;
export type StoredFileKind = (typeof STORED_FILE_KINDS)[number];

/** What a file can be attached to; each owning module says who may see its records. */
export const ATTACHMENT_TYPES = ['appeal', 'grn_claim', 'station'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/**
 * An uploaded photo, re-encoded (EXIF and every other metadata dropped) and kept in the database
 * with its thumbnail, so both engines and every backup hold it; nothing is written to disk.
 *
 * The attachment is two columns on the file rather than a join table: a photo is uploaded for one
 * filing by one person and belongs to exactly one case, so "not attached yet" is simply
 * `attached_to_id is null` (what the 24-hour purge deletes), and attaching is one guarded UPDATE
 * that cannot attach a file twice. The reference is polymorphic (appeal or green-channel claim),
 * so it carries no foreign key; the owning module's visibility rule decides who may read it.
 */
export const storedFile = pgTable(
  'stored_file',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    ownerUserId: uuid('owner_user_id')
      .notNull()
      .references(() => appUser.id),
    kind: text('kind', { enum: STORED_FILE_KINDS }).notNull(),
    /** Of the stored bytes (always image/jpeg today), never the client's claim. */
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    /** Hex SHA-256 of `data`; also the ETag. */
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    thumb: bytea('thumb').notNull(),
    thumbByteSize: integer('thumb_byte_size').notNull(),
    /** The client's Idempotency-Key: a repeated upload (lost answer) returns the same file. */
    uploadKey: text('upload_key'),
    attachedToType: text('attached_to_type', { enum: ATTACHMENT_TYPES }),
    attachedToId: uuid('attached_to_id'),
    attachedAt: ts('attached_at'),
    /** Order within the case (0-based), as the filer gave the ids. */
    position: integer('position'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    // Daily quota: the owner's uploads of the last 24 hours.
    index('stored_file_owner_created_idx').on(t.ownerUserId, t.createdAt),
    index('stored_file_attached_idx')
      .on(t.attachedToType, t.attachedToId, t.position)
      .where(sql`attached_to_id is not null`),
    // The purge job: unattached uploads by age.
    index('stored_file_unattached_idx').on(t.createdAt).where(sql`attached_to_id is null`),
    uniqueIndex('stored_file_upload_key_idx')
      .on(t.ownerUserId, t.uploadKey)
      .where(sql`upload_key is not null`),
    check('stored_file_attachment_check', sql`(attached_to_type is null) = (attached_to_id is null)`),
  ],
);
