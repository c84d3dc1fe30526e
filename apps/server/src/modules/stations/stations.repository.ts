import type {
  StationCapacityDto,
  StationHours,
  StationKind,
  StationLiveStatus,
  StationResource,
} from '@nuanxin/shared';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { distanceExpr, nearbyCondition } from '../../platform/geo/geo.ts';
import { appUser } from '../identity/identity.tables.ts';
import { organisation, region } from '../orgs/orgs.tables.ts';
import type { HoursPattern } from './stations.hours.ts';
import {
  station,
  stationCapacity,
  stationCodeSeq,
  stationKeeper,
  stationService,
  stationServiceType,
  stationVisit,
} from './stations.tables.ts';

/**
 * Queries of the stations module. Every function takes a `Db` (a transaction is one too); the
 * service decides what runs together. Raw SQL refers to the `station` table by its name (never
 * an alias), so the column references Drizzle renders (`"station"."lat"`) resolve.
 */

export type StationRow = typeof station.$inferSelect;
export type NewStationRow = typeof station.$inferInsert;
export type ServiceTypeRow = typeof stationServiceType.$inferSelect;
export type CapacityRow = typeof stationCapacity.$inferSelect;
export type VisitRow = typeof stationVisit.$inferSelect;

type Row = Record<string, unknown>;
async function rows<T = Row>(db: Db, q: SQL): Promise<T[]> {
  return ((await db.execute(q)) as unknown as { rows: T[] }).rows;
}

// ---- "open now" -------------------------------------------------------------------------------

/** The clock facts "open now" is evaluated at (the service asks the calendar about the holiday). */
export interface OpenNowAt {
  minuteOfWeek: number;
  minuteOfDay: number;
  holiday: boolean;
}

/**
 * Whether a `station` row is open at `at`: active, not paused by its keeper, and inside its
 * weekly hours — or, on a statutory holiday, its holiday rule (stations.hours.ts `isOpenAt`).
 */
export function openNowSql(at: OpenNowAt): SQL {
  const week = sql`${station.openWeek} @> ${at.minuteOfWeek}::int4`;
  const hours = at.holiday
    ? sql`(case ${station.holidayMode} when 'closed' then false when 'hours' then ${station.holidayOpen} @> ${at.minuteOfDay}::int4 else ${week} end)`
    : week;
  return sql`(${station.status} = 'active' and ${station.liveStatus} <> 'closed_now' and ${hours})`;
}

// ---- codes and records ------------------------------------------------------------------------

/** The next `ST-<county>-<4 digits>` of a county (a counter row per county, taken in the transaction). */
export async function nextStationCode(db: Db, county: string): Promise<string> {
  const [r] = await db
    .insert(stationCodeSeq)
    .values({ county, last: 1 })
    .onConflictDoUpdate({ target: stationCodeSeq.county, set: { last: sql`${stationCodeSeq.last} + 1` } })
    .returning({ last: stationCodeSeq.last });
  return `ST-${county}-${String(r!.last).padStart(4, '0')}`;
}

export async function insertStation(db: Db, row: NewStationRow): Promise<StationRow> {
  const [r] = await db.insert(station).values(row).returning();
  return r!;
}

export async function getStation(db: Db, id: string): Promise<StationRow | null> {
  const r = await db.select().from(station).where(eq(station.id, id)).limit(1);
  return r[0] ?? null;
}

export async function getStationByCode(db: Db, code: string): Promise<StationRow | null> {
  const r = await db.select().from(station).where(eq(station.code, code)).limit(1);
  return r[0] ?? null;
}

/** Names and the operator's path, for the detail and the policy. */
export async function stationContext(
  db: Db,
  row: Pick<StationRow, 'operatorOrgId' | 'regionCode'>,
): Promise<{ operatorName: string; operatorPath: string | null; regionName: string }> {
  const [o] = await db
    .select({ name: organisation.name, path: organisation.path })
    .from(organisation)
    .where(eq(organisation.id, row.operatorOrgId))
    .limit(1);
  const [r] = await db
    .select({ name: region.name })
    .from(region)
    .where(eq(region.code, row.regionCode))
    .limit(1);
  return {
    operatorName: o?.name ?? '',
    operatorPath: o?.path ?? null,
    regionName: r?.name ?? row.regionCode,
  };
}

