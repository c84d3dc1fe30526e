import type { Permission } from '@nuanxin/shared';
import { ROLE_PERMISSIONS, ROLES } from '@nuanxin/shared';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/http/errors.ts';
import { PHOTO_LIMITS, processPhoto } from '../files.image.ts';
import { mayRead, mayUpload } from '../files.policy.ts';
import * as corpus from './corpus.ts';

const refusal = async (input: Buffer) => {
  try {
    await processPhoto(input);
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return { code: (err as AppError).code, status: (err as AppError).status };
  }
};

describe('files policy', () => {
  it('uploads: exactly the roles that file appeals or green-channel claims, or manage stations', () => {
    const uploaders = ROLES.filter((r) =>
      mayUpload({ permissions: new Set<Permission>(ROLE_PERMISSIONS[r]) }),
    ).sort();
    expect(uploaders).toEqual(['community_staff', 'dispatcher', 'district_admin', 'worker']);
  });

  it('reads: the owner always; others only through a case they may see', () => {
    const loose = { ownerUserId: 'u1', attachedToType: null, attachedToId: null };
    const attached = { ownerUserId: 'u1', attachedToType: 'appeal', attachedToId: 'a1' };
    expect(mayRead({ userId: 'u1' }, loose, false)).toBe(true);
    expect(mayRead({ userId: 'u2' }, loose, true)).toBe(false);
    expect(mayRead({ userId: 'u2' }, attached, false)).toBe(false);
    expect(mayRead({ userId: 'u2' }, attached, true)).toBe(true);
  });
});

describe('processPhoto', () => {
  it('never enlarges a small photo, and always answers a JPEG with a thumbnail', async () => {
    const out = await processPhoto(await corpus.solid(100, 50, '#123456').png().toBuffer());
    expect([out.width, out.height]).toEqual([100, 50]);
    expect(out.contentType).toBe('image/jpeg');
    expect(out.sourceType).toBe('image/png');
    const thumb = await sharp(out.thumb).metadata();
    expect([thumb.format, thumb.width, thumb.height]).toEqual(['jpeg', 100, 50]);
    expect(out.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('drops EXIF, XMP and ICC from the stored copy and the thumbnail', async () => {
    const out = await processPhoto(await corpus.jpegWithGps(800, 600));
    for (const b of [out.data, out.thumb]) {
      const m = await sharp(b).metadata();
      expect([m.exif, m.xmp, m.icc, m.iptc]).toEqual([undefined, undefined, undefined, undefined]);
      expect(corpus.jpegSegments(b)).not.toContain(0xe1);
    }
  });

  it('maps refusals to codes and statuses', async () => {
    expect(await refusal(Buffer.alloc(0))).toEqual({ code: 'file.empty', status: 400 });
    expect(await refusal(corpus.overLimit(PHOTO_LIMITS.maxBytes))).toEqual({
      code: 'file.too_large',
      status: 413,
    });
    expect(await refusal(await corpus.pixelFloodPng())).toEqual({
      code: 'file.too_many_pixels',
      status: 413,
    });
    // Just over 40 MP (not only the 20000×20000 flood).
    expect(await refusal(await corpus.pixelFloodPng(6400))).toEqual({
      code: 'file.too_many_pixels',
      status: 413,
    });
    expect(await refusal(corpus.svgWithScript())).toEqual({ code: 'file.unsupported_type', status: 415 });
    expect(await refusal(corpus.heic())).toEqual({ code: 'file.heic_unsupported', status: 415 });
    expect(await refusal(await corpus.truncatedJpeg())).toEqual({ code: 'file.corrupt', status: 400 });
  });
});
