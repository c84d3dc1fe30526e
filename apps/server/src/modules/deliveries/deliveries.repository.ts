import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, ne, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/client.ts';
import { appUser } from '../identity/identity.tables.ts';
import { organisation } from '../orgs/orgs.tables.ts';
import { station, stationService } from '../stations/stations.tables.ts';
import { beneficiary, deliveryVolunteer, mealDelivery, residentSession } from './deliveries.tables.ts';

/** Queries of home meal delivery. SQL only: the service builds scopes and applies the rules. */

export type BeneficiaryRow = typeof beneficiary.$inferSelect;
export type NewBeneficiaryRow = typeof beneficiary.$inferInsert;
export type DeliveryRow = typeof mealDelivery.$inferSelect;
export type NewDeliveryRow = typeof mealDelivery.$inferInsert;

/** Services that make a station a place that cooks for home delivery (besides kind `canteen`). */
export const MEAL_SERVICES = ['meals', 'meal_delivery'] as const;

// ---- beneficiaries -------------------------------------------------------------------------

export async function insertBeneficiary(tx: Db, values: NewBeneficiaryRow): Promise<BeneficiaryRow> {
  const [row] = await tx.insert(beneficiary).values(values).returning();
  return row!;
}

export async function updateBeneficiary(
  tx: Db,
  id: string,
  patch: Partial<NewBeneficiaryRow>,
): Promise<BeneficiaryRow> {
  const [row] = await tx.update(beneficiary).set(patch).where(eq(beneficiary.id, id)).returning();
  return row!;
}

const beneficiaryColumns = {
  b: beneficiary,
  communityName: organisation.name,
  communityPath: organisation.path,
  communityRegion: organisation.regionCode,
};

export async function listBeneficiaries(db: Db, where: SQL | undefined, limit: number, offset = 0) {
  return db
    .select(beneficiaryColumns)
    .from(beneficiary)
    .innerJoin(organisation, eq(organisation.id, beneficiary.communityOrgId))
    .where(where)
    .orderBy(asc(beneficiary.status), asc(organisation.name), asc(beneficiary.name), asc(beneficiary.id))
    .limit(limit)
    .offset(offset);
}
export type BeneficiaryNamedRow = Awaited<ReturnType<typeof listBeneficiaries>>[number];

export async function countBeneficiaries(db: Db, where: SQL | undefined): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(beneficiary)
    .innerJoin(organisation, eq(organisation.id, beneficiary.communityOrgId))
    .where(where);
  return Number(r?.n ?? 0);
}

export async function getBeneficiary(db: Db, id: string, lock = false): Promise<BeneficiaryNamedRow | null> {
  const q = db
    .select(beneficiaryColumns)
    .from(beneficiary)
    .innerJoin(organisation, eq(organisation.id, beneficiary.communityOrgId))
    .where(eq(beneficiary.id, id));
  const [r] = lock ? await q.for('update', { of: beneficiary }) : await q;
  return r ?? null;
}

/** An organisation with what the scope check needs. */
export async function getOrgFacts(db: Db, id: string) {
  const [r] = await db
    .select({
      id: organisation.id,
      name: organisation.name,
      kind: organisation.kind,
      path: organisation.path,
      regionCode: organisation.regionCode,
    })
    .from(organisation)
    .where(eq(organisation.id, id));
  return r ?? null;
}

/** Communities (kind `community`) matching `where`, by name. */
export async function communities(db: Db, where: SQL) {
  return db
    .select({ id: organisation.id, name: organisation.name })
    .from(organisation)
    .where(and(eq(organisation.kind, 'community'), where))
    .orderBy(asc(organisation.name))
    .limit(200);
}

// ---- canteens ------------------------------------------------------------------------------

const cooksMeals = sql`(${station.kind} = 'canteen' or exists (select 1 from ${stationService} ss where ss.station_id = ${station.id} and ss.service_code in ('meals', 'meal_delivery')))`;

/** Active stations that cook for home delivery, by name. */
export async function canteens(db: Db) {
  return db
    .select({
      id: station.id,
      name: station.name,
      address: station.address,
      lat: station.lat,
      lng: station.lng,
    })
    .from(station)
    .where(and(eq(station.status, 'active'), cooksMeals))
    .orderBy(asc(station.name));
}

/** The station, if it is active and cooks for home delivery. */
export async function canteen(db: Db, id: string) {
  const [r] = await db
    .select({
      id: station.id,
      name: station.name,
      address: station.address,
      lat: station.lat,
      lng: station.lng,
    })
    .from(station)
    .where(and(eq(station.id, id), eq(station.status, 'active'), cooksMeals));
  return r ?? null;
}

// ---- deliveries ----------------------------------------------------------------------------

export async function insertDelivery(tx: Db, values: NewDeliveryRow): Promise<DeliveryRow> {
  const [row] = await tx.insert(mealDelivery).values(values).returning();
  return row!;
}

