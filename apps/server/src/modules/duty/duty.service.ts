import { and, asc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { OFFICE_WINDOWS } from '../../platform/calendar/index.ts';
import type { Db } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { AppError, forbidden } from '../../platform/http/errors.ts';
import type { JobOutcome } from '../../platform/jobs/jobs.ts';
import { createDevSmsSender } from '../../platform/notify/senders.ts';
import {
  type AppealBrief,
  appendTimelineNote,
  appendTimelineNotes,
  getAppealBrief,
  getAppealBriefs,
} from '../appeals/index.ts';
import { appUser } from '../identity/identity.tables.ts';
import { notifyMany } from '../notifications/index.ts';
import { organisation, region } from '../orgs/orgs.tables.ts';
import { escalationChain, isOffHours, uncoveredIntervals } from './duty.coverage.ts';
import { coversRota, DUTY_OFFICER_ROLES, grantRegions, sameBranch } from './duty.policy.ts';
import type { DutyAssignmentDto, DutyRotaDto, DutyShiftDto } from './duty.schemas.ts';
import { dutyAssignment, dutyRota, dutyShift } from './duty.tables.ts';

/** Minutes the officer on duty has to acknowledge a case before it escalates. */
export const ACK_MINUTES = 30;
export const ESCALATE_JOB = 'duty.escalate';

export interface EscalateJob {
  assignmentId: string;
  appealId: string;
  level: number;
  /** A no-op job that only makes sure the queue exists at start-up. */
  warmup?: boolean;
}

/** States in which a case still waits for someone to take it in (受理/派单). */
const WAITING = ['submitted', 'accepted'] as const;

export interface DutyServiceOptions {
  /** The clock (tests move it). */
  now?: () => Date;
}

export type DutyService = ReturnType<typeof createDutyService>;

type RotaRow = typeof dutyRota.$inferSelect;

export function createDutyService(deps: PlatformDeps, opts: DutyServiceOptions = {}) {
  const db = deps.database.db;
  const now = opts.now ?? (() => new Date());
  const sms = createDevSmsSender(deps.pii, deps.log);

  // ---- scope ---------------------------------------------------------------------------------

  async function regionsOf(q: Db, actor: Actor, permission: 'duty.read' | 'duty.manage'): Promise<string[]> {
    const orgIds = actor.grants.filter((g) => g.orgId && !g.regionCode).map((g) => g.orgId!);
    const orgRegions = new Map<string, string>();
    if (orgIds.length > 0)
      for (const o of await q
        .select({ id: organisation.id, regionCode: organisation.regionCode })
        .from(organisation)
        .where(inArray(organisation.id, orgIds)))
        orgRegions.set(o.id, o.regionCode);
    return grantRegions(actor, permission, (id) => orgRegions.get(id) ?? null);
  }

  /** The rota if the actor may see it (404 otherwise: its existence is not theirs to know). */
  async function visibleRota(q: Db, actor: Actor, id: string, manage = false): Promise<RotaRow> {
    const [rota] = await q.select().from(dutyRota).where(eq(dutyRota.id, id));
    if (!rota || !coversRota(await regionsOf(q, actor, 'duty.read'), rota.regionCode))
      throw new AppError('duty.not_found', 'Rota not found');
    if (manage && !coversRota(await regionsOf(q, actor, 'duty.manage'), rota.regionCode))
      throw forbidden('You may not change this rota');
    return rota;
  }

  async function rotaDtos(q: Db, actor: Actor, rows: RotaRow[]): Promise<DutyRotaDto[]> {
    if (rows.length === 0) return [];
    const manage = await regionsOf(q, actor, 'duty.manage');
    const orgs = await q
      .select({ id: organisation.id, name: organisation.name })
      .from(organisation)
      .where(inArray(organisation.id, [...new Set(rows.map((r) => r.orgId))]));
    const regs = await q
      .select({ code: region.code, name: region.name })
      .from(region)
      .where(inArray(region.code, [...new Set(rows.map((r) => r.regionCode))]));
    return rows.map((r) => ({
      id: r.id,
      orgId: r.orgId,
      orgName: orgs.find((o) => o.id === r.orgId)?.name ?? '',
      regionCode: r.regionCode,
      regionName: regs.find((g) => g.code === r.regionCode)?.name ?? r.regionCode,
      name: r.name,
      canManage: coversRota(manage, r.regionCode),
    }));
  }

  // ---- rotas and shifts ----------------------------------------------------------------------

  async function listRotas(actor: Actor): Promise<DutyRotaDto[]> {
    const regions = await regionsOf(db, actor, 'duty.read');
    if (regions.length === 0) return [];
    const rows = await db.select().from(dutyRota).orderBy(asc(dutyRota.regionCode), asc(dutyRota.name));
    return rotaDtos(
      db,
      actor,
      rows.filter((r) => coversRota(regions, r.regionCode)),
    );
  }

  async function createRota(
    actor: Actor,
    meta: RequestMeta | null,
    input: { orgId: string; regionCode: string; name: string },
  ): Promise<DutyRotaDto> {
    return inTransaction(deps.database, async ({ tx }) => {
      if (!coversRota(await regionsOf(tx, actor, 'duty.manage'), input.regionCode))
        throw forbidden('You may not keep a rota for this region');
      const [org] = await tx.select().from(organisation).where(eq(organisation.id, input.orgId));
      if (!org || !sameBranch(org.regionCode, input.regionCode))
        throw new AppError('common.validation', 'The organisation does not belong to this region');
      const [row] = await tx.insert(dutyRota).values(input).onConflictDoNothing().returning();
      if (!row) throw new AppError('common.conflict', 'A rota with this name exists');
      await writeAudit(tx, actor, meta, {
        action: 'duty.rota_create',
        entityType: 'duty_rota',
        entityId: row.id,
        after: input,
      });
      return (await rotaDtos(tx, actor, [row]))[0]!;
    });
  }

  async function shiftRows(q: Db, rotaId: string, from: Date, to: Date) {
    return q
      .select({
        id: dutyShift.id,
        rotaId: dutyShift.rotaId,
        userId: dutyShift.userId,
        userName: appUser.name,
        startsAt: dutyShift.startsAt,
        endsAt: dutyShift.endsAt,
        sortOrder: dutyShift.sortOrder,
      })
      .from(dutyShift)
      .innerJoin(appUser, eq(appUser.id, dutyShift.userId))
      .where(and(eq(dutyShift.rotaId, rotaId), lt(dutyShift.startsAt, to), gt(dutyShift.endsAt, from)))
      .orderBy(asc(dutyShift.startsAt), asc(dutyShift.sortOrder));
  }

  const shiftDto = (s: Awaited<ReturnType<typeof shiftRows>>[number]): DutyShiftDto => ({
    ...s,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
  });

  async function listShifts(actor: Actor, rotaId: string, from: Date, to: Date): Promise<DutyShiftDto[]> {
    await visibleRota(db, actor, rotaId);
    return (await shiftRows(db, rotaId, from, to)).map(shiftDto);
  }

  async function coverage(actor: Actor, rotaId: string, from: Date, to: Date) {
    await visibleRota(db, actor, rotaId);
    const gaps = uncoveredIntervals(await shiftRows(db, rotaId, from, to), from, to);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      covered: gaps.length === 0,
      gaps: gaps.map((g) => ({ startsAt: g.startsAt.toISOString(), endsAt: g.endsAt.toISOString() })),
    };
  }

  /** Staff who may stand on the rota: officer roles with a grant on the rota's branch. */
  async function eligibleOfficers(q: Db, rota: RotaRow) {
    const rows = await q
      .select({
        userId: appUser.id,
        name: appUser.name,
        role: sql<string>`g.role`,
        region: sql<string | null>`coalesce(g.region_code, o.region_code)`,
      })
      .from(appUser)
      .innerJoin(sql`role_grant g`, sql`g.user_id = ${appUser.id}`)
      .leftJoin(sql`organisation o`, sql`o.id = g.org_id`)
      .where(
        and(
          eq(appUser.status, 'active'),
          sql`g.role in (${sql.join(
            DUTY_OFFICER_ROLES.map((r) => sql`${r}`),
            sql`, `,
          )})`,
        ),
      );
    const out = new Map<string, { userId: string; name: string; roles: string[] }>();
    for (const r of rows) {
      if (!r.region || !sameBranch(r.region, rota.regionCode)) continue;
      const e = out.get(r.userId) ?? { userId: r.userId, name: r.name, roles: [] };
      if (!e.roles.includes(r.role)) e.roles.push(r.role);
      out.set(r.userId, e);
    }
    return [...out.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  }

  async function candidates(actor: Actor, rotaId: string) {
    return eligibleOfficers(db, await visibleRota(db, actor, rotaId));
  }

  function checkTimes(startsAt: Date, endsAt: Date): void {
    if (!(endsAt > startsAt)) throw new AppError('duty.invalid_shift', 'A shift must end after it starts');
    if (endsAt.getTime() - startsAt.getTime() > 7 * 86_400_000)
      throw new AppError('duty.invalid_shift', 'A shift lasts at most 7 days');
  }

  interface ShiftInput {
    userId: string;
    startsAt: string;
    endsAt: string;
    sortOrder: number;
  }

  async function saveShift(
    actor: Actor,
    meta: RequestMeta | null,
    rotaIdOrNull: string | null,
    shiftId: string | null,
    input: ShiftInput,
  ): Promise<DutyShiftDto> {
    return inTransaction(deps.database, async ({ tx }) => {
      let rotaId = rotaIdOrNull;
      if (shiftId) {
        const [s] = await tx.select().from(dutyShift).where(eq(dutyShift.id, shiftId));
        if (!s) throw new AppError('duty.not_found', 'Shift not found');
        rotaId = s.rotaId;
      }
      const rota = await visibleRota(tx, actor, rotaId!, true);
      const startsAt = new Date(input.startsAt);
      const endsAt = new Date(input.endsAt);
      checkTimes(startsAt, endsAt);
      if (!(await eligibleOfficers(tx, rota)).some((o) => o.userId === input.userId))
        throw new AppError('duty.user_not_eligible', 'This person may not stand on this rota');
      const values = { userId: input.userId, startsAt, endsAt, sortOrder: input.sortOrder };
      const [row] = shiftId
        ? await tx.update(dutyShift).set(values).where(eq(dutyShift.id, shiftId)).returning()
        : await tx
            .insert(dutyShift)
            .values({ ...values, rotaId: rota.id })
            .returning();
      await writeAudit(tx, actor, meta, {
        action: shiftId ? 'duty.shift_update' : 'duty.shift_create',
        entityType: 'duty_shift',
        entityId: row!.id,
        after: { rotaId: rota.id, ...input },
      });
      const [out] = (await shiftRows(tx, rota.id, startsAt, endsAt)).filter((s) => s.id === row!.id);
      return shiftDto(out!);
    });
  }

  async function deleteShift(actor: Actor, meta: RequestMeta | null, shiftId: string) {
    return inTransaction(deps.database, async ({ tx }) => {
      const [s] = await tx.select().from(dutyShift).where(eq(dutyShift.id, shiftId));
      if (!s) throw new AppError('duty.not_found', 'Shift not found');
      await visibleRota(tx, actor, s.rotaId, true);
      await tx.delete(dutyShift).where(eq(dutyShift.id, shiftId));
      await writeAudit(tx, actor, meta, {
        action: 'duty.shift_delete',
        entityType: 'duty_shift',
        entityId: shiftId,
        before: { rotaId: s.rotaId, userId: s.userId, startsAt: s.startsAt, endsAt: s.endsAt },
      });
      return { ok: true as const };
    });
  }

  // ---- assignments -------------------------------------------------------------------------------

  async function assignmentDtos(q: Db, where: ReturnType<typeof and>): Promise<DutyAssignmentDto[]> {
    const rows = await q
      .select({ a: dutyAssignment, rotaName: dutyRota.name })
      .from(dutyAssignment)
      .innerJoin(dutyRota, eq(dutyRota.id, dutyAssignment.rotaId))
      .where(where)
      .orderBy(asc(dutyAssignment.ackDueAt));
    return rows.map(({ a, rotaName }) => ({
      id: a.id,
      appealId: a.appealId,
      caseNo: a.caseNo,
      rotaId: a.rotaId,
      rotaName,
      level: a.level,
      arrivedAt: a.arrivedAt.toISOString(),
      assignedAt: a.assignedAt.toISOString(),
      ackDueAt: a.ackDueAt.toISOString(),
      acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    }));
  }

  /** The actor's assignments still awaiting acknowledgement (not yet passed on). */
  async function mine(actor: Actor): Promise<DutyAssignmentDto[]> {
    return assignmentDtos(
      db,
      and(
        eq(dutyAssignment.userId, actor.userId),
        isNull(dutyAssignment.acknowledgedAt),
        isNull(dutyAssignment.escalatedTo),
      ),
    );
  }

  /** 确认接收: only the assignee, once, and not after the case was passed on. */
  async function acknowledge(actor: Actor, meta: RequestMeta | null, id: string): Promise<DutyAssignmentDto> {
    return inTransaction(deps.database, async ({ tx }) => {
      const [a] = await tx.select().from(dutyAssignment).where(eq(dutyAssignment.id, id)).for('update');
      if (!a) throw new AppError('duty.not_found', 'Assignment not found');
      if (a.userId !== actor.userId) throw forbidden('Only the officer on duty acknowledges this case');
      if (a.acknowledgedAt) throw new AppError('duty.already_acknowledged', 'Already acknowledged');
      if (a.escalatedTo) throw new AppError('duty.escalated', 'The case was passed to the next officer');
      const at = now();
      await tx.update(dutyAssignment).set({ acknowledgedAt: at }).where(eq(dutyAssignment.id, id));
      if (await getAppealBrief(tx, a.appealId))
        await appendTimelineNote(tx, a.appealId, {
          action: 'duty_acknowledged',
          note: `值班人员${actor.name}已确认接收`,
          actor: { userId: actor.userId, name: actor.name },
          data: { assignmentId: a.id, level: a.level },
          at,
        });
      await writeAudit(tx, actor, meta, {
        action: 'duty.acknowledge',
        entityType: 'duty_assignment',
        entityId: id,
        note: a.caseNo,
      });
      return (await assignmentDtos(tx, and(eq(dutyAssignment.id, id))))[0]!;
    });
  }

  /** The most specific of `rotas` covering a case's region. */
  function mostSpecificRota(rotas: readonly RotaRow[], regionCode: string): RotaRow | null {
    const covering = rotas.filter((r) => coversRota([r.regionCode], regionCode));
    covering.sort(
      (a, b) => b.regionCode.length - a.regionCode.length || a.regionCode.localeCompare(b.regionCode),
    );
    return covering[0] ?? null;
  }

  /**
   * The shifts of `rotaIds` that {@link chainFor} would read for any arrival in [from, to]: ending
   * after `from`, starting before `to` + 8 days (filter per case with {@link escalationChain}).
   */
  async function shiftsAround(q: Db, rotaIds: readonly string[], from: Date, to: Date) {
    return q
      .select()
      .from(dutyShift)
      .where(
        and(
          inArray(dutyShift.rotaId, [...rotaIds]),
          gt(dutyShift.endsAt, from),
          lt(dutyShift.startsAt, new Date(to.getTime() + 8 * 86_400_000)),
        ),
      );
  }

  /** The shifts {@link chainFor} reads for an arrival at `at`. */
  const inChainWindow = (s: { startsAt: Date; endsAt: Date }, at: Date) =>
    s.endsAt.getTime() > at.getTime() && s.startsAt.getTime() < at.getTime() + 8 * 86_400_000;

  async function chainFor(q: Db, rotaId: string, at: Date): Promise<string[]> {
    return escalationChain(await shiftsAround(q, [rotaId], at, at), at);
  }

  /** The in-app notice and the SMS to each officer, one statement each for all of them. */
  async function tellMany(
    tx: Db,
    items: readonly { userId: string; caseNo: string; escalated: boolean }[],
    officers: ReadonlyMap<string, { phoneEnc: string }>,
  ) {
    await notifyMany(
      tx,
      items.map(({ userId, caseNo, escalated }) => ({
        userId,
        kind: escalated ? 'duty.escalated' : 'duty.assigned',
        title: `${escalated ? '值班升级' : '值班来件'}：${caseNo}`,
        body: `非工作时间来件，请在${ACK_MINUTES}分钟内确认接收`,
        link: '/admin/duty',
      })),
    );
    for (const { userId, caseNo } of items) {
      const u = officers.get(userId);
      if (u)
        await sms.send(tx, deps.pii.decrypt(u.phoneEnc), 'duty_assigned', {
          caseNo,
          minutes: String(ACK_MINUTES),
        });
    }
  }

  async function tell(tx: Db, userId: string, caseNo: string, escalated: boolean) {
    const [u] = await tx.select({ phoneEnc: appUser.phoneEnc }).from(appUser).where(eq(appUser.id, userId));
    await tellMany(tx, [{ userId, caseNo, escalated }], new Map(u ? [[userId, u]] : []));
  }

  async function scheduleCheck(tx: Db, a: { id: string; appealId: string; level: number; ackDueAt: Date }) {
    const data: EscalateJob = { assignmentId: a.id, appealId: a.appealId, level: a.level };
    await deps.jobs.sendAfter(ESCALATE_JOB, data, a.ackDueAt, {
      tx,
      singletonKey: `${a.appealId}:${a.level}`,
    });
  }

  /**
   * Reaction to `appeal.submitted`: a case that arrived outside office hours goes to the officer
   * on duty. Re-loads the case: one already taken in (accepted, dispatched …) needs nobody.
   */
  async function onSubmitted(tx: Db, appealId: string): Promise<'assigned' | 'in_hours' | 'skipped'> {
    return (await onSubmittedMany(tx, [appealId])).get(appealId) ?? 'skipped';
  }

  /**
   * {@link onSubmitted} for several cases at once, with a fixed number of statements whatever their
   * number (the dispatcher hands over every `appeal.submitted` due): the cases, the rotas and their
   * shifts, the officers, then one multi-row insert each for the assignments, the timeline notes,
   * the in-app notices, the SMS and the 30-minute checks. Within office hours it reads the cases
   * and writes nothing.
   */
  async function onSubmittedMany(
    tx: Db,
    appealIds: readonly string[],
  ): Promise<Map<string, 'assigned' | 'in_hours' | 'skipped'>> {
    const out = new Map<string, 'assigned' | 'in_hours' | 'skipped'>();
    const off: AppealBrief[] = [];
    for (const c of await getAppealBriefs(tx, appealIds)) {
      if (!(WAITING as readonly string[]).includes(c.state)) out.set(c.id, 'skipped');
      else if (!isOffHours(c.createdAt, (d) => deps.calendar.isWorkday(d), OFFICE_WINDOWS))
        out.set(c.id, 'in_hours');
      else off.push(c);
    }
    if (off.length === 0) return out;
    const rotas = await tx.select().from(dutyRota);
    const rotaOf = new Map<string, RotaRow>();
    for (const c of off) {
      const rota = mostSpecificRota(rotas, c.regionCode);
      if (rota) rotaOf.set(c.id, rota);
    }
    const arrivals = off.map((c) => c.createdAt.getTime());
    const shifts = rotaOf.size
      ? await shiftsAround(
          tx,
          [...new Set([...rotaOf.values()].map((r) => r.id))],
          new Date(Math.min(...arrivals)),
          new Date(Math.max(...arrivals)),
        )
      : [];
    const at = now();
    const ackDueAt = new Date(at.getTime() + ACK_MINUTES * 60_000);
    const planned: (typeof dutyAssignment.$inferInsert & { rota: RotaRow })[] = [];
    for (const c of off) {
      const rota = rotaOf.get(c.id);
      const first = rota
        ? escalationChain(
            shifts.filter((s) => s.rotaId === rota.id && inChainWindow(s, c.createdAt)),
            c.createdAt,
          )[0]
        : undefined;
      if (!rota || !first) {
        out.set(c.id, 'skipped');
        continue;
      }
      planned.push({
        appealId: c.id,
        caseNo: c.caseNo,
        rotaId: rota.id,
        userId: first,
        arrivedAt: c.createdAt,
        assignedAt: at,
        ackDueAt,
        level: 0,
        rota,
      });
    }
    if (planned.length === 0) return out;
    const rows = await tx
      .insert(dutyAssignment)
      .values(planned.map(({ rota: _rota, ...row }) => row))
      .onConflictDoNothing()
      .returning();
    for (const c of off) if (!out.has(c.id)) out.set(c.id, 'skipped');
    if (rows.length === 0) return out;
    const officers = await tx
      .select({ id: appUser.id, name: appUser.name, phoneEnc: appUser.phoneEnc })
      .from(appUser)
      .where(inArray(appUser.id, [...new Set(rows.map((r) => r.userId))]));
    const officer = new Map(officers.map((o) => [o.id, o]));
    const rotaName = new Map(planned.map((p) => [p.rota.id, p.rota.name]));
    await appendTimelineNotes(
      tx,
      rows.map((row) => ({
        appealId: row.appealId,
        action: 'duty_assigned' as const,
        note: `非工作时间来件，已转${rotaName.get(row.rotaId) ?? ''}值班人员${officer.get(row.userId)?.name ?? ''}，须在${ACK_MINUTES}分钟内确认接收`,
        actor: null,
        data: { key: `duty:${row.id}`, assignmentId: row.id, userId: row.userId, level: 0 },
        at,
      })),
    );
    await tellMany(
      tx,
      rows.map((row) => ({ userId: row.userId, caseNo: row.caseNo, escalated: false })),
      officer,
    );
    await deps.jobs.sendManyAfter(
      ESCALATE_JOB,
      rows.map((row) => ({
        data: { assignmentId: row.id, appealId: row.appealId, level: row.level } satisfies EscalateJob,
        date: row.ackDueAt,
        singletonKey: `${row.appealId}:${row.level}`,
      })),
      { tx },
    );
    for (const row of rows) out.set(row.appealId, 'assigned');
    return out;
  }

  /**
   * The 30-minute check: does nothing when the officer acknowledged, the case was passed on
   * already, or the case moved past 待受理/待派单; else hands it to the next person on the rota.
   */
  async function escalate(job: EscalateJob): Promise<JobOutcome> {
    if (job.warmup) return 'skipped';
    return inTransaction(deps.database, async ({ tx }) => {
      const [a] = await tx
        .select()
        .from(dutyAssignment)
        .where(eq(dutyAssignment.id, job.assignmentId))
        .for('update');
      if (!a || a.acknowledgedAt || a.escalatedTo) return 'skipped';
      const at = now();
      if (at < a.ackDueAt) return 'skipped';
      const c = await getAppealBrief(tx, a.appealId);
      if (!c || !(WAITING as readonly string[]).includes(c.state)) return 'skipped';
      const tried = (
        await tx
          .select({ userId: dutyAssignment.userId })
          .from(dutyAssignment)
          .where(eq(dutyAssignment.appealId, a.appealId))
      ).map((r) => r.userId);
      const chain = await chainFor(tx, a.rotaId, a.arrivedAt);
      const pos = chain.indexOf(a.userId);
      const next = chain.slice(pos + 1).find((u) => !tried.includes(u));
      if (!next) {
        await tx.update(dutyAssignment).set({ escalatedAt: at }).where(eq(dutyAssignment.id, a.id));
        await appendTimelineNote(tx, a.appealId, {
          action: 'duty_escalated',
          note: `值班人员${ACK_MINUTES}分钟内未确认接收，轮值表上已无下一位值班人员`,
          actor: null,
          data: { key: `duty-end:${a.id}`, assignmentId: a.id, level: a.level },
          at,
        });
        return 'done';
      }
      await tx
        .update(dutyAssignment)
        .set({ escalatedTo: next, escalatedAt: at })
        .where(eq(dutyAssignment.id, a.id));
      const [row] = await tx
        .insert(dutyAssignment)
        .values({
          appealId: a.appealId,
          caseNo: a.caseNo,
          rotaId: a.rotaId,
          userId: next,
          arrivedAt: a.arrivedAt,
          assignedAt: at,
          ackDueAt: new Date(at.getTime() + ACK_MINUTES * 60_000),
          level: a.level + 1,
        })
        .returning();
      const names = await tx
        .select({ id: appUser.id, name: appUser.name })
        .from(appUser)
        .where(inArray(appUser.id, [a.userId, next]));
      const nameOf = (id: string) => names.find((n) => n.id === id)?.name ?? '';
      await appendTimelineNote(tx, a.appealId, {
        action: 'duty_escalated',
        note: `值班人员${nameOf(a.userId)}${ACK_MINUTES}分钟内未确认接收，已升级至${nameOf(next)}`,
        actor: null,
        data: { key: `duty:${row!.id}`, assignmentId: row!.id, userId: next, level: row!.level },
        at,
      });
      await tell(tx, next, a.caseNo, true);
      await scheduleCheck(tx, row!);
      return 'done';
    });
  }

  /** Assignments of one case, oldest level first (tests, the case page later). */
  async function ofAppeal(appealId: string) {
    return db
      .select()
      .from(dutyAssignment)
      .where(eq(dutyAssignment.appealId, appealId))
      .orderBy(asc(dutyAssignment.level));
  }

  return {
    listRotas,
    createRota,
    listShifts,
    coverage,
    candidates,
    createShift: (actor: Actor, meta: RequestMeta | null, rotaId: string, input: ShiftInput) =>
      saveShift(actor, meta, rotaId, null, input),
    updateShift: (actor: Actor, meta: RequestMeta | null, shiftId: string, input: ShiftInput) =>
      saveShift(actor, meta, null, shiftId, input),
    deleteShift,
    mine,
    acknowledge,
    onSubmitted,
    onSubmittedMany,
    escalate,
    ofAppeal,
  };
}
