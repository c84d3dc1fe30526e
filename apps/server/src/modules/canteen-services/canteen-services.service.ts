import {
  type ChildcareDayKind,
  type ChildcareRegistrationDto,
  type ChildcareSessionDto,
  type ChildcareSessionsReply,
  type CreateChildcareSessionInput,
  type CreateProxyRequestInput,
  type MyCanteenServicesReply,
  PROXY_STATUSES,
  type ProxyRequestDto,
  type ProxyRequestsQuery,
  type ProxyRequestsReply,
  type ProxyStatus,
  type ProxyTransitionInput,
  type RegisterChildInput,
  type UpdateChildcareSessionInput,
} from '@nuanxin/shared';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { maskName, maskPhone } from '../../platform/pii/mask.ts';
import { createStationsService } from '../stations/index.ts';
import type { ProxyRequestEventPayload } from './canteen-services.events.ts';
import {
  ageFits,
  containsIdNumber,
  freePlaces,
  isRequester,
  localDate,
  mayCancelRegistration,
  mayMarkAttendance,
  maySeeProxy,
  nextProxyStatus,
  type ProxyViewer,
  proxyActionsFor,
  sessionStarted,
} from './canteen-services.policy.ts';
import * as repo from './canteen-services.repository.ts';

/**
 * Use cases of 政务代办 (CAN-03) and 节假日托幼 (CAN-04), on stations offering `proxy_affairs` /
 * `holiday_childcare` (docs/canteen-services.md). Who may act comes from the stations module's
 * `access` (read, manage, keep); each change is one transaction with its audit row and events.
 */

export interface CanteenServicesOptions {
  now?: () => Date;
}

export type CanteenServicesService = ReturnType<typeof createCanteenServicesService>;

type Access = Awaited<ReturnType<ReturnType<typeof createStationsService>['access']>>;

const MY_LIMIT = 100;

