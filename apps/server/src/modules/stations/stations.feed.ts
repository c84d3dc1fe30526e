import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { StationHours } from '@nuanxin/shared';
import type { Db } from '../../platform/db/client.ts';
import { type HoursPattern, patternOpenAt } from './stations.hours.ts';
import * as repo from './stations.repository.ts';

/**
 * The GeoJSON feed of every active station (`GET /stations.geojson`), kept in this process.
 *
 * Each station's feature is rendered once and kept as two strings around its `openNow` value,
 * with what "open now" is decided from (its hours columns and live status). The stations are
 * grouped in 128 buckets by a hash of their id; the service's data stamp holds one token per
 * bucket (count and row versions of its active stations and capacity rows). When the data
 * changed, a build re-reads only the buckets whose token changed — ~80 stations after a keeper's
 * tap at 10,000 — dropping the stations that left them; a catalogue change re-reads all. A
 * re-read station rendered exactly as before keeps its entry. When only the clock moved across an
 * opening edge, a build touches no database: "open now" is decided in JS per distinct hours
 * pattern (`patternOpenAt`, tested to agree with the SQL of `openNowSql`). The ETag is computed by the service from the database alone, so every
 * process agrees on it.
 *
 * Compression is kept too: the features, in code order, are cut into chunks of about
 * {@link CHUNK} features (cut where an id says so, {@link startsChunk}), each compressed on its own (raw deflate ending with a sync flush, so the pieces
 * concatenate into one valid deflate stream). A build compresses only the chunks whose text
 * changed — after a keeper's tap one chunk of ~50 KB instead of the whole ~5 MB — and writes the
 * gzip member around the pieces: header, the pieces, an empty final block, CRC-32 (over the
 * kept bytes of each chunk, ~1 ms for 5 MB) and length. The plain body is joined only when a
 * client asks for it uncompressed.
 */

export interface GeojsonFeed {
  etag: string;
  /** The JSON text (joined on first read). */
  readonly body: string;
  gzip: Buffer;
}

/** A run of features as compressed once: its UTF-8 bytes and their raw deflate. */
interface Chunk {
  bytes: Buffer;
  deflated: Buffer;
}

interface Entry {
  id: string;
  /** A chunk starts here ({@link startsChunk}). */
  cut: boolean;
  code: string;
  /** The feature up to `"openNow":`. */
  head: string;
  /** The feature after the openNow value. */
  tail: string;
  pattern: HoursPattern;
  patternKey: string;
  closedNow: boolean;
}

const deflateRawAsync = promisify(zlib.deflateRaw);
/** Stations per compressed chunk on average: ~50 KB of JSON, ~7 KB compressed. */
export const CHUNK = 100;
const PREFIX = '{"type":"FeatureCollection","features":[';
const SUFFIX = ']}';
/** gzip member header: deflate, no name, mtime 0, OS unknown (RFC 1952). */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** An empty final deflate block (fixed Huffman, end of block), which closes the stream. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

/** A chunk of a build: the key (its first station), its entries and open flags, text, compression. */
interface BuiltChunk {
  key: string;
  entries: Entry[];
  open: boolean[];
  text: string;
  chunk: Chunk;
}
const EMPTY_CHUNK: Chunk = { bytes: Buffer.alloc(0), deflated: Buffer.alloc(0) };

/** Compresses one chunk so that chunks concatenate: no final block, ends on a byte boundary. */
export async function compressChunk(text: string): Promise<Chunk> {
  const bytes = Buffer.from(text, 'utf8');
  const deflated = await deflateRawAsync(bytes, {
    level: zlib.constants.Z_DEFAULT_COMPRESSION,
    finishFlush: zlib.constants.Z_SYNC_FLUSH,
  });
  return { bytes, deflated };
}

const PREFIX_CHUNK = compressChunkSync(PREFIX);
const SUFFIX_CHUNK = compressChunkSync(SUFFIX);

function compressChunkSync(text: string): Chunk {
  const bytes = Buffer.from(text, 'utf8');
  return { bytes, deflated: zlib.deflateRawSync(bytes, { finishFlush: zlib.constants.Z_SYNC_FLUSH }) };
}

/**
 * Whether a new chunk starts at this station: content-defined (about one station in {@link CHUNK},
 * by the random end of its id), so adding or removing a station changes one chunk, not every
 * chunk after it.
 */
