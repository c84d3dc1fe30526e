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
 * with the token it was rendered from (the row versions of the station and its capacity) and what
 * "open now" is decided from (its hours columns and live status). When the data changed (the
 * service's data stamp), a build reads the index of the active stations (id and token, by code),
 * re-reads only the stations whose token changed and drops those that left; a catalogue change
 * re-reads all. When only the clock moved across an opening edge, a build touches no database:
 * "open now" is decided in JS per distinct hours pattern (`patternOpenAt`, tested to agree with the
 * SQL of `openNowSql`). Then the kept strings are joined in code order and compressed. The ETag is
 * computed by the service from the database alone, so every process agrees on it.
 */

export interface GeojsonFeed {
  etag: string;
  body: string;
  gzip: Buffer;
}

interface Entry {
  token: string;
  /** The feature up to `"openNow":`. */
  head: string;
  /** The feature after the openNow value. */
  tail: string;
  pattern: HoursPattern;
  patternKey: string;
  closedNow: boolean;
}

const gzipAsync = promisify(zlib.gzip);
const READ_CHUNK = 1000;

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

  function textOf(hours: StationHours): string {
    const key = JSON.stringify(hours);
    let t = texts.get(key);
    if (t === undefined) {
      t = deps.hoursText(hours);
      texts.set(key, t);
    }
    return t;
  }

  /** Brings the kept features up to the database (when `data` differs from the last build's). */
  async function refresh(data: string): Promise<void> {
    if (data === orderData) return;
    const db = deps.db();
    const index = await repo.feedIndex(db);
    reads++;
    if (index.catalogue !== catalogue) {
      entries.clear();
      catalogue = index.catalogue;
    }
    const stale = index.rows.filter((r) => entries.get(r.id)?.token !== r.token).map((r) => r.id);
    for (let i = 0; i < stale.length; i += READ_CHUNK)
      for (const r of await repo.feedRows(db, stale.slice(i, i + READ_CHUNK)))
        entries.set(r.id, {
          token: r.token,
          ...renderFeature(r, textOf(r.hours)),
          pattern: r.pattern,
          patternKey: patternKeyOf(r.pattern),
          closedNow: r.liveStatus === 'closed_now',
        });
    order = index.rows.map((r) => r.id);
    if (entries.size > order.length) {
      const active = new Set(order);
      for (const id of entries.keys()) if (!active.has(id)) entries.delete(id);
    }
    // A row re-read after the index may be newer than the index said: its token then differs at
    // the next data change and it is read again; until then the kept version is at least as new.
    orderData = data;
  }

  async function build(etag: string, data: string): Promise<GeojsonFeed> {
    await refresh(data);
    const at = deps.now();
    const holiday = deps.isHoliday(new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10));
    const openByPattern = new Map<string, boolean>();
    const parts: string[] = [];
    for (const id of order) {
      const e = entries.get(id);
      if (!e) continue;
      let open = openByPattern.get(e.patternKey);
      if (open === undefined) {
        open = patternOpenAt(e.pattern, at, holiday);
        openByPattern.set(e.patternKey, open);
      }
      parts.push(`${e.head}${open && !e.closedNow}${e.tail}`);
    }
    const body = `{"type":"FeatureCollection","features":[${parts.join(',')}]}`;
    // The fastest level: on the request path, once per change.
    return { etag, body, gzip: await gzipAsync(body, { level: zlib.constants.Z_BEST_SPEED }) };
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

  /** How many stations are kept, and how many times the index was read (tests). */
  return { get, size: () => entries.size, indexReads: () => reads };
}