/**
 * The optimistic lock: updates only when the version is still the one read, and bumps it.
 * Null means someone else changed the station in between (409 station.conflict).
 */
export async function updateStationVersioned(
  db: Db,
  id: string,
  version: number,
  patch: Partial<NewStationRow>,
): Promise<StationRow | null> {
  const r = await db
    .update(station)
    .set({ ...patch, version: sql`${station.version} + 1` })
    .where(and(eq(station.id, id), eq(station.version, version)))
    .returning();
  return r[0] ?? null;
}

/** Live status: no version bump (a keeper's tap never makes an editor's form stale). */
export async function setLiveStatus(
  db: Db,
  id: string,
  status: StationLiveStatus,
  at: Date,
  by: string,
): Promise<void> {
  await db
    .update(station)
    .set({ liveStatus: status, liveStatusAt: at, liveStatusBy: by })
    .where(eq(station.id, id));
}

// ---- service catalogue ------------------------------------------------------------------------

export async function listServiceTypes(
  db: Db,
  opts: { includeDisabled: boolean },
): Promise<ServiceTypeRow[]> {
  return db
    .select()
    .from(stationServiceType)
    .where(opts.includeDisabled ? undefined : eq(stationServiceType.enabled, true))
    .orderBy(asc(stationServiceType.sort), asc(stationServiceType.code));
}

export async function getServiceType(db: Db, code: string): Promise<ServiceTypeRow | null> {
  const r = await db.select().from(stationServiceType).where(eq(stationServiceType.code, code)).limit(1);
  return r[0] ?? null;
}

/** Inserts a catalogue entry; null when the code exists. */
export async function insertServiceType(
  db: Db,
  row: typeof stationServiceType.$inferInsert,
): Promise<ServiceTypeRow | null> {
  const r = await db.insert(stationServiceType).values(row).onConflictDoNothing().returning();
  return r[0] ?? null;
}

export async function updateServiceType(
  db: Db,
  code: string,
  patch: Partial<typeof stationServiceType.$inferInsert>,
): Promise<ServiceTypeRow | null> {
  const r = await db
    .update(stationServiceType)
    .set(patch)
    .where(eq(stationServiceType.code, code))
    .returning();
  return r[0] ?? null;
}

// ---- services of a station --------------------------------------------------------------------

export interface StationServiceRow {
  code: string;
  name: string;
  nameEn: string;
  basic: boolean;
  sort: number;
  hours: StationHours | null;
  note: string | null;
}

export async function listStationServices(db: Db, stationId: string): Promise<StationServiceRow[]> {
  return db
    .select({
      code: stationService.serviceCode,
      name: stationServiceType.name,
      nameEn: stationServiceType.nameEn,
      basic: stationServiceType.basic,
      sort: stationServiceType.sort,
      hours: stationService.hours,
      note: stationService.note,
    })
    .from(stationService)
    .innerJoin(stationServiceType, eq(stationServiceType.code, stationService.serviceCode))
    .where(eq(stationService.stationId, stationId))
    .orderBy(asc(stationServiceType.sort), asc(stationService.serviceCode));
}

/** Replaces the station's services with `services`. */
export async function replaceStationServices(
  db: Db,
  stationId: string,
  services: readonly { code: string; hours: StationHours | null; note: string | null }[],
): Promise<void> {
  await db.delete(stationService).where(eq(stationService.stationId, stationId));
  if (services.length > 0)
    await db
      .insert(stationService)
      .values(services.map((s) => ({ stationId, serviceCode: s.code, hours: s.hours, note: s.note })));
}

// ---- capacity ---------------------------------------------------------------------------------

export async function listCapacity(db: Db, stationId: string): Promise<CapacityRow[]> {
  return db
    .select()
    .from(stationCapacity)
    .where(eq(stationCapacity.stationId, stationId))
    .orderBy(asc(stationCapacity.resource));
}

/**
 * Sets the resources and their totals: resources not listed go; `available` is the given value,
 * else the current one, else the total, and never above the total.
 */
