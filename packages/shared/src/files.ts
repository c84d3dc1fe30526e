import { z } from 'zod';

/**
 * Photo uploads (docs/files.md). The server re-encodes every upload to a metadata-free JPEG and
 * keeps it in the database; cases refer to their photos by id.
 */

/** Largest upload the server reads, in bytes (10 MB). */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
/** Photos one appeal or green-channel claim may carry. */
export const PHOTOS_PER_CASE_MAX = 6;

export const fileIdParams = z.object({ id: z.uuid().describe('File id') });

/** A photo as a case shows it: the full image and its ~320 px thumbnail. */
export const photoRefSchema = z.object({
  id: z.uuid(),
  url: z.string().describe('GET: the re-encoded image (JPEG, at most 2048 px)'),
  thumbUrl: z.string().describe('GET: the thumbnail (JPEG, at most 320 px)'),
  width: z.number().int(),
  height: z.number().int(),
});
export type PhotoRefDto = z.infer<typeof photoRefSchema>;

/** The answer to an upload. */
export const uploadedPhotoSchema = photoRefSchema.extend({
  byteSize: z.number().int().describe('Size of the stored (re-encoded) image'),
});
export type UploadedPhotoDto = z.infer<typeof uploadedPhotoSchema>;

/** Ids of the caller's own, not yet attached uploads, sent with a filing. */
export const photoIdsField = z
  .array(z.uuid())
  .max(PHOTOS_PER_CASE_MAX)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'each photo only once' });
