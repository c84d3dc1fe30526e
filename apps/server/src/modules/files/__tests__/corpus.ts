import crypto from 'node:crypto';
import zlib from 'node:zlib';
import sharp from 'sharp';

/**
 * The upload corpus (reliability.md C6), generated at test time: real images made with sharp, and
 * hostile files made byte by byte. Nothing is read from disk.
 */

export const solid = (width: number, height: number, background: string) =>
  sharp({ create: { width, height, channels: 3, background } });

/** A phone photo: Make, Model, an orientation and a GPS position in its EXIF. */
export async function jpegWithGps(width = 400, height = 300, orientation?: number): Promise<Buffer> {
  const img = solid(width, height, '#c0392b').jpeg({ quality: 90 });
  if (orientation) img.withMetadata({ orientation });
  return img
    .withExif({
      IFD0: { Make: 'Apple', Model: 'iPhone 15 Pro', Software: 'NuanxinTestCam' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '29/1 33/1 8/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '103/1 45/1 58/1',
      },
    })
    .toBuffer();
}

export const png = () =>
  sharp({ create: { width: 120, height: 80, channels: 4, background: { r: 0, g: 128, b: 255, alpha: 0.5 } } })
    .png()
    .toBuffer();
export const webp = () => solid(90, 60, '#27ae60').webp().toBuffer();
export const avif = () => solid(64, 48, '#8e44ad').avif().toBuffer();
export const tiff = () => solid(32, 32, '#000').tiff().toBuffer();
export const bigJpeg = () => solid(4000, 3000, '#2c3e50').jpeg({ quality: 60 }).toBuffer();

/** Three frames: red, blue, green. Only the first (red) may survive. */
export async function animatedGif(): Promise<Buffer> {
  const frame = (c: string) => solid(64, 64, c).png().toBuffer();
  return sharp([await frame('#ff0000'), await frame('#0000ff'), await frame('#00ff00')], {
    join: { animated: true },
  })
    .gif({ delay: [200, 200, 200], loop: 0 })
    .toBuffer();
}

/** A valid JPEG that is also an HTML page: a script in a comment segment and after the end marker. */
export async function polyglotJpegHtml(): Promise<Buffer> {
  const jpeg = await solid(50, 50, '#f1c40f').jpeg().toBuffer();
  const html = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>');
  const com = Buffer.alloc(4);
  com.writeUInt16BE(0xfffe, 0);
  com.writeUInt16BE(html.length + 2, 2);
  // SOI, then a COM segment with the HTML, then the rest of the JPEG, then HTML again after EOI.
  return Buffer.concat([jpeg.subarray(0, 2), com, html, jpeg.subarray(2), html]);
}

/** A few hundred bytes that declare 20000×20000 pixels: the PNG header is patched, its CRC fixed. */
export async function pixelFloodPng(side = 20_000): Promise<Buffer> {
  const out = Buffer.from(await solid(8, 8, '#ffffff').png().toBuffer());
  out.writeUInt32BE(side, 16);
  out.writeUInt32BE(side, 20);
  out.writeUInt32BE(zlib.crc32(out.subarray(12, 29)) >>> 0, 29);
  return out;
}

export const svgWithScript = () =>
  Buffer.from(
    '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>',
  );
export const html = () => Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
export const zip = () =>
  // A local file header ("PK\x03\x04") of an empty stored entry, then the end-of-directory record.
  Buffer.concat([
    Buffer.from([
      0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ]),
    Buffer.from([1, 0, 0, 0]),
    Buffer.from('a'),
    Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]),
  ]);

/** An ISO-BMFF file branded HEIC whose content the server cannot decode (no HEVC decoder). */
export const heic = () =>
  Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypheic'),
    Buffer.from([0, 0, 0, 0]),
    Buffer.from('mif1heic'),
    crypto.randomBytes(400),
  ]);

export async function truncatedJpeg(): Promise<Buffer> {
  const full = await solid(300, 200, '#16a085').jpeg().toBuffer();
  return full.subarray(0, Math.floor(full.length * 0.6));
}

/** JPEG magic bytes followed by noise. */
export const jpegMagicOnly = () =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.randomBytes(500)]);

/** One byte over the limit, starting like a JPEG. */
export const overLimit = (limit: number) => {
  const b = Buffer.alloc(limit + 1, 0);
  b.set([0xff, 0xd8, 0xff, 0xe0], 0);
  return b;
};

export interface Part {
  name?: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** A multipart/form-data body, built by hand so file names can hold anything. */
export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----nuanxin${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name ?? 'file'}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.contentType ? `Content-Type: ${p.contentType}\r\n` : ''}\r\n`,
        'latin1',
      ),
      p.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** One photo as a phone would send it. */
export const photoPart = (data: Buffer, filename = 'IMG_0001.jpg', contentType = 'image/jpeg') =>
  multipart([{ filename, contentType, data }]);

/**
 * The tags of a JPEG's EXIF block (sharp's `metadata().exif`), from a minimal TIFF reader: IFD0's
 * tag numbers and whether it points at a GPS IFD (0x8825). Enough to prove what an input carried.
 */
export function exifTags(exif: Buffer | undefined): { tags: number[]; hasGps: boolean } {
  if (!exif) return { tags: [], hasGps: false };
  const tiff = exif.subarray(exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 6 : 0);
  const le = tiff.subarray(0, 2).toString('latin1') === 'II';
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd0 = u32(4);
  const n = u16(ifd0);
  const tags: number[] = [];
  for (let i = 0; i < n; i++) tags.push(u16(ifd0 + 2 + i * 12));
  return { tags, hasGps: tags.includes(0x8825) };
}

/** Every JPEG marker segment of a file, as [marker, length]: APP1 (0xe1) is where EXIF and XMP live. */
export function jpegSegments(jpeg: Buffer): number[] {
  const markers: number[] = [];
  let o = 2;
  while (o + 4 <= jpeg.length && jpeg[o] === 0xff) {
    const marker = jpeg[o + 1]!;
    markers.push(marker);
    if (marker === 0xda) break; // start of scan: entropy-coded data follows
    o += 2 + jpeg.readUInt16BE(o + 2);
  }
  return markers;
}