export async function replaceCapacityTotals(
  db: Db,
  stationId: string,
  items: readonly { resource: StationResource; total: number; available?: number | undefined }[],
  at: Date,
  by: string | null,
): Promise<void> {
  const keep = items.map((i) => i.resource);
  await db
    .delete(stationCapacity)
    .where(
      keep.length > 0
        ? and(eq(stationCapacity.stationId, stationId), sql`${stationCapacity.resource} not in ${keep}`)
        : eq(stationCapacity.stationId, stationId),
    );
  for (const i of items) {
    const available = Math.min(i.available ?? i.total, i.total);
    await db
      .insert(stationCapacity)
      .values({ stationId, resource: i.resource, total: i.total, available, updatedAt: at, updatedBy: by })
      .onConflictDoUpdate({
        target: [stationCapacity.stationId, stationCapacity.resource],
        set: {
          total: i.total,
          available:
            i.available === undefined
              ? sql`least(${stationCapacity.available}, ${i.total}::int)`
              : sql`${available}::int`,
          updatedAt: at,
          updatedBy: by,
        },
      });
  }
}

/**
 * Sets what is free now. Null when the station has no such resource or `available` is above its
 * total (the CHECK constraint would refuse it anyway).
 */
export async function setCapacityAvailable(
  db: Db,
  stationId: string,
  resource: StationResource,
  available: number,
  at: Date,
  by: string,
): Promise<CapacityRow | null> {
  const r = await db
    .update(stationCapacity)
    .set({ available, updatedAt: at, updatedBy: by })
    .where(
      and(
        eq(stationCapacity.stationId, stationId),
        eq(stationCapacity.resource, resource),
        sql`${available}::int between 0 and ${stationCapacity.total}`,
      ),
    )
    .returning();
  return r[0] ?? null;
}

// ---- keepers ----------------------------------------------------------------------------------

export async function listKeepers(db: Db, stationId: string): Promise<{ userId: string; name: string }[]> {
  return db
    .select({ userId: stationKeeper.userId, name: appUser.name })
    .from(stationKeeper)
    .innerJoin(appUser, eq(appUser.id, stationKeeper.userId))
    .where(eq(stationKeeper.stationId, stationId))
    .orderBy(asc(appUser.name), asc(stationKeeper.userId));
}

export async function isKeeper(db: Db, stationId: string, userId: string): Promise<boolean> {
  const r = await db
    .select({ one: sql<number>`1` })
    .from(stationKeeper)
    .where(and(eq(stationKeeper.stationId, stationId), eq(stationKeeper.userId, userId)))
    .limit(1);
  return r.length > 0;
}

/** Of `ids`, those that are active staff accounts. */
export async function activeStaffIds(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const r = await db
    .select({ id: appUser.id })
    .from(appUser)
    .where(and(inArray(appUser.id, [...ids]), eq(appUser.kind, 'staff'), eq(appUser.status, 'active')));
  return r.map((x) => x.id);
}

export async function replaceKeepers(
  db: Db,
  stationId: string,
  userIds: readonly string[],
  by: string | null,
): Promise<void> {
  await db.delete(stationKeeper).where(eq(stationKeeper.stationId, stationId));
  if (userIds.length > 0)
    await db
      .insert(stationKeeper)
      .values([...new Set(userIds)].map((userId) => ({ stationId, userId, createdBy: by })));
}

// ---- visits -----------------------------------------------------------------------------------

/**
 * Records a visit unless the worker already has one at the station in that hour (the UNIQUE
 * index decides, also between concurrent check-ins). Null when it existed.
 */
export async function insertVisit(db: Db, v: typeof stationVisit.$inferInsert): Promise<VisitRow | null> {
  const r = await db
    .insert(stationVisit)
    .values(v)
    .onConflictDoNothing({ target: [stationVisit.stationId, stationVisit.workerUserId, stationVisit.hour] })
    .returning();
  return r[0] ?? null;
}

export async function getVisitAt(
  db: Db,
  stationId: string,
  workerUserId: string,
  hour: Date,
): Promise<VisitRow | null> {
  const r = await db
    .select()
    .from(stationVisit)
    .where(
      and(
        eq(stationVisit.stationId, stationId),
        eq(stationVisit.workerUserId, workerUserId),
        eq(stationVisit.hour, hour),
      ),
    )
    .limit(1);
  return r[0] ?? null;
}

export interface VisitWithStation extends VisitRow {
  stationCode: string;
  stationName: string;
  stationKind: StationKind;
}