export function createCanteenServicesService(deps: PlatformDeps, opts: CanteenServicesOptions = {}) {
  const { database } = deps;
  const now = opts.now ?? (() => new Date());
  const stations = createStationsService(deps, { now });
  const onAfterCommitError = (err: unknown) =>
    deps.log.error({ err }, 'canteen services after-commit work failed');

  // ---- stations --------------------------------------------------------------------------------

  const access = (db: Db, actor: Actor | null, stationId: string): Promise<Access> =>
    stations.access(db, actor, stationId);

  /** Whether the station offers the service now (its catalogue entry on the station). */
  async function offers(actor: Actor, stationId: string, code: 'proxy_affairs' | 'holiday_childcare') {
    const s = await stations.get(actor, stationId);
    return s.services.some((x) => x.code === code);
  }

  const viewerOf = (actor: Actor, a: Access): ProxyViewer => ({
    userId: actor.userId,
    keep: a.keep,
    read: a.read,
  });

  // ---- 政务代办 -----------------------------------------------------------------------------------

  function proxyDto(
    row: repo.ProxyNamedRow,
    stationName: string,
    viewer: ProxyViewer,
    history: Awaited<ReturnType<typeof repo.historyOf>>,
  ): ProxyRequestDto {
    const r = row.r;
    const facts = { status: r.status, requesterUserId: r.requesterUserId };
    const resident = r.requesterUserId === null;
    return {
      id: r.id,
      stationId: r.stationId,
      stationName,
      matter: r.matter,
      description: r.description,
      documents: r.documents,
      status: r.status,
      rejectReason: r.rejectReason,
      requester: {
        kind: resident ? 'resident' : 'worker',
        name: resident ? maskName(r.residentName ?? '') : row.requesterName,
        phoneMasked: resident ? r.residentPhoneMasked : null,
      },
      mine: isRequester(viewer, facts),
      handlerName: row.handlerName,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      history: history
        .filter((h) => h.e.requestId === r.id)
        .map((h) => ({
          fromStatus: h.e.fromStatus,
          toStatus: h.e.toStatus,
          actorName: h.actorName,
          note: h.e.note,
          at: h.e.at.toISOString(),
        })),
      actions: proxyActionsFor(viewer, facts),
    };
  }

  /** One request as the actor sees it (404 proxy.not_found when they may not). */
  async function proxyDetail(db: Db, actor: Actor, id: string): Promise<ProxyRequestDto> {
    const [row] = await repo.listProxiesNamed(db, repo.proxyById(id), 1);
    if (!row) throw notFound('Proxy request', 'proxy.not_found');
    let a: Access;
    try {
      a = await access(db, actor, row.r.stationId);
    } catch {
      throw notFound('Proxy request', 'proxy.not_found');
    }
    const viewer = viewerOf(actor, a);
    if (!maySeeProxy(viewer, { status: row.r.status, requesterUserId: row.r.requesterUserId }))
      throw notFound('Proxy request', 'proxy.not_found');
    return proxyDto(row, a.station.name, viewer, await repo.historyOf(db, [id]));
  }

  function proxyPayload(
    r: repo.ProxyRow,
    stationName: string,
    fromStatus: ProxyStatus | null,
  ): ProxyRequestEventPayload {
    return {
      requestId: r.id,
      stationId: r.stationId,
      stationName,
      matter: r.matter,
      requesterUserId: r.requesterUserId,
      fromStatus,
      status: r.status,
      reason: r.rejectReason,
    };
  }

  /**
   * A worker files a request for themself; a keeper of the station files one for a walk-in
   * resident (`resident`). The same Idempotency-Key answers the first request again.
   */
  async function fileProxy(
    actor: Actor,
    meta: RequestMeta | null,
    stationId: string,
    input: CreateProxyRequestInput,
    idempotencyKey?: string,
  ): Promise<{ request: ProxyRequestDto; created: boolean }> {
    const db = database.db;
    const a = await access(db, actor, stationId);
    if (input.resident) {
      if (!a.keep) throw forbidden('Only the station’s keepers file requests for residents');
    } else if (!actor.permissions.has('stations.checkin')) {
      throw forbidden('Workers file requests for themselves; staff file them for a resident');
    }
    if (idempotencyKey) {
      const existing = await repo.proxyByIdempotencyKey(db, actor.userId, idempotencyKey);
      if (existing) return { request: await proxyDetail(db, actor, existing), created: false };
    }
    if (!(await offers(actor, stationId, 'proxy_affairs')))
      throw new AppError('proxy.not_offered', 'This station does not offer proxy handling');
    const bad = [
      containsIdNumber(input.description) && 'description',
      input.documents.some((d) => containsIdNumber(d)) && 'documents',
    ].filter((x): x is string => typeof x === 'string');
    if (bad.length)
      throw new AppError('proxy.no_id_numbers', 'ID numbers are never stored: remove them', { fields: bad });
    const at = now();
    const id = await inTransaction(
      database,
      async (uow) => {
        const row = await repo.insertProxy(uow.tx, {
          stationId,
          requesterUserId: input.resident ? null : actor.userId,
          residentName: input.resident?.name ?? null,
          residentPhoneEnc: input.resident ? deps.pii.encrypt(input.resident.phone) : null,
          residentPhoneMasked: input.resident ? maskPhone(input.resident.phone) : null,
          matter: input.matter,
          description: input.description,
          documents: input.documents,
          idempotencyKey: idempotencyKey ?? null,
          createdBy: actor.userId,
          createdAt: at,
          updatedAt: at,
        });
        if (!row) return null;
        await repo.insertProxyEvent(uow.tx, {
          requestId: row.id,
          fromStatus: null,
          toStatus: 'received',
          actorUserId: actor.userId,
          note: input.resident ? '工作人员代居民登记' : null,
          at,
        });
        await writeAudit(uow.tx, actor, meta, {
          action: 'proxy_request.file',
          entityType: 'proxy_request',
          entityId: row.id,
          after: { stationId, matter: row.matter, forResident: input.resident !== undefined },
        });
        await deps.events.publish(
          uow,
          'proxy_request.filed',
          proxyPayload(row, a.station.name, null),
          actor.userId,
        );
        return row.id;
      },
      onAfterCommitError,
    );
    // A concurrent request with the same key won the insert: answer with its request.
    if (!id) return fileProxy(actor, meta, stationId, input, idempotencyKey);
    return { request: await proxyDetail(db, actor, id), created: true };
  }

  async function getProxy(actor: Actor, id: string): Promise<ProxyRequestDto> {
    return proxyDetail(database.db, actor, id);
  }

  /** The board of a station: keepers, managers and console readers. */
  async function proxyBoard(
    actor: Actor,
    stationId: string,
    q: ProxyRequestsQuery,
  ): Promise<ProxyRequestsReply> {
    const db = database.db;
    const a = await access(db, actor, stationId);
    if (!a.read && !a.keep) throw forbidden('Only the station’s keepers and staff see its requests');
    const [rows, counts] = await Promise.all([
      repo.listProxiesNamed(db, repo.proxyOfStation(stationId, q.status), q.limit),
      repo.proxyCountsByStatus(db, stationId),
    ]);
    const history = await repo.historyOf(
      db,
      rows.map((r) => r.r.id),
    );
    const viewer = viewerOf(actor, a);
    return {
      items: rows.map((r) => proxyDto(r, a.station.name, viewer, history)),
      counts: Object.fromEntries(PROXY_STATUSES.map((s) => [s, counts.get(s) ?? 0])) as Record<
        ProxyStatus,
        number
      >,
    };
  }

  /** Moves a request along the transition table (keepers and managers of its station). */
  async function transition(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
    input: ProxyTransitionInput,
  ): Promise<ProxyRequestDto> {
    const db = database.db;
    const reason = input.reason?.trim() || null;
    const found = await repo.getProxy(db, id);
    if (!found) throw notFound('Proxy request', 'proxy.not_found');
    let a: Access;
    try {
      a = await access(db, actor, found.stationId);
    } catch {
      throw notFound('Proxy request', 'proxy.not_found');
    }
    const viewer = viewerOf(actor, a);
    if (!maySeeProxy(viewer, found)) throw notFound('Proxy request', 'proxy.not_found');
    if (!viewer.keep) throw forbidden('Only the station’s keepers and staff handle requests');
    if (input.action === 'reject' && (!reason || reason.length < 2))
      throw new AppError('proxy.reason_required', 'Say why the request is rejected (2–200 characters)');
    await inTransaction(
      database,
      async (uow) => {
        const before = await repo.getProxyForUpdate(uow.tx, id);
        if (!before) throw notFound('Proxy request', 'proxy.not_found');
        const to = nextProxyStatus(before.status, input.action);
        if (!to)
          throw new AppError(
            'proxy.transition_invalid',
            `Cannot ${input.action} a ${before.status} request`,
            {
              status: before.status,
              action: input.action,
            },
          );
        const at = now();
        const after = await repo.updateProxy(uow.tx, id, {
          status: to,
          handlerUserId: input.action === 'take' ? actor.userId : (before.handlerUserId ?? actor.userId),
          rejectReason: to === 'rejected' ? reason : before.rejectReason,
          version: before.version + 1,
          updatedAt: at,
        });
        await repo.insertProxyEvent(uow.tx, {
          requestId: id,
          fromStatus: before.status,
          toStatus: to,
          actorUserId: actor.userId,
          note: to === 'rejected' ? reason : input.note?.trim() || null,
          at,
        });
        await writeAudit(uow.tx, actor, meta, {
          action: `proxy_request.${input.action}`,
          entityType: 'proxy_request',
          entityId: id,
          before: { status: before.status },
          after: { status: to, reason: to === 'rejected' ? reason : undefined },
        });
        await deps.events.publish(
          uow,
          'proxy_request.changed',
          proxyPayload(after, a.station.name, before.status),
          actor.userId,
        );
      },
      onAfterCommitError,
    );
    return proxyDetail(db, actor, id);
  }

  // ---- 节假日托幼 ------------------------------------------------------------------------------------

  function dayKindOf(date: string): ChildcareDayKind | null {
    try {
      return deps.calendar.kindOf(date);
    } catch {
      // A year the calendar does not hold yet: the session still shows, untagged.
      return null;
    }
  }

  function sessionDto(s: repo.SessionRow, stationName: string, taken: number): ChildcareSessionDto {
    return {
      id: s.id,
      stationId: s.stationId,
      stationName,
      date: s.date,
      dayKind: dayKindOf(s.date),
      starts: s.starts,
      ends: s.ends,
      capacity: s.capacity,
      registered: taken,
      free: freePlaces(s.capacity, taken),
      ageMin: s.ageMin,
      ageMax: s.ageMax,
      note: s.note,
      status: s.status,
      started: sessionStarted(s, now()),
      version: s.version,
    };
  }

  async function sessionDetail(
    db: Db,
    s: repo.SessionRow,
    stationName: string,
  ): Promise<ChildcareSessionDto> {
    const taken = await repo.takenBySession(db, [s.id]);
    return sessionDto(s, stationName, taken.get(s.id) ?? 0);
  }

  /** Upcoming open sessions for everyone signed in; the console (`all`) sees past and cancelled too. */
  async function sessions(actor: Actor, stationId: string, all: boolean): Promise<ChildcareSessionsReply> {
    const db = database.db;
    const a = await access(db, actor, stationId);
    if (all && !a.read && !a.keep) throw forbidden('Only the station’s keepers and staff see every session');
    const at = now();
    const rows = await repo.listSessions(
      db,
      stationId,
      all ? {} : { fromDate: localDate(at), openOnly: true },
    );
    const visible = all ? rows : rows.filter((s) => !sessionStarted(s, at));
    const taken = await repo.takenBySession(
      db,
      visible.map((s) => s.id),
    );
    return {
      items: visible.map((s) => sessionDto(s, a.station.name, taken.get(s.id) ?? 0)),
      actions: { manage: a.manage, keep: a.keep },
    };
  }

  function checkSessionShape(s: {
    starts: string;
    ends: string;
    ageMin: number;
    ageMax: number;
    date: string;
  }) {
    if (s.starts >= s.ends)
      throw new AppError('childcare.time_invalid', 'The session must end after it starts');
    if (s.ageMin > s.ageMax)
      throw new AppError('childcare.age_range_invalid', 'The lowest age cannot be above the highest');
  }

  async function createSession(
    actor: Actor,
    meta: RequestMeta | null,
    stationId: string,
    input: CreateChildcareSessionInput,
  ): Promise<ChildcareSessionDto> {
    const db = database.db;
    const a = await access(db, actor, stationId);
    if (!a.manage) throw forbidden('Only the station’s managers set up childcare sessions');
    if (!(await offers(actor, stationId, 'holiday_childcare')))
      throw new AppError('childcare.not_offered', 'This station does not offer holiday childcare');
    checkSessionShape(input);
    const at = now();
    if (input.date < localDate(at)) throw new AppError('childcare.in_past', 'The day has passed');
    const row = await inTransaction(
      database,
      async (uow) => {
        const s = await repo.insertSession(uow.tx, {
          stationId,
          date: input.date,
          starts: input.starts,
          ends: input.ends,
          capacity: input.capacity,
          ageMin: input.ageMin,
          ageMax: input.ageMax,
          note: input.note || null,
          createdBy: actor.userId,
          createdAt: at,
          updatedAt: at,
        });
        await writeAudit(uow.tx, actor, meta, {
          action: 'childcare_session.create',
          entityType: 'childcare_session',
          entityId: s.id,
          after: { stationId, date: s.date, starts: s.starts, ends: s.ends, capacity: s.capacity },
        });
        return s;
      },
      onAfterCommitError,
    );
    return sessionDetail(db, row, a.station.name);
  }

  /** The session and the actor's access to its station; 404 when they cannot see the station. */
  async function loadSession(db: Db, actor: Actor, id: string) {
    const s = await repo.getSession(db, id);
    if (!s) throw notFound('Childcare session', 'childcare.session_not_found');
    let a: Access;
    try {
      a = await access(db, actor, s.stationId);
    } catch {
      throw notFound('Childcare session', 'childcare.session_not_found');
    }
    return { s, a };
  }

  async function updateSession(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
    input: UpdateChildcareSessionInput,
  ): Promise<ChildcareSessionDto> {
    const db = database.db;
    const { a } = await loadSession(db, actor, id);
    if (!a.manage) throw forbidden('Only the station’s managers change childcare sessions');
    const row = await inTransaction(
      database,
      async (uow) => {
        const before = await repo.getSessionForUpdate(uow.tx, id);
        if (!before) throw notFound('Childcare session', 'childcare.session_not_found');
        if (before.version !== input.version)
          throw new AppError('childcare.conflict', 'The session changed since it was read', {
            version: before.version,
          });
        if (before.status === 'cancelled')
          throw new AppError('childcare.session_cancelled', 'The session is cancelled');
        const next = {
          date: input.date ?? before.date,
          starts: input.starts ?? before.starts,
          ends: input.ends ?? before.ends,
          capacity: input.capacity ?? before.capacity,
          ageMin: input.ageMin ?? before.ageMin,
          ageMax: input.ageMax ?? before.ageMax,
          note: input.note === undefined ? before.note : input.note || null,
        };
        checkSessionShape(next);
        const at = now();
        if (next.date !== before.date && next.date < localDate(at))
          throw new AppError('childcare.in_past', 'The day has passed');
        const taken = (await repo.takenBySession(uow.tx, [id])).get(id) ?? 0;
        if (next.capacity < taken)
          throw new AppError('childcare.capacity_below_registered', 'Fewer places than children registered', {
            registered: taken,
          });
        const after = await repo.updateSession(uow.tx, id, {
          ...next,
          version: before.version + 1,
          updatedAt: at,
        });
        await writeAudit(uow.tx, actor, meta, {
          action: 'childcare_session.update',
          entityType: 'childcare_session',
          entityId: id,
          before: {
            date: before.date,
            starts: before.starts,
            ends: before.ends,
            capacity: before.capacity,
            ageMin: before.ageMin,
            ageMax: before.ageMax,
          },
          after: next,
        });
        return after;
      },
      onAfterCommitError,
    );
    return sessionDetail(db, row, a.station.name);
  }

  /** Cancels a session and every registration in it; the parents are notified. */
  async function cancelSession(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
  ): Promise<ChildcareSessionDto> {
    const db = database.db;
    const { a } = await loadSession(db, actor, id);
    if (!a.manage) throw forbidden('Only the station’s managers cancel childcare sessions');
    const row = await inTransaction(
      database,
      async (uow) => {
        const before = await repo.getSessionForUpdate(uow.tx, id);
        if (!before) throw notFound('Childcare session', 'childcare.session_not_found');
        if (before.status === 'cancelled')
          throw new AppError('childcare.session_cancelled', 'The session is already cancelled');
        const at = now();
        const after = await repo.updateSession(uow.tx, id, {
          status: 'cancelled',
          version: before.version + 1,
          updatedAt: at,
        });
        const parents = await repo.cancelRegistrationsOf(uow.tx, id, at);
        await writeAudit(uow.tx, actor, meta, {
          action: 'childcare_session.cancel',
          entityType: 'childcare_session',
          entityId: id,
          before: { status: before.status },
          after: { status: 'cancelled', registrationsCancelled: parents.length },
        });
        if (parents.length)
          await deps.events.publish(
            uow,
            'childcare_session.cancelled',
            {
              sessionId: id,
              stationId: before.stationId,
              stationName: a.station.name,
              date: before.date,
              starts: before.starts,
              parentUserIds: parents,
            },
            actor.userId,
          );
        return after;
      },
      onAfterCommitError,
    );
    return sessionDetail(db, row, a.station.name);
  }

  function registrationDto(
    row: repo.RegistrationNamedRow,
    stationName: string,
    actor: Actor,
    keep: boolean,
  ): ChildcareRegistrationDto {
    const { r, s } = row;
    const mine = r.parentUserId === actor.userId;
    const at = now();
    return {
      id: r.id,
      sessionId: s.id,
      stationId: s.stationId,
      stationName,
      date: s.date,
      starts: s.starts,
      ends: s.ends,
      childName: r.childName,
      childAge: r.childAge,
      contactPhoneMasked: r.contactPhoneMasked,
      allergies: r.allergies,
      status: r.status,
      parentName: keep || !mine ? row.parentName : null,
      mine,
      createdAt: r.createdAt.toISOString(),
      actions: {
        cancel: mine && mayCancelRegistration(r, s, at),
        attend: keep && mayMarkAttendance(r, s, at),
      },
    };
  }

  /** A registration as the actor sees it: the parent, or keepers and staff of the station. */
  async function registrationDetail(db: Db, actor: Actor, id: string): Promise<ChildcareRegistrationDto> {
    const [row] = await repo.listRegistrationsNamed(db, repo.registrationById(id), 1);
    if (!row) throw notFound('Registration', 'childcare.registration_not_found');
    let a: Access | null = null;
    try {
      a = await access(db, actor, row.s.stationId);
    } catch {
      a = null;
    }
    const mine = row.r.parentUserId === actor.userId;
    if (!mine && !(a && (a.read || a.keep)))
      throw notFound('Registration', 'childcare.registration_not_found');
    return registrationDto(row, a?.station.name ?? '', actor, a?.keep ?? false);
  }

  /**
   * A parent (worker) registers a child. The session row is locked, so registrations of one
   * session queue and the capacity is never exceeded (409 childcare.full).
   */
  async function register(
    actor: Actor,
    meta: RequestMeta | null,
    sessionId: string,
    input: RegisterChildInput,
    idempotencyKey?: string,
  ): Promise<{ registration: ChildcareRegistrationDto; created: boolean }> {
    const db = database.db;
    if (idempotencyKey) {
      const existing = await repo.registrationByIdempotencyKey(db, actor.userId, idempotencyKey);
      if (existing) return { registration: await registrationDetail(db, actor, existing), created: false };
    }
    const { s: found } = await loadSession(db, actor, sessionId);
    const childName = input.childName.trim();
    const id = await inTransaction(
      database,
      async (uow) => {
        const s = await repo.getSessionForUpdate(uow.tx, sessionId);
        if (!s) throw notFound('Childcare session', 'childcare.session_not_found');
        if (s.status === 'cancelled')
          throw new AppError('childcare.session_cancelled', 'The session is cancelled');
        const at = now();
        if (sessionStarted(s, at)) throw new AppError('childcare.started', 'The session has started');
        if (!ageFits(input.childAge, s))
          throw new AppError('childcare.age_out_of_range', 'The child’s age is outside the session’s range', {
            ageMin: s.ageMin,
            ageMax: s.ageMax,
          });
        if (await repo.activeRegistrationOfChild(uow.tx, sessionId, actor.userId, childName))
          throw new AppError('childcare.already_registered', 'This child is already registered');
        const taken = (await repo.takenBySession(uow.tx, [sessionId])).get(sessionId) ?? 0;
        if (taken >= s.capacity)
          throw new AppError('childcare.full', 'No places left in this session', { capacity: s.capacity });
        const row = await repo.insertRegistration(uow.tx, {
          sessionId,
          parentUserId: actor.userId,
          childName,
          childAge: input.childAge,
          contactPhoneEnc: deps.pii.encrypt(input.contactPhone),
          contactPhoneMasked: maskPhone(input.contactPhone),
          allergies: input.allergies?.trim() || null,
          idempotencyKey: idempotencyKey ?? null,
          createdAt: at,
          updatedAt: at,
        });
        if (!row) return null;
        await writeAudit(uow.tx, actor, meta, {
          action: 'childcare_registration.create',
          entityType: 'childcare_registration',
          entityId: row.id,
          after: { sessionId, stationId: found.stationId, childAge: row.childAge },
        });
        return row.id;
      },
      onAfterCommitError,
    );
    if (!id) return register(actor, meta, sessionId, input, idempotencyKey);
    return { registration: await registrationDetail(db, actor, id), created: true };
  }

  /** The parent cancels until the session starts; cancelling twice answers the same. */
  async function cancelRegistration(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
  ): Promise<ChildcareRegistrationDto> {
    const db = database.db;
    await inTransaction(
      database,
      async (uow) => {
        const r = await repo.getRegistrationForUpdate(uow.tx, id);
        if (!r || r.parentUserId !== actor.userId)
          throw notFound('Registration', 'childcare.registration_not_found');
        if (r.status === 'cancelled') return;
        const s = await repo.getSession(uow.tx, r.sessionId);
        if (!s) throw notFound('Registration', 'childcare.registration_not_found');
        const at = now();
        if (!mayCancelRegistration(r, s, at))
          throw new AppError('childcare.started', 'The session has started');
        await repo.updateRegistration(uow.tx, id, { status: 'cancelled', cancelledAt: at, updatedAt: at });
        await writeAudit(uow.tx, actor, meta, {
          action: 'childcare_registration.cancel',
          entityType: 'childcare_registration',
          entityId: id,
          before: { status: r.status },
          after: { status: 'cancelled' },
        });
      },
      onAfterCommitError,
    );
    return registrationDetail(db, actor, id);
  }

  /** The children registered for a session: keepers and staff of the station. */
  async function registrations(
    actor: Actor,
    sessionId: string,
  ): Promise<{ items: ChildcareRegistrationDto[] }> {
    const db = database.db;
    const { a } = await loadSession(db, actor, sessionId);
    if (!a.read && !a.keep) throw forbidden('Only the station’s keepers and staff see registrations');
    const rows = await repo.listRegistrationsNamed(db, repo.registrationOfSession(sessionId));
    return { items: rows.map((r) => registrationDto(r, a.station.name, actor, a.keep)) };
  }

  /** A keeper marks a child as come (attended) or back to registered, from the session's day on. */
  async function markAttendance(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
    attended: boolean,
  ): Promise<ChildcareRegistrationDto> {
    const db = database.db;
    const found = await repo.getRegistration(db, id);
    if (!found) throw notFound('Registration', 'childcare.registration_not_found');
    const { a } = await loadSession(db, actor, found.sessionId).catch(() => {
      throw notFound('Registration', 'childcare.registration_not_found');
    });
    if (!a.read && !a.keep && found.parentUserId !== actor.userId)
      throw notFound('Registration', 'childcare.registration_not_found');
    if (!a.keep) throw forbidden('Only the station’s keepers mark attendance');
    await inTransaction(
      database,
      async (uow) => {
        const r = await repo.getRegistrationForUpdate(uow.tx, id);
        if (!r) throw notFound('Registration', 'childcare.registration_not_found');
        const s = await repo.getSession(uow.tx, r.sessionId);
        if (!s) throw notFound('Registration', 'childcare.registration_not_found');
        const at = now();
        if (s.status === 'cancelled' || r.status === 'cancelled')
          throw new AppError('childcare.session_cancelled', 'The registration or its session is cancelled');
        if (!mayMarkAttendance(r, s, at))
          throw new AppError('childcare.not_yet', 'Attendance is marked from the session’s day');
        const to = attended ? 'attended' : 'registered';
        if (r.status === to) return;
        await repo.updateRegistration(uow.tx, id, {
          status: to,
          attendedAt: attended ? at : null,
          attendedBy: attended ? actor.userId : null,
          updatedAt: at,
        });
        await writeAudit(uow.tx, actor, meta, {
          action: 'childcare_registration.attendance',
          entityType: 'childcare_registration',
          entityId: id,
          before: { status: r.status },
          after: { status: to },
        });
      },
      onAfterCommitError,
    );
    return registrationDetail(db, actor, id);
  }

  // ---- mine ------------------------------------------------------------------------------------

  /** The worker's own proxy requests (with history) and children's registrations, newest first. */
  async function mine(actor: Actor): Promise<MyCanteenServicesReply> {
    const db = database.db;
    const [proxies, regs] = await Promise.all([
      repo.listProxiesNamed(db, repo.proxyOfRequester(actor.userId), MY_LIMIT),
      repo.listRegistrationsNamed(db, repo.registrationsOfParentAll(actor.userId), MY_LIMIT),
    ]);
    const names = new Map<string, string>();
    for (const id of new Set([...proxies.map((p) => p.r.stationId), ...regs.map((r) => r.s.stationId)])) {
      try {
        names.set(id, (await access(db, actor, id)).station.name);
      } catch {
        names.set(id, '');
      }
    }
    const history = await repo.historyOf(
      db,
      proxies.map((p) => p.r.id),
    );
    const viewer: ProxyViewer = { userId: actor.userId, keep: false, read: false };
    return {
      proxyRequests: proxies.map((p) => proxyDto(p, names.get(p.r.stationId) ?? '', viewer, history)),
      registrations: regs.map((r) => registrationDto(r, names.get(r.s.stationId) ?? '', actor, false)),
    };
  }

  return {
    fileProxy,
    getProxy,
    proxyBoard,
    transition,
    sessions,
    createSession,
    updateSession,
    cancelSession,
    register,
    cancelRegistration,
    registrations,
    markAttendance,
    mine,
  };
}
