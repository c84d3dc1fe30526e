import type { OperatingStream, PaymentPurpose, PaymentStatus } from '@nuanxin/shared';
import { and, count, desc, eq, gte, inArray, lt, sql, sum } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { appUser } from '../identity/identity.tables.ts';
import { station } from '../stations/stations.tables.ts';
import { operatingEntry, payment } from './payments.tables.ts';

/** SQL of payments and operating accounts; rules live in the service. */

export type PaymentRow = typeof payment.$inferSelect & { stationName: string };
export type NewPayment = typeof payment.$inferInsert;

const withStation = { p: payment, stationName: station.name };
const flat = (r: { p: typeof payment.$inferSelect; stationName: string }): PaymentRow => ({
  ...r.p,
  stationName: r.stationName,
});

export async function insertPayment(db: Db, values: NewPayment): Promise<PaymentRow> {
  const [row] = await db.insert(payment).values(values).returning();
  const [s] = await db.select({ name: station.name }).from(station).where(eq(station.id, row!.stationId));
  return { ...row!, stationName: s?.name ?? '' };
}

export async function getPayment(db: Db, id: string, opts: { lock?: boolean } = {}) {
  const q = db.select(withStation).from(payment).innerJoin(station, eq(station.id, payment.stationId));
  const rows = opts.lock
    ? await q.where(eq(payment.id, id)).for('update', { of: payment })
    : await q.where(eq(payment.id, id));
  return rows[0] ? flat(rows[0]) : null;
}

export async function getByRef(
  db: Db,
  purpose: PaymentPurpose,
  refId: string,
  opts: { lock?: boolean } = {},
) {
  const q = db
    .select(withStation)
    .from(payment)
    .innerJoin(station, eq(station.id, payment.stationId))
    .where(and(eq(payment.purpose, purpose), eq(payment.refId, refId)));
  const rows = opts.lock ? await q.for('update', { of: payment }) : await q;
  return rows[0] ? flat(rows[0]) : null;
}

export async function byRefs(db: Db, purpose: PaymentPurpose, refIds: readonly string[]) {
  if (refIds.length === 0) return [];
  const rows = await db
    .select(withStation)
    .from(payment)
    .innerJoin(station, eq(station.id, payment.stationId))
    .where(and(eq(payment.purpose, purpose), inArray(payment.refId, [...refIds])));
  return rows.map(flat);
}

export async function markPaid(
  db: Db,
  id: string,
  values: { method: 'counter_cash' | 'counter_qr'; at: Date; by: string },
): Promise<void> {
  await db
    .update(payment)
    .set({ status: 'paid', method: values.method, paidAt: values.at, confirmedBy: values.by })
    .where(and(eq(payment.id, id), eq(payment.status, 'pending')));
}

export async function markVoid(db: Db, id: string, values: { at: Date; by: string; reason: string }) {
  await db
    .update(payment)
    .set({ status: 'void', voidedAt: values.at, voidedBy: values.by, voidReason: values.reason })
    .where(and(eq(payment.id, id), eq(payment.status, 'pending')));
}

export interface StationPaymentsFilter {
  stationId: string;
  status?: PaymentStatus;
  purpose?: PaymentPurpose;
  from?: Date;
  to?: Date;
}

function filterOf(f: StationPaymentsFilter) {
  return and(
    eq(payment.stationId, f.stationId),
    f.status ? eq(payment.status, f.status) : undefined,
    f.purpose ? eq(payment.purpose, f.purpose) : undefined,
    f.from ? gte(payment.createdAt, f.from) : undefined,
    f.to ? lt(payment.createdAt, f.to) : undefined,
  );
}

export async function listStationPayments(db: Db, f: StationPaymentsFilter, limit: number, offset: number) {
  const where = filterOf(f);
  const [rows, [totals]] = await Promise.all([
    db
      .select(withStation)
      .from(payment)
      .innerJoin(station, eq(station.id, payment.stationId))
      .where(where)
      .orderBy(desc(payment.createdAt), desc(payment.id))
      .limit(limit)
      .offset(offset),
    db
      .select({
        total: sql<number>`count(*) filter (where ${f.status ? eq(payment.status, f.status) : sql`true`})`,
        pendingFen: sql<
          string | null
        >`sum(${payment.amountFen}) filter (where ${payment.status} = 'pending')`,
      })
      .from(payment)
      // The pending sum answers "how much is still to collect", whichever status is listed.
      .where(filterOf({ ...f, status: undefined })),
  ]);
  return {
    rows: rows.map(flat),
    total: Number(totals?.total ?? 0),
    pendingFen: Number(totals?.pendingFen ?? 0),
  };
}

export async function listPayerPayments(db: Db, userId: string, limit: number) {
  const rows = await db
    .select(withStation)
    .from(payment)
    .innerJoin(station, eq(station.id, payment.stationId))
    .where(eq(payment.payerUserId, userId))
    .orderBy(desc(payment.createdAt), desc(payment.id))
    .limit(limit);
  return rows.map(flat);
}

/** Paid charges of [from, to) by purpose. */
export async function paidByPurpose(db: Db, stationId: string, from: Date, to: Date) {
  const rows = await db
    .select({
      purpose: payment.purpose,
      amountFen: sum(payment.amountFen),
      count: count(),
      quantity: sum(payment.quantity),
    })
    .from(payment)
    .where(
      and(
        eq(payment.stationId, stationId),
        eq(payment.status, 'paid'),
        gte(payment.paidAt, from),
        lt(payment.paidAt, to),
      ),
    )
    .groupBy(payment.purpose);
  return rows.map((r) => ({
    purpose: r.purpose,
    amountFen: Number(r.amountFen ?? 0),
    count: Number(r.count),
    quantity: Number(r.quantity ?? 0),
  }));
}

/** Pending charges created in [from, to). */
export async function pendingFen(db: Db, stationId: string, from: Date, to: Date): Promise<number> {
  const [r] = await db
    .select({ fen: sum(payment.amountFen) })
    .from(payment)
    .where(
      and(
        eq(payment.stationId, stationId),
        eq(payment.status, 'pending'),
        gte(payment.createdAt, from),
        lt(payment.createdAt, to),
      ),
    );
  return Number(r?.fen ?? 0);
}

export async function entriesOf(db: Db, stationId: string, month: string) {
  return db
    .select({ e: operatingEntry, createdByName: appUser.name })
    .from(operatingEntry)
    .leftJoin(appUser, eq(appUser.id, operatingEntry.createdBy))
    .where(and(eq(operatingEntry.stationId, stationId), eq(operatingEntry.month, month)))
    .orderBy(operatingEntry.createdAt, operatingEntry.id);
}

export async function insertEntry(
  db: Db,
  values: {
    stationId: string;
    month: string;
    stream: OperatingStream;
    amountFen: number;
    note: string | null;
    createdBy: string;
  },
) {
  const [row] = await db.insert(operatingEntry).values(values).returning();
  return row!;
}

export async function getEntry(db: Db, stationId: string, id: string) {
  const [row] = await db
    .select()
    .from(operatingEntry)
    .where(and(eq(operatingEntry.id, id), eq(operatingEntry.stationId, stationId)));
  return row ?? null;
}

export async function deleteEntry(db: Db, id: string): Promise<void> {
  await db.delete(operatingEntry).where(eq(operatingEntry.id, id));
}
