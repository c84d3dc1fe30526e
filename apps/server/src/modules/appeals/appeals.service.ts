import {
  APPEAL_ACTION_LABELS,
  APPEAL_STATE_LABELS,
  type AppealAction,
  type AppealCategoryDto,
  type AppealDetailDto,
  type AppealNearbyQuery,
  type AppealQueue,
  type AppealQueuesDto,
  type AppealSatisfaction,
  type AppealState,
  type AppealSummaryDto,
  type AppealsListDto,
  type AppealsListQuery,
  type CreateAppealInput,
  type NearbyAppealDto,
  regionLevelOf,
  regionPrefix,
  unitServesRegion,
} from '@nuanxin/shared';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { auditInsert, writeAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { shanghaiDate } from '../../platform/calendar/index.ts';
import type { Db } from '../../platform/db/client.ts';
import { newId } from '../../platform/db/ids.ts';
import { inTransaction, runTogether, type UnitOfWork } from '../../platform/db/tx.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { type EventMap, outboxInsert } from '../../platform/events/events.ts';
import { distanceExpr, earthOf, nearbyCondition, toWgs84 } from '../../platform/geo/geo.ts';
import { AppError, conflict, forbidden, notFound, validation } from '../../platform/http/errors.ts';
import { maskPhone } from '../../platform/pii/mask.ts';
import { attachPhotos, photosOf } from '../files/index.ts';
import { categoryOpenGiven } from './appeals.catalogue.repository.ts';
import type { AppealEventPayload } from './appeals.events.ts';
import { filedCaseFactsStatements, refreshCaseFacts } from './appeals.facts.ts';
import { type MachineAction, type MachineContext, transition } from './appeals.machine.ts';
import {
  type AppealScope,
  appealActions,
  type CaseFacts,
  canSee,
  isDispatcherFor,
  isReporter,
  mayAct,
  workOfMyUnitsSql,
} from './appeals.policy.ts';
import { appealQueueSql, appealVisibilitySql, resolveAppealScope } from './appeals.queues.ts';
import * as repo from './appeals.repository.ts';
import { type AppealsSettings, DEFAULT_APPEALS_SETTINGS } from './appeals.settings.ts';
import { appeal } from './appeals.tables.ts';

/**
 * Use cases of the appeals closed loop. Each one is one transaction: the optimistic version
 * check on the case, the machine's transition, assignment and deadline changes, a timeline row,
 * the audit row and the outbox event commit together.
 */

export interface AppealsServiceOptions {
  settings?: Partial<AppealsSettings>;
  /** The clock (tests and the demo seed move it). */
  now?: () => Date;
}

/** Body of an action, as the routes validated it. */
export interface ActionBody {
  note?: string | undefined;
  reason?: string | undefined;
  unitId?: string | undefined;
  coUnitIds?: string[] | undefined;
  notOurDuty?: boolean | undefined;
  stageFeedback?: boolean | undefined;
  workingDays?: number | undefined;
  approve?: boolean | undefined;
  reply?: string | undefined;
  satisfaction?: Exclude<AppealSatisfaction, 'no_answer'> | undefined;
  comment?: string | undefined;
  targetId?: string | undefined;
  message?: string | undefined;
}

export interface CreateResult {
  appeal: AppealDetailDto;
  /** false when the idempotency key matched an existing case. */
  created: boolean;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const TERMINAL: readonly AppealState[] = ['closed', 'refused', 'terminated', 'duplicate'];
const IN_HANDS: readonly AppealState[] = ['dispatched', 'returned', 'handling'];

type Actorish = Pick<Actor, 'userId' | 'name' | 'roles'>;

export type AppealsService = ReturnType<typeof createAppealsService>;

export function createAppealsService(deps: PlatformDeps, opts: AppealsServiceOptions = {}) {
  const { database } = deps;
  const settings: AppealsSettings = { ...DEFAULT_APPEALS_SETTINGS, ...opts.settings };
  const now = opts.now ?? (() => new Date());
  const onAfterCommitError = (err: unknown) => deps.log.error({ err }, 'appeals after-commit work failed');

  // ---- scope and facts --------------------------------------------------------------------

  const scopeOf = resolveAppealScope;

  function factsOf(
    row: repo.AppealRow,
    assignments: repo.AssignmentWithUnit[],
    following: boolean,
  ): CaseFacts {
    const active = assignments.filter((a) => a.endedAt === null);
    return {
      state: row.state,
      regionCode: row.regionCode,
      reporterUserId: row.reporterUserId ?? row.createdBy,
      leadUnitPath: active.find((a) => a.role === 'lead')?.unitPath ?? null,
      coUnitPaths: active.filter((a) => a.role === 'co').map((a) => a.unitPath),
      everAssignedPaths: [...new Set(assignments.map((a) => a.unitPath))],
      following,
    };
  }

  function isOverdue(row: repo.AppealRow, at: Date): boolean {
    const t = at.getTime();
    if (IN_HANDS.includes(row.state) && row.dueAt && row.dueAt.getTime() < t) return true;
    if (row.state === 'dispatched' && row.signDueAt && row.signDueAt.getTime() < t) return true;
    if ((row.state === 'submitted' || row.state === 'accepted') && row.dispatchDueAt)
      return row.dispatchDueAt.getTime() < t;
    return false;
  }

  const iso = (d: Date | null) => (d ? d.toISOString() : null);

  function toSummary(row: repo.AppealListRow, at: Date): AppealSummaryDto {
    return {
      id: row.id,
      caseNo: row.caseNo,
      type: row.type,
      categoryId: row.categoryId,
      categoryName: row.categoryName,
      urgency: row.urgency,
      channel: row.channel,
      state: row.state,
      stateLabel: APPEAL_STATE_LABELS[row.state],
      regionCode: row.regionCode,
      regionName: row.regionName,
      leadUnitId: row.leadUnitId,
      leadUnitName: row.leadUnitName,
      title: [...row.description].slice(0, 40).join(''),
      createdAt: row.createdAt.toISOString(),
      dispatchedAt: iso(row.dispatchedAt),
      dueAt: iso(row.dueAt),
      signDueAt: iso(row.signDueAt),
      overdue: isOverdue(row, at),
      reopenCount: row.reopenCount,
      supervised: row.supervisedAt !== null,
    };
  }

  /** The case as `actor` may see it, or 404. */
  async function detail(db: Db, actor: Actor, scope: AppealScope, id: string): Promise<AppealDetailDto> {
    const row = await repo.getAppealNamed(db, id);
    if (!row) throw notFound('Appeal', 'appeal.not_found');
    const [assignments, following] = await Promise.all([
      repo.listAssignments(db, id),
      repo.isFollowing(db, id, actor.userId),
    ]);
    const facts = factsOf(row, assignments, following);
    if (!canSee(scope, facts)) throw notFound('Appeal', 'appeal.not_found');
    const [events, extensions, visits] = await Promise.all([
      repo.listEvents(db, id),
      repo.listExtensions(db, id),
      repo.listVisits(db, id),
    ]);
    const photos = await photosOf(db, 'appeal', id);
    return detailOf(actor, scope, { row, assignments, following, events, extensions, visits, photos });
  }

  interface CaseParts {
    row: repo.AppealListRow;
    assignments: repo.AssignmentWithUnit[];
    following: boolean;
    events: repo.EventRow[];
    extensions: repo.ExtensionRow[];
    visits: repo.VisitRow[];
    photos: Awaited<ReturnType<typeof photosOf>>;
  }

  /** The detail DTO from the loaded parts (visibility already checked). */
  function detailOf(actor: Actor, scope: AppealScope, parts: CaseParts): AppealDetailDto {
    const { row, assignments, following, events, extensions, visits, photos } = parts;
    const facts = factsOf(row, assignments, following);
    const at = now();
    const pending = extensions.some((e) => e.status === 'pending');
    const ctx: MachineContext = {
      hasPendingExtension: pending,
      pastDeadline: row.dueAt !== null && row.dueAt.getTime() < at.getTime(),
    };
    const staffView =
      actor.kind === 'staff' && (scope.readRegions.length > 0 || scope.handleOrgPaths.length > 0);
    const reporterSelf = isReporter(scope, facts);
    const dispatcher = isDispatcherFor(scope, facts);
    const showReporter = reporterSelf || dispatcher || (staffView && !row.anonymous);
    return {
      ...toSummary(row, at),
      description: row.description,
      privacy: row.privacy,
      anonymous: row.anonymous,
      location:
        row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng, address: row.address } : null,
      reporter: showReporter
        ? {
            userId: row.reporterUserId,
            contactName: row.contactName,
            contactPhoneMasked: row.contactPhoneMasked,
          }
        : { userId: null, contactName: null, contactPhoneMasked: null },
      caller:
        staffView && (row.callerName || row.callerPhoneMasked || row.calledAt)
          ? { name: row.callerName, phoneMasked: row.callerPhoneMasked, calledAt: iso(row.calledAt) }
          : null,
      reply: row.reply,
      resolvedAt: iso(row.resolvedAt),
      closedAt: iso(row.closedAt),
      duplicateOf: row.duplicateOf,
      supervisedAt: staffView ? iso(row.supervisedAt) : null,
      dispatchDueAt: iso(row.dispatchDueAt),
      assignments: assignments.map((a) => ({
        id: a.id,
        unitId: a.unitId,
        unitName: a.unitName,
        role: a.role,
        dispatchedAt: a.dispatchedAt.toISOString(),
        signedAt: iso(a.signedAt),
        returnedAt: iso(a.returnedAt),
        returnReason: staffView ? a.returnReason : null,
        notOurDuty: a.notOurDuty,
        endedAt: iso(a.endedAt),
      })),
      extensions: staffView
        ? extensions.map((e) => ({
            id: e.id,
            requestedAt: e.requestedAt.toISOString(),
            requestedByName: e.requestedByName,
            workingDays: e.workingDays,
            reason: e.reason,
            status: e.status,
            decidedByName: e.decidedByName,
            decidedAt: iso(e.decidedAt),
            newDueAt: iso(e.newDueAt),
          }))
        : [],
      visits: visits.map((v) => ({
        id: v.id,
        at: v.at.toISOString(),
        satisfaction: v.satisfaction,
        comment: v.comment,
        channel: v.channel,
        byName: staffView ? v.byName : null,
      })),
      timeline: events
        .filter((e) => staffView || e.public)
        .map((e) => ({
          id: e.id,
          at: e.at.toISOString(),
          actorName: e.actorName,
          action: e.action,
          actionLabel: APPEAL_ACTION_LABELS[e.action as keyof typeof APPEAL_ACTION_LABELS] ?? e.action,
          fromState: e.fromState,
          toState: e.toState,
          note: e.note,
          public: e.public,
        })),
      following,
      isReporter: reporterSelf,
      actions: appealActions(scope, facts, ctx),
      photos,
    };
  }

  function payloadOf(row: repo.AppealRow, from: AppealState | null): AppealEventPayload {
    return {
      appealId: row.id,
      caseNo: row.caseNo,
      from,
      to: row.state,
      regionCode: row.regionCode,
      leadUnitId: row.leadUnitId,
      reporterUserId: row.reporterUserId,
    };
  }

  async function publish<T extends keyof EventMap & string>(
    uow: UnitOfWork,
    type: T,
    payload: EventMap[T],
    actorId: string | null,
  ): Promise<void> {
    await deps.events.publish(uow, type, payload, actorId);
  }

  /**
   * The lead and co-units of a dispatch. A new choice (`caseRegion` given) must serve the case's
   * district (the same rule as the dispatch catalogue's, APL-03).
   */
  async function loadUnits(db: Db, unitId: string, coUnitIds: readonly string[], caseRegion?: string) {
    const ids = [...new Set([unitId, ...coUnitIds])];
    const units = await repo.getUnits(db, ids);
    if (units.length !== ids.length)
      throw new AppError('appeal.unit_not_found', 'A handling unit does not exist');
    const outside = caseRegion ? units.filter((u) => !unitServesRegion(u.regionCode, caseRegion)) : [];
    if (outside.length)
      throw new AppError('appeal.unit_outside_region', "A handling unit is not in the case's district", {
        unitIds: outside.map((u) => u.id),
      });
    return units;
  }

  function resolveDueFrom(row: Pick<repo.AppealRow, 'type'>, from: Date): Date {
    return deps.calendar.addWorkingDays(from, settings.resolveWorkingDays[row.type]);
  }

  // ---- create ---------------------------------------------------------------------------

  async function create(
    actor: Actor,
    meta: RequestMeta | null,
    input: CreateAppealInput,
    idempotencyKey?: string,
  ): Promise<CreateResult> {
    const scope = await scopeOf(database.db, actor);
    const r = await fileAppeal(actor, scope, meta, input, idempotencyKey);
    // A new case is answered from what the filing wrote (no reload); a replayed key reloads it.
    if (r.fresh) {
      const { row, event, photoIds } = r.fresh;
      const facts = factsOf(row, [], false);
      if (canSee(scope, facts))
        return {
          appeal: detailOf(actor, scope, {
            row,
            assignments: [],
            following: false,
            events: [event],
            extensions: [],
            visits: [],
            photos: photoIds ? await photosOf(database.db, 'appeal', row.id) : [],
          }),
          created: true,
        };
    }
    return { appeal: await detail(database.db, actor, scope, r.id), created: r.created };
  }

  /** Files the case and returns its id, without building the detail (the demo seed files many). */
  async function fileAppeal(
    actor: Actor,
    scope: AppealScope,
    meta: RequestMeta | null,
    input: CreateAppealInput,
    idempotencyKey?: string,
  ): Promise<{
    id: string;
    created: boolean;
    /** The rows a new filing wrote, enough to answer without reading them back. */
    fresh?: { row: repo.AppealListRow; event: repo.EventRow; photoIds: boolean };
  }> {
    const db = database.db;
    if (!scope.canCreate) throw forbidden('You may not file appeals');
    const staff = actor.kind === 'staff';
    if (!staff && (input.channel || input.callerName || input.callerPhone || input.calledAt))
      throw new AppError('appeal.channel_forbidden', 'Only staff record appeals from other channels');
    const at = now();
    const level = input.regionCode ? regionLevelOf(input.regionCode) : null;
    // Idempotency key, region and category (with its parent) in one round trip, which also takes
    // the case number when they make a valid filing; the verdicts in order. The number is taken in
    // that statement, committed at once: the (district, day) counter row is locked for that
    // statement only, not for the whole filing, so filings of a district do not queue behind each
    // other (docs/benchmarks.md). A filing that fails later leaves a gap in the day's numbers;
    // numbers stay unique and in filing order.
    const ctx = await repo.filingContext(
      db,
      actor.userId,
      idempotencyKey ?? null,
      input.regionCode ?? null,
      input.categoryId,
      level === 'county' || level === 'township' ? { day: shanghaiDate(at), staff } : null,
    );
    if (ctx.existingId) return { id: ctx.existingId, created: false };
    if (!input.regionCode)
      throw validation('regionCode is required', [{ path: 'body.regionCode', message: 'required' }]);
    if (ctx.regionName === null || (level !== 'county' && level !== 'township'))
      throw new AppError('region.not_found', 'The region does not exist or is not a county or township');
    const regionName = ctx.regionName;
    const category = ctx.category;
    if (!category || (!staff && !category.acceptsPublic))
      throw new AppError('appeal.category_not_found', 'Unknown appeal category');
    if (!categoryOpenGiven(category, category.parentEnabled))
      throw new AppError('appeal.category_disabled', 'The category is disabled; pick another one');
    const point = input.location
      ? toWgs84({ lat: input.location.lat, lng: input.location.lng, crs: input.location.crs })
      : null;
    // The read found the filing valid, so it took the number; only if the checks above ever
    // disagree with its condition is the number taken here.
    const seq = ctx.seq ?? (await repo.nextCaseSeq(db, input.regionCode, shanghaiDate(at)));

    const caseNo = `SQ-${input.regionCode}-${shanghaiDate(at).replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
    const row: repo.AppealRow = {
      id: newId(),
      caseNo,
      type: input.type,
      categoryId: category.id,
      urgency: input.urgency,
      channel: staff ? (input.channel ?? 'staff') : 'app',
      state: 'submitted',
      version: 1,
      reporterUserId: staff ? null : actor.userId,
      createdBy: actor.userId,
      anonymous: input.anonymous,
      contactName: input.contactName ?? null,
      contactPhoneEnc: input.contactPhone ? deps.pii.encrypt(input.contactPhone) : null,
      contactPhoneMasked: input.contactPhone ? maskPhone(input.contactPhone) : null,
      callerName: input.callerName ?? null,
      callerPhoneEnc: input.callerPhone ? deps.pii.encrypt(input.callerPhone) : null,
      callerPhoneMasked: input.callerPhone ? maskPhone(input.callerPhone) : null,
      calledAt: input.calledAt ? new Date(input.calledAt) : null,
      description: input.description,
      privacy: input.privacy,
      regionCode: input.regionCode!,
      lat: point?.lat ?? null,
      lng: point?.lng ?? null,
      address: input.location?.address ?? null,
      idempotencyKey: idempotencyKey ?? null,
      leadUnitId: null,
      dispatchedAt: null,
      signDueAt: null,
      dueAt: null,
      dispatchDueAt: new Date(at.getTime() + settings.dispatchHours[input.urgency] * HOUR_MS),
      resolvedAt: null,
      closedAt: null,
      reply: null,
      reopenCount: 0,
      supervisedAt: null,
      duplicateOf: null,
      createdAt: at,
      updatedAt: at,
    };
    const event: repo.EventRow = {
      id: newId(),
      appealId: row.id,
      at,
      actorId: actor.userId,
      actorName: actor.name,
      action: 'submit',
      fromState: null,
      toState: 'submitted',
      note: null,
      data: { channel: row.channel },
      public: true,
    };
    // The case, its submit event, its metric facts, the audit row and the outbox event in one
    // statement: atomic without a transaction, one round trip (docs/benchmarks.md, "Filing").
    // Photos are attached in the same transaction: one that is not the filer's own unattached
    // upload undoes the filing.
    const write = async (db: Db) => {
      const outbox = outboxInsert(db, 'appeal.submitted', payloadOf(row, null), actor.userId);
      await runTogether(db, [
        repo.insertAppealStatement(db, row),
        repo.insertEventStatement(db, event),
        ...filedCaseFactsStatements(row),
        auditInsert(db, actor, meta, {
          action: 'appeal.create',
          entityType: 'appeal',
          entityId: row.id,
          after: { caseNo, type: row.type, channel: row.channel, regionCode: row.regionCode },
        }),
        outbox.insert,
      ]);
      return outbox.id;
    };
    let eventId: string;
    try {
      eventId = input.photoIds?.length
        ? await inTransaction(database, async ({ tx }) => {
            const id = await write(tx);
            await attachPhotos(tx, {
              ownerUserId: actor.userId,
              ids: input.photoIds!,
              type: 'appeal',
              targetId: row.id,
              at,
            });
            return id;
          })
        : await write(database.db);
    } catch (err) {
      // Another request with the same key committed first: answer with its case.
      if (!idempotencyKey || !repo.isIdempotencyConflict(err)) throw err;
      const existing = await repo.findByIdempotencyKey(db, actor.userId, idempotencyKey);
      if (!existing) throw conflict('The appeal could not be filed; try again', 'appeal.conflict');
      return { id: existing.id, created: false };
    }
    deps.events.kick([eventId]);
    return {
      id: row.id,
      created: true,
      fresh: {
        row: { ...row, categoryName: category.name, regionName, leadUnitName: null },
        event,
        photoIds: (input.photoIds?.length ?? 0) > 0,
      },
    };
  }

  /** Files without building the detail; returns the id (seed, CLI). */
  async function fileQuietly(
    actor: Actor,
    input: CreateAppealInput,
    idempotencyKey?: string,
  ): Promise<string> {
    return (await fileAppeal(actor, await scopeOf(database.db, actor), null, input, idempotencyKey)).id;
  }

  /** Runs an action without building the detail (seed, CLI). */
  async function perform(
    actor: Actor,
    id: string,
    action: AppealAction,
    body: ActionBody = {},
  ): Promise<void> {
    await runAction(actor, null, id, action, body);
  }

  // ---- transitions ----------------------------------------------------------------------

  interface Step {
    patch: Partial<repo.NewAppealRow>;
    event: { note?: string | null; data?: unknown; public?: boolean };
    after?: (tx: Db, updated: repo.AppealRow) => Promise<void>;
    events: ((updated: repo.AppealRow) => Promise<void>)[];
  }

  /**
   * Runs one action in one transaction. `system` skips the policy (the no-answer rule).
   * Returns the updated row, or null when `skipIf` said the case moved on.
   */
  async function runAction(
    actor: Actor | null,
    meta: RequestMeta | null,
    id: string,
    action: MachineAction,
    body: ActionBody,
    skipUnlessState?: AppealState,
  ): Promise<repo.AppealRow | null> {
    const scope = actor ? await scopeOf(database.db, actor) : null;
    const who: Actorish | null = actor;
    return inTransaction(
      database,
      async (uow) => {
        const { tx } = uow;
        const row = await repo.getAppeal(tx, id);
        if (!row) throw notFound('Appeal', 'appeal.not_found');
        if (skipUnlessState && row.state !== skipUnlessState) return null;
        const assignments = await repo.listAssignments(tx, id);
        const facts = factsOf(row, assignments, actor ? await repo.isFollowing(tx, id, actor.userId) : false);
        if (scope && actor && !canSee(scope, facts)) throw notFound('Appeal', 'appeal.not_found');
        const at = now();
        const pending = await repo.pendingExtension(tx, id);
        const ctx: MachineContext = {
          hasPendingExtension: pending !== null,
          pastDeadline: row.dueAt !== null && row.dueAt.getTime() < at.getTime(),
          ...(body.satisfaction ? { satisfaction: body.satisfaction } : {}),
          ...(action === 'noAnswer' ? { satisfaction: 'no_answer' as const } : {}),
        };
        // The state first: when another actor moved the case on (a return won the race with a
        // sign), the loser learns that with 409, not with a 403 computed from the new state.
        const to = transition(row.state, action, ctx);
        if (scope && actor && (action === 'noAnswer' || !mayAct(scope, facts, action)))
          throw forbidden(`You may not ${action} this appeal`);
        const active = assignments.filter((a) => a.endedAt === null);
        const lead = active.find((a) => a.role === 'lead') ?? null;
        const actorId = actor?.userId ?? null;
        const actorName = actor?.name ?? null;
        const base = () => payloadOf(row, row.state);
        const step: Step = { patch: {}, event: {}, events: [] };
        const pub = <T extends keyof EventMap & string>(type: T, extra: (u: repo.AppealRow) => EventMap[T]) =>
          step.events.push(async (u) => publish(uow, type, extra(u), actorId));

        switch (action) {
          case 'accept':
            step.event = { note: body.note ?? null, public: true };
            pub('appeal.accepted', (u) => ({ ...base(), to: u.state }));
            break;
          case 'refuse':
            step.patch = { closedAt: at };
            step.event = { note: body.reason ?? null, public: true };
            pub('appeal.refused', (u) => ({ ...base(), to: u.state }));
            break;
          case 'dispatch':
          case 'redispatch':
          case 'insist': {
            const unitId =
              action === 'insist'
                ? (assignments.filter((a) => a.role === 'lead').at(-1)?.unitId ?? null)
                : body.unitId!;
            if (!unitId) throw new AppError('appeal.unit_not_found', 'No unit to insist on');
            const coUnitIds =
              action === 'insist'
                ? active.filter((a) => a.role === 'co').map((a) => a.unitId)
                : (body.coUnitIds ?? []).filter((c) => c !== unitId);
            await loadUnits(tx, unitId, coUnitIds, action === 'insist' ? undefined : row.regionCode);
            const signDueAt = deps.calendar.addWorkingHours(at, settings.signWorkingHours);
            step.patch = { leadUnitId: unitId, signDueAt };
            if (!row.dispatchedAt) {
              step.patch.dispatchedAt = at;
              step.patch.dueAt = resolveDueFrom(row, at);
            }
            step.after = async (t) => {
              await repo.endAssignments(t, id, at);
              await repo.insertAssignments(t, [
                { appealId: id, unitId, role: 'lead', dispatchedAt: at },
                ...coUnitIds.map((c) => ({ appealId: id, unitId: c, role: 'co' as const, dispatchedAt: at })),
              ]);
            };
            step.event = { note: body.note ?? null, data: { unitId, coUnitIds }, public: true };
            pub('appeal.dispatched', (u) => ({
              ...base(),
              to: u.state,
              leadUnitId: unitId,
              unitId,
              coUnitIds,
            }));
            break;
          }
          case 'sign':
            step.after = async (t) => {
              if (lead) await repo.updateAssignment(t, lead.id, { signedAt: at });
            };
            step.event = { public: true };
            pub('appeal.signed', (u) => ({ ...base(), to: u.state }));
            break;
          case 'return':
            step.after = async (t) => {
              if (lead)
                await repo.updateAssignment(t, lead.id, {
                  returnedAt: at,
                  returnReason: body.reason ?? null,
                  notOurDuty: body.notOurDuty ?? false,
                  endedAt: at,
                });
            };
            step.event = { note: body.reason ?? null, data: { notOurDuty: body.notOurDuty ?? false } };
            pub('appeal.returned', (u) => ({
              ...base(),
              to: u.state,
              unitId: lead?.unitId ?? '',
              notOurDuty: body.notOurDuty ?? false,
            }));
            break;
          case 'progress':
            step.event = { note: body.note ?? null, public: body.stageFeedback ?? false };
            pub('appeal.progressed', (u) => ({
              ...base(),
              to: u.state,
              stageFeedback: body.stageFeedback ?? false,
            }));
            break;
          case 'extend':
            step.after = async (t) => {
              await repo.insertExtension(t, {
                appealId: id,
                requestedAt: at,
                requestedBy: actorId!,
                requestedByName: actorName ?? '',
                workingDays: body.workingDays!,
                reason: body.reason!,
              });
            };
            step.event = { note: body.reason ?? null, data: { workingDays: body.workingDays } };
            pub('appeal.extension_requested', (u) => ({
              ...base(),
              to: u.state,
              workingDays: body.workingDays!,
            }));
            break;
          case 'approveExtension': {
            const ext = pending!;
            const approved = body.approve === true;
            const newDueAt =
              approved && row.dueAt ? deps.calendar.addWorkingDays(row.dueAt, ext.workingDays) : null;
            if (newDueAt) step.patch = { dueAt: newDueAt };
            step.after = async (t) => {
              await repo.decideExtension(t, ext.id, {
                status: approved ? 'approved' : 'refused',
                decidedBy: actorId,
                decidedByName: actorName,
                decidedAt: at,
                newDueAt,
              });
            };
            step.event = {
              note: body.note ?? null,
              data: { approved, workingDays: ext.workingDays, newDueAt: newDueAt?.toISOString() ?? null },
            };
            pub('appeal.extension_decided', (u) => ({ ...base(), to: u.state, approved }));
            break;
          }
          case 'resolve':
            step.patch = { resolvedAt: at, reply: body.reply ?? null };
            step.event = { note: body.reply ?? null, public: true };
            pub('appeal.resolved', (u) => ({ ...base(), to: u.state }));
            break;
          case 'visit':
          case 'noAnswer': {
            const satisfaction: AppealSatisfaction = action === 'noAnswer' ? 'no_answer' : body.satisfaction!;
            const channel =
              action === 'noAnswer' ? 'rule' : scope && isReporter(scope, facts) ? 'self' : 'phone';
            const reopened = to === 'handling';
            if (reopened) {
              // 重办: back to the same unit with a fresh resolve limit.
              step.patch = {
                reopenCount: row.reopenCount + 1,
                resolvedAt: null,
                dueAt: resolveDueFrom(row, at),
              };
            }
            step.after = async (t) => {
              await repo.insertVisit(t, {
                appealId: id,
                at,
                satisfaction,
                comment: body.comment ?? null,
                channel,
                byUserId: actorId,
                byName: actorName,
              });
            };
            step.event = { note: body.comment ?? null, data: { satisfaction, channel }, public: true };
            pub('appeal.visited', (u) => ({ ...base(), to: u.state, satisfaction }));
            if (reopened)
              pub('appeal.reopened', (u) => ({ ...base(), to: u.state, reopenCount: u.reopenCount }));
            break;
          }
          case 'close':
            step.patch = { closedAt: at };
            step.event = { public: true };
            pub('appeal.closed', (u) => ({ ...base(), to: u.state }));
            break;
          case 'terminate':
            step.patch = { closedAt: at };
            step.after = async (t) => repo.endAssignments(t, id, at);
            step.event = { note: body.reason ?? null, public: true };
            pub('appeal.terminated', (u) => ({ ...base(), to: u.state }));
            break;
          case 'markDuplicate': {
            const targetId = body.targetId!;
            const target = targetId === id ? null : await repo.getAppeal(tx, targetId);
            if (
              !target ||
              TERMINAL.includes(target.state) ||
              (scope && !scope.readRegions.some((r) => target.regionCode.startsWith(regionPrefix(r) ?? '-')))
            )
              throw new AppError('appeal.duplicate_target', 'The target case cannot be used');
            step.patch = { duplicateOf: targetId, closedAt: at };
            step.after = async (t) => {
              const follower = row.reporterUserId;
              if (follower) await repo.addFollower(t, targetId, follower);
            };
            step.event = {
              note: target.caseNo,
              data: { targetId, targetCaseNo: target.caseNo },
              public: true,
            };
            pub('appeal.duplicated', (u) => ({ ...base(), to: u.state, targetId }));
            break;
          }
          case 'supervise':
            step.patch = { supervisedAt: at };
            step.event = { note: body.message ?? null };
            pub('appeal.supervised', (u) => ({ ...base(), to: u.state, message: body.message ?? '' }));
            break;
        }

        // The optimistic lock first: a concurrent change makes this a 409 before anything else is written.
        const updated = await repo.updateVersioned(tx, id, row.version, {
          ...step.patch,
          state: to,
          updatedAt: at,
        });
        if (!updated) throw conflict('The appeal was changed by someone else; reload it', 'appeal.conflict');
        await step.after?.(tx, updated);
        await repo.insertEvent(tx, {
          appealId: id,
          at,
          actorId,
          actorName,
          action,
          fromState: row.state,
          toState: to,
          note: step.event.note ?? null,
          data: step.event.data ?? null,
          public: step.event.public ?? false,
        });
        // The metric facts of the case, from its row and timeline as they now stand.
        await refreshCaseFacts(tx, id);
        await writeAudit(tx, who, meta, {
          action: `appeal.${action}`,
          entityType: 'appeal',
          entityId: id,
          before: { state: row.state, version: row.version },
          after: { state: to, version: updated.version },
          ...(step.event.note ? { note: step.event.note } : {}),
        });
        for (const e of step.events) await e(updated);
        return updated;
      },
      onAfterCommitError,
    );
  }

  async function act(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
    action: AppealAction,
    body: ActionBody,
  ): Promise<AppealDetailDto> {
    await runAction(actor, meta, id, action, body);
    return get(actor, id);
  }

  async function get(actor: Actor, id: string): Promise<AppealDetailDto> {
    const scope = await scopeOf(database.db, actor);
    return detail(database.db, actor, scope, id);
  }

  // ---- lists ----------------------------------------------------------------------------

  const visibility = appealVisibilitySql;

  /**
   * A unit handler without region reach works on the cases waiting on their units now: for them
   * the work queues are those cases only (not every case their units ever touched). It is a subset
   * of what they may see, so a list needs no visibility condition besides it — which spares the
   * database a set of every case the unit ever handled on each page (docs/benchmarks.md).
   */
  function workQueueOfHandler(scope: AppealScope, queue: AppealQueue): boolean {
    return (
      scope.readRegions.length === 0 &&
      scope.handleOrgPaths.length > 0 &&
      (queue === 'pending_sign' || queue === 'handling' || queue === 'due_soon' || queue === 'overdue')
    );
  }

  const myUnitsWork = (scope: AppealScope) =>
    workOfMyUnitsSql(scope, {
      appealId: sql`${appeal.id}`,
      state: sql`${appeal.state}`,
      leadUnit: sql`${appeal.leadUnitId}`,
    });

  const queueSql = (scope: AppealScope, queue: AppealQueue, at: Date) =>
    appealQueueSql(scope, queue, at, settings.dueSoonHours);

  async function list(actor: Actor, q: AppealsListQuery): Promise<AppealsListDto> {
    const db = database.db;
    const scope = await scopeOf(db, actor);
    const at = now();
    const conds: (SQL | undefined)[] = [
      workQueueOfHandler(scope, q.queue) ? myUnitsWork(scope) : visibility(scope),
      queueSql(scope, q.queue, at),
    ];
    if (q.type) conds.push(eq(appeal.type, q.type));
    if (q.state) conds.push(eq(appeal.state, q.state));
    if (q.categoryId)
      conds.push(
        sql`${appeal.categoryId} in (select c.id from appeal_category c where c.id = ${q.categoryId} or c.parent_id = ${q.categoryId})`,
      );
    if (q.regionCode) {
      const p = regionPrefix(q.regionCode);
      if (p) conds.push(sql`${appeal.regionCode} like ${`${p}%`}`);
    }
    if (q.unitId) conds.push(eq(appeal.leadUnitId, q.unitId));
    if (q.q) {
      const text = `%${q.q.replace(/[\\%_]/g, '\\$&')}%`;
      conds.push(sql`(${appeal.caseNo} ilike ${text} or ${appeal.description} ilike ${text})`);
    }
    const where = and(...conds.filter((c): c is SQL => c !== undefined))!;
    const { rows, total } = await repo.listAppeals(db, where, q.pageSize, (q.page - 1) * q.pageSize);
    return { items: rows.map((r) => toSummary(r, at)), total, page: q.page, pageSize: q.pageSize };
  }

  async function queues(actor: Actor): Promise<AppealQueuesDto> {
    const db = database.db;
    const scope = await scopeOf(db, actor);
    const at = now();
    const conds: Record<string, SQL> = {};
    for (const queue of [
      'pending_intake',
      'pending_dispatch',
      'pending_sign',
      'handling',
      'due_soon',
      'overdue',
      'pending_visit',
      'pending_close',
      'return_review',
      'mine',
      'closed',
      'all',
    ] as const)
      conds[queue] = workQueueOfHandler(scope, queue)
        ? sql`(${queueSql(scope, queue, at)} and ${myUnitsWork(scope)})`
        : (queueSql(scope, queue, at) ?? sql`true`);
    return (await repo.countWhere(db, visibility(scope), conds)) as AppealQueuesDto;
  }

  async function categories(): Promise<AppealCategoryDto[]> {
    const rows = await repo.listCategories(database.db);
    const enabled = new Map(rows.map((c) => [c.id, c.enabled]));
    return rows.map((c) => ({
      id: c.id,
      name: c.name,
      parentId: c.parentId,
      code: c.code,
      radiusMeters: c.radiusMeters,
      acceptsPublic: c.acceptsPublic,
      // A problem below a disabled area is not offered either.
      enabled: c.enabled && (c.parentId === null || enabled.get(c.parentId) === true),
    }));
  }

  /** Open cases of the category near a point: public ones, and those the actor may see. */
  async function nearby(actor: Actor, q: AppealNearbyQuery): Promise<NearbyAppealDto[]> {
    const db = database.db;
    const category = await repo.getCategory(db, q.categoryId);
    if (!category) throw new AppError('appeal.category_not_found', 'Unknown appeal category');
    const scope = await scopeOf(db, actor);
    const p = toWgs84({ lat: q.lat, lng: q.lng, crs: q.crs });
    const where = and(
      eq(appeal.categoryId, category.id),
      inArray(appeal.state, ['submitted', 'accepted', 'dispatched', 'returned', 'handling']),
      sql`${appeal.lat} is not null and ${appeal.lng} is not null`,
      nearbyCondition(earthOf(appeal.lat, appeal.lng), p.lat, p.lng, category.radiusMeters),
      sql`(${appeal.privacy} = 'public' or ${visibility(scope)})`,
    )!;
    const at = now();
    const rows = await repo.nearbyAppeals(
      db,
      where,
      distanceExpr(earthOf(appeal.lat, appeal.lng), p.lat, p.lng),
      settings.nearbyLimit,
    );
    return rows.map((r) => ({ ...toSummary(r, at), distanceMeters: Math.round(r.distanceMeters) }));
  }

  /** A worker follows a case instead of filing it again (idempotent). */
  async function follow(actor: Actor, meta: RequestMeta | null, id: string): Promise<{ following: true }> {
    const db = database.db;
    const scope = await scopeOf(db, actor);
    const row = await repo.getAppeal(db, id);
    if (!row) throw notFound('Appeal', 'appeal.not_found');
    const facts = factsOf(
      row,
      await repo.listAssignments(db, id),
      await repo.isFollowing(db, id, actor.userId),
    );
    if (!canSee(scope, facts) && row.privacy !== 'public') throw notFound('Appeal', 'appeal.not_found');
    await inTransaction(
      database,
      async (uow) => {
        if (!(await repo.addFollower(uow.tx, id, actor.userId))) return;
        await repo.insertEvent(uow.tx, {
          appealId: id,
          at: now(),
          actorId: actor.userId,
          actorName: actor.name,
          action: 'follow',
          fromState: row.state,
          toState: row.state,
          note: null,
          data: null,
          public: false,
        });
        await writeAudit(uow.tx, actor, meta, {
          action: 'appeal.follow',
          entityType: 'appeal',
          entityId: id,
        });
        await publish(uow, 'appeal.followed', { appealId: id, userId: actor.userId }, actor.userId);
      },
      onAfterCommitError,
    );
    return { following: true };
  }

  /**
   * The no-answer rule for one case: still resolved and past the visit window → visited with
   * `no_answer`. Returns 'skipped' when the case moved on (a visit came in meanwhile).
   */
  async function applyNoAnswer(id: string): Promise<'done' | 'skipped'> {
    const row = await repo.getAppeal(database.db, id);
    const limit = now().getTime() - settings.noAnswerDays * DAY_MS;
    if (row?.state !== 'resolved' || !row.resolvedAt || row.resolvedAt.getTime() > limit) return 'skipped';
    try {
      const out = await runAction(null, null, id, 'noAnswer', {}, 'resolved');
      return out ? 'done' : 'skipped';
    } catch (err) {
      // Someone visited at the same moment: the case moved on.
      if (
        err instanceof AppError &&
        (err.code === 'appeal.conflict' || err.code === 'appeal.invalid_transition')
      )
        return 'skipped';
      throw err;
    }
  }

  /** Applies the no-answer rule to every resolved case past its window; returns how many changed. */
  async function sweepNoAnswer(batch = 200): Promise<number> {
    const before = new Date(now().getTime() - settings.noAnswerDays * DAY_MS);
    let n = 0;
    for (const id of await repo.resolvedBefore(database.db, before, batch))
      if ((await applyNoAnswer(id)) === 'done') n++;
    return n;
  }

  return {
    settings,
    create,
    fileQuietly,
    perform,
    act,
    get,
    list,
    queues,
    categories,
    nearby,
    follow,
    applyNoAnswer,
    sweepNoAnswer,
  };
}
