// Draws the app icons (a white heart on a warm red rounded square) as PNG files using only
// Node built-ins, so the repository needs no image tooling. Run: node apps/web/scripts/make-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const out = path.join(import.meta.dirname, '..', 'public', 'icons');
const BG = [0xd4, 0x38, 0x0d];
const FG = [0xff, 0xff, 0xff];

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** Coverage of one pixel: 0 outside, 1 background, 2 heart. */
function sample(u, v, size) {
  const r = 0.22; // corner radius, fraction of the side
  const cx = Math.min(Math.max(u, r), 1 - r);
  const cy = Math.min(Math.max(v, r), 1 - r);
  const inSquare = (u - cx) ** 2 + (v - cy) ** 2 <= r * r;
  if (!inSquare) return 0;
  // heart curve (x²+y²−1)³ − x²y³ ≤ 0, scaled into the middle of the icon
  const x = (u - 0.5) / 0.3;
  const y = -(v - 0.54) / 0.3;
  const h = (x * x + y * y - 1) ** 3 - x * x * y * y * y;
  void size;
  return h <= 0 ? 2 : 1;
}

function icon(size) {
  const ss = 4;
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0;
    for (let px = 0; px < size; px++) {
      let a = 0;
      let heart = 0;
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const s = sample((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size, size);
          if (s > 0) a++;
          if (s === 2) heart++;
        }
      const n = ss * ss;
      const t = a === 0 ? 0 : heart / a;
      const o = py * (size * 4 + 1) + 1 + px * 4;
      for (let ch = 0; ch < 3; ch++) raw[o + ch] = Math.round(BG[ch] * (1 - t) + FG[ch] * t);
      raw[o + 3] = Math.round((a / n) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

fs.mkdirSync(out, { recursive: true });
for (const size of [192, 512]) {
  fs.writeFileSync(path.join(out, `icon-${size}.png`), icon(size));
  console.log(`wrote icon-${size}.png`);
}
