import type { ChildcareRegistrationStatus, ProxyStatus } from '@nuanxin/shared';
import { and, asc, desc, eq, gte, inArray, ne, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/client.ts';
import { appUser } from '../identity/identity.tables.ts';
import {
  childcareRegistration,
  childcareSession,
  proxyRequest,
  proxyRequestEvent,
} from './canteen-services.tables.ts';

/** Queries of 政务代办 and 节假日托幼. SQL only: the service decides who may see what. */

export type ProxyRow = typeof proxyRequest.$inferSelect;
export type NewProxyRow = typeof proxyRequest.$inferInsert;
export type SessionRow = typeof childcareSession.$inferSelect;
export type NewSessionRow = typeof childcareSession.$inferInsert;
export type RegistrationRow = typeof childcareRegistration.$inferSelect;
export type NewRegistrationRow = typeof childcareRegistration.$inferInsert;

const requester = alias(appUser, 'pr_requester');
const handler = alias(appUser, 'pr_handler');
const parent = alias(appUser, 'cr_parent');

// ---- 政务代办 -------------------------------------------------------------------------------------

/** Inserts a request; null when the (creator, Idempotency-Key) pair is already taken. */
export async function insertProxy(tx: Db, values: NewProxyRow): Promise<ProxyRow | null> {
  const [row] = await tx.insert(proxyRequest).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function proxyByIdempotencyKey(db: Db, userId: string, key: string): Promise<string | null> {
  const [r] = await db
    .select({ id: proxyRequest.id })
    .from(proxyRequest)
    .where(and(eq(proxyRequest.createdBy, userId), eq(proxyRequest.idempotencyKey, key)));
  return r?.id ?? null;
}

export async function getProxy(db: Db, id: string): Promise<ProxyRow | null> {
  const [r] = await db.select().from(proxyRequest).where(eq(proxyRequest.id, id));
  return r ?? null;
}

export async function getProxyForUpdate(tx: Db, id: string): Promise<ProxyRow | null> {
  const [r] = await tx.select().from(proxyRequest).where(eq(proxyRequest.id, id)).for('update');
  return r ?? null;
}

export async function updateProxy(tx: Db, id: string, patch: Partial<NewProxyRow>): Promise<ProxyRow> {
  const [row] = await tx.update(proxyRequest).set(patch).where(eq(proxyRequest.id, id)).returning();
  return row!;
}

export async function insertProxyEvent(tx: Db, values: typeof proxyRequestEvent.$inferInsert): Promise<void> {
  await tx.insert(proxyRequestEvent).values(values);
}

/** Requests with the requester's and handler's names, newest first. */
export async function listProxiesNamed(db: Db, where: SQL | undefined, limit: number) {
  return db
    .select({ r: proxyRequest, requesterName: requester.name, handlerName: handler.name })
    .from(proxyRequest)
    .leftJoin(requester, eq(requester.id, proxyRequest.requesterUserId))
    .leftJoin(handler, eq(handler.id, proxyRequest.handlerUserId))
    .where(where)
    .orderBy(desc(proxyRequest.createdAt), desc(proxyRequest.id))
    .limit(limit);
}
export type ProxyNamedRow = Awaited<ReturnType<typeof listProxiesNamed>>[number];

export async function proxyCountsByStatus(db: Db, stationId: string): Promise<Map<ProxyStatus, number>> {
  const rows = await db
    .select({ status: proxyRequest.status, n: sql<number>`count(*)::int` })
    .from(proxyRequest)
    .where(eq(proxyRequest.stationId, stationId))
    .groupBy(proxyRequest.status);
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

/** The history of each request, oldest first, with the actor's name. */
export async function historyOf(db: Db, requestIds: readonly string[]) {
  if (requestIds.length === 0) return [];
  return db
    .select({ e: proxyRequestEvent, actorName: appUser.name })
    .from(proxyRequestEvent)
    .leftJoin(appUser, eq(appUser.id, proxyRequestEvent.actorUserId))
    .where(inArray(proxyRequestEvent.requestId, [...requestIds]))
    .orderBy(asc(proxyRequestEvent.at), asc(proxyRequestEvent.id));
}

// ---- 节假日托幼 ------------------------------------------------------------------------------------

export async function insertSession(tx: Db, values: NewSessionRow): Promise<SessionRow> {
  const [row] = await tx.insert(childcareSession).values(values).returning();
  return row!;
}

export async function getSession(db: Db, id: string): Promise<SessionRow | null> {
  const [r] = await db.select().from(childcareSession).where(eq(childcareSession.id, id));
  return r ?? null;
}

/** Locks the session row: registrations of one session queue here, so capacity holds. */
export async function getSessionForUpdate(tx: Db, id: string): Promise<SessionRow | null> {
  const [r] = await tx.select().from(childcareSession).where(eq(childcareSession.id, id)).for('update');
  return r ?? null;
}

export async function updateSession(tx: Db, id: string, patch: Partial<NewSessionRow>): Promise<SessionRow> {
  const [row] = await tx.update(childcareSession).set(patch).where(eq(childcareSession.id, id)).returning();
  return row!;
}

/** Sessions of a station, by date and start; `fromDate` leaves out earlier days. */
export async function listSessions(
  db: Db,
  stationId: string,
  opts: { fromDate?: string; openOnly?: boolean },
): Promise<SessionRow[]> {
  const conds: SQL[] = [eq(childcareSession.stationId, stationId)];
  if (opts.fromDate) conds.push(gte(childcareSession.date, opts.fromDate));
  if (opts.openOnly) conds.push(eq(childcareSession.status, 'open'));
  return db
    .select()
    .from(childcareSession)
    .where(and(...conds))
    .orderBy(asc(childcareSession.date), asc(childcareSession.starts))
    .limit(200);
}

const HOLDS_PLACE = sql`${childcareRegistration.status} in ('registered', 'attended')`;

/** Places taken (registered + attended) per session. */
export async function takenBySession(db: Db, sessionIds: readonly string[]): Promise<Map<string, number>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db
    .select({ id: childcareRegistration.sessionId, n: sql<number>`count(*)::int` })
    .from(childcareRegistration)
    .where(and(inArray(childcareRegistration.sessionId, [...sessionIds]), HOLDS_PLACE))
    .groupBy(childcareRegistration.sessionId);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export async function insertRegistration(
  tx: Db,
  values: NewRegistrationRow,
): Promise<RegistrationRow | null> {
  const [row] = await tx.insert(childcareRegistration).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function registrationByIdempotencyKey(
  db: Db,
  userId: string,
  key: string,
): Promise<string | null> {
  const [r] = await db
    .select({ id: childcareRegistration.id })
    .from(childcareRegistration)
    .where(
      and(eq(childcareRegistration.parentUserId, userId), eq(childcareRegistration.idempotencyKey, key)),
    );
  return r?.id ?? null;
}

/** The parent's active registration of a child of that name in the session, if any. */
export async function activeRegistrationOfChild(
  tx: Db,
  sessionId: string,
  parentUserId: string,
  childName: string,
): Promise<string | null> {
  const [r] = await tx
    .select({ id: childcareRegistration.id })
    .from(childcareRegistration)
    .where(
      and(
        eq(childcareRegistration.sessionId, sessionId),
        eq(childcareRegistration.parentUserId, parentUserId),
        eq(childcareRegistration.childName, childName),
        HOLDS_PLACE,
      ),
    );
  return r?.id ?? null;
}

export async function getRegistrationForUpdate(tx: Db, id: string): Promise<RegistrationRow | null> {
  const [r] = await tx
    .select()
    .from(childcareRegistration)
    .where(eq(childcareRegistration.id, id))
    .for('update');
  return r ?? null;
}

export async function getRegistration(db: Db, id: string): Promise<RegistrationRow | null> {
  const [r] = await db.select().from(childcareRegistration).where(eq(childcareRegistration.id, id));
  return r ?? null;
}

export async function updateRegistration(
  tx: Db,
  id: string,
  patch: Partial<NewRegistrationRow>,
): Promise<RegistrationRow> {
  const [row] = await tx
    .update(childcareRegistration)
    .set(patch)
    .where(eq(childcareRegistration.id, id))
    .returning();
  return row!;
}

/** Cancels every registration of a session still holding a place; answers the parents. */
export async function cancelRegistrationsOf(tx: Db, sessionId: string, at: Date): Promise<string[]> {
  const rows = await tx
    .update(childcareRegistration)
    .set({ status: 'cancelled', cancelledAt: at, updatedAt: at })
    .where(
      and(eq(childcareRegistration.sessionId, sessionId), eq(childcareRegistration.status, 'registered')),
    )
    .returning({ parent: childcareRegistration.parentUserId });
  return [...new Set(rows.map((r) => r.parent))];
}

/** Registrations with their session and parent name. */
export async function listRegistrationsNamed(db: Db, where: SQL | undefined, limit = 500) {
  return db
    .select({ r: childcareRegistration, s: childcareSession, parentName: parent.name })
    .from(childcareRegistration)
    .innerJoin(childcareSession, eq(childcareSession.id, childcareRegistration.sessionId))
    .leftJoin(parent, eq(parent.id, childcareRegistration.parentUserId))
    .where(where)
    .orderBy(desc(childcareSession.date), asc(childcareRegistration.createdAt))
    .limit(limit);
}
export type RegistrationNamedRow = Awaited<ReturnType<typeof listRegistrationsNamed>>[number];

export const registrationOfSession = (sessionId: string) => eq(childcareRegistration.sessionId, sessionId);
export const registrationById = (id: string) => eq(childcareRegistration.id, id);
export const registrationsOfParent = (userId: string) =>
  and(
    eq(childcareRegistration.parentUserId, userId),
    ne(childcareRegistration.status, 'cancelled' as ChildcareRegistrationStatus),
  );
export const registrationsOfParentAll = (userId: string) => eq(childcareRegistration.parentUserId, userId);
export const proxyOfStation = (stationId: string, status?: ProxyStatus) =>
  status
    ? and(eq(proxyRequest.stationId, stationId), eq(proxyRequest.status, status))
    : eq(proxyRequest.stationId, stationId);
export const proxyOfRequester = (userId: string) => eq(proxyRequest.requesterUserId, userId);
export const proxyById = (id: string) => eq(proxyRequest.id, id);