export async function listVisitsOf(db: Db, workerUserId: string, limit: number): Promise<VisitWithStation[]> {
  const r = await db
    .select({
      visit: stationVisit,
      stationCode: station.code,
      stationName: station.name,
      stationKind: station.kind,
    })
    .from(stationVisit)
    .innerJoin(station, eq(station.id, stationVisit.stationId))
    .where(eq(stationVisit.workerUserId, workerUserId))
    .orderBy(sql`${stationVisit.at} desc`, sql`${stationVisit.id} desc`)
    .limit(limit);
  return r.map((x) => ({
    ...x.visit,
    stationCode: x.stationCode,
    stationName: x.stationName,
    stationKind: x.stationKind,
  }));
}

/**
 * Visits and distinct workers of a station per local day or month (Asia/Shanghai = UTC+8), in
 * `[from, to)`, and the totals of the whole period.
 */
export async function visitsSummary(
  db: Db,
  stationId: string,
  from: Date,
  to: Date,
  granularity: 'day' | 'month',
): Promise<{ rows: { period: string; visits: number; workers: number }[]; visits: number; workers: number }> {
  const fmt = granularity === 'day' ? 'YYYY-MM-DD' : 'YYYY-MM';
  const local = sql`((${stationVisit.at} at time zone 'UTC') + interval '8 hours')`;
  const where = sql`${stationVisit.stationId} = ${stationId} and ${stationVisit.at} >= ${from.toISOString()}::timestamptz and ${stationVisit.at} < ${to.toISOString()}::timestamptz`;
  const perPeriod = await rows<{ period: string; visits: number; workers: number }>(
    db,
    sql`select to_char(${local}, ${fmt}) as period, count(*)::int as visits,
               count(distinct ${stationVisit.workerUserId})::int as workers
          from ${stationVisit} where ${where}
         group by 1 order by 1`,
  );
  const [total] = await rows<{ visits: number; workers: number }>(
    db,
    sql`select count(*)::int as visits, count(distinct ${stationVisit.workerUserId})::int as workers
          from ${stationVisit} where ${where}`,
  );
  return {
    rows: perPeriod.map((r) => ({ period: r.period, visits: Number(r.visits), workers: Number(r.workers) })),
    visits: Number(total?.visits ?? 0),
    workers: Number(total?.workers ?? 0),
  };
}

// ---- public reads -----------------------------------------------------------------------------

/**
 * Service codes of the station `id` in catalogue order, as JSON. The catalogue's order is one
 * array per statement (an uncorrelated subquery: PostgreSQL runs it once, as an InitPlan), so each
 * station reads only its own rows from the primary key's index instead of joining the catalogue:
 * 0.2 ms less for a page of 50 stations (docs/benchmarks.md, "Sixth pass").
 */
const servicesJson = (id: SQL) => sql`coalesce((select json_agg(x.service_code order by array_position(
      (select array_agg(t.code order by t.sort, t.code) from station_service_type t), x.service_code), x.service_code)
    from station_service x where x.station_id = ${id}), '[]'::json)`;
/** Capacity of the station `id` as JSON `[{resource, total, available}]`. */
const capacityJson = (
  id: SQL,
) => sql`coalesce((select json_agg(json_build_object('resource', c.resource, 'total', c.total, 'available', c.available) order by c.resource)
    from station_capacity c where c.station_id = ${id}), '[]'::json)`;

export interface NearbyFilter {
  lat: number;
  lng: number;
  radius: number;
  services: readonly string[];
  kind?: StationKind | undefined;
  openNow: boolean;
  limit: number;
  at: OpenNowAt;
}

export interface NearbyRow {
  id: string;
  code: string;
  name: string;
  kind: StationKind;
  lat: number;
  lng: number;
  address: string;
  liveStatus: StationLiveStatus;
  openNow: boolean;
  distance: number;
  services: string[];
  capacity: StationCapacityDto[];
}

/**
 * The nearby query (exported for EXPLAIN in the tests and the bench). The inner query walks the
 * GiST index on the stored point `geo` nearest first (`<->`, KNN), filtered by the radius box
 * and the filters, and stops at `limit`; services and capacity are read for those rows only.
 */
