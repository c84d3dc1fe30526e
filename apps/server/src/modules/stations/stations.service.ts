import crypto from 'node:crypto';
import {
  type CreateStationServiceTypeInput,
  type createStationBody,
  type MyStationVisitsDto,
  regionCovers,
  regionLevelOf,
  regionPrefix,
  type SetStationKeepersInput,
  type SetStationLiveInput,
  type SetStationPhotosInput,
  STATION_BASIC_SERVICES,
  type StationCapacityDetailDto,
  type StationCardDto,
  type StationCheckinDto,
  type StationDetailDto,
  type StationHours,
  type StationKind,
  type StationPosterDto,
  type StationServiceTypeDto,
  type StationsListDto,
  type StationsListQuery,
  type StationsNearbyDto,
  type StationsNearbyQuery,
  type StationVisitDto,
  type StationVisitsSummaryDto,
  type StationVisitsSummaryQuery,
  type setStationServicesBody,
  type stationCheckinBody,
  type UpdateStationServiceTypeInput,
  type updateStationBody,
} from '@nuanxin/shared';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { inTransaction, type UnitOfWork } from '../../platform/db/tx.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { toWgs84 } from '../../platform/geo/geo.ts';
import { AppError, conflict, forbidden, notFound, validation } from '../../platform/http/errors.ts';
import { photosOf, setAttachedPhotos } from '../files/index.ts';
import { staffInReach } from '../identity/index.ts';
import { getOrg, getRegion } from '../orgs/index.ts';
import type { StationChange, StationEventPayload } from './stations.events.ts';
import { createStationFeed, type GeojsonFeed } from './stations.feed.ts';
import {
  holidayColumns,
  hourOf,
  hoursText,
  isOpenAt,
  multirangeText,
  openSegments,
  parseHours,
  shanghaiClock,
  weekRanges,
} from './stations.hours.ts';
import {
  mayKeep,
  mayManage,
  mayManageAt,
  mayRead,
  PUBLIC_SCOPE,
  readableStationsSql,
  type StationFacts,
  type StationScope,
  stationActions,
  stationScopeOf,
} from './stations.policy.ts';
import { checkinUrl, newQrSecret, qrToken, verifyQrToken } from './stations.qr.ts';
import * as repo from './stations.repository.ts';
import { station } from './stations.tables.ts';

/**
 * Use cases of service stations (docs/contract-stations.md). Each change is one transaction: the
 * change, its audit row and its outbox event commit together. "Open now" is decided by the SQL of
 * the repository for lists, and by the same rule in stations.hours.ts for a single station.
 */

export interface StationsServiceOptions {
  /** The clock (tests move it). */
  now?: () => Date;
}

type CreateBody = z.output<typeof createStationBody>;
type UpdateBody = z.output<typeof updateStationBody>;
type ServicesBody = z.output<typeof setStationServicesBody>;
type CheckinBody = z.output<typeof stationCheckinBody>;

const DAY_MS = 86_400_000;
const OFFSET_MS = 8 * 3_600_000;

export type StationsService = ReturnType<typeof createStationsService>;

/**
 * The feed's data stamp, read at most once a second per database and process: a change made
 * through any stations service of this process clears it on commit; another process's change
 * shows within a second (the feed is cacheable for a minute anyway).
 */
const stampCache = new WeakMap<object, { at: number; data: string }>();
const STAMP_TTL_MS = 1000;

/** The actor's station scope, organisation grants resolved to their regions. */
export async function resolveStationScope(db: Db, actor: Actor): Promise<StationScope> {
  const orgRegions = new Map<string, string | null>();
  for (const g of actor.grants)
    if (g.orgId && !g.regionCode && !orgRegions.has(g.orgId))
      orgRegions.set(g.orgId, (await getOrg(db, g.orgId))?.regionCode ?? null);
  return stationScopeOf(actor, (id) => orgRegions.get(id) ?? null);
}

/** Keeper picker: at most this many names. */
const KEEPER_CANDIDATES_LIMIT = 50;

