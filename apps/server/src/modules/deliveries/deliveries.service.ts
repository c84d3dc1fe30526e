import crypto from 'node:crypto';
import {
  type BeneficiariesQuery,
  type BeneficiariesReply,
  type BeneficiaryDto,
  type CreateBeneficiaryInput,
  type CreateDeliveryInput,
  DELIVERY_CODE_MAX_TRIES,
  DELIVERY_RADIUS_M,
  type DeliveriesQuery,
  type DeliveriesReply,
  type DeliveryDto,
  type DeliveryPlacesReply,
  type DeliveryRidersReply,
  type MyDeliveriesReply,
  type MyDeliveryDto,
  type OfferDto,
  type OffersQuery,
  type OffersReply,
  RESIDENT_DAYS_AHEAD,
  type ResidentDeliveriesReply,
  type ResidentDeliveryDto,
  type UpdateBeneficiaryInput,
  type VolunteerDto,
} from '@nuanxin/shared';
import { and, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit/audit.ts';
import { type Actor, type RequestMeta, SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { shanghaiDate } from '../../platform/calendar/index.ts';
import type { Db } from '../../platform/db/client.ts';
import { inTransaction, type UnitOfWork } from '../../platform/db/tx.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { haversineMeters, toWgs84 } from '../../platform/geo/geo.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import type { JobOutcome } from '../../platform/jobs/jobs.ts';
import { maskName, maskPhone } from '../../platform/pii/mask.ts';
import './deliveries.events.ts';
import { organisation } from '../orgs/orgs.tables.ts';
import { type DeliveryAction, nextDeliveryState } from './deliveries.machine.ts';
import {
  type CommunityFacts,
  codeLocked,
  communitySql,
  containsPattern,
  type DeliveryFacts,
  type DeliveryScope,
  deliveryScopeOf,
  isStaff,
  managesCommunity,
  mayActOnDelivery,
  maySeeDelivery,
  residentActions,
  riderActions,
  staffActions,
} from './deliveries.policy.ts';
import * as repo from './deliveries.repository.ts';
import { beneficiary, mealDelivery } from './deliveries.tables.ts';

/**
 * Use cases of home meal delivery 送餐上门 (CAN-05, docs/deliveries.md). Each change is one
 * transaction with its audit row (personal data masked there) and its events. Claims lock the
 * delivery row, so of two riders claiming at once one wins and the other gets 409
 * `delivery.already_claimed`.
 */

export interface DeliveriesServiceOptions {
  now?: () => Date;
  /** Receipt codes (tests pin them). */
  code?: () => string;
}

export type DeliveriesService = ReturnType<typeof createDeliveriesService>;

/** The instant of `HH:MM` on `date` in Asia/Shanghai (no daylight saving: always +08:00). */
export function shanghaiInstant(date: string, hhmm: string): Date {
  return new Date(`${date}T${hhmm}:00+08:00`);
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The audit note of what a resident did in their self-service session (no account, no actor). */
export const RESIDENT_NOTE = 'resident self-service';

function randomCode(): string {
  return String(crypto.randomInt(0, 10_000)).padStart(4, '0');
}

function factsOf(r: repo.DeliveryNamedRow): DeliveryFacts {
  return {
    beneficiaryId: r.d.beneficiaryId,
    status: r.d.status,
    riderUserId: r.d.riderUserId,
    pickedUp: r.d.pickedUpAt !== null,
    codeAttempts: r.d.codeAttempts,
    community: { path: r.communityPath, regionCode: r.communityRegion },
  };
}

export function createDeliveriesService(deps: PlatformDeps, opts: DeliveriesServiceOptions = {}) {
  const { database } = deps;
  const now = opts.now ?? (() => new Date());
  const newCode = opts.code ?? randomCode;
  const onAfterCommitError = (err: unknown) => deps.log.error({ err }, 'deliveries after-commit work failed');

  // ---- presenters --------------------------------------------------------------------------

  function beneficiaryDto(r: repo.BeneficiaryNamedRow, scope: DeliveryScope): BeneficiaryDto {
    const b = r.b;
    const manages = managesCommunity(scope, { path: r.communityPath, regionCode: r.communityRegion });
    return {
      id: b.id,
      name: b.name,
      phoneMasked: b.phoneMasked,
      address: b.address,
      street: b.street,
      lat: Number(b.lat),
      lng: Number(b.lng),
      communityOrgId: b.communityOrgId,
      communityName: r.communityName,
      category: b.category,
      needs: b.needs,
      dietNotes: b.dietNotes,
      freeMeals: b.freeMeals,
      status: b.status,
      version: b.version,
      createdAt: b.createdAt.toISOString(),
      updatedAt: b.updatedAt.toISOString(),
      actions: { edit: manages, reveal: manages, file: manages && b.status === 'active' },
    };
  }

  function deliveryDto(r: repo.DeliveryNamedRow, scope: DeliveryScope, at: Date): DeliveryDto {
    const d = r.d;
    const open = d.status === 'requested' || d.status === 'claimed';
    return {
      id: d.id,
      beneficiaryId: d.beneficiaryId,
      beneficiaryName: r.beneficiaryName,
      beneficiaryPhoneMasked: r.beneficiaryPhoneMasked,
      address: r.address,
      communityName: r.communityName,
      freeMeals: r.freeMeals,
      stationId: d.stationId,
      stationName: r.stationName,
      date: d.date,
      windowStart: d.windowStart,
      windowEnd: d.windowEnd,
      dishes: d.dishes,
      dietNotes: d.dietNotes,
      status: d.status,
      receiptCode: d.receiptCode,
      riderUserId: d.riderUserId,
      riderName: r.riderName,
      handledByStaff: d.handledBy !== null,
      claimedAt: iso(d.claimedAt),
      pickedUpAt: iso(d.pickedUpAt),
      deliveredAt: iso(d.deliveredAt),
      confirmedAt: iso(d.confirmedAt),
      cancelledAt: iso(d.cancelledAt),
      cancelReason: d.cancelReason,
      escalatedAt: iso(d.escalatedAt),
      late: open && d.endsAt.getTime() <= at.getTime(),
      codeLocked: codeLocked(d.codeAttempts),
      filedByName: r.filedByName,
      filedByResident: d.filedByResident,
      confirmedByResident: d.confirmedByResident,
      createdAt: d.createdAt.toISOString(),
      actions: staffActions(scope, factsOf(r)),
    };
  }

  function myDeliveryDto(r: repo.DeliveryNamedRow, scope: DeliveryScope): MyDeliveryDto {
    const d = r.d;
    return {
      id: d.id,
      status: d.status,
      stationName: r.stationName,
      stationAddress: r.stationAddress,
      stationLat: Number(r.stationLat),
      stationLng: Number(r.stationLng),
      date: d.date,
      windowStart: d.windowStart,
      windowEnd: d.windowEnd,
      dishes: d.dishes,
      dietNotes: d.dietNotes,
      beneficiaryName: maskName(r.beneficiaryName),
      communityName: r.communityName,
      address: r.address,
      lat: Number(r.lat),
      lng: Number(r.lng),
      pickedUpAt: iso(d.pickedUpAt),
      deliveredAt: iso(d.deliveredAt),
      confirmedAt: iso(d.confirmedAt),
      codeTriesLeft: Math.max(0, DELIVERY_CODE_MAX_TRIES - d.codeAttempts),
      actions: riderActions(scope, factsOf(r)),
    };
  }

  // ---- scope helpers -----------------------------------------------------------------------

  function staffScope(actor: Actor): DeliveryScope {
    const scope = deliveryScopeOf(actor);
    if (!isStaff(scope)) throw forbidden('Only community staff manage home meal delivery');
    return scope;
  }

  function riderScope(actor: Actor): DeliveryScope {
    const scope = deliveryScopeOf(actor);
    if (!scope.isRider) throw forbidden('Only riders deliver meals');
    return scope;
  }

  const communityWhere = (scope: DeliveryScope) =>
    communitySql(scope, sql`${organisation.path}`, sql`${organisation.regionCode}`);

  async function managedBeneficiary(db: Db, scope: DeliveryScope, id: string, lock = false) {
    const row = await repo.getBeneficiary(db, id, lock);
    if (!row || !managesCommunity(scope, { path: row.communityPath, regionCode: row.communityRegion }))
      throw notFound('Beneficiary', 'delivery.beneficiary_not_found');
    return row;
  }

  async function namedDelivery(db: Db, id: string) {
    const row = await repo.getDeliveryNamed(db, id);
    if (!row) throw notFound('Delivery', 'delivery.not_found');
    return row;
  }

  // ---- beneficiaries -----------------------------------------------------------------------

  async function listBeneficiaries(actor: Actor, q: BeneficiariesQuery): Promise<BeneficiariesReply> {
    const scope = staffScope(actor);
    const conds: SQL[] = [communityWhere(scope)];
    if (q.status) conds.push(eq(beneficiary.status, q.status));
    if (q.q) {
      const p = containsPattern(q.q);
      conds.push(sql`(${beneficiary.name} ilike ${p} or ${beneficiary.address} ilike ${p})`);
    }
    const where = and(...conds);
    const db = database.db;
    const [rows, total] = await Promise.all([
      repo.listBeneficiaries(db, where, q.pageSize, (q.page - 1) * q.pageSize),
      repo.countBeneficiaries(db, where),
    ]);
    return { items: rows.map((r) => beneficiaryDto(r, scope)), total, page: q.page, pageSize: q.pageSize };
  }

  /** The actor's communities (for the register form) and the canteens (for the request form). */
  async function places(actor: Actor): Promise<DeliveryPlacesReply> {
    const scope = staffScope(actor);
    const db = database.db;
    const [communities, canteens] = await Promise.all([
      repo.communities(db, communityWhere(scope)),
      repo.canteens(db),
    ]);
    return {
      communities,
      canteens: canteens.map((c) => ({ ...c, lat: Number(c.lat), lng: Number(c.lng) })),
    };
  }

  async function assertCommunity(db: Db, scope: DeliveryScope, orgId: string): Promise<CommunityFacts> {
    const org = await repo.getOrgFacts(db, orgId);
    if (org?.kind !== 'community' || !managesCommunity(scope, org))
      throw new AppError('delivery.community_invalid', 'Choose a community of your own', {
        communityOrgId: orgId,
      });
    return org;
  }

  async function createBeneficiary(actor: Actor, meta: RequestMeta | null, input: CreateBeneficiaryInput) {
    const scope = staffScope(actor);
    const db = database.db;
    await assertCommunity(db, scope, input.communityOrgId);
    const p = toWgs84(input.location);
    const at = now();
    const id = await inTransaction(
      database,
      async ({ tx }) => {
        const row = await repo.insertBeneficiary(tx, {
          name: input.name,
          phoneEnc: deps.pii.encrypt(input.phone),
          phoneIndex: deps.pii.blindIndex(input.phone),
          phoneMasked: maskPhone(input.phone),
          address: input.address,
          street: input.street ?? null,
          lat: p.lat,
          lng: p.lng,
          communityOrgId: input.communityOrgId,
          category: input.category,
          needs: input.needs ?? null,
          dietNotes: input.dietNotes ?? null,
          freeMeals: input.freeMeals,
          createdBy: actor.userId,
          updatedBy: actor.userId,
          createdAt: at,
          updatedAt: at,
        });
        await writeAudit(tx, actor, meta, {
          action: 'beneficiary.create',
          entityType: 'beneficiary',
          entityId: row.id,
          after: beneficiaryAudit(row),
        });
        return row.id;
      },
      onAfterCommitError,
    );
    return beneficiaryDto((await repo.getBeneficiary(db, id))!, scope);
  }

  async function updateBeneficiary(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
    input: UpdateBeneficiaryInput,
  ): Promise<BeneficiaryDto> {
    const scope = staffScope(actor);
    const p = input.location ? toWgs84(input.location) : null;
    await inTransaction(
      database,
      async ({ tx }) => {
        const before = await managedBeneficiary(tx, scope, id, true);
        if (before.b.version !== input.version)
          throw new AppError('delivery.conflict', 'The record was changed meanwhile; reload it', {
            version: before.b.version,
          });
        const patch: Partial<repo.NewBeneficiaryRow> = {
          version: before.b.version + 1,
          updatedBy: actor.userId,
          updatedAt: now(),
        };
        if (input.name !== undefined) patch.name = input.name;
        if (input.phone !== undefined)
          Object.assign(patch, {
            phoneEnc: deps.pii.encrypt(input.phone),
            phoneIndex: deps.pii.blindIndex(input.phone),
            phoneMasked: maskPhone(input.phone),
          });
        if (input.address !== undefined) patch.address = input.address;
        if (input.street !== undefined) patch.street = input.street;
        if (p) Object.assign(patch, { lat: p.lat, lng: p.lng });
        if (input.category !== undefined) patch.category = input.category;
        if (input.needs !== undefined) patch.needs = input.needs;
        if (input.dietNotes !== undefined) patch.dietNotes = input.dietNotes;
        if (input.freeMeals !== undefined) patch.freeMeals = input.freeMeals;
        if (input.status !== undefined) patch.status = input.status;
        const after = await repo.updateBeneficiary(tx, id, patch);
        await writeAudit(tx, actor, meta, {
          action: 'beneficiary.update',
          entityType: 'beneficiary',
          entityId: id,
          before: beneficiaryAudit(before.b),
          after: beneficiaryAudit(after),
        });
      },
      onAfterCommitError,
    );
    return beneficiaryDto((await repo.getBeneficiary(database.db, id))!, scope);
  }

  /** The full phone of a beneficiary in the actor's communities, audited as `pii.reveal`. */
  async function reveal(actor: Actor, meta: RequestMeta | null, id: string): Promise<{ value: string }> {
    const scope = staffScope(actor);
    return inTransaction(database, async ({ tx }) => {
      const row = await managedBeneficiary(tx, scope, id);
      await writeAudit(tx, actor, meta, {
        action: 'pii.reveal',
        entityType: 'beneficiary',
        entityId: id,
        note: 'phone',
      });
      return { value: deps.pii.decrypt(row.b.phoneEnc) };
    });
  }

  // ---- requests (staff) --------------------------------------------------------------------

  async function list(actor: Actor, q: DeliveriesQuery): Promise<DeliveriesReply> {
    const scope = staffScope(actor);
    const at = now();
    const conds: SQL[] = [communityWhere(scope), gte(mealDelivery.date, q.from ?? shanghaiDate(at))];
    if (q.to) conds.push(lte(mealDelivery.date, q.to));
    if (q.status) conds.push(eq(mealDelivery.status, q.status));
    if (q.attention === 'true')
      conds.push(
        sql`${mealDelivery.status} in ('requested', 'claimed') and (${mealDelivery.escalatedAt} is not null or ${mealDelivery.endsAt} <= ${at})`,
      );
    const where = and(...conds);
    const db = database.db;
    const [rows, total] = await Promise.all([
      repo.listDeliveries(db, where, q.pageSize, (q.page - 1) * q.pageSize),
      repo.countDeliveries(db, where),
    ]);
    return { items: rows.map((r) => deliveryDto(r, scope, at)), total, page: q.page, pageSize: q.pageSize };
  }

  async function create(
    actor: Actor,
    meta: RequestMeta | null,
    input: CreateDeliveryInput,
  ): Promise<DeliveryDto> {
    const scope = staffScope(actor);
    const id = await file(scope, actor, meta, input);
    return deliveryDto(await namedDelivery(database.db, id), scope, now());
  }

  /**
   * Files a request for a beneficiary in `scope` (staff of their community, or the resident's own
   * session; `actor` null) under the same rules: an active resident, an active canteen that cooks
   * within 5 km of the home, a window that has not ended, and no other request of theirs whose
   * window overlaps on that day (409 `delivery.duplicate`; the resident row is locked, so two
   * taps at once file one). Returns the new id.
   */
  async function file(
    scope: DeliveryScope,
    actor: Actor | null,
    meta: RequestMeta | null,
    input: CreateDeliveryInput,
  ): Promise<string> {
    const db = database.db;
    const seen = await repo.getBeneficiary(db, input.beneficiaryId);
    const reachable = (r: repo.BeneficiaryNamedRow | null): r is repo.BeneficiaryNamedRow =>
      r !== null &&
      (managesCommunity(scope, { path: r.communityPath, regionCode: r.communityRegion }) ||
        scope.residentOf.includes(r.b.id));
    if (!reachable(seen)) throw notFound('Beneficiary', 'delivery.beneficiary_not_found');
    if (seen.b.status !== 'active')
      throw new AppError('delivery.beneficiary_inactive', 'The beneficiary is not active');
    const canteen = await repo.canteen(db, input.stationId);
    if (!canteen)
      throw new AppError('delivery.station_invalid', 'Choose an active canteen that cooks meals', {
        stationId: input.stationId,
      });
    const far = haversineMeters(
      { lat: Number(canteen.lat), lng: Number(canteen.lng) },
      { lat: Number(seen.b.lat), lng: Number(seen.b.lng) },
    );
    if (far > DELIVERY_RADIUS_M)
      throw new AppError('delivery.too_far', 'The home is too far from the canteen', {
        metres: Math.round(far),
        limit: DELIVERY_RADIUS_M,
      });
    const startsAt = shanghaiInstant(input.date, input.windowStart);
    const endsAt = shanghaiInstant(input.date, input.windowEnd);
    const at = now();
    if (endsAt.getTime() <= at.getTime())
      throw new AppError('delivery.window_past', 'The window has already ended');
    return inTransaction(
      database,
      async ({ tx }) => {
        const b = await repo.getBeneficiary(tx, input.beneficiaryId, true);
        if (b?.b.status !== 'active')
          throw new AppError('delivery.beneficiary_inactive', 'The beneficiary is not active');
        const clash = await repo.overlappingDelivery(tx, b.b.id, startsAt, endsAt);
        if (clash)
          throw new AppError('delivery.duplicate', 'A meal is already requested for that time', {
            deliveryId: clash.id,
            windowStart: clash.windowStart,
            windowEnd: clash.windowEnd,
          });
        const row = await repo.insertDelivery(tx, {
          beneficiaryId: b.b.id,
          stationId: canteen.id,
          date: input.date,
          windowStart: input.windowStart,
          windowEnd: input.windowEnd,
          startsAt,
          endsAt,
          dishes: input.dishes,
          dietNotes: input.dietNotes === undefined ? b.b.dietNotes : input.dietNotes,
          receiptCode: newCode(),
          filedBy: actor?.userId ?? null,
          filedByResident: actor === null,
          createdAt: at,
          updatedAt: at,
        });
        await writeAudit(tx, actor, meta, {
          action: 'meal_delivery.create',
          entityType: 'meal_delivery',
          entityId: row.id,
          after: deliveryAudit(row),
          ...(actor ? {} : { note: RESIDENT_NOTE }),
        });
        return row.id;
      },
      onAfterCommitError,
    );
  }

  /**
   * One change of a delivery, under the row lock: loads it, checks the actor may do `action`
   * now (404 when they may not see it, 409 when the state forbids it), applies `patch`, audits.
   */
  async function change(
    actor: Actor | null,
    meta: RequestMeta | null,
    scope: DeliveryScope,
    id: string,
    action: DeliveryAction,
    patch: (d: repo.DeliveryRow, at: Date) => Partial<repo.NewDeliveryRow>,
    after?: (uow: UnitOfWork, d: repo.DeliveryRow, r: repo.DeliveryNamedRow) => Promise<void>,
  ): Promise<repo.DeliveryNamedRow> {
    await inTransaction(
      database,
      async (uow) => {
        const locked = await repo.getDeliveryForUpdate(uow.tx, id);
        const named = locked ? await repo.getDeliveryNamed(uow.tx, id) : null;
        if (!locked || !named) throw notFound('Delivery', 'delivery.not_found');
        const facts = factsOf(named);
        if (!maySeeDelivery(scope, facts)) throw notFound('Delivery', 'delivery.not_found');
        if (!mayActOnDelivery(scope, facts, action)) {
          if (action === 'deliver' && facts.status === 'claimed' && codeLocked(facts.codeAttempts))
            throw new AppError('delivery.code_locked', 'Code entry is locked; ask the community staff');
          throw new AppError(
            'delivery.invalid_transition',
            `Cannot ${action} a delivery that is ${facts.status}`,
            {
              status: facts.status,
            },
          );
        }
        const at = now();
        const to = nextDeliveryState(action, locked.status, {
          pickedUp: facts.pickedUp,
          codeLocked: codeLocked(facts.codeAttempts),
        })!;
        const row = await repo.updateDelivery(uow.tx, id, {
          ...patch(locked, at),
          status: to,
          updatedAt: at,
        });
        await writeAudit(uow.tx, actor, meta, {
          action: `meal_delivery.${action}`,
          entityType: 'meal_delivery',
          entityId: id,
          before: deliveryAudit(locked),
          after: deliveryAudit(row),
          ...(actor ? {} : { note: RESIDENT_NOTE }),
        });
        if (after) await after(uow, row, named);
      },
      onAfterCommitError,
    );
    return namedDelivery(database.db, id);
  }

  async function assign(actor: Actor, meta: RequestMeta | null, id: string, riderUserId: string) {
    const scope = staffScope(actor);
    const [riderRow] = await repo.optedInRiders(database.db, [riderUserId]);
    // The delivery's existence and reach first (404), then the rider (400).
    const seen = await namedDelivery(database.db, id);
    if (!maySeeDelivery(scope, factsOf(seen))) throw notFound('Delivery', 'delivery.not_found');
    if (!riderRow) throw new AppError('delivery.rider_invalid', 'Choose an opted-in volunteer rider');
    const r = await change(actor, meta, scope, id, 'assign', (_d, at) => ({
      riderUserId,
      claimedAt: at,
      pickedUpAt: null,
      codeAttempts: 0,
    }));
    return deliveryDto(r, scope, now());
  }

  async function handle(actor: Actor, meta: RequestMeta | null, id: string) {
    const scope = staffScope(actor);
    const r = await change(actor, meta, scope, id, 'handle', (_d, at) => ({
      handledBy: actor.userId,
      deliveredAt: at,
    }));
    return deliveryDto(r, scope, now());
  }

  async function confirm(actor: Actor, meta: RequestMeta | null, id: string) {
    const scope = staffScope(actor);
    return deliveryDto(await confirmIn(scope, actor, meta, id), scope, now());
  }

  /** Receipt confirmed by community staff (`actor`) or by the resident (`actor` null). */
  async function confirmIn(scope: DeliveryScope, actor: Actor | null, meta: RequestMeta | null, id: string) {
    return change(
      actor,
      meta,
      scope,
      id,
      'confirm',
      (_d, at) => ({
        confirmedAt: at,
        confirmedBy: actor?.userId ?? null,
        confirmedByResident: actor === null,
      }),
      async (uow, d, named) => {
        await deps.events.publish(
          uow,
          'meal_delivery.confirmed',
          {
            deliveryId: d.id,
            beneficiaryId: d.beneficiaryId,
            stationId: d.stationId,
            communityOrgId: named.communityOrgId,
            date: d.date,
            riderUserId: d.riderUserId,
            confirmedBy: actor?.userId ?? null,
            confirmedByResident: actor === null,
            handledByStaff: d.handledBy !== null,
          },
          actor?.userId ?? null,
        );
      },
    );
  }

  async function cancel(actor: Actor, meta: RequestMeta | null, id: string, reason: string) {
    const scope = staffScope(actor);
    const r = await change(actor, meta, scope, id, 'cancel', (_d, at) => ({
      cancelledAt: at,
      cancelledBy: actor.userId,
      cancelReason: reason,
    }));
    return deliveryDto(r, scope, now());
  }

  // ---- residents' self-service (the session is resolved by deliveries.resident.ts) ----------

  function residentDeliveryDto(
    r: repo.DeliveryNamedRow,
    scope: DeliveryScope,
    at: Date,
  ): ResidentDeliveryDto {
    const d = r.d;
    const open = d.status === 'requested' || d.status === 'claimed';
    return {
      id: d.id,
      beneficiaryId: d.beneficiaryId,
      beneficiaryName: r.beneficiaryName,
      stationName: r.stationName,
      stationAddress: r.stationAddress,
      date: d.date,
      windowStart: d.windowStart,
      windowEnd: d.windowEnd,
      dishes: d.dishes,
      dietNotes: d.dietNotes,
      status: d.status,
      receiptCode: d.receiptCode,
      riderName: r.riderName ? maskName(r.riderName) : null,
      late: open && d.endsAt.getTime() <= at.getTime(),
      filedByResident: d.filedByResident,
      claimedAt: iso(d.claimedAt),
      deliveredAt: iso(d.deliveredAt),
      confirmedAt: iso(d.confirmedAt),
      cancelledAt: iso(d.cancelledAt),
      cancelReason: d.cancelReason,
      createdAt: d.createdAt.toISOString(),
      actions: residentActions(scope, factsOf(r)),
    };
  }

  /** The residents' requests of the last week and ahead, newest window first. */
  async function residentList(scope: DeliveryScope): Promise<ResidentDeliveriesReply> {
    const at = now();
    const from = shanghaiDate(new Date(at.getTime() - 7 * 86_400_000));
    const rows = await repo.residentDeliveries(database.db, scope.residentOf, from);
    return { items: rows.map((r) => residentDeliveryDto(r, scope, at)) };
  }

  /** A resident files for themselves: the staff rules, at most RESIDENT_DAYS_AHEAD days ahead. */
  async function residentFile(
    scope: DeliveryScope,
    meta: RequestMeta | null,
    input: CreateDeliveryInput,
  ): Promise<ResidentDeliveryDto> {
    const today = shanghaiDate(now());
    const last = shanghaiDate(
      new Date(shanghaiInstant(today, '12:00').getTime() + RESIDENT_DAYS_AHEAD * 86_400_000),
    );
    if (input.date > last)
      throw new AppError('delivery.too_early', `At most ${RESIDENT_DAYS_AHEAD} days ahead`, { last });
    const id = await file(scope, null, meta, input);
    return residentDeliveryDto(await namedDelivery(database.db, id), scope, now());
  }

  async function residentCancel(scope: DeliveryScope, meta: RequestMeta | null, id: string, reason?: string) {
    const r = await change(null, meta, scope, id, 'cancel', (_d, at) => ({
      cancelledAt: at,
      cancelledBy: null,
      cancelReason: reason || '居民本人取消',
    }));
    return residentDeliveryDto(r, scope, now());
  }

  async function residentConfirm(scope: DeliveryScope, meta: RequestMeta | null, id: string) {
    return residentDeliveryDto(await confirmIn(scope, null, meta, id), scope, now());
  }

  async function riders(actor: Actor): Promise<DeliveryRidersReply> {
    staffScope(actor);
    return { items: await repo.optedInRiders(database.db) };
  }

  // ---- riders ------------------------------------------------------------------------------

  async function volunteer(actor: Actor): Promise<VolunteerDto> {
    riderScope(actor);
    const v = await repo.getVolunteer(database.db, actor.userId);
    return { optedIn: v?.optedIn ?? false, updatedAt: iso(v?.updatedAt ?? null) };
  }

  async function setVolunteer(
    actor: Actor,
    meta: RequestMeta | null,
    optedIn: boolean,
  ): Promise<VolunteerDto> {
    riderScope(actor);
    const v = await inTransaction(database, async ({ tx }) => {
      const row = await repo.setVolunteer(tx, actor.userId, optedIn, now());
      await writeAudit(tx, actor, meta, {
        action: optedIn ? 'delivery_volunteer.opt_in' : 'delivery_volunteer.opt_out',
        entityType: 'user',
        entityId: actor.userId,
      });
      return row;
    });
    return { optedIn: v.optedIn, updatedAt: v.updatedAt.toISOString() };
  }

  async function assertVolunteer(actor: Actor): Promise<void> {
    const v = await repo.getVolunteer(database.db, actor.userId);
    if (!v?.optedIn)
      throw new AppError('delivery.not_volunteer', 'Opt in to meal-delivery volunteering first');
  }

  /**
   * Open requests of canteens within 5 km of the rider (all open ones when no position is given),
   * by window. Only the street and community show; the door after claiming.
   */
  async function offers(actor: Actor, q: OffersQuery): Promise<OffersReply> {
    riderScope(actor);
    const v = await repo.getVolunteer(database.db, actor.userId);
    if (!v?.optedIn) return { optedIn: false, items: [] };
    const here =
      q.lat !== undefined && q.lng !== undefined ? toWgs84({ lat: q.lat, lng: q.lng, crs: q.crs }) : null;
    const rows = await repo.openRequests(database.db, now());
    const items: OfferDto[] = [];
    for (const r of rows) {
      const canteen = { lat: Number(r.stationLat), lng: Number(r.stationLng) };
      const toCanteen = here ? haversineMeters(here, canteen) : null;
      if (toCanteen !== null && toCanteen > DELIVERY_RADIUS_M) continue;
      items.push({
        id: r.d.id,
        stationId: r.d.stationId,
        stationName: r.stationName,
        stationAddress: r.stationAddress,
        date: r.d.date,
        windowStart: r.d.windowStart,
        windowEnd: r.d.windowEnd,
        dishes: r.d.dishes,
        dietNotes: r.d.dietNotes,
        street: r.street,
        communityName: r.communityName,
        toCanteenM: toCanteen === null ? null : Math.round(toCanteen),
        canteenToDoorM: Math.round(haversineMeters(canteen, { lat: Number(r.lat), lng: Number(r.lng) })),
      });
    }
    return { optedIn: true, items };
  }

  async function mine(actor: Actor): Promise<MyDeliveriesReply> {
    const scope = riderScope(actor);
    const rows = await repo.riderDeliveries(database.db, actor.userId);
    return { items: rows.map((r) => myDeliveryDto(r, scope)) };
  }

  /**
   * Claims an open request for the rider. The row lock makes claims one at a time: the first
   * wins; a later one finds it claimed and gets 409 delivery.already_claimed (the same rider
   * claiming twice gets their delivery back).
   */
  async function claim(actor: Actor, meta: RequestMeta | null, id: string): Promise<MyDeliveryDto> {
    const scope = riderScope(actor);
    await assertVolunteer(actor);
    await inTransaction(
      database,
      async ({ tx }) => {
        const d = await repo.getDeliveryForUpdate(tx, id);
        if (!d) throw notFound('Delivery', 'delivery.not_found');
        if (d.status !== 'requested') {
          if (d.riderUserId === actor.userId && d.status === 'claimed') return;
          if (d.status === 'claimed' || d.status === 'delivered' || d.status === 'confirmed')
            throw new AppError('delivery.already_claimed', 'Another rider has taken it');
          throw notFound('Delivery', 'delivery.not_found');
        }
        const at = now();
        const row = await repo.updateDelivery(tx, id, {
          status: 'claimed',
          riderUserId: actor.userId,
          claimedAt: at,
          pickedUpAt: null,
          codeAttempts: 0,
          updatedAt: at,
        });
        await writeAudit(tx, actor, meta, {
          action: 'meal_delivery.claim',
          entityType: 'meal_delivery',
          entityId: id,
          before: deliveryAudit(d),
          after: deliveryAudit(row),
        });
      },
      onAfterCommitError,
    );
    return myDeliveryDto(await namedDelivery(database.db, id), scope);
  }

  async function pickup(actor: Actor, meta: RequestMeta | null, id: string): Promise<MyDeliveryDto> {
    const scope = riderScope(actor);
    const r = await change(actor, meta, scope, id, 'pickup', (_d, at) => ({ pickedUpAt: at }));
    return myDeliveryDto(r, scope);
  }

  async function release(actor: Actor, meta: RequestMeta | null, id: string): Promise<MyDeliveryDto> {
    const scope = riderScope(actor);
    const r = await change(actor, meta, scope, id, 'release', () => ({
      riderUserId: null,
      claimedAt: null,
      codeAttempts: 0,
    }));
    // The rider no longer holds it: the answer carries no actions.
    return myDeliveryDto(r, scope);
  }

  /**
   * The rider enters the resident's code at the door. Right: delivered (staff then confirm).
   * Wrong: 400 delivery.wrong_code with the tries left, the attempt counted (committed even
   * though the answer is an error); the 5th wrong one locks code entry for this rider.
   */
  async function deliver(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
    code: string,
  ): Promise<MyDeliveryDto> {
    const scope = riderScope(actor);
    const wrong = await inTransaction(database, async ({ tx }) => {
      const d = await repo.getDeliveryForUpdate(tx, id);
      if (!d || d.riderUserId !== actor.userId) throw notFound('Delivery', 'delivery.not_found');
      if (d.status === 'claimed' && codeLocked(d.codeAttempts))
        throw new AppError('delivery.code_locked', 'Code entry is locked; ask the community staff');
      if (d.status !== 'claimed')
        throw new AppError('delivery.invalid_transition', `Cannot deliver a delivery that is ${d.status}`, {
          status: d.status,
        });
      const right =
        code.length === d.receiptCode.length &&
        crypto.timingSafeEqual(Buffer.from(code), Buffer.from(d.receiptCode));
      if (right) return null;
      const attempts = d.codeAttempts + 1;
      await repo.updateDelivery(tx, id, { codeAttempts: attempts, updatedAt: now() });
      await writeAudit(tx, actor, meta, {
        action: 'meal_delivery.wrong_code',
        entityType: 'meal_delivery',
        entityId: id,
        note: `attempt ${attempts} of ${DELIVERY_CODE_MAX_TRIES}`,
        outcome: 'denied',
      });
      return { attemptsLeft: Math.max(0, DELIVERY_CODE_MAX_TRIES - attempts) };
    });
    if (wrong) throw new AppError('delivery.wrong_code', 'The code does not match', wrong);
    const r = await change(actor, meta, scope, id, 'deliver', (_d, at) => ({ deliveredAt: at }));
    return myDeliveryDto(r, scope);
  }

  // ---- escalation --------------------------------------------------------------------------

  /**
   * The escalation sweep (a job every minute): requests nobody claimed by
   * NUANXIN_DELIVERY_ESCALATE_MINUTES before their window are marked escalated, and an event
   * tells the community's staff (who assign a rider or carry it themselves).
   */
  async function escalateDue(): Promise<JobOutcome> {
    const at = now();
    const n = await inTransaction(
      database,
      async (uow) => {
        const due = await repo.dueForEscalation(uow.tx, at, deps.config.deliveryEscalateMinutes);
        for (const { id } of due) {
          const row = await repo.updateDelivery(uow.tx, id, { escalatedAt: at, updatedAt: at });
          const named = (await repo.getDeliveryNamed(uow.tx, id))!;
          await writeAudit(uow.tx, SYSTEM_ACTOR, null, {
            action: 'meal_delivery.escalate',
            entityType: 'meal_delivery',
            entityId: id,
          });
          await deps.events.publish(uow, 'meal_delivery.escalated', {
            deliveryId: id,
            beneficiaryId: row.beneficiaryId,
            stationId: row.stationId,
            communityOrgId: named.communityOrgId,
            date: row.date,
            windowStart: row.windowStart,
            beneficiaryName: named.beneficiaryName,
          });
        }
        return due.length;
      },
      onAfterCommitError,
    );
    return n > 0 ? 'done' : 'skipped';
  }

  /** Users to notify about a community's deliveries: its community staff. */
  async function staffOfCommunity(db: Db, communityOrgId: string): Promise<string[]> {
    const org = await repo.getOrgFacts(db, communityOrgId);
    if (!org) return [];
    const out = new Set<string>();
    for (const g of await repo.communityStaffGrants(db)) {
      const scope: DeliveryScope = {
        userId: g.userId,
        isRider: false,
        orgPaths: g.orgPath ? [g.orgPath] : [],
        regions: !g.orgPath && g.regionCode ? [g.regionCode] : [],
        residentOf: [],
      };
      if (managesCommunity(scope, org)) out.add(g.userId);
    }
    return [...out];
  }

  return {
    listBeneficiaries,
    places,
    createBeneficiary,
    updateBeneficiary,
    reveal,
    list,
    create,
    assign,
    handle,
    confirm,
    cancel,
    riders,
    volunteer,
    setVolunteer,
    offers,
    mine,
    claim,
    pickup,
    release,
    deliver,
    escalateDue,
    staffOfCommunity,
    residentList,
    residentFile,
    residentCancel,
    residentConfirm,
  };
}

/** The fields an audit row records of a beneficiary (the phone only masked). */
function beneficiaryAudit(b: repo.BeneficiaryRow) {
  return {
    name: b.name,
    phone: b.phoneMasked,
    address: b.address,
    communityOrgId: b.communityOrgId,
    category: b.category,
    freeMeals: b.freeMeals,
    status: b.status,
    version: b.version,
  };
}

/** The fields an audit row records of a delivery (never the receipt code). */
function deliveryAudit(d: repo.DeliveryRow) {
  return {
    beneficiaryId: d.beneficiaryId,
    stationId: d.stationId,
    date: d.date,
    window: `${d.windowStart}-${d.windowEnd}`,
    status: d.status,
    riderUserId: d.riderUserId,
    codeAttempts: d.codeAttempts,
  };
}
