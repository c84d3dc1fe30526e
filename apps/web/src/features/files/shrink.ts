/**
 * Scales a big phone photo down before it is uploaded or kept offline: a 12-megapixel photo of
 * 5 MB becomes about 0.5 MB at 2560 px, which matters on mobile data and in the offline store. The
 * server re-encodes every upload anyway (and drops metadata); this only saves bytes. Anything the
 * browser cannot decode (HEIC on most Android phones) is sent as it is, for the server to judge.
 */

const SHRINK_ABOVE_BYTES = 1_500_000;
const MAX_EDGE = 2560;
const QUALITY = 0.85;

function canvasToBlob(canvas: HTMLCanvasElement): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
}

export async function prepareForUpload(file: Blob): Promise<Blob> {
  if (file.size <= SHRINK_ABOVE_BYTES || typeof createImageBitmap !== 'function') return file;
  try {
    // 'from-image' applies the EXIF orientation, as the server would.
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) {
      bitmap.close();
      return file;
    }
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(bitmap, 0, 0, width, height);
    bitmap.close();
    const out = await canvasToBlob(canvas);
    return out && out.size < file.size ? out : file;
  } catch {
    return file;
  }
}
