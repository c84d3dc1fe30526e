import type { HubBookingStatus, HubRoomStatus } from '@nuanxin/shared';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { hubBed, hubBooking, hubCamera, hubRoom, hubTariff, hubTruckBay } from './hub.tables.ts';

/** SQL of the 暖心之家 hub (docs/hub.md). No rules here: the service decides. */

export type RoomRow = typeof hubRoom.$inferSelect;
export type BedRow = typeof hubBed.$inferSelect;
export type CameraRow = typeof hubCamera.$inferSelect;
export type BayRow = typeof hubTruckBay.$inferSelect;
export type TariffRow = typeof hubTariff.$inferSelect;
export type BookingRow = typeof hubBooking.$inferSelect;

async function rows<T>(db: Db, q: SQL): Promise<T[]> {
  return ((await db.execute(q)) as unknown as { rows: T[] }).rows;
}

/** Statuses that hold a bed or bay (the EXCLUDE constraints' condition). */
export const LIVE = sql`('booked', 'checked_in')`;

/** `[from, to)` as a daterange literal. */
export const rangeOf = (from: string, to: string) => `[${from},${to})`;

// ---- tariff and the station lock --------------------------------------------------------------

export async function ensureTariff(db: Db, stationId: string): Promise<TariffRow> {
  await db.insert(hubTariff).values({ stationId }).onConflictDoNothing();
  const [t] = await db.select().from(hubTariff).where(eq(hubTariff.stationId, stationId));
  return t!;
}

/**
 * Takes the station's booking lock (its tariff row, FOR UPDATE) for the rest of the transaction:
 * every booking change of one station runs one after the other, so choosing a free bed, charging
 * and recounting tonight's capacity see each other's commits.
 */
export async function lockStation(db: Db, stationId: string): Promise<TariffRow> {
  await db.insert(hubTariff).values({ stationId }).onConflictDoNothing();
  const [t] = await db.select().from(hubTariff).where(eq(hubTariff.stationId, stationId)).for('update');
  return t!;
}

export async function updateTariff(
  db: Db,
  stationId: string,
  version: number,
  patch: Pick<TariffRow, 'ownBeddingFen' | 'withoutBeddingFen' | 'bayFen' | 'updatedAt' | 'updatedBy'>,
): Promise<TariffRow | null> {
  const [t] = await db
    .update(hubTariff)
    .set({ ...patch, version: sql`${hubTariff.version} + 1` })
    .where(and(eq(hubTariff.stationId, stationId), eq(hubTariff.version, version)))
    .returning();
  return t ?? null;
}

// ---- rooms, beds, cameras, bays ---------------------------------------------------------------

export async function listRooms(db: Db, stationId: string): Promise<RoomRow[]> {
  return db.select().from(hubRoom).where(eq(hubRoom.stationId, stationId)).orderBy(asc(hubRoom.code));
}

export async function listBeds(db: Db, stationId: string): Promise<BedRow[]> {
  return db.select().from(hubBed).where(eq(hubBed.stationId, stationId)).orderBy(asc(hubBed.code));
}

export async function getRoom(db: Db, id: string): Promise<RoomRow | null> {
  const [r] = await db.select().from(hubRoom).where(eq(hubRoom.id, id));
  return r ?? null;
}

export async function getBed(db: Db, id: string): Promise<BedRow | null> {
  const [r] = await db.select().from(hubBed).where(eq(hubBed.id, id));
  return r ?? null;
}

/** Inserts a room; null when the station already has that room number. */
export async function insertRoom(db: Db, row: typeof hubRoom.$inferInsert): Promise<RoomRow | null> {
  const [r] = await db.insert(hubRoom).values(row).onConflictDoNothing().returning();
  return r ?? null;
}

/** Inserts beds; answers the codes that already existed in the room. */
export async function insertBeds(
  db: Db,
  room: { id: string; stationId: string },
  codes: readonly string[],
): Promise<string[]> {
  if (codes.length === 0) return [];
  const done = await db
    .insert(hubBed)
    .values(codes.map((code) => ({ roomId: room.id, stationId: room.stationId, code })))
    .onConflictDoNothing()
    .returning({ code: hubBed.code });
  const made = new Set(done.map((d) => d.code));
  return codes.filter((c) => !made.has(c));
}