/** The delivery row, locked for the change (`for update`: two claims queue here). */
export async function getDeliveryForUpdate(tx: Db, id: string): Promise<DeliveryRow | null> {
  const [r] = await tx.select().from(mealDelivery).where(eq(mealDelivery.id, id)).for('update');
  return r ?? null;
}

export async function updateDelivery(
  tx: Db,
  id: string,
  patch: Partial<NewDeliveryRow>,
): Promise<DeliveryRow> {
  const [row] = await tx.update(mealDelivery).set(patch).where(eq(mealDelivery.id, id)).returning();
  return row!;
}

const rider = alias(appUser, 'md_rider');
const filer = alias(appUser, 'md_filer');

const deliveryColumns = {
  d: mealDelivery,
  beneficiaryName: beneficiary.name,
  beneficiaryPhoneMasked: beneficiary.phoneMasked,
  address: beneficiary.address,
  street: beneficiary.street,
  lat: beneficiary.lat,
  lng: beneficiary.lng,
  freeMeals: beneficiary.freeMeals,
  communityOrgId: beneficiary.communityOrgId,
  communityName: organisation.name,
  communityPath: organisation.path,
  communityRegion: organisation.regionCode,
  stationName: station.name,
  stationAddress: station.address,
  stationLat: station.lat,
  stationLng: station.lng,
  riderName: rider.name,
  filedByName: filer.name,
};

function deliveriesFrom(db: Db) {
  return db
    .select(deliveryColumns)
    .from(mealDelivery)
    .innerJoin(beneficiary, eq(beneficiary.id, mealDelivery.beneficiaryId))
    .innerJoin(organisation, eq(organisation.id, beneficiary.communityOrgId))
    .innerJoin(station, eq(station.id, mealDelivery.stationId))
    .leftJoin(rider, eq(rider.id, mealDelivery.riderUserId))
    .leftJoin(filer, eq(filer.id, mealDelivery.filedBy));
}

/** Deliveries with the names the board shows, by window. */
export async function listDeliveries(db: Db, where: SQL | undefined, limit: number, offset = 0) {
  return deliveriesFrom(db)
    .where(where)
    .orderBy(asc(mealDelivery.startsAt), asc(mealDelivery.createdAt), asc(mealDelivery.id))
    .limit(limit)
    .offset(offset);
}
export type DeliveryNamedRow = Awaited<ReturnType<typeof listDeliveries>>[number];

export async function countDeliveries(db: Db, where: SQL | undefined): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(mealDelivery)
    .innerJoin(beneficiary, eq(beneficiary.id, mealDelivery.beneficiaryId))
    .innerJoin(organisation, eq(organisation.id, beneficiary.communityOrgId))
    .where(where);
  return Number(r?.n ?? 0);
}

export async function getDeliveryNamed(db: Db, id: string): Promise<DeliveryNamedRow | null> {
  const [r] = await deliveriesFrom(db).where(eq(mealDelivery.id, id));
  return r ?? null;
}

/**
 * A request of this beneficiary (not cancelled) whose window overlaps [startsAt, endsAt): one
 * meal per window, however many times someone taps 提交.
 */
export async function overlappingDelivery(tx: Db, beneficiaryId: string, startsAt: Date, endsAt: Date) {
  const [r] = await tx
    .select({ id: mealDelivery.id, windowStart: mealDelivery.windowStart, windowEnd: mealDelivery.windowEnd })
    .from(mealDelivery)
    .where(
      and(
        eq(mealDelivery.beneficiaryId, beneficiaryId),
        ne(mealDelivery.status, 'cancelled'),
        lt(mealDelivery.startsAt, endsAt),
        gt(mealDelivery.endsAt, startsAt),
      ),
    )
    .limit(1);
  return r ?? null;
}

/** Open requests whose window has not ended, by window (the offers, before the distance filter). */
export async function openRequests(db: Db, now: Date) {
  return deliveriesFrom(db)
    .where(and(eq(mealDelivery.status, 'requested'), sql`${mealDelivery.endsAt} > ${now}`))
    .orderBy(asc(mealDelivery.startsAt), asc(mealDelivery.id))
    .limit(500);
}

/** A rider's deliveries: those under way, then the last finished ones. */
export async function riderDeliveries(db: Db, userId: string) {
  return deliveriesFrom(db)
    .where(eq(mealDelivery.riderUserId, userId))
    .orderBy(
      sql`case when ${mealDelivery.status} = 'claimed' then 0 else 1 end`,
      desc(mealDelivery.date),
      asc(mealDelivery.startsAt),
    )
    .limit(50);
}

/**
 * Requests still unclaimed `minutes` before their window starts and not escalated yet, locked
 * (skipping rows another run holds).
 */