export function createStationsService(deps: PlatformDeps, opts: StationsServiceOptions = {}) {
  const { database } = deps;
  const now = opts.now ?? (() => new Date());
  const onAfterCommitError = (err: unknown) => deps.log.error({ err }, 'stations after-commit work failed');

  // ---- clock, scope, facts ------------------------------------------------------------------

  /** Whether the local day of `date` is a statutory holiday; a day the calendar lacks is not. */
  function isHoliday(date: string): boolean {
    try {
      return deps.calendar.kindOf(date) === 'holiday';
    } catch {
      // A station map must not fail because next year's schedule is not loaded yet.
      return false;
    }
  }

  function openAt(at: Date): repo.OpenNowAt {
    const c = shanghaiClock(at);
    return {
      minuteOfWeek: (c.weekday - 1) * 1440 + c.minuteOfDay,
      minuteOfDay: c.minuteOfDay,
      holiday: isHoliday(c.date),
    };
  }

  function openNowOf(row: repo.StationRow, at: Date): boolean {
    return row.status === 'active' && row.liveStatus !== 'closed_now' && isOpenAt(row.hours, at, isHoliday);
  }

  async function scopeOf(db: Db, actor: Actor | null): Promise<StationScope> {
    return actor ? resolveStationScope(db, actor) : PUBLIC_SCOPE;
  }

  async function factsOf(db: Db, row: repo.StationRow, scope: StationScope): Promise<StationFacts> {
    const ctx = await repo.stationContext(db, row);
    return {
      regionCode: row.regionCode,
      operatorPath: ctx.operatorPath,
      isKeeper: scope.userId !== '' && scope.canKeep ? await repo.isKeeper(db, row.id, scope.userId) : false,
    };
  }

  async function load(db: Db, id: string): Promise<repo.StationRow> {
    const row = await repo.getStation(db, id);
    if (!row) throw notFound('Station', 'station.not_found');
    return row;
  }

  const payloadOf = (row: repo.StationRow): StationEventPayload => ({
    stationId: row.id,
    code: row.code,
    regionCode: row.regionCode,
    operatorOrgId: row.operatorOrgId,
  });

  // ---- validation helpers -------------------------------------------------------------------

  async function checkRegion(db: Db, code: string): Promise<void> {
    const level = regionLevelOf(code);
    const r = level === 'county' || level === 'township' ? await getRegion(db, code) : null;
    if (!r || !regionCovers('511100', code))
      throw new AppError('station.region_invalid', 'The region must be a county or township in Leshan', {
        regionCode: code,
      });
  }

  async function operatorPathOf(db: Db, orgId: string): Promise<string> {
    const o = await getOrg(db, orgId);
    if (!o) throw new AppError('station.operator_not_found', 'Operating organisation not found', { orgId });
    return o.path;
  }

  /** Checks the codes against the catalogue; disabled services may stay where already offered. */
  async function checkServices(
    db: Db,
    services: ServicesBody['services'],
    current: readonly string[],
  ): Promise<{ code: string; hours: StationHours | null; note: string | null }[]> {
    const types = new Map(
      (await repo.listServiceTypes(db, { includeDisabled: true })).map((t) => [t.code, t]),
    );
    const seen = new Set<string>();
    const out: { code: string; hours: StationHours | null; note: string | null }[] = [];
    services.forEach((s, i) => {
      const t = types.get(s.code);
      if (!t || (!t.enabled && !current.includes(s.code)))
        throw new AppError('station.service_unknown', `Unknown or disabled service ${s.code}`, {
          path: `services.${i}.code`,
          code: s.code,
        });
      if (seen.has(s.code))
        throw validation(`Service ${s.code} is listed twice`, { path: `services.${i}.code` });
      seen.add(s.code);
      out.push({
        code: s.code,
        hours: s.hours ? parseHours(s.hours, `services.${i}.hours`) : null,
        note: s.note ?? null,
      });
    });
    return out;
  }

  function checkBasics(kind: StationKind, codes: readonly string[]): void {
    if (kind !== 'copper_heart') return;
    const missing = STATION_BASIC_SERVICES.filter((b) => !codes.includes(b));
    if (missing.length > 0)
      throw new AppError(
        'station.basic_services_required',
        'A copper_heart station must offer the five basic services',
        { missing },
      );
  }

  async function checkKeepers(db: Db, userIds: readonly string[]): Promise<string[]> {
    const unique = [...new Set(userIds)];
    const ok = new Set(await repo.activeStaffIds(db, unique));
    const bad = unique.filter((u) => !ok.has(u));
    if (bad.length > 0)
      throw new AppError('station.keeper_invalid', 'Keepers must be active staff', { userIds: bad });
    return unique;
  }

  function hoursColumns(hours: StationHours) {
    const h = holidayColumns(hours);
    return { hours, openWeek: multirangeText(weekRanges(hours)), holidayMode: h.mode, holidayOpen: h.open };
  }

  // ---- DTOs ---------------------------------------------------------------------------------

  async function detail(db: Db, actor: Actor | null, row: repo.StationRow): Promise<StationDetailDto> {
    const scope = await scopeOf(db, actor);
    const facts = await factsOf(db, row, scope);
    const ctx = await repo.stationContext(db, row);
    const [services, capacity, photos] = await Promise.all([
      repo.listStationServices(db, row.id),
      repo.listCapacity(db, row.id),
      // Photo files are served to signed-in users (the files module's rule), so the public page
      // without sign-in gets none rather than images it could not load.
      actor ? photosOf(db, 'station', row.id) : Promise.resolve([]),
    ]);
    const staffView = actor !== null && scope.isStaff && (mayRead(scope, facts) || mayKeep(scope, facts));
    const dto: StationDetailDto = {
      id: row.id,
      code: row.code,
      name: row.name,
      description: row.description,
      kind: row.kind,
      hostType: row.hostType,
      operatorOrgId: row.operatorOrgId,
      operatorOrgName: ctx.operatorName,
      regionCode: row.regionCode,
      regionName: ctx.regionName,
      address: row.address,
      lat: row.lat,
      lng: row.lng,
      phone: row.phone,
      openToWorkers: row.openToWorkers,
      openToResidents: row.openToResidents,
      hours: row.hours,
      hoursText: hoursText(row.hours),
      openNow: openNowOf(row, now()),
      liveStatus: row.liveStatus,
      liveStatusAt: row.liveStatusAt?.toISOString() ?? null,
      status: row.status,
      services: services.map((s) => ({
        code: s.code,
        name: s.name,
        nameEn: s.nameEn,
        basic: s.basic,
        hours: s.hours,
        hoursText: s.hours ? hoursText(s.hours) : null,
        note: s.note,
      })),
      capacity: capacity.map(capacityDto),
      photos,
      version: row.version,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
    if (staffView) {
      dto.actions = stationActions(scope, facts);
      dto.keepers = await repo.listKeepers(db, row.id);
    }
    return dto;
  }

  const capacityDto = (c: repo.CapacityRow): StationCapacityDetailDto => ({
    resource: c.resource,
    total: c.total,
    available: c.available,
    updatedAt: c.updatedAt.toISOString(),
  });

  const serviceTypeDto = (t: repo.ServiceTypeRow): StationServiceTypeDto => ({
    code: t.code,
    name: t.name,
    nameEn: t.nameEn,
    basic: t.basic,
    sort: t.sort,
    enabled: t.enabled,
  });

  const visitDto = (
    v: repo.VisitRow,
    s: { code: string; name: string; kind: StationKind },
  ): StationVisitDto => ({
    id: v.id,
    stationId: v.stationId,
    stationCode: s.code,
    stationName: s.name,
    stationKind: s.kind,
    hour: v.hour.toISOString(),
    at: v.at.toISOString(),
  });

  // ---- public reads -------------------------------------------------------------------------

  async function nearby(q: StationsNearbyQuery): Promise<StationsNearbyDto> {
    const p = toWgs84({ lat: q.lat, lng: q.lng, crs: q.crs });
    const rows = await database.nearestFirst((db) =>
      repo.nearbyStations(db, {
        lat: p.lat,
        lng: p.lng,
        radius: q.radius,
        services: q.service ?? [],
        kind: q.kind,
        openNow: q.openNow ?? false,
        limit: q.limit,
        at: openAt(now()),
      }),
    );
    return {
      items: rows.map(
        (r): StationCardDto => ({
          id: r.id,
          code: r.code,
          name: r.name,
          kind: r.kind,
          lat: r.lat,
          lng: r.lng,
          distanceMeters: Math.round(r.distance),
          address: r.address,
          openNow: r.openNow,
          liveStatus: r.liveStatus,
          services: r.services,
          capacity: r.capacity,
        }),
      ),
    };
  }

  // The feed: its ETag is a digest of the data stamp and of the stretch of time "open now" is
  // constant in (every process derives the same one from the database); the body is kept in this
  // process and rebuilt from what changed (stations.feed.ts).
  let segments: { data: string; key: (at: Date) => string } | null = null;

  /** After a change commits, the next ETag reads the database again. */
  function feedChanged(uow: UnitOfWork): void {
    uow.afterCommit(() => {
      stampCache.delete(database);
    });
  }
  const feed = createStationFeed({ db: () => database.db, now, isHoliday, hoursText: (h) => hoursText(h) });

  /**
   * The ETag of the feed as it is now, with the data stamp it is made of: a few aggregates, and
   * the edges of the hours patterns once per data change.
   */
  async function geojsonEtag(): Promise<{ etag: string; data: string }> {
    const db = database.db;
    const cached = stampCache.get(database);
    const t = Date.now();
    let data: string;
    if (cached && t - cached.at < STAMP_TTL_MS) data = cached.data;
    else {
      data = await repo.feedDataStamp(db);
      stampCache.set(database, { at: t, data });
    }
    let seg = segments;
    if (seg?.data !== data) {
      const s = openSegments(await repo.feedHoursPatterns(db));
      seg = { data, key: (at) => s.segmentKey(at, isHoliday) };
      segments = seg;
    }
    const stamp = `${data}|${seg.key(now())}`;
    return { etag: `"st-${crypto.createHash('sha1').update(stamp).digest('base64url')}"`, data };
  }

  /** The feed for what `geojsonEtag` answered (send the returned feed's `etag` with it). */
  function geojsonFeed(tag: { etag: string; data: string }): Promise<GeojsonFeed> {
    return feed.get(tag.etag, tag.data);
  }

  /**
   * Builds the feed now — at start-up — so that the first request finds it kept: the first build
   * renders and compresses every station (~0.4 s of CPU with 10,000). Answers the stations and
   * gzip bytes built.
   */
  async function warmFeed(): Promise<{ stations: number; bytes: number }> {
    const f = await geojsonFeed(await geojsonEtag());
    return { stations: feed.size(), bytes: f.gzip.length };
  }

  /** A station's page: public for active stations; staff in scope also see paused and closed ones. */
  async function get(actor: Actor | null, id: string): Promise<StationDetailDto> {
    const db = database.db;
    const row = await load(db, id);
    if (row.status !== 'active') {
      const scope = await scopeOf(db, actor);
      const facts = await factsOf(db, row, scope);
      if (!mayRead(scope, facts)) throw notFound('Station', 'station.not_found');
    }
    return detail(db, actor, row);
  }

  async function serviceTypes(actor: Actor | null): Promise<{ items: StationServiceTypeDto[] }> {
    const includeDisabled = actor?.permissions.has('stations.catalogue') ?? false;
    return { items: (await repo.listServiceTypes(database.db, { includeDisabled })).map(serviceTypeDto) };
  }

  // ---- console ------------------------------------------------------------------------------

  async function list(actor: Actor, q: StationsListQuery): Promise<StationsListDto> {
    const db = database.db;
    const scope = await scopeOf(db, actor);
    const { items, total } = await repo.listStations(
      db,
      {
        q: q.q,
        kind: q.kind,
        regionPrefix: q.regionCode ? (regionPrefix(q.regionCode) ?? undefined) : undefined,
        status: q.status,
        page: q.page,
        pageSize: q.pageSize,
        keptBy: q.kept ? actor.userId : undefined,
        actorId: scope.canKeep ? actor.userId : undefined,
      },
      readableStationsSql(
        scope,
        sql`${station.id}`,
        sql`${station.regionCode}`,
        sql`${station.operatorOrgId}`,
      ),
      openAt(now()),
    );
    return {
      total,
      page: q.page,
      pageSize: q.pageSize,
      items: items.map((x) => ({
        id: x.row.id,
        code: x.row.code,
        name: x.row.name,
        kind: x.row.kind,
        hostType: x.row.hostType,
        regionCode: x.row.regionCode,
        regionName: x.regionName,
        operatorOrgId: x.row.operatorOrgId,
        operatorOrgName: x.operatorName,
        address: x.row.address,
        status: x.row.status,
        liveStatus: x.row.liveStatus,
        openNow: x.openNow,
        services: x.services,
        updatedAt: x.row.updatedAt.toISOString(),
        version: x.row.version,
        lat: x.row.lat,
        lng: x.row.lng,
        liveStatusAt: x.row.liveStatusAt?.toISOString() ?? null,
        capacity: x.capacity,
        canSetLive: mayKeep(scope, {
          regionCode: x.row.regionCode,
          operatorPath: x.operatorPath,
          isKeeper: x.isKeeper,
        }),
      })),
    };
  }

  async function create(actor: Actor, meta: RequestMeta | null, body: CreateBody): Promise<StationDetailDto> {
    const id = await inTransaction(
      database,
      async (uow) => {
        const { tx } = uow;
        const scope = await scopeOf(tx, actor);
        await checkRegion(tx, body.regionCode);
        const operatorPath = await operatorPathOf(tx, body.operatorOrgId);
        if (!mayManageAt(scope, body.regionCode, operatorPath))
          throw forbidden('You may not manage stations there');
        const hours = parseHours(body.hours);
        const services = await checkServices(tx, body.services, []);
        checkBasics(
          body.kind,
          services.map((s) => s.code),
        );
        const keepers = await checkKeepers(tx, body.keeperIds);
        const p = toWgs84({ lat: body.lat, lng: body.lng, crs: body.crs });
        const at = now();
        const code = await repo.nextStationCode(tx, body.regionCode.slice(0, 6));
        const row = await repo.insertStation(tx, {
          code,
          name: body.name,
          description: body.description ?? null,
          kind: body.kind,
          hostType: body.hostType,
          operatorOrgId: body.operatorOrgId,
          regionCode: body.regionCode,
          address: body.address,
          lat: p.lat,
          lng: p.lng,
          phone: body.phone ?? null,
          openToWorkers: body.openToWorkers,
          openToResidents: body.openToResidents,
          ...hoursColumns(hours),
          status: body.status,
          qrSecret: newQrSecret(),
          createdBy: actor.userId,
          createdAt: at,
          updatedAt: at,
        });
        await repo.replaceStationServices(tx, row.id, services);
        await repo.replaceCapacityTotals(tx, row.id, body.capacity, at, actor.userId);
        await repo.replaceKeepers(tx, row.id, keepers, actor.userId);
        await writeAudit(tx, actor, meta, {
          action: 'station.create',
          entityType: 'station',
          entityId: row.id,
          after: {
            code,
            name: row.name,
            kind: row.kind,
            regionCode: row.regionCode,
            services: services.map((s) => s.code),
            keepers,
          },
        });
        await deps.events.publish(
          uow,
          'station.updated',
          { ...payloadOf(row), change: 'created', version: row.version },
          actor.userId,
        );
        feedChanged(uow);
        return row.id;
      },
      onAfterCommitError,
    );
    return get(actor, id);
  }

  /**
   * What `actor` (null: the public) may do at one station, for other modules that hang their
   * records on a station (hub lodging, meals, payments, deliveries): read it, manage it (staff of
   * the operator's subtree or region), keep it (its keepers and managers). Active and paused
   * stations are public (workers book and order there); a closed one answers 404 unless the actor
   * reads it in the console, as does one that does not exist.
   */
  async function access(db: Db, actor: Actor | null, stationId: string) {
    const row = await load(db, stationId);
    const scope = await scopeOf(db, actor);
    const facts = await factsOf(db, row, scope);
    const read = mayRead(scope, facts);
    if (row.status === 'closed' && !read) throw notFound('Station', 'station.not_found');
    return {
      station: {
        id: row.id,
        code: row.code,
        name: row.name,
        kind: row.kind,
        regionCode: row.regionCode,
        operatorOrgId: row.operatorOrgId,
        status: row.status,
      },
      /** Sees it in the console (its records, figures and keepers). */
      read,
      manage: mayManage(scope, facts),
      keep: mayKeep(scope, facts),
    };
  }

  /**
   * Who a manager may name keeper (the console's keeper picker, POS-01): active staff holding
   * `station_keeper` or `community_staff` through a grant within the manager's reach (a region the
   * manager covers, or an organisation below one the manager's grant names). Community staff do
   * not hold `users.list`, so the user directory is not open to them; this list is.
   */
  async function keeperCandidates(actor: Actor, q: string | undefined) {
    const db = database.db;
    const scope = await scopeOf(db, actor);
    const rows = await staffInReach(
      db,
      { regions: scope.manageRegions, orgPaths: scope.manageOrgPaths },
      ['station_keeper', 'community_staff'],
      q,
      KEEPER_CANDIDATES_LIMIT,
    );
    return { items: rows };
  }

  /** Loads the station and checks the actor manages it (403 otherwise). */
  async function loadManaged(db: Db, actor: Actor, id: string) {
    const row = await load(db, id);
    const scope = await scopeOf(db, actor);
    const facts = await factsOf(db, row, scope);
    if (!mayManage(scope, facts)) throw forbidden('You may not manage this station');
    return { row, scope, facts };
  }

  async function bump(
    uow: Parameters<Parameters<typeof inTransaction>[1]>[0],
    actor: Actor,
    row: repo.StationRow,
    version: number,
    patch: Partial<repo.NewStationRow>,
    change: StationChange,
  ): Promise<repo.StationRow> {
    const updated = await repo.updateStationVersioned(uow.tx, row.id, version, {
      ...patch,
      updatedAt: now(),
    });
    if (!updated) throw conflict('The station was changed by someone else; reload it', 'station.conflict');
    feedChanged(uow);
    await deps.events.publish(
      uow,
      'station.updated',
      { ...payloadOf(updated), change, version: updated.version },
      actor.userId,
    );
    return updated;
  }

  async function update(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
    body: UpdateBody,
  ): Promise<StationDetailDto> {
    await inTransaction(
      database,
      async (uow) => {
        const { tx } = uow;
        const { row, scope } = await loadManaged(tx, actor, id);
        if (row.version !== body.version)
          throw conflict('The station was changed by someone else; reload it', 'station.conflict', {
            version: row.version,
          });
        const patch: Partial<repo.NewStationRow> = {};
        const regionCode = body.regionCode ?? row.regionCode;
        const operatorOrgId = body.operatorOrgId ?? row.operatorOrgId;
        if (body.regionCode !== undefined && body.regionCode !== row.regionCode) {
          await checkRegion(tx, body.regionCode);
          if (body.regionCode.slice(0, 6) !== row.regionCode.slice(0, 6))
            throw validation('A station stays in its county (its code names it); create a new one instead', {
              path: 'regionCode',
            });
          patch.regionCode = body.regionCode;
        }
        if (body.operatorOrgId !== undefined && body.operatorOrgId !== row.operatorOrgId)
          patch.operatorOrgId = body.operatorOrgId;
        if (patch.regionCode || patch.operatorOrgId) {
          const operatorPath = await operatorPathOf(tx, operatorOrgId);
          if (!mayManageAt(scope, regionCode, operatorPath))
            throw forbidden('You may not move the station there');
        }
        if ((body.lat === undefined) !== (body.lng === undefined))
          throw validation('Send lat and lng together', { path: body.lat === undefined ? 'lat' : 'lng' });
        if (body.lat !== undefined && body.lng !== undefined) {
          const p = toWgs84({ lat: body.lat, lng: body.lng, crs: body.crs });
          patch.lat = p.lat;
          patch.lng = p.lng;
        }
        if (body.hours !== undefined) Object.assign(patch, hoursColumns(parseHours(body.hours)));
        if (body.kind !== undefined && body.kind !== row.kind) {
          const current = (await repo.listStationServices(tx, row.id)).map((s) => s.code);
          checkBasics(body.kind, current);
          patch.kind = body.kind;
        }
        for (const k of [
          'name',
          'description',
          'hostType',
          'address',
          'phone',
          'openToWorkers',
          'openToResidents',
          'status',
        ] as const) {
          const v = body[k];
          if (v !== undefined && v !== row[k]) Object.assign(patch, { [k]: v });
        }
        const at = now();
        if (body.capacity !== undefined)
          await repo.replaceCapacityTotals(tx, row.id, body.capacity, at, actor.userId);
        const updated = await bump(uow, actor, row, body.version, patch, 'updated');
        const changed = Object.keys(patch).filter(
          (k) => !['openWeek', 'holidayMode', 'holidayOpen'].includes(k),
        );
        await writeAudit(tx, actor, meta, {
          action: 'station.update',
          entityType: 'station',
          entityId: row.id,
          before: {
            version: row.version,
            ...Object.fromEntries(changed.map((k) => [k, row[k as keyof repo.StationRow]])),
          },
          after: {
            version: updated.version,
            ...Object.fromEntries(changed.map((k) => [k, updated[k as keyof repo.StationRow]])),
            ...(body.capacity ? { capacity: body.capacity } : {}),
          },
        });
      },
      onAfterCommitError,
    );
    return get(actor, id);
  }

  async function setServices(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
    body: ServicesBody,
  ): Promise<StationDetailDto> {
    await inTransaction(
      database,
      async (uow) => {
        const { tx } = uow;
        const { row } = await loadManaged(tx, actor, id);
        const before = (await repo.listStationServices(tx, row.id)).map((s) => s.code);
        const services = await checkServices(tx, body.services, before);
        checkBasics(
          row.kind,
          services.map((s) => s.code),
        );
        await repo.replaceStationServices(tx, row.id, services);
        const updated = await bump(uow, actor, row, row.version, {}, 'services');
        await writeAudit(tx, actor, meta, {
          action: 'station.services',
          entityType: 'station',
          entityId: row.id,
          before: { services: before, version: row.version },
          after: { services: services.map((s) => s.code), version: updated.version },
        });
      },
      onAfterCommitError,
    );
    return get(actor, id);
  }

  /** Managers set the station's photos (POS-01: the worker's station page shows them). */
  async function setPhotos(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
    body: SetStationPhotosInput,
  ): Promise<StationDetailDto> {
    await inTransaction(
      database,
      async ({ tx }) => {
        const { row } = await loadManaged(tx, actor, id);
        const before = (await photosOf(tx, 'station', row.id)).map((p) => p.id);
        await setAttachedPhotos(tx, {
          ownerUserId: actor.userId,
          ids: body.photoIds,
          type: 'station',
          targetId: row.id,
          at: now(),
        });
        await writeAudit(tx, actor, meta, {
          action: 'station.photos',
          entityType: 'station',
          entityId: row.id,
          before: { photos: before },
          after: { photos: body.photoIds },
        });
      },
      onAfterCommitError,
    );
    return get(actor, id);
  }

  async function setLive(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
    body: SetStationLiveInput,
  ): Promise<StationDetailDto> {
    await inTransaction(
      database,
      async (uow) => {
        const { tx } = uow;
        const row = await load(tx, id);
        const scope = await scopeOf(tx, actor);
        const facts = await factsOf(tx, row, scope);
        if (!mayKeep(scope, facts)) throw forbidden('Only keepers and managers set the live status');
        const at = now();
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        if (body.liveStatus !== undefined && body.liveStatus !== row.liveStatus) {
          await repo.setLiveStatus(tx, row.id, body.liveStatus, at, actor.userId);
          before.liveStatus = row.liveStatus;
          after.liveStatus = body.liveStatus;
        }
        if (body.capacity) {
          const current = new Map((await repo.listCapacity(tx, row.id)).map((c) => [c.resource, c]));
          for (const [i, c] of body.capacity.entries()) {
            const had = current.get(c.resource);
            const done = await repo.setCapacityAvailable(
              tx,
              row.id,
              c.resource,
              c.available,
              at,
              actor.userId,
            );
            if (!done)
              throw new AppError(
                'station.capacity_invalid',
                had ? `available must be between 0 and ${had.total}` : `The station has no ${c.resource}`,
                { path: `capacity.${i}`, resource: c.resource, total: had?.total ?? null },
              );
            before[`capacity.${c.resource}`] = had?.available ?? null;
            after[`capacity.${c.resource}`] = c.available;
          }
        }
        await writeAudit(tx, actor, meta, {
          action: 'station.live',
          entityType: 'station',
          entityId: row.id,
          before,
          after,
        });
        await deps.events.publish(
          uow,
          'station.updated',
          { ...payloadOf(row), change: 'live', version: row.version },
          actor.userId,
        );
        feedChanged(uow);
      },
      onAfterCommitError,
    );
    return get(actor, id);
  }

  async function setKeepers(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
    body: SetStationKeepersInput,
  ): Promise<StationDetailDto> {
    await inTransaction(
      database,
      async (uow) => {
        const { tx } = uow;
        const { row } = await loadManaged(tx, actor, id);
        const before = (await repo.listKeepers(tx, row.id)).map((k) => k.userId);
        const keepers = await checkKeepers(tx, body.userIds);
        await repo.replaceKeepers(tx, row.id, keepers, actor.userId);
        const updated = await bump(uow, actor, row, row.version, {}, 'keepers');
        await writeAudit(tx, actor, meta, {
          action: 'station.keepers',
          entityType: 'station',
          entityId: row.id,
          before: { keepers: before, version: row.version },
          after: { keepers, version: updated.version },
        });
      },
      onAfterCommitError,
    );
    return get(actor, id);
  }

  async function posterOf(db: Db, row: repo.StationRow): Promise<StationPosterDto> {
    const ctx = await repo.stationContext(db, row);
    const services = await repo.listStationServices(db, row.id);
    return {
      checkinUrl: checkinUrl(deps.config.publicUrl, row.code, qrToken(row.qrSecret, row.code)),
      wishUrl: null,
      station: {
        id: row.id,
        code: row.code,
        name: row.name,
        kind: row.kind,
        address: row.address,
        phone: row.phone,
        hoursText: hoursText(row.hours),
        operatorOrgName: ctx.operatorName,
      },
      services: services.map((s) => ({ code: s.code, name: s.name, basic: s.basic })),
    };
  }

  async function poster(actor: Actor, id: string): Promise<StationPosterDto> {
    const db = database.db;
    const row = await load(db, id);
    const scope = await scopeOf(db, actor);
    if (!mayKeep(scope, await factsOf(db, row, scope)))
      throw forbidden('Only keepers and managers print the poster');
    return posterOf(db, row);
  }

  async function rotateQr(actor: Actor, meta: RequestMeta | null, id: string): Promise<StationPosterDto> {
    const row = await inTransaction(
      database,
      async (uow) => {
        const { tx } = uow;
        const { row } = await loadManaged(tx, actor, id);
        const updated = await bump(uow, actor, row, row.version, { qrSecret: newQrSecret() }, 'qr_rotated');
        await writeAudit(tx, actor, meta, {
          action: 'station.rotate_qr',
          entityType: 'station',
          entityId: row.id,
          note: 'QR secret rotated: printed posters no longer check in',
          before: { version: row.version },
          after: { version: updated.version },
        });
        return updated;
      },
      onAfterCommitError,
    );
    return posterOf(database.db, row);
  }

  // ---- check-in and visits ------------------------------------------------------------------

  async function checkin(
    actor: Actor,
    meta: RequestMeta | null,
    body: CheckinBody,
  ): Promise<StationCheckinDto> {
    const at = now();
    const where =
      body.lat !== undefined && body.lng !== undefined
        ? toWgs84({ lat: body.lat, lng: body.lng, crs: body.crs })
        : null;
    return inTransaction(
      database,
      async (uow) => {
        const { tx } = uow;
        const row = await repo.getStationByCode(tx, body.code);
        // An unknown code and a wrong token answer the same: nothing to learn by guessing.
        if (!row || !verifyQrToken(row.qrSecret, row.code, body.t))
          throw new AppError('station.qr_invalid', 'The check-in code is not valid');
        if (row.status !== 'active')
          throw new AppError('station.not_open', 'The station is paused or closed', { status: row.status });
        const hour = hourOf(at);
        const inserted = await repo.insertVisit(tx, {
          stationId: row.id,
          workerUserId: actor.userId,
          hour,
          at,
          lat: where?.lat ?? null,
          lng: where?.lng ?? null,
        });
        const visit = inserted ?? (await repo.getVisitAt(tx, row.id, actor.userId, hour));
        if (!visit) throw conflict('The check-in could not be recorded; try again', 'common.conflict');
        if (inserted) {
          await writeAudit(tx, actor, meta, {
            action: 'station.checkin',
            entityType: 'station',
            entityId: row.id,
            after: { visitId: inserted.id, hour: hour.toISOString() },
          });
          await deps.events.publish(
            uow,
            'station.visited',
            { ...payloadOf(row), visitId: inserted.id, workerUserId: actor.userId, at: at.toISOString() },
            actor.userId,
          );
        }
        return { created: inserted !== null, visit: visitDto(visit, row) };
      },
      onAfterCommitError,
    );
  }

  async function myVisits(actor: Actor, limit: number): Promise<MyStationVisitsDto> {
    const rows = await repo.listVisitsOf(database.db, actor.userId, limit);
    return {
      items: rows.map((v) => visitDto(v, { code: v.stationCode, name: v.stationName, kind: v.stationKind })),
    };
  }

  async function visitsSummary(
    actor: Actor,
    id: string,
    q: StationVisitsSummaryQuery,
  ): Promise<StationVisitsSummaryDto> {
    const db = database.db;
    const row = await load(db, id);
    const scope = await scopeOf(db, actor);
    if (!mayRead(scope, await factsOf(db, row, scope)))
      throw forbidden('You may not see this station’s visits');
    const today = shanghaiClock(now()).date;
    const to = q.to ?? today;
    let from = q.from;
    if (!from) {
      const t = Date.parse(`${to}T00:00:00Z`);
      from =
        q.granularity === 'day'
          ? new Date(t - 29 * DAY_MS).toISOString().slice(0, 10)
          : `${new Date(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 12, 1)).toISOString().slice(0, 7)}-01`;
    }
    if (from > to) throw validation('from must not be after to', { from, to });
    const span = (Date.parse(to) - Date.parse(from)) / DAY_MS;
    if (span > (q.granularity === 'day' ? 400 : 3700))
      throw validation('The period is too long', { from, to, granularity: q.granularity });
    const start = new Date(Date.parse(`${from}T00:00:00Z`) - OFFSET_MS);
    const end = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS - OFFSET_MS);
    const s = await repo.visitsSummary(db, row.id, start, end, q.granularity);
    return { stationId: row.id, granularity: q.granularity, from, to, ...s };
  }

  // ---- catalogue ----------------------------------------------------------------------------

  async function createServiceType(
    actor: Actor,
    meta: RequestMeta | null,
    body: CreateStationServiceTypeInput,
  ): Promise<StationServiceTypeDto> {
    return inTransaction(database, async (uow) => {
      const { tx } = uow;
      feedChanged(uow);
      const row = await repo.insertServiceType(tx, { ...body, basic: false });
      if (!row)
        throw new AppError('station.service_type_exists', `Service type ${body.code} exists`, {
          code: body.code,
        });
      await writeAudit(tx, actor, meta, {
        action: 'station.service_type.create',
        entityType: 'station_service_type',
        entityId: row.code,
        after: serviceTypeDto(row),
      });
      return serviceTypeDto(row);
    });
  }

  async function updateServiceType(
    actor: Actor,
    meta: RequestMeta | null,
    code: string,
    body: UpdateStationServiceTypeInput,
  ): Promise<StationServiceTypeDto> {
    return inTransaction(database, async (uow) => {
      const { tx } = uow;
      feedChanged(uow);
      const before = await repo.getServiceType(tx, code);
      if (!before) throw notFound('Service type', 'station.service_type_not_found');
      if (before.basic && body.enabled === false)
        throw new AppError('station.basic_services_required', 'The five basic services cannot be disabled', {
          code,
        });
      const row = await repo.updateServiceType(tx, code, { ...body, updatedAt: now() });
      await writeAudit(tx, actor, meta, {
        action: 'station.service_type.update',
        entityType: 'station_service_type',
        entityId: code,
        before: serviceTypeDto(before),
        after: serviceTypeDto(row!),
      });
      return serviceTypeDto(row!);
    });
  }

  return {
    access,
    keeperCandidates,
    /** The actor's station scope, for modules listing records across the stations one may read. */
    scopeOf,
    nearby,
    geojsonEtag,
    geojsonFeed,
    warmFeed,
    get,
    serviceTypes,
    list,
    create,
    update,
    setServices,
    setPhotos,
    setLive,
    setKeepers,
    poster,
    rotateQr,
    checkin,
    myVisits,
    visitsSummary,
    createServiceType,
    updateServiceType,
    /** For tests and the bench: the clock facts "open now" is computed at. */
    openAt,
  };
}

/**
 * Sets counted capacity (total and free now) inside the caller's transaction, for modules that
 * keep their own places (the hub's beds and truck bays); the map feed re-reads after the commit.
 */
export async function syncStationCapacity(
  deps: Pick<PlatformDeps, 'database'>,
  uow: UnitOfWork,
  stationId: string,
  counts: readonly { resource: repo.CapacityRow['resource']; total: number; available: number }[],
  at: Date = new Date(),
): Promise<void> {
  for (const c of counts)
    await repo.upsertCapacityCount(uow.tx, stationId, c.resource, c.total, c.available, at);
  uow.afterCommit(() => {
    stampCache.delete(deps.database);
  });
}
