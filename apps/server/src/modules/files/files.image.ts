import crypto from 'node:crypto';
import { PHOTO_MAX_BYTES } from '@nuanxin/shared';
import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Metadata, type OutputInfo, type SharpOptions } from 'sharp';
import { AppError } from '../../platform/http/errors.ts';

/**
 * Turns an uploaded image into what we store: the type is read from the bytes (never from the
 * client's file name or Content-Type), then libvips decodes it and writes a new JPEG. The new file
 * carries none of the input's metadata (sharp keeps EXIF, XMP, IPTC and ICC only when asked with
 * `withMetadata`/`keepExif`, which we never call), so GPS position, camera make and model are gone,
 * and anything hidden in the input (an HTML or script tail of a polyglot) is not carried over: only
 * decoded pixels are.
 */

export const PHOTO_LIMITS = {
  maxBytes: PHOTO_MAX_BYTES,
  /** Pixel-flood guard: a small file that decodes to a huge canvas is refused before decoding. */
  maxInputPixels: 40_000_000,
  maxEdge: 2048,
  quality: 80,
  thumbEdge: 320,
  thumbQuality: 70,
} as const;

/** Detected type → what libvips must report for the same bytes. */
const ACCEPTED: ReadonlyMap<string, readonly string[]> = new Map([
  ['image/jpeg', ['jpeg']],
  ['image/png', ['png']],
  ['image/webp', ['webp']],
  ['image/gif', ['gif']],
  ['image/heic', ['heif']],
  ['image/heif', ['heif']],
  ['image/heic-sequence', ['heif']],
  ['image/heif-sequence', ['heif']],
  ['image/avif', ['heif']],
]);
const HEIF_FAMILY = new Set([
  'image/heic',
  'image/heif',
  'image/heic-sequence',
  'image/heif-sequence',
  'image/avif',
]);

export interface ProcessedPhoto {
  contentType: 'image/jpeg';
  data: Buffer;
  width: number;
  height: number;
  sha256: string;
  thumb: Buffer;
  /** What the bytes were, for the audit log. */
  sourceType: string;
}

function decodeOptions(): SharpOptions {
  return {
    limitInputPixels: PHOTO_LIMITS.maxInputPixels,
    // A cut-off file is refused; harmless warnings of real cameras' files are not.
    failOn: 'truncated',
    // Animated GIF/WebP: the first frame only.
    pages: 1,
    sequentialRead: true,
  };
}

function decodeError(err: unknown, heif: boolean): AppError {
  const message = err instanceof Error ? err.message : String(err);
  if (/pixel limit/i.test(message))
    return new AppError('file.too_many_pixels', 'The image has too many pixels', {
      maxPixels: PHOTO_LIMITS.maxInputPixels,
    });
  if (heif)
    return new AppError('file.heic_unsupported', 'This HEIC/HEIF image cannot be decoded on the server');
  return new AppError('file.corrupt', 'The image is damaged or incomplete');
}

/** Validates and re-encodes one upload. Throws an AppError with a `file.*` code when refused. */
export async function processPhoto(input: Buffer): Promise<ProcessedPhoto> {
  if (input.length === 0) throw new AppError('file.empty', 'The file is empty');
  if (input.length > PHOTO_LIMITS.maxBytes)
    throw new AppError('file.too_large', 'The file is larger than 10 MB', {
      maxBytes: PHOTO_LIMITS.maxBytes,
    });
  const detected = await fileTypeFromBuffer(input);
  const formats = detected ? ACCEPTED.get(detected.mime) : undefined;
  if (!detected || !formats)
    throw new AppError('file.unsupported_type', 'Only JPEG, PNG, WebP, GIF and HEIF photos are accepted', {
      detected: detected?.mime ?? null,
    });
  const heif = HEIF_FAMILY.has(detected.mime);

  // The header first: dimensions are checked before any pixel is decoded.
  let meta: Metadata;
  try {
    meta = await sharp(input, decodeOptions()).metadata();
  } catch (err) {
    throw decodeError(err, heif);
  }
  if (!formats.includes(meta.format ?? ''))
    throw new AppError('file.unsupported_type', 'The file content does not match its type', {
      detected: detected.mime,
    });
  if (!meta.width || !meta.height) throw new AppError('file.corrupt', 'The image has no dimensions');
  if (meta.width * meta.height > PHOTO_LIMITS.maxInputPixels)
    throw new AppError('file.too_many_pixels', 'The image has too many pixels', {
      maxPixels: PHOTO_LIMITS.maxInputPixels,
    });

  let main: { data: Buffer; info: OutputInfo };
  try {
    main = await sharp(input, decodeOptions())
      .rotate() // applies the EXIF orientation to the pixels before the tag is dropped
      .resize({
        width: PHOTO_LIMITS.maxEdge,
        height: PHOTO_LIMITS.maxEdge,
        fit: 'inside',
        withoutEnlargement: true,
      })
      .flatten({ background: '#ffffff' }) // transparent PNG/WebP/GIF on white, as JPEG has no alpha
      .jpeg({ quality: PHOTO_LIMITS.quality })
      .toBuffer({ resolveWithObject: true });
  } catch (err) {
    throw decodeError(err, heif);
  }
  // The thumbnail comes from the clean copy: smaller to decode, and already free of metadata.
  const thumb = await sharp(main.data)
    .resize({
      width: PHOTO_LIMITS.thumbEdge,
      height: PHOTO_LIMITS.thumbEdge,
      fit: 'inside',
      withoutEnlargement: true,
    })
    .jpeg({ quality: PHOTO_LIMITS.thumbQuality })
    .toBuffer();
  return {
    contentType: 'image/jpeg',
    data: main.data,
    width: main.info.width,
    height: main.info.height,
    sha256: crypto.createHash('sha256').update(main.data).digest('hex'),
    thumb,
    sourceType: detected.mime,
  };
}