export function startsChunk(id: string): boolean {
  const n = Number.parseInt(id.replace(/-/g, '').slice(-8), 16);
  return Number.isFinite(n) && n % CHUNK === 0;
}

/** One gzip member of the chunks' bytes, in order, from their kept compressed pieces. */
export function gzipOfChunks(chunks: readonly Chunk[]): Buffer {
  let crc = 0;
  let size = 0;
  for (const c of chunks) {
    // Node 20's crc32 of an empty buffer without backing store answers 0, not `crc`: skip it.
    if (c.bytes.length > 0) crc = zlib.crc32(c.bytes, crc);
    size += c.bytes.length;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  return Buffer.concat([GZIP_HEADER, ...chunks.map((c) => c.deflated), FINAL_BLOCK, trailer]);
}

export interface StationFeedDeps {
  db: () => Db;
  now: () => Date;
  /** Whether the local date (`YYYY-MM-DD`, Asia/Shanghai) is a statutory holiday. */
  isHoliday: (date: string) => boolean;
  hoursText: (hours: StationHours) => string;
}

/** The JSON of one feature, split around the openNow value. */
export function renderFeature(r: repo.FeedRow, hoursText: string): { head: string; tail: string } {
  const id = JSON.stringify(r.id);
  return {
    head:
      `{"type":"Feature","id":${id},"geometry":{"type":"Point","coordinates":[${JSON.stringify(r.lng)},${JSON.stringify(r.lat)}]},` +
      `"properties":{"id":${id},"code":${JSON.stringify(r.code)},"name":${JSON.stringify(r.name)},"kind":${JSON.stringify(r.kind)},` +
      `"services":${JSON.stringify(r.services)},"openNow":`,
    tail: `,"liveStatus":${JSON.stringify(r.liveStatus)},"hoursText":${JSON.stringify(hoursText)},"capacity":${JSON.stringify(r.capacity)}}}`,
  };
}

const patternKeyOf = (p: HoursPattern) => `${p.openWeek}|${p.holidayMode}|${p.holidayOpen}`;

export function createStationFeed(deps: StationFeedDeps) {
  const entries = new Map<string, Entry>();
  const texts = new Map<string, string>();
  let catalogue: string | null = null;
  /** Active station ids in code order, as of `orderData`. */
  let order: string[] = [];
  let orderData: string | null = null;
  let feed: GeojsonFeed | null = null;
  let building: Promise<GeojsonFeed> | null = null;
  let reads = 0;
  let compressed = 0;

  function textOf(hours: StationHours): string {
    const key = JSON.stringify(hours);
    let t = texts.get(key);
    if (t === undefined) {
      t = deps.hoursText(hours);
      texts.set(key, t);
    }
    return t;
  }

  /** The bucket tokens the kept entries were read at, and the station ids of each bucket. */
  let bucketTokens = new Map<number, string>();
  const bucketIds = new Map<number, string[]>();
  /** Buckets to read per statement (~80 stations each at 10,000). */
  const BUCKETS_PER_READ = 16;
  /** Stations came, left or changed code since `order` was sorted (kept if a refresh fails). */
  let reorder = false;

  /** Brings the kept features up to the database (when `data` differs from the last build's). */
  async function refresh(data: string): Promise<void> {
    if (data === orderData) return;
    const db = deps.db();
    // The data stamp carries the bucket tokens; any other text (tests) asks the database.
    const index = repo.parseFeedStamp(data) ?? (await repo.feedBuckets(db));
    reads++;
    if (index.catalogue !== catalogue) {
      entries.clear();
      bucketIds.clear();
      bucketTokens = new Map();
      catalogue = index.catalogue;
    }
    const stale = [...new Set([...index.buckets.keys(), ...bucketTokens.keys()])].filter(
      (b) => index.buckets.get(b) !== bucketTokens.get(b),
    );
    for (let i = 0; i < stale.length; i += BUCKETS_PER_READ) {
      const part = stale.slice(i, i + BUCKETS_PER_READ);
      const rows = await repo.feedBucketRows(db, part);
      const before = new Map<string, Entry>();
      for (const b of part) {
        for (const id of bucketIds.get(b) ?? []) {
          const e = entries.get(id);
          if (e) before.set(id, e);
          entries.delete(id);
        }
        bucketIds.delete(b);
      }
      for (const r of rows) {
        const old = before.get(r.id);
        before.delete(r.id);
        if (old?.code !== r.code) reorder = true;
        const e: Entry = {
          id: r.id,
          cut: startsChunk(r.id),
          code: r.code,
          ...renderFeature(r, textOf(r.hours)),
          pattern: r.pattern,
          patternKey: patternKeyOf(r.pattern),
          closedNow: r.liveStatus === 'closed_now',
        };
        // The same station as rendered before keeps its entry, so its chunk is not rebuilt.
        const same =
          old !== undefined &&
          old.head === e.head &&
          old.tail === e.tail &&
          old.patternKey === e.patternKey &&
          old.closedNow === e.closedNow;
        entries.set(r.id, same ? old : e);
        const ids = bucketIds.get(r.bucket);
        if (ids) ids.push(r.id);
        else bucketIds.set(r.bucket, [r.id]);
      }
      if (before.size > 0) reorder = true;
    }
    // Code order, again only when stations came, left or changed code (the codes are ASCII: JS
    // order is the database's "C" collation).
    if (reorder) {
      order = [...entries.values()]
        .sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0))
        .map((e) => e.id);
      reorder = false;
    }
    // A row re-read after the buckets may be newer than its bucket's token: the token then
    // differs at the next data change and the bucket is read again; until then the kept version
    // is at least as new.
    bucketTokens = index.buckets;
    orderData = data;
  }

  /** The chunks of the last build by their key, to reuse their text and compression. */
  let kept = new Map<string, BuiltChunk>();

  async function build(etag: string, data: string): Promise<GeojsonFeed> {
    await refresh(data);
    const at = deps.now();
    const holiday = deps.isHoliday(new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10));
    const openByPattern = new Map<string, boolean>();
    const runs: { key: string; entries: Entry[]; open: boolean[] }[] = [];
    let run: { key: string; entries: Entry[]; open: boolean[] } | null = null;
    for (const id of order) {
      const e = entries.get(id);
      if (!e) continue;
      let open = openByPattern.get(e.patternKey);
      if (open === undefined) {
        open = patternOpenAt(e.pattern, at, holiday);
        openByPattern.set(e.patternKey, open);
      }
      if (!run || e.cut) {
        run = { key: `${run ? '' : '^'}${e.id}`, entries: [], open: [] };
        runs.push(run);
      }
      run.entries.push(e);
      run.open.push(open && !e.closedNow);
    }
    // A chunk whose stations (the same rendered entries) and open flags are as last time keeps its
    // text and compression; the others are joined and compressed (thread pool, in parallel).
    const next = new Map<string, BuiltChunk>();
    const pending: Promise<void>[] = [];
    const built = runs.map((r, i) => {
      const old = kept.get(r.key);
      if (
        old &&
        old.entries.length === r.entries.length &&
        old.entries.every((e, j) => e === r.entries[j] && old.open[j] === r.open[j])
      ) {
        next.set(r.key, old);
        return old;
      }
      const text = (i > 0 ? ',' : '') + r.entries.map((e, j) => `${e.head}${r.open[j]}${e.tail}`).join(',');
      const b: BuiltChunk = { ...r, text, chunk: EMPTY_CHUNK };
      pending.push(
        compressChunk(text).then((c) => {
          b.chunk = c;
        }),
      );
      next.set(r.key, b);
      return b;
    });
    compressed += pending.length;
    await Promise.all(pending);
    kept = next;
    const chunks = [PREFIX_CHUNK, ...built.map((b) => b.chunk), SUFFIX_CHUNK];
    let body: string | null = null;
    return {
      etag,
      get body() {
        body ??= PREFIX + built.map((b) => b.text).join('') + SUFFIX;
        return body;
      },
      gzip: gzipOfChunks(chunks),
    };
  }

  /**
   * The feed for `etag` (made from the data stamp `data` and the clock): the kept one when it has
   * that ETag; else, when another request is already building, the kept one as it is (with its own,
   * older ETag) rather than a queue behind the build; else a build. A body is always built after
   * its ETag was computed, so it is never older than its ETag says: send the returned `etag`.
   */
  async function get(etag: string, data: string): Promise<GeojsonFeed> {
    if (feed?.etag === etag) return feed;
    if (building) return feed ?? building;
    building = build(etag, data)
      .then((f) => {
        feed = f;
        return f;
      })
      .finally(() => {
        building = null;
      });
    return building;
  }

  /** How many stations are kept, how many times the index was read, chunks compressed (tests). */
  return { get, size: () => entries.size, indexReads: () => reads, chunksCompressed: () => compressed };
}
