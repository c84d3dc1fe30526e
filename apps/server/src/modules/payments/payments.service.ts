import {
  type AccountsReply,
  type ConfirmPaymentInput,
  type CreateOperatingEntryInput,
  INCOME_STREAMS,
  type OperatingEntryDto,
  type PaymentDto,
  type PaymentPurpose,
  type PaymentsReply,
  type PaymentUnit,
  type StationPaymentsQuery,
} from '@nuanxin/shared';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { emit } from '../../platform/events/events.ts';
import { AppError, forbidden, notFound, validation } from '../../platform/http/errors.ts';
import { createStationsService } from '../stations/stations.service.ts';
import './payments.events.ts';
import { providerOf } from './payments.providers.ts';
import * as repo from './payments.repository.ts';
import { dayStart, monthOf, monthRange, nextPaymentStatus } from './payments.rules.ts';
import type { operatingEntry } from './payments.tables.ts';

type OperatingEntryRow = typeof operatingEntry.$inferSelect;

/**
 * Charges and operating accounts of stations (HUB-07, CAN-01; docs/contract-hub-canteen.md).
 * Other modules create a charge inside their own transaction (`charge`), void it when the booking
 * or order is cancelled before payment (`voidFor`) and read the state of theirs (`forRefs`); keepers
 * confirm counter payments. Who may act is the station's rule (`stations.access`).
 */

export interface ChargeInput {
  stationId: string;
  purpose: PaymentPurpose;
  refId: string;
  description: string;
  quantity: number;
  unit: PaymentUnit;
  amountFen: number;
  payerUserId: string | null;
}

