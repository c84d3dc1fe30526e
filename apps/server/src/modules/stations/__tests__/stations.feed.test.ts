import crypto from 'node:crypto';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK, compressChunk, gzipOfChunks, startsChunk } from '../stations.feed.ts';

// The GeoJSON feed's kept compression (POS-01, the worker map's feed): chunks compressed one by one
// must make one valid gzip member of their joined text, whatever the cut and the characters.

describe('the feed in compressed chunks', () => {
  it('joins independently compressed chunks into one gzip member of the whole text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 400 }), { maxLength: 12 }),
        async (texts) => {
          const chunks = await Promise.all(texts.map((t) => compressChunk(t)));
          const gz = gzipOfChunks(chunks);
          expect(zlib.gunzipSync(gz).toString('utf8')).toBe(texts.join(''));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('handles a realistic chunk of stations (Chinese names, ~50 KB) and many chunks', async () => {
    const feature = (i: number) =>
      `{"type":"Feature","id":"${i}","properties":{"name":"沙湾区铜心驿站（生成）${i}","openNow":${i % 2 === 0}}}`;
    const texts = Array.from({ length: 40 }, (_, c) =>
      Array.from({ length: CHUNK }, (_, i) => feature(c * CHUNK + i)).join(','),
    );
    const gz = gzipOfChunks(await Promise.all(texts.map((t) => compressChunk(t))));
    expect(zlib.gunzipSync(gz).toString('utf8')).toBe(texts.join(''));
    // Compressed, not stored.
    expect(gz.length).toBeLessThan(Buffer.byteLength(texts.join('')) / 4);
  });

  it('starts a chunk at about one station in CHUNK, decided by the id alone', () => {
    const ids = Array.from({ length: 20_000 }, () => crypto.randomUUID());
    const cuts = ids.filter(startsChunk).length;
    expect(cuts).toBeGreaterThan(20_000 / CHUNK / 2);
    expect(cuts).toBeLessThan((20_000 / CHUNK) * 2);
    for (const id of ids.slice(0, 50)) expect(startsChunk(id)).toBe(startsChunk(id));
  });
});