export async function updateRoom(
  db: Db,
  id: string,
  version: number,
  patch: Partial<Pick<RoomRow, 'name' | 'floor' | 'status' | 'tvKey'>> & { updatedAt: Date },
): Promise<RoomRow | null> {
  const [r] = await db
    .update(hubRoom)
    .set({ ...patch, version: sql`${hubRoom.version} + 1` })
    .where(and(eq(hubRoom.id, id), eq(hubRoom.version, version)))
    .returning();
  return r ?? null;
}

export async function setBedStatus(db: Db, id: string, status: HubRoomStatus): Promise<BedRow | null> {
  const [r] = await db.update(hubBed).set({ status }).where(eq(hubBed.id, id)).returning();
  return r ?? null;
}

export async function listCameras(db: Db, stationId: string): Promise<CameraRow[]> {
  return db.select().from(hubCamera).where(eq(hubCamera.stationId, stationId)).orderBy(asc(hubCamera.code));
}

export async function getCamera(db: Db, id: string): Promise<CameraRow | null> {
  const [r] = await db.select().from(hubCamera).where(eq(hubCamera.id, id));
  return r ?? null;
}

export async function insertCamera(db: Db, row: typeof hubCamera.$inferInsert): Promise<CameraRow | null> {
  const [r] = await db.insert(hubCamera).values(row).onConflictDoNothing().returning();
  return r ?? null;
}

export async function updateCamera(
  db: Db,
  id: string,
  version: number,
  patch: Partial<Pick<CameraRow, 'code' | 'name' | 'area' | 'streamUrl' | 'snapshotUrl'>> & {
    updatedAt: Date;
  },
): Promise<CameraRow | null> {
  const [r] = await db
    .update(hubCamera)
    .set({ ...patch, version: sql`${hubCamera.version} + 1` })
    .where(and(eq(hubCamera.id, id), eq(hubCamera.version, version)))
    .returning();
  return r ?? null;
}

export async function listBays(db: Db, stationId: string): Promise<BayRow[]> {
  return db
    .select()
    .from(hubTruckBay)
    .where(eq(hubTruckBay.stationId, stationId))
    .orderBy(asc(hubTruckBay.code));
}

export async function getBay(db: Db, id: string): Promise<BayRow | null> {
  const [r] = await db.select().from(hubTruckBay).where(eq(hubTruckBay.id, id));
  return r ?? null;
}

export async function insertBay(db: Db, row: typeof hubTruckBay.$inferInsert): Promise<BayRow | null> {
  const [r] = await db.insert(hubTruckBay).values(row).onConflictDoNothing().returning();
  return r ?? null;
}

export async function updateBay(
  db: Db,
  id: string,
  version: number,
  patch: Partial<Pick<BayRow, 'lengthM' | 'cameraId' | 'status'>> & { updatedAt: Date },
): Promise<BayRow | null> {
  const [r] = await db
    .update(hubTruckBay)
    .set({ ...patch, version: sql`${hubTruckBay.version} + 1` })
    .where(and(eq(hubTruckBay.id, id), eq(hubTruckBay.version, version)))
    .returning();
  return r ?? null;
}

// ---- availability -----------------------------------------------------------------------------

/** Beds in service (room and bed) of the station that no live booking holds on any of `[from, to)`. */
export async function freeBeds(db: Db, stationId: string, from: string, to: string): Promise<string[]> {
  const r = await rows<{ id: string }>(
    db,
    sql`select b.id from hub_bed b join hub_room r on r.id = b.room_id
         where b.station_id = ${stationId} and b.status = 'in_service' and r.status = 'in_service'
           and not exists (select 1 from hub_booking k where k.bed_id = b.id and k.status in ${LIVE}
                             and k.nights && daterange(${from}::date, ${to}::date))
         order by r.code, b.code`,
  );
  return r.map((x) => x.id);
}

export async function freeBays(db: Db, stationId: string, from: string, to: string): Promise<string[]> {
  const r = await rows<{ id: string }>(
    db,
    sql`select p.id from hub_truck_bay p
         where p.station_id = ${stationId} and p.status = 'in_service'
           and not exists (select 1 from hub_booking k where k.bay_id = p.id and k.status in ${LIVE}
                             and k.nights && daterange(${from}::date, ${to}::date))
         order by p.code`,
  );
  return r.map((x) => x.id);
}