export function nearbySql(f: NearbyFilter): SQL {
  const conds: SQL[] = [
    sql`${station.status} = 'active'`,
    nearbyCondition(station.geo, f.lat, f.lng, f.radius),
  ];
  if (f.kind) conds.push(sql`${station.kind} = ${f.kind}`);
  const open = openNowSql(f.at);
  if (f.openNow) conds.push(open);
  for (const code of new Set(f.services))
    conds.push(
      sql`exists (select 1 from station_service x where x.station_id = ${station.id} and x.service_code = ${code})`,
    );
  const distance = distanceExpr(station.geo, f.lat, f.lng);
  const centre = sql`ll_to_earth(${f.lat}::float8, ${f.lng}::float8)`;
  return sql`select h.*, ${servicesJson(sql`h.id`)} as services, ${capacityJson(sql`h.id`)} as capacity
    from (select ${station.id} as id, ${station.code} as code, ${station.name} as name, ${station.kind} as kind,
                 ${station.lat} as lat, ${station.lng} as lng, ${station.address} as address,
                 ${station.liveStatus} as live_status, ${open} as open_now, ${distance} as distance
            from ${station}
           where ${sql.join(conds, sql` and `)}
           order by ${station.geo} <-> ${centre}
           limit ${f.limit}) h
   order by h.distance, h.id`;
}

/**
 * Active stations within the radius, nearest first: one statement walking the GiST index on `geo`.
 * Run it inside `Database.nearestFirst` (no bitmap scans), or the planner may read the whole box
 * and sort it — every search, with or without filters, once the point is a stored column (its
 * per-row cost no longer tips the balance towards the walk).
 */
export async function nearbyStations(db: Db, f: NearbyFilter): Promise<NearbyRow[]> {
  const r = await rows<Row>(db, nearbySql(f));
  return r.map((x) => ({
    id: String(x.id),
    code: String(x.code),
    name: String(x.name),
    kind: x.kind as StationKind,
    lat: Number(x.lat),
    lng: Number(x.lng),
    address: String(x.address),
    liveStatus: x.live_status as StationLiveStatus,
    openNow: x.open_now === true,
    distance: Number(x.distance),
    services: parseJson<string[]>(x.services),
    capacity: parseJson<StationCapacityDto[]>(x.capacity),
  }));
}

/** The drivers parse `json` already; a string is parsed here just in case. */
function parseJson<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/**
 * What the feed's data depends on, apart from the clock: the bucket tokens of {@link feedBuckets}
 * (per bucket of stations, the count and the summed row versions — `xmin`, the writing
 * transaction — of its active stations and of its capacity rows) and the catalogue's, as text.
 * Any committed write changes a sum whatever the order in which transactions commit (a maximum of
 * `updated_at` would miss a change committed late with an earlier time). Services, keepers and QR
 * changes bump the station row. One aggregate pass over each table; the feed reads which buckets
 * changed from this text ({@link parseFeedStamp}) instead of asking again.
 */
export async function feedDataStamp(db: Db): Promise<string> {
  const { catalogue, buckets } = await feedBuckets(db);
  const parts = [...buckets].sort((x, y) => x[0] - y[0]).map(([b, t]) => `${b}=${t}`);
  return `${catalogue}#${parts.join(';')}`;
}

/** The catalogue and bucket tokens of a {@link feedDataStamp} text (null for any other text). */
export function parseFeedStamp(data: string): { catalogue: string; buckets: Map<number, string> } | null {
  const hash = data.indexOf('#');
  if (hash < 0) return null;
  const buckets = new Map<number, string>();
  const rest = data.slice(hash + 1);
  for (const part of rest === '' ? [] : rest.split(';')) {
    const eq = part.indexOf('=');
    const b = Number(part.slice(0, eq));
    if (eq < 0 || !Number.isInteger(b)) return null;
    buckets.set(b, part.slice(eq + 1));
  }
  return { catalogue: data.slice(0, hash), buckets };
}

/** The distinct hours columns of the active stations ("open now" can only change at their edges). */
export async function feedHoursPatterns(db: Db): Promise<HoursPattern[]> {
  const r = await rows<{
    open_week: string;
    holiday_mode: HoursPattern['holidayMode'];
    holiday_open: string;
  }>(
    db,
    sql`select distinct ${station.openWeek}::text as open_week, ${station.holidayMode} as holiday_mode,
               ${station.holidayOpen}::text as holiday_open
          from ${station} where ${station.status} = 'active'`,
  );
  return r.map((x) => ({ openWeek: x.open_week, holidayMode: x.holiday_mode, holidayOpen: x.holiday_open }));
}