export async function dueForEscalation(tx: Db, now: Date, minutes: number) {
  const limit = new Date(now.getTime() + minutes * 60_000);
  return tx
    .select({ id: mealDelivery.id })
    .from(mealDelivery)
    .where(
      and(
        eq(mealDelivery.status, 'requested'),
        isNull(mealDelivery.escalatedAt),
        lte(mealDelivery.startsAt, limit),
      ),
    )
    .orderBy(asc(mealDelivery.startsAt))
    .limit(200)
    .for('update', { skipLocked: true });
}

// ---- residents' self-service ------------------------------------------------------------------

/** Active residents registered with this phone (blind index), with their community. */
export async function residentsByPhone(db: Db, phoneIndex: string) {
  return db
    .select(beneficiaryColumns)
    .from(beneficiary)
    .innerJoin(organisation, eq(organisation.id, beneficiary.communityOrgId))
    .where(and(eq(beneficiary.phoneIndex, phoneIndex), eq(beneficiary.status, 'active')))
    .orderBy(asc(beneficiary.name), asc(beneficiary.id))
    .limit(10);
}

/** Whether an active resident is registered with this phone. */
export async function isRegisteredPhone(db: Db, phoneIndex: string): Promise<boolean> {
  const [r] = await db
    .select({ id: beneficiary.id })
    .from(beneficiary)
    .where(and(eq(beneficiary.phoneIndex, phoneIndex), eq(beneficiary.status, 'active')))
    .limit(1);
  return r !== undefined;
}

/** Residents' requests from `fromDate` on and the last ones before, newest window first. */
export async function residentDeliveries(db: Db, beneficiaryIds: string[], fromDate: string) {
  if (beneficiaryIds.length === 0) return [];
  return deliveriesFrom(db)
    .where(and(inArray(mealDelivery.beneficiaryId, beneficiaryIds), gte(mealDelivery.date, fromDate)))
    .orderBy(desc(mealDelivery.startsAt), desc(mealDelivery.createdAt))
    .limit(50);
}

/** Beneficiaries registered before the blind index existed (start-up backfill), a batch at a time. */
export async function beneficiariesWithoutPhoneIndex(db: Db, limit: number) {
  return db
    .select({ id: beneficiary.id, phoneEnc: beneficiary.phoneEnc })
    .from(beneficiary)
    .where(isNull(beneficiary.phoneIndex))
    .limit(limit);
}

export async function insertResidentSession(tx: Db, values: typeof residentSession.$inferInsert) {
  await tx.insert(residentSession).values(values);
}

export async function getResidentSession(db: Db, id: string) {
  const [r] = await db.select().from(residentSession).where(eq(residentSession.id, id));
  return r ?? null;
}

export async function touchResidentSession(db: Db, id: string, at: Date) {
  await db.update(residentSession).set({ lastSeenAt: at }).where(eq(residentSession.id, id));
}

export async function revokeResidentSession(db: Db, id: string, at: Date) {
  await db
    .update(residentSession)
    .set({ revokedAt: at })
    .where(and(eq(residentSession.id, id), isNull(residentSession.revokedAt)));
}

// ---- volunteers ----------------------------------------------------------------------------

export async function getVolunteer(db: Db, userId: string) {
  const [r] = await db.select().from(deliveryVolunteer).where(eq(deliveryVolunteer.userId, userId));
  return r ?? null;
}

export async function setVolunteer(tx: Db, userId: string, optedIn: boolean, at: Date) {
  const [r] = await tx
    .insert(deliveryVolunteer)
    .values({ userId, optedIn, updatedAt: at })
    .onConflictDoUpdate({ target: deliveryVolunteer.userId, set: { optedIn, updatedAt: at } })
    .returning();
  return r!;
}

/** Opted-in riders (active workers), by name. */
export async function optedInRiders(db: Db, userIds?: string[]) {
  return db
    .select({ userId: appUser.id, name: appUser.name, phoneMasked: appUser.phoneMasked })
    .from(deliveryVolunteer)
    .innerJoin(appUser, eq(appUser.id, deliveryVolunteer.userId))
    .where(
      and(
        eq(deliveryVolunteer.optedIn, true),
        eq(appUser.kind, 'worker'),
        eq(appUser.status, 'active'),
        userIds ? inArray(appUser.id, userIds) : undefined,
      ),
    )
    .orderBy(asc(appUser.name))
    .limit(500);
}

/**
 * The grants of active community staff (organisation path or region), for the notices of one
 * community; the service keeps those that cover it. Read over the grants table, as notices need.
 */
export async function communityStaffGrants(db: Db) {
  const r =
    (await db.execute(sql`select g.user_id as "userId", o.path as "orgPath", g.region_code as "regionCode"
      from role_grant g
      join app_user u on u.id = g.user_id and u.status = 'active'
      left join organisation o on o.id = g.org_id
     where g.role = 'community_staff'`)) as unknown as {
      rows: { userId: string; orgPath: string | null; regionCode: string | null }[];
    };
  return r.rows;
}
