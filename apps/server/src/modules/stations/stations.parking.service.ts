import {
  type CreateParkingZoneInput,
  type ManagedParkingZonesQuery,
  type ManagedParkingZonesReply,
  PARKING_ZONE_PUBLIC_STATUSES,
  type ParkingZoneDto,
  type ParkingZoneRegionsReply,
  type ParkingZonesQuery,
  type ParkingZonesReply,
  regionLevelOf,
  regionPrefix,
  type UpdateParkingZoneInput,
} from '@nuanxin/shared';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { bboxCondition, parseBbox } from '../../platform/geo/bbox.ts';
import { distanceExpr, earthOf, nearbyCondition, toWgs84 } from '../../platform/geo/geo.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { createAppealsService } from '../appeals/index.ts';
import { getOrg, getRegion } from '../orgs/index.ts';
import { region } from '../orgs/orgs.tables.ts';
import './stations.parking.events.ts';
import {
  containsPattern,
  mayManageZone,
  orgGrantsToResolve,
  type ParkingAccessScope,
  parkingAccessScopeOf,
  regionsSql,
} from './stations.parking.policy.ts';
import * as repo from './stations.parking.repository.ts';
import { parkingZone } from './stations.parking.tables.ts';

/**
 * Use cases of e-bike parking zones 专属停放区 (POS-11). Each change is one transaction with its
 * audit row and its event. A zone may name the parking-difficulty appeal it answers: the case must
 * exist and be visible to the actor (read through the appeals module's service).
 */

export interface ParkingZonesServiceOptions {
  now?: () => Date;
}

export type ParkingZonesService = ReturnType<typeof createParkingZonesService>;

/** The actor's reach over zones and notes, with organisation grants resolved to their regions. */
export async function resolveParkingAccessScope(db: Db, actor: Actor): Promise<ParkingAccessScope> {
  const orgRegions = new Map<string, string | null>();
  for (const id of orgGrantsToResolve(actor)) orgRegions.set(id, (await getOrg(db, id))?.regionCode ?? null);
  return parkingAccessScopeOf(actor, (id) => orgRegions.get(id) ?? null);
}

/** A county or township that exists (the zone or note lies in it); else 400 region.not_found. */
export async function assertPlaceRegion(db: Db, code: string): Promise<void> {
  const level = regionLevelOf(code);
  if ((level !== 'county' && level !== 'township') || !(await getRegion(db, code)))
    throw new AppError('region.not_found', 'The region does not exist or is not a county or township', {
      regionCode: code,
    });
}