/** Whether the bed or bay is held by a live booking on some night of `[from, to)`. */
export async function isHeld(
  db: Db,
  kind: 'bed' | 'bay',
  id: string,
  from: string,
  to: string,
): Promise<boolean> {
  const col = kind === 'bed' ? sql`bed_id` : sql`bay_id`;
  const r = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from hub_booking where ${col} = ${id} and status in ${LIVE}
         and nights && daterange(${from}::date, ${to}::date)`,
  );
  return (r[0]?.n ?? 0) > 0;
}

/** Free beds and bays for each night of `[from, to)`. */
export async function nightly(
  db: Db,
  stationId: string,
  from: string,
  to: string,
): Promise<{ date: string; beds: number; freeBeds: number; bays: number; freeBays: number }[]> {
  const r = await rows<{ date: string; beds: number; held_beds: number; bays: number; held_bays: number }>(
    db,
    sql`with d as (select g::date as day from generate_series(${from}::date, ${to}::date - 1, interval '1 day') g),
             beds as (select count(*)::int as n from hub_bed b join hub_room r on r.id = b.room_id
                       where b.station_id = ${stationId} and b.status = 'in_service' and r.status = 'in_service'),
             bays as (select count(*)::int as n from hub_truck_bay p
                       where p.station_id = ${stationId} and p.status = 'in_service')
        select d.day::text as date, (select n from beds) as beds, (select n from bays) as bays,
               (select count(distinct k.bed_id)::int from hub_booking k join hub_bed b on b.id = k.bed_id
                  join hub_room r on r.id = b.room_id
                 where k.station_id = ${stationId} and k.status in ${LIVE} and k.nights @> d.day
                   and b.status = 'in_service' and r.status = 'in_service') as held_beds,
               (select count(distinct k.bay_id)::int from hub_booking k join hub_truck_bay p on p.id = k.bay_id
                 where k.station_id = ${stationId} and k.status in ${LIVE} and k.nights @> d.day
                   and p.status = 'in_service') as held_bays
          from d order by d.day`,
  );
  return r.map((x) => ({
    date: x.date,
    beds: Number(x.beds),
    freeBeds: Math.max(0, Number(x.beds) - Number(x.held_beds)),
    bays: Number(x.bays),
    freeBays: Math.max(0, Number(x.bays) - Number(x.held_bays)),
  }));
}

// ---- bookings ---------------------------------------------------------------------------------

/** A booking with what every view of it shows. */
export interface BookingView {
  id: string;
  stationId: string;
  guestUserId: string;
  guestName: string;
  guestPhoneMasked: string;
  roomId: string;
  roomCode: string;
  bedId: string;
  bedCode: string;
  bayId: string | null;
  bayCode: string | null;
  cameraId: string | null;
  from: string;
  to: string;
  ownBedding: boolean;
  plate: string | null;
  amountFen: number;
  status: HubBookingStatus;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  createdAt: Date;
  createdBy: string;
}

const viewSelect = sql`select k.id, k.station_id, k.guest_user_id, u.name as guest_name,
    u.phone_masked as guest_phone_masked, r.id as room_id, r.code as room_code, b.id as bed_id,
    b.code as bed_code, p.id as bay_id, p.code as bay_code, p.camera_id,
    lower(k.nights)::text as "from", upper(k.nights)::text as "to", k.own_bedding, k.plate, k.amount_fen,
    k.status, k.checked_in_at, k.checked_out_at, k.created_at, k.created_by
  from hub_booking k join app_user u on u.id = k.guest_user_id join hub_bed b on b.id = k.bed_id
  join hub_room r on r.id = b.room_id left join hub_truck_bay p on p.id = k.bay_id`;

interface RawView {
  id: string;
  station_id: string;
  guest_user_id: string;
  guest_name: string;
  guest_phone_masked: string;
  room_id: string;
  room_code: string;
  bed_id: string;
  bed_code: string;
  bay_id: string | null;
  bay_code: string | null;
  camera_id: string | null;
  from: string;
  to: string;
  own_bedding: boolean;
  plate: string | null;
  amount_fen: number;
  status: HubBookingStatus;
  checked_in_at: string | Date | null;
  checked_out_at: string | Date | null;
  created_at: string | Date;
  created_by: string;
}

const toDate = (v: string | Date | null): Date | null =>
  v === null ? null : v instanceof Date ? v : new Date(v);

function viewOf(x: RawView): BookingView {
  return {
    id: x.id,
    stationId: x.station_id,
    guestUserId: x.guest_user_id,
    guestName: x.guest_name,
    guestPhoneMasked: x.guest_phone_masked,
    roomId: x.room_id,
    roomCode: x.room_code,
    bedId: x.bed_id,
    bedCode: x.bed_code,
    bayId: x.bay_id,
    bayCode: x.bay_code,
    cameraId: x.camera_id,
    from: x.from,
    to: x.to,
    ownBedding: x.own_bedding,
    plate: x.plate,
    amountFen: Number(x.amount_fen),
    status: x.status,
    checkedInAt: toDate(x.checked_in_at),
    checkedOutAt: toDate(x.checked_out_at),
    createdAt: toDate(x.created_at)!,
    createdBy: x.created_by,
  };
}

export async function getBookingView(db: Db, id: string, lock = false): Promise<BookingView | null> {
  const r = await rows<RawView>(
    db,
    sql`${viewSelect} where k.id = ${id} ${lock ? sql`for update of k` : sql``}`,
  );
  return r[0] ? viewOf(r[0]) : null;
}

export async function bookingsOfGuest(db: Db, userId: string, limit = 50): Promise<BookingView[]> {
  const r = await rows<RawView>(
    db,
    sql`${viewSelect} where k.guest_user_id = ${userId} order by lower(k.nights) desc, k.created_at desc limit ${limit}`,
  );
  return r.map(viewOf);
}

/** Bookings of the station whose stay touches `[from, to]` (check-out day included), any status. */
export async function bookingsAround(db: Db, stationId: string, date: string): Promise<BookingView[]> {
  const r = await rows<RawView>(
    db,
    sql`${viewSelect} where k.station_id = ${stationId}
          and (k.nights @> ${date}::date or lower(k.nights) = ${date}::date or upper(k.nights) = ${date}::date
               or k.status = 'checked_in')
        order by r.code, b.code`,
  );
  return r.map(viewOf);
}

/** The live bookings of the room covering `date` (the TV page's guests), by bed. */
export async function currentOfRoom(db: Db, roomId: string, date: string): Promise<BookingView[]> {
  const r = await rows<RawView>(
    db,
    sql`${viewSelect} where r.id = ${roomId} and k.status in ${LIVE} and k.nights @> ${date}::date
        order by b.code`,
  );
  return r.map(viewOf);
}

export async function findByIdempotencyKey(db: Db, userId: string, key: string): Promise<string | null> {
  const [r] = await db
    .select({ id: hubBooking.id })
    .from(hubBooking)
    .where(and(eq(hubBooking.createdBy, userId), eq(hubBooking.idempotencyKey, key)));
  return r?.id ?? null;
}

export async function insertBooking(db: Db, row: typeof hubBooking.$inferInsert): Promise<BookingRow> {
  const [r] = await db.insert(hubBooking).values(row).returning();
  return r!;
}

export async function setBookingStatus(
  db: Db,
  id: string,
  from: HubBookingStatus,
  patch: Partial<BookingRow> & { status: HubBookingStatus; updatedAt: Date },
): Promise<boolean> {
  const r = await db
    .update(hubBooking)
    .set(patch)
    .where(and(eq(hubBooking.id, id), eq(hubBooking.status, from)))
    .returning({ id: hubBooking.id });
  return r.length > 0;
}

export async function lastPlateOf(db: Db, userId: string): Promise<string | null> {
  const r = await rows<{ plate: string }>(
    db,
    sql`select plate from hub_booking where guest_user_id = ${userId} and plate is not null
        order by created_at desc limit 1`,
  );
  return r[0]?.plate ?? null;
}

/** Whether the user holds a live booking with a bay watched by the camera, covering `date` or later. */
export async function guestWatches(db: Db, userId: string, cameraId: string, date: string): Promise<boolean> {
  const r = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from hub_booking k join hub_truck_bay p on p.id = k.bay_id
         where k.guest_user_id = ${userId} and p.camera_id = ${cameraId} and k.status in ${LIVE}
           and upper(k.nights) >= ${date}::date`,
  );
  return (r[0]?.n ?? 0) > 0;
}

/** Whether `key` is the TV key of a room of the station. */
export async function isRoomKeyOf(db: Db, stationId: string, key: string): Promise<boolean> {
  const [r] = await db
    .select({ id: hubRoom.id })
    .from(hubRoom)
    .where(and(eq(hubRoom.stationId, stationId), eq(hubRoom.tvKey, key)));
  return !!r;
}
