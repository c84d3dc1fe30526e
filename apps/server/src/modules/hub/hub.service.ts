import crypto from 'node:crypto';
import {
  type CreateHubBayInput,
  type CreateHubCameraInput,
  type createHubBookingBody,
  type createHubRoomBody,
  formatPlate,
  HUB_MAX_DAYS_AHEAD,
  HUB_MAX_NIGHTS,
  type HubBayDto,
  type HubBoardDto,
  type HubBookingDto,
  type HubBookingsDto,
  type HubCameraDto,
  type HubOfferDto,
  type HubPlaceState,
  type HubRoomDto,
  type HubSetupDto,
  type HubTariffDto,
  type HubTvDto,
  maskPlate,
  type PaymentDto,
  type UpdateHubBayInput,
  type UpdateHubCameraInput,
  type UpdateHubTariffInput,
  type updateHubRoomBody,
} from '@nuanxin/shared';
import type { z } from 'zod';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { shanghaiDate } from '../../platform/calendar/index.ts';
import type { Db } from '../../platform/db/client.ts';
import { inTransaction, type UnitOfWork } from '../../platform/db/tx.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { createPaymentsService } from '../payments/index.ts';
import { createStationsService, syncStationCapacity } from '../stations/index.ts';
import type { HubBookingEventPayload } from './hub.events.ts';
import { placeholderSvg } from './hub.placeholder.ts';
import {
  addDays,
  type BookingAction,
  bookingActions,
  isLive,
  nextStatus,
  priceOf,
  stayProblem,
} from './hub.policy.ts';
import * as repo from './hub.repository.ts';

/**
 * Use cases of the 暖心之家 hub (docs/hub.md): setup, booking a bed and a truck bay, the day's
 * work of the keepers, the cameras and the room TV. Every booking change of a station takes the
 * station's lock (its tariff row), is one transaction with its charge, audit row and event, and
 * ends by recounting tonight's free beds and bays into the station's capacity. The EXCLUDE
 * constraints on the booking table back the service's own check.
 */

type BookBody = z.output<typeof createHubBookingBody>;
type RoomBody = z.output<typeof createHubRoomBody>;
type RoomPatch = z.output<typeof updateHubRoomBody>;

/** The part of the payments service the hub uses (docs/contract-hub-canteen.md). */
export interface HubPayments {
  charge(
    tx: Db,
    input: {
      stationId: string;
      purpose: 'lodging';
      refId: string;
      description: string;
      quantity: number;
      unit: 'night';
      amountFen: number;
      payerUserId: string | null;
    },
  ): Promise<PaymentDto>;
  voidFor(tx: Db, purpose: 'lodging', refId: string, by: string, reason: string): Promise<void>;
  forRefs(db: Db, purpose: 'lodging', refIds: string[]): Promise<Map<string, PaymentDto>>;
}

export interface HubServiceOptions {
  now?: () => Date;
  payments?: HubPayments;
  /** Fetches a camera's snapshot (tests replace it). */
  fetchSnapshot?: (url: string) => Promise<{ type: string; body: Buffer }>;
}

export type HubService = ReturnType<typeof createHubService>;

const SNAPSHOT_MAX_BYTES = 2_000_000;
const SNAPSHOT_TYPES = /^image\/(jpeg|png|webp|gif)$/;
const PLACEHOLDER_PATH = /^\/api\/v1\/hub\/cameras\/([0-9a-f-]{36})\/placeholder$/;

/** The first PostgreSQL error in a cause chain (drivers and Drizzle wrap them). */
export function pgErrorOf(err: unknown): { code?: string; constraint?: string; message?: string } | null {
  let e: unknown = err;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    const x = e as { code?: unknown; constraint?: unknown; message?: unknown; cause?: unknown };
    if (typeof x.code === 'string' && /^[0-9A-Z]{5}$/.test(x.code))
      return {
        code: x.code,
        constraint: typeof x.constraint === 'string' ? x.constraint : undefined,
        message: typeof x.message === 'string' ? x.message : undefined,
      };
    e = x.cause;
  }
  return null;
}

/** 23P01 on a bed or bay constraint → 409 hub.bed_taken / hub.bay_taken; anything else as it was. */
export function mapExclusion(err: unknown): unknown {
  const pg = pgErrorOf(err);
  if (pg?.code !== '23P01') return err;
  const where = `${pg.constraint ?? ''} ${pg.message ?? ''}`;
  return where.includes('bay')
    ? new AppError('hub.bay_taken', 'The truck bay is already booked for those nights')
    : new AppError('hub.bed_taken', 'The bed is already booked for those nights');
}

async function defaultFetch(url: string): Promise<{ type: string; body: Buffer }> {
  const res = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(4000) });
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!res.ok || !SNAPSHOT_TYPES.test(type)) throw new Error(`snapshot ${res.status} ${type}`);
  const len = Number(res.headers.get('content-length') ?? 0);
  if (len > SNAPSHOT_MAX_BYTES) throw new Error('snapshot too large');
  const body = Buffer.from(await res.arrayBuffer());
  if (body.length > SNAPSHOT_MAX_BYTES) throw new Error('snapshot too large');
  return { type, body };
}