export interface PaymentsServiceOptions {
  now?: () => Date;
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;

export function toPaymentDto(r: repo.PaymentRow): PaymentDto {
  return {
    id: r.id,
    stationId: r.stationId,
    stationName: r.stationName,
    purpose: r.purpose,
    refId: r.refId,
    description: r.description,
    quantity: r.quantity,
    unit: r.unit,
    amountFen: r.amountFen,
    status: r.status,
    method: r.method,
    paidAt: r.paidAt?.toISOString() ?? null,
    voidReason: r.voidReason,
    createdAt: r.createdAt.toISOString(),
    instructions: r.status === 'pending' ? providerOf(r.provider).instructions(r.amountFen) : '',
  };
}

export function createPaymentsService(deps: PlatformDeps, opts: PaymentsServiceOptions = {}) {
  const { database } = deps;
  const now = opts.now ?? (() => new Date());
  const stations = createStationsService(deps);
  const onAfterCommitError = (err: unknown) => deps.log.error({ err }, 'payments after-commit work failed');

  const payload = (r: repo.PaymentRow) => ({
    paymentId: r.id,
    stationId: r.stationId,
    purpose: r.purpose,
    refId: r.refId,
    amountFen: r.amountFen,
  });

  /** Records what is owed, inside the caller's transaction; a second call for the same ref returns the first. */
  async function charge(tx: Db, input: ChargeInput): Promise<PaymentDto> {
    if (!Number.isInteger(input.amountFen) || input.amountFen < 0)
      throw validation('A charge is a whole number of fen, 0 or more', { amountFen: input.amountFen });
    if (!Number.isInteger(input.quantity) || input.quantity < 0)
      throw validation('A quantity is a whole number, 0 or more', { quantity: input.quantity });
    const existing = await repo.getByRef(tx, input.purpose, input.refId);
    if (existing) return toPaymentDto(existing);
    const free = input.amountFen === 0;
    const at = now();
    const row = await repo.insertPayment(tx, {
      stationId: input.stationId,
      purpose: input.purpose,
      refId: input.refId,
      description: input.description,
      quantity: input.quantity,
      unit: input.unit,
      amountFen: input.amountFen,
      payerUserId: input.payerUserId,
      status: free ? 'paid' : 'pending',
      method: free ? 'free' : null,
      paidAt: free ? at : null,
      createdAt: at,
    });
    if (free) await emit(tx, 'payment.paid', payload(row), input.payerUserId);
    return toPaymentDto(row);
  }

  /** Pending → void, inside the caller's transaction (the booking or order was cancelled); else nothing. */
  async function voidFor(tx: Db, purpose: PaymentPurpose, refId: string, by: string, reason: string) {
    const row = await repo.getByRef(tx, purpose, refId, { lock: true });
    if (!row || nextPaymentStatus(row.status, 'void') === null) return;
    await repo.markVoid(tx, row.id, { at: now(), by, reason });
    await emit(tx, 'payment.voided', payload(row), by);
  }

  async function forRefs(db: Db, purpose: PaymentPurpose, refIds: readonly string[]) {
    const rows = await repo.byRefs(db, purpose, refIds);
    return new Map(rows.map((r) => [r.refId, toPaymentDto(r)]));
  }

  /** A charge the actor may see (the payer, or console readers and keepers of the station); else 404. */
  async function visible(db: Db, actor: Actor, id: string, lock = false) {
    const row = await repo.getPayment(db, id, { lock });
    if (!row) throw notFound('Payment', 'payment.not_found');
    const access = await stations.access(db, actor, row.stationId).catch(() => null);
    const staff = access !== null && (access.read || access.keep);
    if (!staff && row.payerUserId !== actor.userId) throw notFound('Payment', 'payment.not_found');
    return { row, access };
  }

  async function confirm(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
    body: ConfirmPaymentInput,
  ): Promise<PaymentDto> {
    return inTransaction(
      database,
      async (uow) => {
        const { row, access } = await visible(uow.tx, actor, id, true);
        // The state first: a payment already settled says so, whoever asks (409 before 403).
        if (nextPaymentStatus(row.status, 'confirm') === null)
          throw new AppError('payment.not_pending', 'The payment is not pending', { status: row.status });
        if (!access?.keep) throw forbidden('Only the station’s keepers confirm payments');
        if (!providerOf(row.provider).methods.includes(body.method))
          throw validation('This method does not belong to the payment’s provider', { method: body.method });
        await repo.markPaid(uow.tx, row.id, { method: body.method, at: now(), by: actor.userId });
        await writeAudit(uow.tx, actor, meta, {
          action: 'payment.confirm',
          entityType: 'payment',
          entityId: row.id,
          after: { method: body.method, amountFen: row.amountFen, purpose: row.purpose, refId: row.refId },
        });
        await emit(uow.tx, 'payment.paid', payload(row), actor.userId);
        return toPaymentDto((await repo.getPayment(uow.tx, row.id))!);
      },
      onAfterCommitError,
    );
  }

  async function voidPayment(actor: Actor, meta: RequestMeta | null, id: string, reason: string) {
    return inTransaction(
      database,
      async (uow) => {
        const { row, access } = await visible(uow.tx, actor, id, true);
        if (nextPaymentStatus(row.status, 'void') === null)
          throw new AppError('payment.not_pending', 'The payment is not pending', { status: row.status });
        if (!access?.manage) throw forbidden('Only the station’s managers void charges');
        await repo.markVoid(uow.tx, row.id, { at: now(), by: actor.userId, reason });
        await writeAudit(uow.tx, actor, meta, {
          action: 'payment.void',
          entityType: 'payment',
          entityId: row.id,
          after: { reason, amountFen: row.amountFen, purpose: row.purpose, refId: row.refId },
        });
        await emit(uow.tx, 'payment.voided', payload(row), actor.userId);
        return toPaymentDto((await repo.getPayment(uow.tx, row.id))!);
      },
      onAfterCommitError,
    );
  }

  /** The station's charges, for its keepers and console readers. */
  async function listForStation(
    actor: Actor,
    stationId: string,
    q: StationPaymentsQuery,
  ): Promise<PaymentsReply> {
    const db = database.db;
    const access = await stations.access(db, actor, stationId);
    if (!access.read && !access.keep) throw forbidden('You do not keep or oversee this station');
    if (q.from && q.to && q.from > q.to) throw validation('from is after to', { from: q.from, to: q.to });
    const { rows, total, pendingFen } = await repo.listStationPayments(
      db,
      {
        stationId,
        ...(q.status ? { status: q.status } : {}),
        ...(q.purpose ? { purpose: q.purpose } : {}),
        ...(q.from ? { from: dayStart(q.from) } : {}),
        ...(q.to ? { to: new Date(dayStart(q.to).getTime() + 86_400_000) } : {}),
      },
      q.pageSize,
      (q.page - 1) * q.pageSize,
    );
    return { items: rows.map(toPaymentDto), total, page: q.page, pageSize: q.pageSize, pendingFen };
  }

  async function mine(actor: Actor, limit: number): Promise<{ items: PaymentDto[] }> {
    const rows = await repo.listPayerPayments(database.db, actor.userId, limit);
    return { items: rows.map(toPaymentDto) };
  }

  // ---- operating accounts ---------------------------------------------------------------------

  const entryDto = (r: { e: OperatingEntryRow; createdByName: string | null }): OperatingEntryDto => ({
    id: r.e.id,
    month: r.e.month,
    stream: r.e.stream,
    amountFen: r.e.amountFen,
    note: r.e.note,
    createdByName: r.createdByName,
    createdAt: r.e.createdAt.toISOString(),
  });

  async function accounts(actor: Actor, stationId: string, month: string): Promise<AccountsReply> {
    const db = database.db;
    const access = await stations.access(db, actor, stationId);
    if (!access.read && !access.keep) throw forbidden('You do not keep or oversee this station');
    const { from, to } = monthRange(month);
    const [income, pending, entries] = await Promise.all([
      repo.paidByPurpose(db, stationId, from, to),
      repo.pendingFen(db, stationId, from, to),
      repo.entriesOf(db, stationId, month),
    ]);
    const paidServicesFen = income.reduce((s, r) => s + r.amountFen, 0);
    let otherIncomeFen = 0;
    let costFen = 0;
    for (const { e } of entries) {
      if (INCOME_STREAMS.includes(e.stream)) otherIncomeFen += e.amountFen;
      else costFen += e.amountFen;
    }
    return {
      stationId,
      stationName: access.station.name,
      month,
      income,
      pendingFen: pending,
      entries: entries.map(entryDto),
      totals: {
        paidServicesFen,
        otherIncomeFen,
        costFen,
        balanceFen: paidServicesFen + otherIncomeFen - costFen,
        selfFundedShare: costFen > 0 ? Math.round((paidServicesFen / costFen) * 1000) / 1000 : null,
      },
      actions: { addEntry: access.manage },
    };
  }

  async function addEntry(
    actor: Actor,
    meta: RequestMeta | null,
    stationId: string,
    body: CreateOperatingEntryInput,
  ): Promise<OperatingEntryDto> {
    return inTransaction(database, async ({ tx }) => {
      const access = await stations.access(tx, actor, stationId);
      if (!access.manage) throw forbidden('Only the station’s managers keep its accounts');
      if (body.month > monthOf(now())) throw validation('The month has not begun', { month: body.month });
      const e = await repo.insertEntry(tx, {
        stationId,
        month: body.month,
        stream: body.stream,
        amountFen: body.amountFen,
        note: body.note?.trim() || null,
        createdBy: actor.userId,
      });
      await writeAudit(tx, actor, meta, {
        action: 'operating_entry.create',
        entityType: 'operating_entry',
        entityId: e.id,
        after: { stationId, month: e.month, stream: e.stream, amountFen: e.amountFen },
      });
      return entryDto({ e, createdByName: actor.name });
    });
  }

  async function deleteEntry(actor: Actor, meta: RequestMeta | null, stationId: string, entryId: string) {
    return inTransaction(database, async ({ tx }) => {
      const access = await stations.access(tx, actor, stationId);
      const e = await repo.getEntry(tx, stationId, entryId);
      if (!e || (!access.read && !access.manage)) throw notFound('Account line', 'payment.entry_not_found');
      if (e.month !== monthOf(now()))
        throw new AppError('payment.entry_closed', 'Only lines of the current month can be deleted', {
          month: e.month,
        });
      if (!access.manage) throw forbidden('Only the station’s managers keep its accounts');
      await repo.deleteEntry(tx, e.id);
      await writeAudit(tx, actor, meta, {
        action: 'operating_entry.delete',
        entityType: 'operating_entry',
        entityId: e.id,
        before: { stationId, month: e.month, stream: e.stream, amountFen: e.amountFen },
      });
      return { ok: true as const };
    });
  }

  return {
    charge,
    voidFor,
    forRefs,
    confirm,
    voidPayment,
    listForStation,
    mine,
    accounts,
    addEntry,
    deleteEntry,
  };
}
