import { ROLE_PERMISSIONS, regionCovers, regionLevelOf } from '@nuanxin/shared';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { shanghaiDate } from '../../platform/calendar/index.ts';
import type { Db } from '../../platform/db/client.ts';
import { inTransaction, type UnitOfWork } from '../../platform/db/tx.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { maskPhone } from '../../platform/pii/mask.ts';
import { createAppealsService } from '../appeals/index.ts';
import { getOrg, getRegion } from '../orgs/index.ts';
import type { WishEventPayload } from './wishes.events.ts';
import { type WishUserAction, wishTransition } from './wishes.machine.ts';
import {
  canSeeWish,
  covers,
  isManager,
  isSubmitter,
  mayActOnWish,
  mayManageForum,
  maySeeForum,
  regionsSql,
  type WishFacts,
  type WishScope,
  wishActions,
  wishScopeOf,
} from './wishes.policy.ts';
import * as repo from './wishes.repository.ts';
import type {
  AppealRowInput,
  CreateForumInput,
  CreateWishInput,
  ForumDto,
  WishBoxDto,
  WishDto,
  WishListQuery,
} from './wishes.schemas.ts';
import { forum, forumAppeal, wish, wishBatch, wishBox } from './wishes.tables.ts';

/**
 * Use cases of the wish box 小哥心愿箱 and the monthly forum 座谈会. Each is one transaction.
 * Appeals are filed through the appeals module's service, never by writing its tables: the
 * service is bound to the open transaction, so a conversion or a forum's several appeals commit
 * together with the wish or forum row, or not at all.
 */

export interface WishesServiceOptions {
  now?: () => Date;
}

const DAY_MS = 86_400_000;