export interface FeedRow {
  id: string;
  code: string;
  name: string;
  kind: StationKind;
  lat: number;
  lng: number;
  liveStatus: StationLiveStatus;
  hours: StationHours;
  /** The hours columns "open now" is decided from. */
  pattern: HoursPattern;
  services: string[];
  capacity: StationCapacityDto[];
}

/** What the feed shows of the stations `ids` (any status). */
export async function feedRows(db: Db, ids: readonly string[]): Promise<FeedRow[]> {
  if (ids.length === 0) return [];
  return feedSelect(db, sql`${station.id} in ${[...ids]}`);
}

/**
 * The feed finds what changed by buckets of stations: `hashtext(id) & 127`, 128 buckets (~80
 * stations each at 10,000). A bucket's token is the count and summed row versions of its active
 * stations (`s<count>:<sum>`) and of its capacity rows (`c<count>:<sum>`), joined by `|` — the
 * data stamp's rule, per bucket — so one aggregate pass over the two tables answers 128 short
 * rows instead of a sorted token per station.
 */
export const FEED_BUCKETS = 128;
const bucketOf = (id: SQL) => sql`(hashtext(${id}::text) & ${sql.raw(String(FEED_BUCKETS - 1))})`;

/** Every bucket's token (buckets without active stations or capacity are absent), and the catalogue's. */
export async function feedBuckets(db: Db): Promise<{ catalogue: string; buckets: Map<number, string> }> {
  const r = await rows<{ b: number; t: string }>(
    db,
    sql`select b, string_agg(t, '|' order by t) as t
          from (select ${bucketOf(sql`${station.id}`)} as b,
                       's' || count(*) || ':' || sum(xmin::text::bigint) as t
                  from ${station} where ${station.status} = 'active' group by 1
                union all
                select ${bucketOf(sql`station_id`)}, 'c' || count(*) || ':' || sum(xmin::text::bigint)
                  from station_capacity group by 1
                union all
                select -1, count(*) || ':' || coalesce(sum(xmin::text::bigint), 0)
                  from station_service_type) x
         group by b`,
  );
  const buckets = new Map<number, string>();
  let catalogue = '';
  for (const x of r) {
    if (Number(x.b) === -1) catalogue = String(x.t);
    else buckets.set(Number(x.b), String(x.t));
  }
  return { catalogue, buckets };
}

/** What the feed shows of the active stations of `buckets`, with their bucket. */
export async function feedBucketRows(
  db: Db,
  buckets: readonly number[],
): Promise<(FeedRow & { bucket: number })[]> {
  if (buckets.length === 0) return [];
  return feedSelect(
    db,
    sql`${station.status} = 'active' and ${bucketOf(sql`${station.id}`)} in ${[...buckets]}`,
  ) as Promise<(FeedRow & { bucket: number })[]>;
}

async function feedSelect(db: Db, where: SQL): Promise<(FeedRow & { bucket: number })[]> {
  const r = await rows<Row>(
    db,
    sql`select ${station.id} as id, ${station.code} as code, ${station.name} as name,
               ${station.kind} as kind, ${station.lat} as lat, ${station.lng} as lng,
               ${station.liveStatus} as live_status, ${station.hours} as hours,
               ${station.openWeek}::text as open_week, ${station.holidayMode} as holiday_mode,
               ${station.holidayOpen}::text as holiday_open, ${bucketOf(sql`${station.id}`)} as bucket,
               ${servicesJson(sql`${station.id}`)} as services, ${capacityJson(sql`${station.id}`)} as capacity
          from ${station}
         where ${where}`,
  );
  return r.map((x) => ({
    id: String(x.id),
    code: String(x.code),
    name: String(x.name),
    kind: x.kind as StationKind,
    lat: Number(x.lat),
    lng: Number(x.lng),
    liveStatus: x.live_status as StationLiveStatus,
    hours: parseJson<StationHours>(x.hours),
    pattern: {
      openWeek: String(x.open_week),
      holidayMode: x.holiday_mode as HoursPattern['holidayMode'],
      holidayOpen: String(x.holiday_open),
    },
    services: parseJson<string[]>(x.services),
    capacity: parseJson<StationCapacityDto[]>(x.capacity),
    bucket: Number(x.bucket),
  }));
}

// ---- console list -----------------------------------------------------------------------------