export function createHubService(deps: PlatformDeps, opts: HubServiceOptions = {}) {
  const { database } = deps;
  const now = opts.now ?? (() => new Date());
  const stations = createStationsService(deps, { now });
  const payments: HubPayments = opts.payments ?? createPaymentsService(deps, { now });
  const fetchSnapshot = opts.fetchSnapshot ?? defaultFetch;
  const onAfterCommitError = (err: unknown) => deps.log.error({ err }, 'hub after-commit work failed');
  const today = () => shanghaiDate(now());
  const publicOrigin = new URL(deps.config.publicUrl).origin;

  // ---- access -------------------------------------------------------------------------------

  type Access = Awaited<ReturnType<typeof stations.access>>;

  async function accessOf(db: Db, actor: Actor | null, stationId: string): Promise<Access> {
    return stations.access(db, actor, stationId);
  }

  async function requireManage(db: Db, actor: Actor, stationId: string): Promise<Access> {
    const a = await accessOf(db, actor, stationId);
    if (!a.manage) throw forbidden('Only managers of the station set up the hub');
    return a;
  }

  /** The station offers lodging (its services list `lodging`); 404 hub.not_offered otherwise. */
  async function requireHub(actor: Actor, stationId: string) {
    const s = await stations.get(actor, stationId);
    if (!s.services.some((x) => x.code === 'lodging'))
      throw new AppError('hub.not_offered', 'This station does not offer lodging');
    return s;
  }

  // ---- DTOs ---------------------------------------------------------------------------------

  const cameraDto = (c: repo.CameraRow): HubCameraDto => ({
    id: c.id,
    stationId: c.stationId,
    code: c.code,
    name: c.name,
    area: c.area,
    streamUrl: c.streamUrl,
    snapshotUrl: c.snapshotUrl,
    snapshotSrc: c.snapshotUrl ? `/api/v1/hub/cameras/${c.id}/snapshot` : null,
    version: c.version,
  });

  const publicCamera = (c: repo.CameraRow) => {
    const { version: _v, snapshotUrl: _s, ...rest } = cameraDto(c);
    return rest;
  };

  const tariffDto = (t: repo.TariffRow): HubTariffDto => ({
    stationId: t.stationId,
    ownBeddingFen: t.ownBeddingFen,
    withoutBeddingFen: t.withoutBeddingFen,
    bayFen: t.bayFen,
    version: t.version,
  });

  interface Viewer {
    userId: string;
    keep: boolean;
    read: boolean;
  }

  async function bookingDtos(db: Db, views: repo.BookingView[], viewer: Viewer): Promise<HubBookingDto[]> {
    if (views.length === 0) return [];
    const pays = await payments.forRefs(
      db,
      'lodging',
      views.map((v) => v.id),
    );
    const cameraIds = [...new Set(views.map((v) => v.cameraId).filter((x): x is string => !!x))];
    const cameras = new Map<string, repo.CameraRow>();
    for (const id of cameraIds) {
      const c = await repo.getCamera(db, id);
      if (c) cameras.set(id, c);
    }
    const names = new Map<string, string>();
    const day = today();
    const out: HubBookingDto[] = [];
    for (const v of views) {
      if (!names.has(v.stationId))
        names.set(v.stationId, (await accessOf(db, null, v.stationId).catch(() => null))?.station.name ?? '');
      const own = v.guestUserId === viewer.userId;
      const cam = v.cameraId ? cameras.get(v.cameraId) : undefined;
      out.push({
        id: v.id,
        stationId: v.stationId,
        stationName: names.get(v.stationId) ?? '',
        roomId: v.roomId,
        roomCode: v.roomCode,
        bedId: v.bedId,
        bedCode: v.bedCode,
        bayId: v.bayId,
        bayCode: v.bayCode,
        camera: cam ? publicCamera(cam) : null,
        from: v.from,
        to: v.to,
        nights: Math.round((Date.parse(v.to) - Date.parse(v.from)) / 86_400_000),
        ownBedding: v.ownBedding,
        plate: v.plate ? (own || viewer.keep ? formatPlate(v.plate) : maskPlate(v.plate)) : null,
        amountFen: v.amountFen,
        status: v.status,
        guestName: v.guestName,
        guestPhone: viewer.keep ? v.guestPhoneMasked : null,
        checkedInAt: v.checkedInAt?.toISOString() ?? null,
        checkedOutAt: v.checkedOutAt?.toISOString() ?? null,
        createdAt: v.createdAt.toISOString(),
        payment: pays.get(v.id) ?? null,
        actions: bookingActions(v, { userId: viewer.userId, keep: viewer.keep }, day),
      });
    }
    return out;
  }

  async function bookingDto(db: Db, v: repo.BookingView, viewer: Viewer): Promise<HubBookingDto> {
    return (await bookingDtos(db, [v], viewer))[0]!;
  }

  // ---- capacity -----------------------------------------------------------------------------

  /** Tonight's beds and bays, free and total, into the station's capacity (same transaction). */
  async function syncCapacity(uow: UnitOfWork, stationId: string): Promise<void> {
    const d = today();
    const [n] = await repo.nightly(uow.tx, stationId, d, addDays(d, 1));
    if (!n) return;
    await syncStationCapacity(
      deps,
      uow,
      stationId,
      [
        { resource: 'beds', total: n.beds, available: n.freeBeds },
        { resource: 'truck_bays', total: n.bays, available: n.freeBays },
      ],
      now(),
    );
  }

  // ---- setup --------------------------------------------------------------------------------

  async function setup(actor: Actor, stationId: string): Promise<HubSetupDto> {
    const db = database.db;
    const a = await accessOf(db, actor, stationId);
    if (!a.read && !a.keep) throw forbidden('You may not see this station’s hub');
    const [rooms, beds, bays, cameras, tariff] = await Promise.all([
      repo.listRooms(db, stationId),
      repo.listBeds(db, stationId),
      repo.listBays(db, stationId),
      repo.listCameras(db, stationId),
      repo.ensureTariff(db, stationId),
    ]);
    const camById = new Map(cameras.map((c) => [c.id, c]));
    return {
      stationId,
      stationName: a.station.name,
      rooms: rooms.map(
        (r): HubRoomDto => ({
          id: r.id,
          stationId: r.stationId,
          code: r.code,
          name: r.name,
          floor: r.floor,
          status: r.status,
          tvKey: a.manage ? r.tvKey : null,
          beds: beds
            .filter((b) => b.roomId === r.id)
            .map((b) => ({ id: b.id, roomId: b.roomId, code: b.code, status: b.status })),
          version: r.version,
        }),
      ),
      bays: bays.map(
        (p): HubBayDto => ({
          id: p.id,
          stationId: p.stationId,
          code: p.code,
          lengthM: p.lengthM,
          cameraId: p.cameraId,
          cameraName: p.cameraId ? (camById.get(p.cameraId)?.name ?? null) : null,
          status: p.status,
          version: p.version,
        }),
      ),
      cameras: cameras.map(cameraDto),
      tariff: tariffDto(tariff),
      actions: { manage: a.manage, keep: a.keep },
    };
  }

  /** A setup change: manager check, the station lock, the change, audit, capacity. */
  async function setupChange<T>(
    actor: Actor,
    meta: RequestMeta | null,
    stationId: string | ((tx: Db) => Promise<string>),
    action: string,
    fn: (
      tx: Db,
      stationId: string,
    ) => Promise<{ entityType: string; entityId: string; after: unknown; result: T }>,
  ): Promise<T> {
    return inTransaction(
      database,
      async (uow) => {
        const sid = typeof stationId === 'string' ? stationId : await stationId(uow.tx);
        await requireManage(uow.tx, actor, sid);
        await repo.lockStation(uow.tx, sid);
        const r = await fn(uow.tx, sid);
        await writeAudit(uow.tx, actor, meta, {
          action,
          entityType: r.entityType,
          entityId: r.entityId,
          after: r.after as Record<string, unknown>,
        });
        await syncCapacity(uow, sid);
        return r.result;
      },
      onAfterCommitError,
    );
  }

  const codeTaken = (what: string, code: string) =>
    new AppError('hub.code_taken', `${what} ${code} exists at the station`, { code });
  const stale = () => new AppError('hub.conflict', 'Someone else changed this; reload');
  const newTvKey = () => crypto.randomBytes(18).toString('base64url');

  async function ownedBy<T extends { stationId: string }>(row: T | null): Promise<T> {
    if (!row) throw notFound('Hub record', 'hub.not_found');
    return row;
  }

  async function createRoom(actor: Actor, meta: RequestMeta | null, stationId: string, body: RoomBody) {
    await setupChange(actor, meta, stationId, 'hub.room.create', async (tx, sid) => {
      const room = await repo.insertRoom(tx, {
        stationId: sid,
        code: body.code,
        name: body.name || `${body.code}房`,
        floor: body.floor,
        tvKey: newTvKey(),
      });
      if (!room) throw codeTaken('Room', body.code);
      const dup = await repo.insertBeds(tx, room, [...new Set(body.beds)]);
      if (dup.length > 0) throw codeTaken('Bed', dup[0]!);
      return {
        entityType: 'hub_room',
        entityId: room.id,
        after: { code: room.code, beds: body.beds },
        result: null,
      };
    });
    return setup(actor, stationId);
  }

  async function updateRoom(actor: Actor, meta: RequestMeta | null, roomId: string, body: RoomPatch) {
    const room = await ownedBy(await repo.getRoom(database.db, roomId));
    await setupChange(actor, meta, room.stationId, 'hub.room.update', async (tx) => {
      const patch: Parameters<typeof repo.updateRoom>[3] = { updatedAt: now() };
      if (body.name !== undefined) patch.name = body.name;
      if (body.floor !== undefined) patch.floor = body.floor;
      if (body.status !== undefined) patch.status = body.status;
      if (body.rotateTvKey) patch.tvKey = newTvKey();
      const r = await repo.updateRoom(tx, roomId, body.version, patch);
      if (!r) throw stale();
      if (body.addBeds?.length) {
        const dup = await repo.insertBeds(tx, r, [...new Set(body.addBeds)]);
        if (dup.length > 0) throw codeTaken('Bed', dup[0]!);
      }
      const { tvKey: _k, ...after } = patch;
      return {
        entityType: 'hub_room',
        entityId: roomId,
        after: { ...after, addBeds: body.addBeds, tvKeyRotated: !!body.rotateTvKey },
        result: null,
      };
    });
    return setup(actor, room.stationId);
  }

  async function updateBed(
    actor: Actor,
    meta: RequestMeta | null,
    bedId: string,
    status: repo.BedRow['status'],
  ) {
    const bed = await ownedBy(await repo.getBed(database.db, bedId));
    await setupChange(actor, meta, bed.stationId, 'hub.bed.update', async (tx) => {
      await repo.setBedStatus(tx, bedId, status);
      return { entityType: 'hub_bed', entityId: bedId, after: { status }, result: null };
    });
    return setup(actor, bed.stationId);
  }

  async function createCamera(
    actor: Actor,
    meta: RequestMeta | null,
    stationId: string,
    body: CreateHubCameraInput,
  ) {
    await setupChange(actor, meta, stationId, 'hub.camera.create', async (tx, sid) => {
      const c = await repo.insertCamera(tx, {
        stationId: sid,
        code: body.code,
        name: body.name,
        area: body.area ?? null,
        streamUrl: body.streamUrl ?? null,
        snapshotUrl: body.snapshotUrl ?? null,
      });
      if (!c) throw codeTaken('Camera', body.code);
      return { entityType: 'hub_camera', entityId: c.id, after: cameraDto(c), result: null };
    });
    return setup(actor, stationId);
  }

  async function updateCamera(
    actor: Actor,
    meta: RequestMeta | null,
    cameraId: string,
    body: UpdateHubCameraInput,
  ) {
    const cam = await ownedBy(await repo.getCamera(database.db, cameraId));
    await setupChange(actor, meta, cam.stationId, 'hub.camera.update', async (tx) => {
      const patch: Parameters<typeof repo.updateCamera>[3] = { updatedAt: now() };
      if (body.code !== undefined) patch.code = body.code;
      if (body.name !== undefined) patch.name = body.name;
      if (body.area !== undefined) patch.area = body.area ?? null;
      if (body.streamUrl !== undefined) patch.streamUrl = body.streamUrl ?? null;
      if (body.snapshotUrl !== undefined) patch.snapshotUrl = body.snapshotUrl ?? null;
      let r: repo.CameraRow | null;
      try {
        r = await repo.updateCamera(tx, cameraId, body.version, patch);
      } catch (err) {
        if (pgErrorOf(err)?.code === '23505') throw codeTaken('Camera', body.code ?? '');
        throw err;
      }
      if (!r) throw stale();
      return { entityType: 'hub_camera', entityId: cameraId, after: patch, result: null };
    });
    return setup(actor, cam.stationId);
  }

  async function checkCamera(tx: Db, stationId: string, cameraId: string | null | undefined) {
    if (!cameraId) return;
    const c = await repo.getCamera(tx, cameraId);
    if (!c || c.stationId !== stationId) throw notFound('Camera', 'hub.not_found');
  }

  async function createBay(
    actor: Actor,
    meta: RequestMeta | null,
    stationId: string,
    body: CreateHubBayInput,
  ) {
    await setupChange(actor, meta, stationId, 'hub.bay.create', async (tx, sid) => {
      await checkCamera(tx, sid, body.cameraId);
      const p = await repo.insertBay(tx, {
        stationId: sid,
        code: body.code,
        lengthM: body.lengthM ?? null,
        cameraId: body.cameraId ?? null,
      });
      if (!p) throw codeTaken('Bay', body.code);
      return {
        entityType: 'hub_truck_bay',
        entityId: p.id,
        after: { code: p.code, cameraId: p.cameraId },
        result: null,
      };
    });
    return setup(actor, stationId);
  }

  async function updateBay(actor: Actor, meta: RequestMeta | null, bayId: string, body: UpdateHubBayInput) {
    const bay = await ownedBy(await repo.getBay(database.db, bayId));
    await setupChange(actor, meta, bay.stationId, 'hub.bay.update', async (tx, sid) => {
      const patch: Parameters<typeof repo.updateBay>[3] = { updatedAt: now() };
      if (body.lengthM !== undefined) patch.lengthM = body.lengthM ?? null;
      if (body.cameraId !== undefined) {
        await checkCamera(tx, sid, body.cameraId);
        patch.cameraId = body.cameraId ?? null;
      }
      if (body.status !== undefined) patch.status = body.status;
      const r = await repo.updateBay(tx, bayId, body.version, patch);
      if (!r) throw stale();
      return { entityType: 'hub_truck_bay', entityId: bayId, after: patch, result: null };
    });
    return setup(actor, bay.stationId);
  }

  async function updateTariff(
    actor: Actor,
    meta: RequestMeta | null,
    stationId: string,
    body: UpdateHubTariffInput,
  ) {
    await setupChange(actor, meta, stationId, 'hub.tariff.update', async (tx, sid) => {
      const t = await repo.updateTariff(tx, sid, body.version, {
        ownBeddingFen: body.ownBeddingFen,
        withoutBeddingFen: body.withoutBeddingFen,
        bayFen: body.bayFen,
        updatedAt: now(),
        updatedBy: actor.userId,
      });
      if (!t) throw stale();
      return { entityType: 'hub_tariff', entityId: sid, after: tariffDto(t), result: null };
    });
    return setup(actor, stationId);
  }

  // ---- worker: offer and booking ------------------------------------------------------------

  async function offer(actor: Actor, stationId: string, q: { from?: string | undefined; nights: number }) {
    const s = await requireHub(actor, stationId);
    const db = database.db;
    const d = today();
    const from = q.from ?? d;
    const span = Math.max(q.nights, 1);
    const [tariff, nights, lastPlate] = await Promise.all([
      repo.ensureTariff(db, stationId),
      repo.nightly(db, stationId, from, addDays(from, span)),
      repo.lastPlateOf(db, actor.userId),
    ]);
    const dto: HubOfferDto = {
      stationId,
      stationName: s.name,
      today: d,
      lastStart: addDays(d, HUB_MAX_DAYS_AHEAD),
      maxNights: HUB_MAX_NIGHTS,
      tariff: {
        stationId,
        ownBeddingFen: tariff.ownBeddingFen,
        withoutBeddingFen: tariff.withoutBeddingFen,
        bayFen: tariff.bayFen,
      },
      nights: nights.map((n) => ({ date: n.date, freeBeds: n.freeBeds, freeBays: n.freeBays })),
      lastPlate: lastPlate ? formatPlate(lastPlate) : null,
    };
    return dto;
  }

  const payloadOf = (
    v: repo.BookingView | (repo.BookingRow & { from: string; to: string }),
  ): HubBookingEventPayload => ({
    bookingId: v.id,
    stationId: v.stationId,
    guestUserId: v.guestUserId,
    status: v.status,
    from: v.from,
    to: v.to,
    bedId: v.bedId,
    bayId: v.bayId,
  });

  async function existingByKey(actor: Actor, key: string | undefined): Promise<HubBookingDto | null> {
    if (!key) return null;
    const id = await repo.findByIdempotencyKey(database.db, actor.userId, key);
    if (!id) return null;
    const v = await repo.getBookingView(database.db, id);
    return v ? bookingDto(database.db, v, { userId: actor.userId, keep: false, read: false }) : null;
  }

  /**
   * Books a bed (any free one unless named) and, when asked, a truck bay for `nights` nights
   * from `from`; charges through payments. A repeated Idempotency-Key answers the first booking.
   */
  async function book(
    actor: Actor,
    meta: RequestMeta | null,
    stationId: string,
    body: BookBody,
    idempotencyKey?: string,
  ): Promise<{ created: boolean; booking: HubBookingDto }> {
    const first = await existingByKey(actor, idempotencyKey);
    if (first) return { created: false, booking: first };
    const d = today();
    const problem = stayProblem(body.from, body.nights, d);
    if (problem)
      throw new AppError('hub.dates_invalid', problem, { from: body.from, nights: body.nights, today: d });
    const wantsBay = body.bay || !!body.bayId;
    if (wantsBay && !body.plate)
      throw new AppError('hub.plate_required', 'A truck bay needs the vehicle plate');
    const station = await requireHub(actor, stationId);
    const to = addDays(body.from, body.nights);
    let id: string | null;
    try {
      id = await inTransaction(
        database,
        async (uow) => {
          const { tx } = uow;
          const tariff = await repo.lockStation(tx, stationId);
          if (idempotencyKey) {
            const again = await repo.findByIdempotencyKey(tx, actor.userId, idempotencyKey);
            if (again) return null;
          }
          let bedId: string;
          if (body.bedId) {
            const bed = await repo.getBed(tx, body.bedId);
            const room = bed ? await repo.getRoom(tx, bed.roomId) : null;
            if (!bed || !room || bed.stationId !== stationId) throw notFound('Bed', 'hub.not_found');
            if (bed.status !== 'in_service' || room.status !== 'in_service')
              throw new AppError('hub.bed_taken', 'The bed is out of service');
            if (await repo.isHeld(tx, 'bed', bed.id, body.from, to))
              throw new AppError('hub.bed_taken', 'The bed is already booked for those nights');
            bedId = bed.id;
          } else {
            const free = await repo.freeBeds(tx, stationId, body.from, to);
            if (free.length === 0)
              throw new AppError('hub.full', 'No bed is free for all those nights', { resource: 'beds' });
            bedId = free[0]!;
          }
          let bayId: string | null = null;
          if (body.bayId) {
            const bay = await repo.getBay(tx, body.bayId);
            if (!bay || bay.stationId !== stationId) throw notFound('Bay', 'hub.not_found');
            if (bay.status !== 'in_service' || (await repo.isHeld(tx, 'bay', bay.id, body.from, to)))
              throw new AppError('hub.bay_taken', 'The truck bay is already booked for those nights');
            bayId = bay.id;
          } else if (wantsBay) {
            const free = await repo.freeBays(tx, stationId, body.from, to);
            if (free.length === 0)
              throw new AppError('hub.full', 'No truck bay is free for all those nights', {
                resource: 'truck_bays',
              });
            bayId = free[0]!;
          }
          const amountFen = priceOf(tariff, body.nights, body.ownBedding, bayId !== null);
          const at = now();
          const row = await repo.insertBooking(tx, {
            stationId,
            guestUserId: actor.userId,
            bedId,
            bayId,
            nights: repo.rangeOf(body.from, to),
            ownBedding: body.ownBedding,
            plate: wantsBay || body.plate ? (body.plate ?? null) : null,
            amountFen,
            status: 'booked',
            idempotencyKey: idempotencyKey ?? null,
            createdBy: actor.userId,
            createdAt: at,
            updatedAt: at,
          });
          const view = (await repo.getBookingView(tx, row.id))!;
          await payments.charge(tx, {
            stationId,
            purpose: 'lodging',
            refId: row.id,
            description: `${station.name} 住宿 ${body.nights} 晚（${body.from} 入住，${view.roomCode}房 ${view.bedCode} 床${
              view.bayCode ? `，车位 ${view.bayCode}` : ''
            }${body.ownBedding ? '，自带被褥' : ''}）`,
            quantity: body.nights,
            unit: 'night',
            amountFen,
            payerUserId: actor.userId,
          });
          await writeAudit(tx, actor, meta, {
            action: 'hub.booking.create',
            entityType: 'hub_booking',
            entityId: row.id,
            after: { stationId, bedId, bayId, from: body.from, to, amountFen, ownBedding: body.ownBedding },
          });
          await deps.events.publish(uow, 'hub.booking.created', payloadOf(view), actor.userId);
          await syncCapacity(uow, stationId);
          return row.id;
        },
        onAfterCommitError,
      );
    } catch (err) {
      const pg = pgErrorOf(err);
      // The same key raced past the lock on another station: answer the first booking.
      if (pg?.code === '23505' && idempotencyKey && `${pg.constraint} ${pg.message}`.includes('idempotency'))
        id = null;
      else throw mapExclusion(err);
    }
    if (id === null) {
      const again = await existingByKey(actor, idempotencyKey);
      if (!again) throw new AppError('hub.conflict', 'The booking could not be recorded; try again');
      return { created: false, booking: again };
    }
    const v = (await repo.getBookingView(database.db, id))!;
    return {
      created: true,
      booking: await bookingDto(database.db, v, { userId: actor.userId, keep: false, read: false }),
    };
  }

  async function mine(actor: Actor): Promise<HubBookingsDto> {
    const views = await repo.bookingsOfGuest(database.db, actor.userId);
    return {
      items: await bookingDtos(database.db, views, { userId: actor.userId, keep: false, read: false }),
    };
  }

  /** The booking if the actor is its guest or may read or keep its station; 404 otherwise. */
  async function visible(db: Db, actor: Actor, id: string, lock = false) {
    const v = await repo.getBookingView(db, id, lock);
    if (!v) throw notFound('Booking', 'hub.booking_not_found');
    const a = await accessOf(db, actor, v.stationId).catch(() => null);
    const staff = !!a && (a.read || a.keep);
    if (!staff && v.guestUserId !== actor.userId) throw notFound('Booking', 'hub.booking_not_found');
    return { view: v, viewer: { userId: actor.userId, keep: !!a?.keep, read: !!a?.read } };
  }

  async function getBooking(actor: Actor, id: string): Promise<HubBookingDto> {
    const { view, viewer } = await visible(database.db, actor, id);
    return bookingDto(database.db, view, viewer);
  }

  const AUDIT: Record<BookingAction, string> = {
    cancel: 'hub.booking.cancel',
    checkIn: 'hub.booking.check_in',
    checkOut: 'hub.booking.check_out',
    noShow: 'hub.booking.no_show',
  };

  /** Cancel (guest or keeper, before check-in), check in, check out, no-show (keepers). */
  async function transition(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
    action: BookingAction,
  ): Promise<HubBookingDto> {
    const { view: first } = await visible(database.db, actor, id);
    const viewer = await inTransaction(
      database,
      async (uow) => {
        const { tx } = uow;
        await repo.lockStation(tx, first.stationId);
        const { view: v, viewer } = await visible(tx, actor, id, true);
        const mayAct = action === 'cancel' ? viewer.keep || v.guestUserId === actor.userId : viewer.keep;
        if (!mayAct) throw forbidden('Only the station’s keepers do this');
        const d = today();
        const next = nextStatus(v, action, d);
        if (!next)
          throw new AppError('hub.transition_invalid', `Cannot ${action} a booking that is ${v.status}`, {
            status: v.status,
            from: v.from,
            today: d,
          });
        const at = now();
        const patch: Parameters<typeof repo.setBookingStatus>[3] = { status: next, updatedAt: at };
        if (action === 'checkIn') Object.assign(patch, { checkedInAt: at, checkedInBy: actor.userId });
        if (action === 'checkOut') Object.assign(patch, { checkedOutAt: at, checkedOutBy: actor.userId });
        if (action === 'cancel' || action === 'noShow')
          Object.assign(patch, { cancelledAt: at, cancelledBy: actor.userId });
        if (!(await repo.setBookingStatus(tx, v.id, v.status, patch)))
          throw new AppError('hub.conflict', 'The booking changed meanwhile; reload');
        if (action === 'cancel')
          await payments.voidFor(
            tx,
            'lodging',
            v.id,
            actor.userId,
            v.guestUserId === actor.userId ? '住客取消预订' : '前台取消预订',
          );
        await writeAudit(tx, actor, meta, {
          action: AUDIT[action],
          entityType: 'hub_booking',
          entityId: v.id,
          before: { status: v.status },
          after: { status: next },
        });
        await deps.events.publish(
          uow,
          'hub.booking.changed',
          { ...payloadOf(v), status: next, previousStatus: v.status },
          actor.userId,
        );
        if (isLive(v.status) !== isLive(next)) await syncCapacity(uow, v.stationId);
        return viewer;
      },
      onAfterCommitError,
    );
    const v = (await repo.getBookingView(database.db, id))!;
    return bookingDto(database.db, v, viewer);
  }

  // ---- console: bookings board --------------------------------------------------------------

  async function board(actor: Actor, stationId: string, date?: string): Promise<HubBoardDto> {
    const db = database.db;
    const a = await accessOf(db, actor, stationId);
    if (!a.read && !a.keep) throw forbidden('You may not see this station’s bookings');
    const day = date ?? today();
    const [rooms, beds, bays, cameras, views] = await Promise.all([
      repo.listRooms(db, stationId),
      repo.listBeds(db, stationId),
      repo.listBays(db, stationId),
      repo.listCameras(db, stationId),
      repo.bookingsAround(db, stationId, day),
    ]);
    const viewer: Viewer = { userId: actor.userId, keep: a.keep, read: a.read };
    const dtos = await bookingDtos(db, views, viewer);
    const byId = new Map(dtos.map((b) => [b.id, b]));
    const tonight = views.filter((v) => isLive(v.status) && v.from <= day && day < v.to);
    const bedHolder = new Map(tonight.map((v) => [v.bedId, v]));
    const bayHolder = new Map(tonight.filter((v) => v.bayId).map((v) => [v.bayId!, v]));
    const place = (id: string, code: string, inService: boolean, holder: repo.BookingView | undefined) => {
      const state: HubPlaceState = !inService
        ? 'out_of_service'
        : !holder
          ? 'free'
          : holder.status === 'checked_in'
            ? 'occupied'
            : 'booked';
      const dto = holder ? byId.get(holder.id) : undefined;
      return {
        id,
        code,
        state,
        bookingId: holder?.id ?? null,
        guestName: holder?.guestName ?? null,
        plate: dto?.plate ?? null,
      };
    };
    const camName = new Map(cameras.map((c) => [c.id, c.name]));
    const roomDtos = rooms.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      status: r.status,
      beds: beds
        .filter((b) => b.roomId === r.id)
        .map((b) =>
          place(b.id, b.code, b.status === 'in_service' && r.status === 'in_service', bedHolder.get(b.id)),
        ),
    }));
    const bayDtos = bays.map((p) => ({
      ...place(p.id, p.code, p.status === 'in_service', bayHolder.get(p.id)),
      cameraName: p.cameraId ? (camName.get(p.cameraId) ?? null) : null,
    }));
    const allBeds = roomDtos.flatMap((r) => r.beds).filter((b) => b.state !== 'out_of_service');
    const liveBays = bayDtos.filter((b) => b.state !== 'out_of_service');
    return {
      stationId,
      stationName: a.station.name,
      date: day,
      rooms: roomDtos,
      bays: bayDtos,
      counts: {
        beds: allBeds.length,
        bedsFree: allBeds.filter((b) => b.state === 'free').length,
        bays: liveBays.length,
        baysFree: liveBays.filter((b) => b.state === 'free').length,
      },
      arrivals: dtos.filter((b) => b.from === day && b.status !== 'cancelled'),
      departures: dtos.filter(
        (b) => b.to === day && (b.status === 'checked_in' || b.status === 'checked_out'),
      ),
      inHouse: dtos.filter((b) => b.status === 'checked_in'),
    };
  }

  // ---- room TV and cameras ------------------------------------------------------------------

  function keyMatches(expected: string, given: string): boolean {
    const a = Buffer.from(expected);
    const b = Buffer.from(given);
    return a.length === b.length && crypto.timingSafeEqual(a, b);
  }

  /** The room TV page: no sign-in, the room's key. A wrong key or room answers the same 404. */
  async function tv(roomId: string, key: string): Promise<HubTvDto> {
    const db = database.db;
    const room = await repo.getRoom(db, roomId);
    if (!room || !keyMatches(room.tvKey, key))
      throw new AppError('hub.tv_key_invalid', 'Unknown room TV link');
    const a = await accessOf(db, null, room.stationId).catch(() => null);
    const cameras = await repo.listCameras(db, room.stationId);
    const guests = await repo.currentOfRoom(db, room.id, today());
    const watched = new Set(guests.map((g) => g.cameraId).filter((x): x is string => !!x));
    const mine = cameras.filter((c) => watched.has(c.id));
    return {
      stationName: a?.station.name ?? '',
      roomCode: room.code,
      guests: guests.map((g) => ({
        plate: g.plate ? maskPlate(g.plate) : null,
        bayCode: g.bayCode,
        to: g.to,
      })),
      cameras: (mine.length > 0 ? mine : cameras).map(publicCamera),
    };
  }

  async function placeholder(cameraId: string): Promise<string> {
    const c = await repo.getCamera(database.db, cameraId);
    if (!c) throw notFound('Camera', 'hub.not_found');
    return placeholderSvg(c, now());
  }

  /**
   * The camera's current picture, through the server (the page's CSP allows only this origin):
   * for the station's staff, a guest whose booked bay the camera watches, or a room TV of the
   * station (`k`). Anyone else: 404.
   */
  async function snapshot(
    actor: Actor | null,
    cameraId: string,
    key: string | undefined,
  ): Promise<{ type: string; body: Buffer | string }> {
    const db = database.db;
    const c = await repo.getCamera(db, cameraId);
    if (!c) throw notFound('Camera', 'hub.not_found');
    let ok = false;
    if (key) ok = await repo.isRoomKeyOf(db, c.stationId, key);
    if (!ok && actor) {
      const a = await accessOf(db, actor, c.stationId).catch(() => null);
      ok = !!a && (a.read || a.keep);
      if (!ok) ok = await repo.guestWatches(db, actor.userId, c.id, today());
    }
    if (!ok) throw notFound('Camera', 'hub.not_found');
    if (!c.snapshotUrl) throw new AppError('hub.snapshot_unavailable', 'The camera has no snapshot address');
    const url = new URL(c.snapshotUrl);
    const local = url.origin === publicOrigin ? PLACEHOLDER_PATH.exec(url.pathname) : null;
    if (local) {
      const target = local[1] === c.id ? c : await repo.getCamera(db, local[1]!);
      if (!target) throw new AppError('hub.snapshot_unavailable', 'The placeholder camera is gone');
      return { type: 'image/svg+xml; charset=utf-8', body: placeholderSvg(target, now()) };
    }
    try {
      return await fetchSnapshot(c.snapshotUrl);
    } catch (err) {
      deps.log.warn({ err, cameraId }, 'camera snapshot failed');
      throw new AppError('hub.snapshot_unavailable', 'The camera did not answer');
    }
  }

  return {
    setup,
    createRoom,
    updateRoom,
    updateBed,
    createCamera,
    updateCamera,
    createBay,
    updateBay,
    updateTariff,
    offer,
    book,
    mine,
    getBooking,
    cancel: (actor: Actor, meta: RequestMeta | null, id: string) => transition(actor, meta, id, 'cancel'),
    checkIn: (actor: Actor, meta: RequestMeta | null, id: string) => transition(actor, meta, id, 'checkIn'),
    checkOut: (actor: Actor, meta: RequestMeta | null, id: string) => transition(actor, meta, id, 'checkOut'),
    noShow: (actor: Actor, meta: RequestMeta | null, id: string) => transition(actor, meta, id, 'noShow'),
    board,
    tv,
    placeholder,
    snapshot,
    /** Recount tonight into the station's capacity (seed). */
    syncCapacity,
  };
}