/** Monday (YYYY-MM-DD, Asia/Shanghai) of the week `at` falls in. */
export function mondayOf(at: Date): string {
  const d = new Date(`${shanghaiDate(at)}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - dow * DAY_MS).toISOString().slice(0, 10);
}
/** Start of a Shanghai day as an instant. */
export function shanghaiMidnight(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

export type WishesService = ReturnType<typeof createWishesService>;

export function createWishesService(deps: PlatformDeps, opts: WishesServiceOptions = {}) {
  const { database } = deps;
  const now = opts.now ?? (() => new Date());
  const onAfterCommitError = (err: unknown) => deps.log.error({ err }, 'wishes after-commit work failed');

  async function scopeOf(db: Db, actor: Actor): Promise<WishScope> {
    const orgRegions = new Map<string, string | null>();
    for (const g of actor.grants)
      if (g.orgId && !g.regionCode && !orgRegions.has(g.orgId))
        orgRegions.set(g.orgId, (await getOrg(db, g.orgId))?.regionCode ?? null);
    return wishScopeOf(actor, (id) => orgRegions.get(id) ?? null);
  }

  /** The appeals facade on the open transaction (its own transaction becomes a savepoint). */
  function appealsIn(tx: Db) {
    return createAppealsService({ ...deps, database: { ...database, db: tx } }, { now });
  }

  /**
   * Staff who convert a wish or record a forum file the appeal as intake from that channel; the
   * wish/forum policy has already decided they may, whichever role files.
   */
  function intakeActor(actor: Actor): Actor {
    return { ...actor, kind: 'staff', permissions: new Set([...actor.permissions, 'appeals.create']) };
  }

  async function categoryAreas(): Promise<{ code: string; name: string }[]> {
    const all = await createAppealsService(deps).categories();
    return all.filter((c) => c.parentId === null).map((c) => ({ code: c.code, name: c.name }));
  }

  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const factsOf = (w: repo.WishRow): WishFacts => ({
    state: w.state,
    regionCode: w.regionCode,
    submitterUserId: w.submitterUserId,
    trackerUserId: w.trackerUserId,
    converted: w.convertedAppealId !== null,
  });

  function toDto(r: repo.WishNamedRow, scope: WishScope, areas: Map<string, string>): WishDto {
    const w = r.w;
    const facts = factsOf(w);
    const mine = isSubmitter(scope, facts);
    const staffView = isManager(scope, facts) || w.trackerUserId === scope.userId;
    const showWho = mine || (staffView && !w.anonymous);
    return {
      id: w.id,
      text: w.text,
      state: w.state,
      boxId: w.boxId,
      boxName: r.boxName,
      regionCode: w.regionCode,
      regionName: r.regionName,
      anonymous: w.anonymous,
      submitterName: showWho ? r.submitterName : null,
      contactName: showWho ? w.contactName : null,
      contactPhoneMasked: showWho ? w.contactPhoneMasked : null,
      batchId: w.batchId,
      weekStart: r.weekStart,
      categoryCode: w.categoryCode,
      categoryName: w.categoryCode ? (areas.get(w.categoryCode) ?? w.categoryCode) : null,
      trackerUserId: w.trackerUserId,
      trackerName: r.trackerName,
      feedback: w.feedback,
      activityIdea: w.activityIdea,
      convertedAppealId: w.convertedAppealId,
      convertedCaseNo: w.convertedCaseNo,
      createdAt: w.createdAt.toISOString(),
      answeredAt: iso(w.answeredAt),
      mine,
      actions: wishActions(scope, facts),
    };
  }

  async function areaMap() {
    return new Map((await categoryAreas()).map((a) => [a.code, a.name]));
  }

  function visibleSql(scope: WishScope): SQL {
    return sql`(${wish.submitterUserId} = ${scope.userId} or ${wish.trackerUserId} = ${scope.userId} or ${regionsSql(scope.manageRegions, sql`${wish.regionCode}`)})`;
  }

  async function detail(db: Db, actor: Actor, id: string): Promise<WishDto> {
    const scope = await scopeOf(db, actor);
    const [row] = await repo.listWishesNamed(db, eq(wish.id, id), 1);
    if (!row || !canSeeWish(scope, factsOf(row.w))) throw notFound('Wish', 'wish.not_found');
    return toDto(row, scope, await areaMap());
  }

  function payloadOf(w: repo.WishRow): WishEventPayload {
    return {
      wishId: w.id,
      regionCode: w.regionCode,
      submitterUserId: w.submitterUserId,
      trackerUserId: w.trackerUserId,
    };
  }

  // ---- boxes ------------------------------------------------------------------------------

  function boxDto(r: Awaited<ReturnType<typeof repo.listBoxes>>[number]): WishBoxDto {
    return {
      id: r.b.id,
      name: r.b.name,
      regionCode: r.b.regionCode,
      regionName: r.regionName,
      hostOrgId: r.b.hostOrgId,
      hostOrgName: r.hostOrgName,
      location: r.b.location,
      active: r.b.active,
      link: `/m/wish?box=${r.b.id}`,
    };
  }

  /** Workers see every active box (to pick one); staff see the boxes of their regions. */
  async function listBoxes(actor: Actor): Promise<WishBoxDto[]> {
    const scope = await scopeOf(database.db, actor);
    const where = scope.isWorker
      ? eq(wishBox.active, true)
      : regionsSql(scope.manageRegions, sql`${wishBox.regionCode}`);
    return (await repo.listBoxes(database.db, where)).map(boxDto);
  }

  async function getBox(actor: Actor, id: string): Promise<WishBoxDto> {
    const scope = await scopeOf(database.db, actor);
    const [r] = await repo.listBoxes(database.db, eq(wishBox.id, id));
    if (!r || !(r.b.active || covers(scope.manageRegions, r.b.regionCode)))
      throw notFound('Wish box', 'wish.box_not_found');
    return boxDto(r);
  }

  async function createBox(
    actor: Actor,
    meta: RequestMeta | null,
    input: {
      name: string;
      regionCode: string;
      hostOrgId?: string | undefined;
      location?: string | undefined;
    },
  ): Promise<WishBoxDto> {
    const scope = await scopeOf(database.db, actor);
    if (!covers(scope.manageRegions, input.regionCode)) throw forbidden('Not your region');
    if (!(await getRegion(database.db, input.regionCode)))
      throw new AppError('region.not_found', 'Unknown region');
    if (input.hostOrgId && !(await getOrg(database.db, input.hostOrgId)))
      throw new AppError('org.not_found', 'Unknown organisation');
    const id = await inTransaction(database, async ({ tx }) => {
      const [b] = await tx
        .insert(wishBox)
        .values({
          name: input.name,
          regionCode: input.regionCode,
          hostOrgId: input.hostOrgId ?? null,
          location: input.location ?? null,
        })
        .returning();
      await writeAudit(tx, actor, meta, {
        action: 'wish_box.create',
        entityType: 'wish_box',
        entityId: b!.id,
        after: { name: b!.name, regionCode: b!.regionCode },
      });
      return b!.id;
    });
    return getBox(actor, id);
  }

  // ---- wishes -----------------------------------------------------------------------------

  async function create(
    actor: Actor,
    meta: RequestMeta | null,
    input: CreateWishInput,
    idempotencyKey?: string,
  ): Promise<{ wish: WishDto; created: boolean }> {
    const db = database.db;
    const scope = await scopeOf(db, actor);
    if (!scope.canCreate) throw forbidden('You may not file wishes');
    if (idempotencyKey) {
      const [existing] = await db
        .select({ id: wish.id })
        .from(wish)
        .where(and(eq(wish.submitterUserId, actor.userId), eq(wish.idempotencyKey, idempotencyKey)));
      if (existing) return { wish: await detail(db, actor, existing.id), created: false };
    }
    let regionCode = input.regionCode ?? null;
    if (input.boxId) {
      const box = await repo.getBox(db, input.boxId);
      if (!box?.active) throw new AppError('wish.box_not_found', 'Unknown wish box');
      regionCode = box.regionCode;
    }
    const level = regionCode ? regionLevelOf(regionCode) : null;
    if (!regionCode || (level !== 'county' && level !== 'township') || !(await getRegion(db, regionCode)))
      throw new AppError('region.not_found', 'The region does not exist or is not a county or township');
    const at = now();
    const id = await inTransaction(
      database,
      async (uow) => {
        const [row] = await uow.tx
          .insert(wish)
          .values({
            boxId: input.boxId ?? null,
            regionCode: regionCode!,
            text: input.text,
            submitterUserId: actor.userId,
            anonymous: input.anonymous,
            contactName: input.contactName ?? null,
            contactPhoneEnc: input.contactPhone ? deps.pii.encrypt(input.contactPhone) : null,
            contactPhoneMasked: input.contactPhone ? maskPhone(input.contactPhone) : null,
            idempotencyKey: idempotencyKey ?? null,
            createdAt: at,
            updatedAt: at,
          })
          .onConflictDoNothing()
          .returning();
        if (!row) return null;
        await writeAudit(uow.tx, actor, meta, {
          action: 'wish.create',
          entityType: 'wish',
          entityId: row.id,
          after: { boxId: row.boxId, regionCode: row.regionCode },
        });
        await deps.events.publish(uow, 'wish.submitted', payloadOf(row), actor.userId);
        return row.id;
      },
      onAfterCommitError,
    );
    if (!id) return create(actor, meta, input, idempotencyKey);
    return { wish: await detail(db, actor, id), created: true };
  }

  async function list(actor: Actor, q: WishListQuery) {
    const db = database.db;
    const scope = await scopeOf(db, actor);
    const conds: SQL[] = [
      q.mine === 'true' || scope.isWorker ? eq(wish.submitterUserId, actor.userId) : visibleSql(scope),
    ];
    if (q.batchId) conds.push(eq(wish.batchId, q.batchId));
    if (q.activityIdea) conds.push(eq(wish.activityIdea, q.activityIdea === 'true'));
    const base = and(...conds);
    const where = q.state ? and(base, eq(wish.state, q.state)) : base;
    const [rows, counts, areas] = await Promise.all([
      repo.listWishesNamed(db, where, q.pageSize, (q.page - 1) * q.pageSize),
      repo.countWishes(db, base),
      areaMap(),
    ]);
    const total = q.state ? (counts[q.state] ?? 0) : Object.values(counts).reduce((a, b) => a + b, 0);
    return { items: rows.map((r) => toDto(r, scope, areas)), total, counts };
  }

  async function get(actor: Actor, id: string): Promise<WishDto> {
    return detail(database.db, actor, id);
  }

  interface ActBody {
    categoryCode?: string;
    trackerUserId?: string;
    feedback?: string;
    activityIdea?: boolean;
  }

  /** classify, assign, answer, markIdea: one transaction with a row lock on the wish. */
  async function act(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
    action: Exclude<WishUserAction, 'convert'>,
    body: ActBody,
  ): Promise<WishDto> {
    const scope = await scopeOf(database.db, actor);
    if (action === 'classify') {
      const areas = await areaMap();
      if (!body.categoryCode || !areas.has(body.categoryCode))
        throw new AppError('wish.category_not_found', 'Unknown category area');
    }
    await inTransaction(
      database,
      async (uow) => {
        const { tx } = uow;
        const w = await repo.getWishForUpdate(tx, id);
        if (!w || !canSeeWish(scope, factsOf(w))) throw notFound('Wish', 'wish.not_found');
        if (!mayActOnWish(scope, factsOf(w), action)) throw forbidden('You may not do this with this wish');
        const to = wishTransition(w.state, action, { converted: w.convertedAppealId !== null });
        const at = now();
        const patch: Partial<typeof wish.$inferInsert> = { state: to, version: w.version + 1, updatedAt: at };
        if (action === 'classify')
          Object.assign(patch, { categoryCode: body.categoryCode, classifiedAt: at });
        if (action === 'assign') {
          const candidates = await repo.trackerCandidates(tx, w.regionCode);
          if (!candidates.some((c) => c.userId === body.trackerUserId))
            throw new AppError('wish.tracker_not_found', 'The tracker is not a staff member of this region');
          Object.assign(patch, { trackerUserId: body.trackerUserId, assignedAt: at });
        }
        if (action === 'answer') Object.assign(patch, { feedback: body.feedback, answeredAt: at });
        if (action === 'markIdea') patch.activityIdea = body.activityIdea ?? true;
        const [u] = await tx.update(wish).set(patch).where(eq(wish.id, id)).returning();
        await writeAudit(tx, actor, meta, {
          action: `wish.${action}`,
          entityType: 'wish',
          entityId: id,
          before: { state: w.state },
          after: { state: to, ...body },
        });
        const p = payloadOf(u!);
        if (action === 'classify')
          await deps.events.publish(
            uow,
            'wish.classified',
            { ...p, categoryCode: body.categoryCode! },
            actor.userId,
          );
        if (action === 'assign')
          await deps.events.publish(
            uow,
            'wish.assigned',
            { ...p, trackerUserId: body.trackerUserId! },
            actor.userId,
          );
        if (action === 'answer')
          await deps.events.publish(uow, 'wish.answered', { ...p, feedback: body.feedback! }, actor.userId);
      },
      onAfterCommitError,
    );
    return detail(database.db, actor, id);
  }

  function appealInput(row: AppealRowInput, regionCode: string, channel: 'wish_box' | 'forum') {
    return {
      type: row.type,
      categoryId: row.categoryId,
      urgency: row.urgency,
      description: row.description,
      regionCode: row.regionCode ?? regionCode,
      privacy: 'private' as const,
      anonymous: false,
      channel,
    };
  }

  /**
   * Turns a wish into an appeal, exactly once: the wish row is locked, a converted wish answers
   * with its appeal, and the appeal is filed inside the same transaction.
   */
  async function convert(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
    row: AppealRowInput,
  ): Promise<WishDto> {
    const scope = await scopeOf(database.db, actor);
    await inTransaction(
      database,
      async (uow) => {
        const { tx } = uow;
        const w = await repo.getWishForUpdate(tx, id);
        if (!w || !canSeeWish(scope, factsOf(w))) throw notFound('Wish', 'wish.not_found');
        if (!mayActOnWish(scope, factsOf(w), 'convert')) throw forbidden('You may not convert this wish');
        // A retry after a committed conversion: nothing to do.
        if (w.convertedAppealId) return;
        wishTransition(w.state, 'convert', { converted: false });
        const input = {
          ...appealInput(row, w.regionCode, 'wish_box'),
          ...(!w.anonymous && w.contactName ? { contactName: w.contactName } : {}),
          ...(!w.anonymous && w.contactPhoneEnc ? { contactPhone: deps.pii.decrypt(w.contactPhoneEnc) } : {}),
        };
        const r = await appealsIn(tx).create(intakeActor(actor), meta, input, `wish:${w.id}`);
        const at = now();
        const [u] = await tx
          .update(wish)
          .set({
            convertedAppealId: r.appeal.id,
            convertedCaseNo: r.appeal.caseNo,
            version: w.version + 1,
            updatedAt: at,
          })
          .where(eq(wish.id, id))
          .returning();
        await writeAudit(tx, actor, meta, {
          action: 'wish.convert',
          entityType: 'wish',
          entityId: id,
          after: { appealId: r.appeal.id, caseNo: r.appeal.caseNo },
        });
        await deps.events.publish(
          uow,
          'wish.converted',
          { ...payloadOf(u!), appealId: r.appeal.id, caseNo: r.appeal.caseNo },
          actor.userId,
        );
      },
      onAfterCommitError,
    );
    return detail(database.db, actor, id);
  }

  async function trackers(actor: Actor, id: string) {
    const scope = await scopeOf(database.db, actor);
    const w = await repo.getWish(database.db, id);
    if (!w || !canSeeWish(scope, factsOf(w))) throw notFound('Wish', 'wish.not_found');
    if (!isManager(scope, factsOf(w))) throw forbidden('You may not assign trackers');
    return repo.trackerCandidates(database.db, w.regionCode);
  }

  // ---- weekly batches ---------------------------------------------------------------------

  /**
   * 每周汇总: one batch per county and week, for the wishes created in that week. Idempotent per
   * (county, week): the unique index makes a repeated, late or concurrent run find the batch and
   * do nothing. Wishes still `collected` move to `batched`; the others only get the batch id.
   * `weekStart` defaults to last week's Monday. `scope` limits counties (a staff member's run).
   */
  async function generateWeekly(weekStart?: string, scope: SQL = sql`true`): Promise<number> {
    const monday = weekStart ?? mondayOf(new Date(now().getTime() - 7 * DAY_MS));
    const from = shanghaiMidnight(monday);
    const to = new Date(from.getTime() + 7 * DAY_MS);
    const counties = await repo.countiesToBatch(database.db, from, to, monday, scope);
    let created = 0;
    for (const county of counties) {
      const done = await inTransaction(
        database,
        async (uow) => {
          const { tx } = uow;
          const [b] = await tx
            .insert(wishBatch)
            .values({ regionCode: county, weekStart: monday, generatedAt: now() })
            .onConflictDoNothing()
            .returning();
          if (!b) return false;
          const inWeek = sql`${wish.regionCode} like ${`${county}%`} and ${wish.createdAt} >= ${from.toISOString()} and ${wish.createdAt} < ${to.toISOString()} and ${wish.batchId} is null`;
          const at = now();
          await tx
            .update(wish)
            .set({ state: 'batched', batchId: b.id, batchedAt: at, updatedAt: at })
            .where(and(inWeek, eq(wish.state, 'collected')));
          await tx.update(wish).set({ batchId: b.id, batchedAt: at }).where(inWeek);
          const rows = await tx
            .select({ c: wish.categoryCode, n: sql<number>`count(*)::int` })
            .from(wish)
            .where(eq(wish.batchId, b.id))
            .groupBy(wish.categoryCode);
          const counts: Record<string, number> = {};
          let total = 0;
          for (const r of rows) {
            counts[r.c ?? 'unclassified'] = Number(r.n);
            total += Number(r.n);
          }
          await tx.update(wishBatch).set({ counts, total }).where(eq(wishBatch.id, b.id));
          await deps.events.publish(
            uow,
            'wish.batched',
            { batchId: b.id, regionCode: county, weekStart: monday, total },
            null,
          );
          return true;
        },
        onAfterCommitError,
      );
      if (done) created++;
    }
    return created;
  }

  async function generateFor(actor: Actor, weekStart?: string): Promise<number> {
    const scope = await scopeOf(database.db, actor);
    if (scope.manageRegions.length === 0) throw forbidden('You handle no region');
    return generateWeekly(weekStart, regionsSql(scope.manageRegions, sql`w.region_code`));
  }

  async function listBatches(actor: Actor) {
    const scope = await scopeOf(database.db, actor);
    const rows = (await repo.listBatches(database.db, undefined)).filter((r) =>
      scope.manageRegions.some((m) => regionCovers(m, r.b.regionCode) || regionCovers(r.b.regionCode, m)),
    );
    // The summary by area follows the wishes' classification since the batch was generated.
    const live = await repo.batchCounts(
      database.db,
      rows.map((r) => r.b.id),
    );
    return rows.map((r) => ({
      id: r.b.id,
      regionCode: r.b.regionCode,
      regionName: r.regionName,
      weekStart: r.b.weekStart,
      counts: live.get(r.b.id) ?? {},
      countsAtGeneration: r.b.counts,
      total: r.b.total,
      generatedAt: r.b.generatedAt.toISOString(),
    }));
  }

  // ---- forums -----------------------------------------------------------------------------

  async function forumDtos(scope: WishScope, where: SQL | undefined): Promise<ForumDto[]> {
    const rows = await repo.listForums(database.db, where);
    const links = await repo.forumAppeals(
      database.db,
      rows.map((r) => r.f.id),
    );
    return rows.map((r) => ({
      id: r.f.id,
      heldOn: r.f.heldOn,
      place: r.f.place,
      hostOrgId: r.f.hostOrgId,
      hostOrgName: r.hostOrgName,
      regionCode: r.f.regionCode,
      regionName: r.regionName,
      minutes: r.f.minutes,
      attendees: {
        riders: r.f.riders,
        stationHeads: r.f.stationHeads,
        companyManagement: r.f.companyManagement,
        departments: r.f.departments,
      },
      appeals: links
        .filter((l) => l.forumId === r.f.id)
        .map((l) => ({ appealId: l.appealId, caseNo: l.caseNo, title: l.title })),
      canRaise: mayManageForum(scope, r.f.regionCode),
      createdAt: r.f.createdAt.toISOString(),
    }));
  }

  async function listForums(actor: Actor): Promise<ForumDto[]> {
    const scope = await scopeOf(database.db, actor);
    return forumDtos(scope, regionsSql(scope.forumRegions, sql`${forum.regionCode}`));
  }

  async function getForum(actor: Actor, id: string): Promise<ForumDto> {
    const scope = await scopeOf(database.db, actor);
    const [f] = await forumDtos(scope, eq(forum.id, id));
    if (!f || !maySeeForum(scope, f.regionCode)) throw notFound('Forum', 'forum.not_found');
    return f;
  }

  /** Files the rows as appeals of channel `forum` and links them, inside `uow`. */
  async function raiseIn(
    uow: UnitOfWork,
    actor: Actor,
    meta: RequestMeta | null,
    f: { id: string; regionCode: string },
    rows: AppealRowInput[],
  ): Promise<string[]> {
    const svc = appealsIn(uow.tx);
    const ids: string[] = [];
    for (const row of rows) {
      const r = await svc.create(intakeActor(actor), meta, appealInput(row, f.regionCode, 'forum'));
      await uow.tx.insert(forumAppeal).values({
        forumId: f.id,
        appealId: r.appeal.id,
        caseNo: r.appeal.caseNo,
        title: [...row.description].slice(0, 40).join(''),
      });
      ids.push(r.appeal.id);
    }
    if (ids.length)
      await deps.events.publish(
        uow,
        'forum.appeals_raised',
        { forumId: f.id, regionCode: f.regionCode, appealIds: ids },
        actor.userId,
      );
    return ids;
  }

  async function createForum(
    actor: Actor,
    meta: RequestMeta | null,
    input: CreateForumInput,
  ): Promise<ForumDto> {
    const scope = await scopeOf(database.db, actor);
    if (!mayManageForum(scope, input.regionCode)) throw forbidden('You may not record forums here');
    if (!(await getRegion(database.db, input.regionCode)))
      throw new AppError('region.not_found', 'Unknown region');
    if (input.hostOrgId && !(await getOrg(database.db, input.hostOrgId)))
      throw new AppError('org.not_found', 'Unknown organisation');
    const id = await inTransaction(
      database,
      async (uow) => {
        const [f] = await uow.tx
          .insert(forum)
          .values({
            heldOn: input.heldOn,
            place: input.place,
            hostOrgId: input.hostOrgId ?? null,
            regionCode: input.regionCode,
            minutes: input.minutes,
            ...input.attendees,
            createdBy: actor.userId,
          })
          .returning();
        await writeAudit(uow.tx, actor, meta, {
          action: 'forum.create',
          entityType: 'forum',
          entityId: f!.id,
          after: { heldOn: f!.heldOn, regionCode: f!.regionCode, appeals: input.appeals.length },
        });
        await deps.events.publish(
          uow,
          'forum.recorded',
          { forumId: f!.id, regionCode: f!.regionCode, heldOn: f!.heldOn },
          actor.userId,
        );
        await raiseIn(uow, actor, meta, f!, input.appeals);
        return f!.id;
      },
      onAfterCommitError,
    );
    return getForum(actor, id);
  }

  /** 从座谈会提出诉求: several appeals in one transaction — all of them, or none. */
  async function raiseAppeals(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
    rows: AppealRowInput[],
  ): Promise<ForumDto> {
    const scope = await scopeOf(database.db, actor);
    await inTransaction(
      database,
      async (uow) => {
        const [f] = await uow.tx.select().from(forum).where(eq(forum.id, id)).for('update');
        if (!f || !maySeeForum(scope, f.regionCode)) throw notFound('Forum', 'forum.not_found');
        if (!mayManageForum(scope, f.regionCode))
          throw forbidden('You may not raise appeals from this forum');
        await raiseIn(uow, actor, meta, f, rows);
        await writeAudit(uow.tx, actor, meta, {
          action: 'forum.raise_appeals',
          entityType: 'forum',
          entityId: id,
          after: { appeals: rows.length },
        });
      },
      onAfterCommitError,
    );
    return getForum(actor, id);
  }

  return {
    categoryAreas,
    listBoxes,
    getBox,
    createBox,
    create,
    list,
    get,
    act,
    convert,
    trackers,
    generateWeekly,
    generateFor,
    listBatches,
    listForums,
    getForum,
    createForum,
    raiseAppeals,
    /** For tests: whether a role handles wishes at all. */
    handles: (role: keyof typeof ROLE_PERMISSIONS) => ROLE_PERMISSIONS[role].includes('wishes.manage'),
  };
}