export interface ListFilter {
  q?: string | undefined;
  kind?: StationKind | undefined;
  regionPrefix?: string | undefined;
  status?: StationRow['status'] | undefined;
  page: number;
  pageSize: number;
  /** Only stations this user keeps (station_keeper rows). */
  keptBy?: string | undefined;
  /** Whose keeper rows `isKeeper` reports (none: false). */
  actorId?: string | undefined;
}

export interface ListRow {
  row: StationRow;
  regionName: string;
  operatorName: string;
  openNow: boolean;
  services: string[];
  capacity: {
    resource: StationCapacityDto['resource'];
    total: number;
    available: number;
    updatedAt: string;
  }[];
  operatorPath: string;
  isKeeper: boolean;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

export async function listStations(
  db: Db,
  f: ListFilter,
  scope: SQL,
  at: OpenNowAt,
): Promise<{ items: ListRow[]; total: number }> {
  const conds: SQL[] = [scope];
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    conds.push(
      sql`(${station.name} ilike ${like} or ${station.code} ilike ${like} or ${station.address} ilike ${like})`,
    );
  }
  if (f.kind) conds.push(sql`${station.kind} = ${f.kind}`);
  if (f.regionPrefix) conds.push(sql`${station.regionCode} like ${`${escapeLike(f.regionPrefix)}%`}`);
  if (f.status) conds.push(sql`${station.status} = ${f.status}`);
  if (f.keptBy)
    conds.push(
      sql`exists (select 1 from station_keeper kb where kb.station_id = ${station.id} and kb.user_id = ${f.keptBy})`,
    );
  const where = sql.join(conds, sql` and `);
  const [count] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${station} where ${where}`,
  );
  const r = await db
    .select({
      row: station,
      regionName: region.name,
      operatorName: organisation.name,
      openNow: sql<boolean>`${openNowSql(at)}`,
      services: sql<unknown>`${servicesJson(sql`${station.id}`)}`,
      capacity: sql<unknown>`${capacityDetailJson}`,
      operatorPath: organisation.path,
      isKeeper: f.actorId
        ? sql<boolean>`exists (select 1 from station_keeper ka where ka.station_id = ${station.id} and ka.user_id = ${f.actorId})`
        : sql<boolean>`false`,
    })
    .from(station)
    .innerJoin(region, eq(region.code, station.regionCode))
    .innerJoin(organisation, eq(organisation.id, station.operatorOrgId))
    .where(where)
    .orderBy(asc(station.code))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return {
    total: Number(count?.n ?? 0),
    items: r.map((x) => ({
      row: x.row,
      regionName: x.regionName,
      operatorName: x.operatorName,
      openNow: x.openNow === true,
      services: parseJson<string[]>(x.services),
      capacity: parseJson<ListRow['capacity']>(x.capacity),
      operatorPath: x.operatorPath,
      isKeeper: x.isKeeper === true,
    })),
  };
}

/** Capacity of a station with when each resource was last set (console list, capacity board). */
const capacityDetailJson = sql`coalesce((select json_agg(json_build_object('resource', c.resource, 'total', c.total,
      'available', c.available, 'updatedAt', to_char(c.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
      order by c.resource) from station_capacity c where c.station_id = ${station.id}), '[]'::json)`;

/** Whether `at` is open now for one station (detail pages). */
export async function isOpenNow(db: Db, id: string, at: OpenNowAt): Promise<boolean> {
  const [r] = await rows<{ open: boolean }>(
    db,
    sql`select ${openNowSql(at)} as open from ${station} where ${station.id} = ${id}`,
  );
  return r?.open === true;
}

/**
 * Sets a resource's total and what is free, creating the row when missing (modules that count
 * their places, e.g. the hub's beds and truck bays). `available` is clamped to 0…total.
 */
export async function upsertCapacityCount(
  db: Db,
  stationId: string,
  resource: StationResource,
  total: number,
  available: number,
  at: Date,
): Promise<void> {
  const t = Math.max(0, total);
  const a = Math.min(Math.max(0, available), t);
  await db
    .insert(stationCapacity)
    .values({ stationId, resource, total: t, available: a, updatedAt: at, updatedBy: null })
    .onConflictDoUpdate({
      target: [stationCapacity.stationId, stationCapacity.resource],
      set: { total: t, available: a, updatedAt: at, updatedBy: null },
    });
}