export function createParkingZonesService(deps: PlatformDeps, opts: ParkingZonesServiceOptions = {}) {
  const { database } = deps;
  const now = opts.now ?? (() => new Date());
  const onAfterCommitError = (err: unknown) =>
    deps.log.error({ err }, 'parking zones after-commit work failed');

  function toDto(r: repo.ZoneNamedRow, scope: ParkingAccessScope): ParkingZoneDto {
    const z = r.z;
    return {
      id: z.id,
      name: z.name,
      regionCode: z.regionCode,
      regionName: r.regionName,
      lat: Number(z.lat),
      lng: Number(z.lng),
      address: z.address,
      near: z.near,
      capacity: z.capacity,
      status: z.status,
      distanceMeters: null,
      appealId: z.appealId,
      appealCaseNo: z.appealCaseNo,
      version: z.version,
      createdAt: z.createdAt.toISOString(),
      updatedAt: z.updatedAt.toISOString(),
      createdByName: r.createdByName,
      updatedByName: r.updatedByName,
      actions: { edit: mayManageZone(scope, z.regionCode) },
    };
  }

  async function managedDetail(db: Db, scope: ParkingAccessScope, id: string): Promise<ParkingZoneDto> {
    const [row] = await repo.listZonesNamed(db, eq(parkingZone.id, id), 1);
    if (!row || !mayManageZone(scope, row.z.regionCode))
      throw notFound('Parking zone', 'parking_zone.not_found');
    return toDto(row, scope);
  }

  /**
   * The appeal a zone answers, by case number: it must exist and be visible to the actor (the
   * appeals module's own visibility rules), else 400 parking_zone.appeal_not_found.
   */
  async function resolveAppeal(actor: Actor, caseNo: string): Promise<{ id: string; caseNo: string }> {
    const found = await createAppealsService(deps, { now })
      .list(actor, { queue: 'all', q: caseNo, page: 1, pageSize: 20 })
      .catch((err: unknown) => {
        if (err instanceof AppError && err.status < 500) return { items: [] };
        throw err;
      });
    const hit = found.items.find((a) => a.caseNo.toUpperCase() === caseNo.toUpperCase());
    if (!hit)
      throw new AppError('parking_zone.appeal_not_found', `No appeal ${caseNo} you may see`, { caseNo });
    return { id: hit.id, caseNo: hit.caseNo };
  }

  // ---- public ------------------------------------------------------------------------------

  /** Zones planned or in place, by box or around a point (nearest first). No sign-in. */
  async function publicList(q: ParkingZonesQuery): Promise<ParkingZonesReply> {
    const visible = inArray(parkingZone.status, [...PARKING_ZONE_PUBLIC_STATUSES]);
    let place: SQL;
    let distance: SQL<number> | null = null;
    if (q.bbox !== undefined) {
      place = bboxCondition(parkingZone.lat, parkingZone.lng, parseBbox(q.bbox));
    } else {
      const p = toWgs84({ lat: q.lat!, lng: q.lng!, crs: q.crs });
      place = nearbyCondition(earthOf(parkingZone.lat, parkingZone.lng), p.lat, p.lng, q.radius);
      distance = distanceExpr(earthOf(parkingZone.lat, parkingZone.lng), p.lat, p.lng);
    }
    const rows = await repo.publicZones(database.db, and(visible, place)!, distance, q.limit);
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        regionCode: r.regionCode,
        lat: r.lat,
        lng: r.lng,
        address: r.address,
        near: r.near,
        capacity: r.capacity,
        status: r.status,
        distanceMeters: r.distance === null ? null : Math.round(r.distance),
        updatedAt: r.updatedAt.toISOString(),
      })),
    };
  }

  // ---- staff -------------------------------------------------------------------------------

  async function listManaged(actor: Actor, q: ManagedParkingZonesQuery): Promise<ManagedParkingZonesReply> {
    const db = database.db;
    const scope = await resolveParkingAccessScope(db, actor);
    const conds: SQL[] = [regionsSql(scope.zoneRegions, sql`${parkingZone.regionCode}`)];
    if (q.status) conds.push(eq(parkingZone.status, q.status));
    if (q.regionCode) {
      const p = regionPrefix(q.regionCode);
      if (p) conds.push(sql`${parkingZone.regionCode} like ${`${p}%`}`);
    }
    if (q.q) {
      const text = containsPattern(q.q);
      conds.push(
        sql`(${parkingZone.name} ilike ${text} or ${parkingZone.address} ilike ${text} or ${parkingZone.near} ilike ${text})`,
      );
    }
    const where = and(...conds);
    const [rows, total] = await Promise.all([
      repo.listZonesNamed(db, where, q.pageSize, (q.page - 1) * q.pageSize),
      repo.countZones(db, where),
    ]);
    return { items: rows.map((r) => toDto(r, scope)), total, page: q.page, pageSize: q.pageSize };
  }

  async function create(actor: Actor, meta: RequestMeta | null, input: CreateParkingZoneInput) {
    const db = database.db;
    const scope = await resolveParkingAccessScope(db, actor);
    if (!mayManageZone(scope, input.regionCode))
      throw forbidden('You may only add parking zones in your own regions');
    await assertPlaceRegion(db, input.regionCode);
    const point = toWgs84(input.location);
    const appeal = input.appealCaseNo ? await resolveAppeal(actor, input.appealCaseNo) : null;
    const at = now();
    const id = await inTransaction(
      database,
      async (uow) => {
        const row = await repo.insertZone(uow.tx, {
          name: input.name,
          regionCode: input.regionCode,
          lat: point.lat,
          lng: point.lng,
          address: input.address ?? null,
          near: input.near ?? null,
          capacity: input.capacity,
          status: input.status,
          appealId: appeal?.id ?? null,
          appealCaseNo: appeal?.caseNo ?? null,
          createdBy: actor.userId,
          updatedBy: actor.userId,
          createdAt: at,
          updatedAt: at,
        });
        await writeAudit(uow.tx, actor, meta, {
          action: 'parking_zone.create',
          entityType: 'parking_zone',
          entityId: row.id,
          after: auditView(row),
        });
        await deps.events.publish(
          uow,
          'parking_zone.created',
          { zoneId: row.id, regionCode: row.regionCode, status: row.status, appealId: row.appealId },
          actor.userId,
        );
        return row.id;
      },
      onAfterCommitError,
    );
    return managedDetail(db, scope, id);
  }

  async function update(actor: Actor, meta: RequestMeta | null, id: string, input: UpdateParkingZoneInput) {
    const db = database.db;
    const scope = await resolveParkingAccessScope(db, actor);
    if (input.regionCode !== undefined) {
      if (!mayManageZone(scope, input.regionCode))
        throw forbidden('You may only move parking zones into your own regions');
      await assertPlaceRegion(db, input.regionCode);
    }
    const point = input.location ? toWgs84(input.location) : null;
    const appeal =
      input.appealCaseNo === undefined
        ? undefined
        : input.appealCaseNo === null
          ? null
          : await resolveAppeal(actor, input.appealCaseNo);
    await inTransaction(
      database,
      async (uow) => {
        const before = await repo.getZoneForUpdate(uow.tx, id);
        if (!before || !mayManageZone(scope, before.regionCode))
          throw notFound('Parking zone', 'parking_zone.not_found');
        if (before.version !== input.version)
          throw new AppError('parking_zone.conflict', 'The parking zone was changed meanwhile; reload it', {
            version: before.version,
          });
        const patch: Partial<repo.NewZoneRow> = {
          version: before.version + 1,
          updatedBy: actor.userId,
          updatedAt: now(),
        };
        if (input.name !== undefined) patch.name = input.name;
        if (input.regionCode !== undefined) patch.regionCode = input.regionCode;
        if (point) Object.assign(patch, { lat: point.lat, lng: point.lng });
        if (input.address !== undefined) patch.address = input.address;
        if (input.near !== undefined) patch.near = input.near;
        if (input.capacity !== undefined) patch.capacity = input.capacity;
        if (input.status !== undefined) patch.status = input.status;
        if (appeal !== undefined)
          Object.assign(patch, { appealId: appeal?.id ?? null, appealCaseNo: appeal?.caseNo ?? null });
        const after = await repo.updateZone(uow.tx, id, patch);
        await writeAudit(uow.tx, actor, meta, {
          action: 'parking_zone.update',
          entityType: 'parking_zone',
          entityId: id,
          before: auditView(before),
          after: auditView(after),
        });
        await deps.events.publish(
          uow,
          'parking_zone.updated',
          {
            zoneId: id,
            regionCode: after.regionCode,
            status: after.status,
            appealId: after.appealId,
            previousStatus: before.status,
          },
          actor.userId,
        );
      },
      onAfterCommitError,
    );
    return managedDetail(db, scope, id);
  }

  /** The counties and townships the actor may place zones in (the console's region picker). */
  async function regions(actor: Actor): Promise<ParkingZoneRegionsReply> {
    const db = database.db;
    const scope = await resolveParkingAccessScope(db, actor);
    return { items: await repo.placeRegions(db, regionsSql(scope.zoneRegions, sql`${region.code}`)) };
  }

  return { publicList, listManaged, regions, create, update };
}

/** The fields an audit row records of a zone. */
function auditView(z: repo.ZoneRow) {
  return {
    name: z.name,
    regionCode: z.regionCode,
    lat: z.lat,
    lng: z.lng,
    address: z.address,
    near: z.near,
    capacity: z.capacity,
    status: z.status,
    appealCaseNo: z.appealCaseNo,
    version: z.version,
  };
}
