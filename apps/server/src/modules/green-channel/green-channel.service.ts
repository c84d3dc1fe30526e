import { regionCovers, regionLevelOf, regionPrefix } from '@nuanxin/shared';
import { and, eq, gte, isNotNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { shanghaiDate } from '../../platform/calendar/index.ts';
import type { Db } from '../../platform/db/client.ts';
import { inTransaction, type UnitOfWork } from '../../platform/db/tx.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import type { EventMap } from '../../platform/events/events.ts';
import { AppError, conflict, forbidden, notFound, validation } from '../../platform/http/errors.ts';
import { attachPhotos, photosOf } from '../files/index.ts';
import { getOrg, getRegion } from '../orgs/index.ts';
import type { GrnClaimEventPayload } from './green-channel.events.ts';
import { nextState } from './green-channel.machine.ts';
import {
  type ClaimFacts,
  canSeeClaim,
  canSeeNotice,
  claimActions,
  covers,
  type GrantOrg,
  type GrnScope,
  grnScopeOf,
  isOfficerFor,
  isRider,
  mayAct,
  visibleSql,
} from './green-channel.policy.ts';
import * as repo from './green-channel.repository.ts';
import { grnDelayClaim, grnNotice, grnWeatherAlert } from './green-channel.tables.ts';
import type {
  GrnAction,
  GrnAlertDto,
  GrnAlertsQuery,
  GrnAnswerInput,
  GrnClaimDetailDto,
  GrnClaimSummaryDto,
  GrnClaimsQuery,
  GrnCreateAlertInput,
  GrnCreateClaimInput,
  GrnMetricsQuery,
  GrnMetricsRowDto,
  GrnNoticeDto,
  GrnNoticesQuery,
  GrnSendNoticeInput,
} from './green-channel.types.ts';

/**
 * Use cases of the weather-delay green channel. Each change is one transaction: the optimistic
 * version check, the machine's transition, a timeline row, the audit row and the outbox event.
 * The government side reviews and reminds; only the platform's liaison answers.
 */

export interface GreenChannelServiceOptions {
  now?: () => Date;
}

const HOUR_MS = 3_600_000;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export type GreenChannelService = ReturnType<typeof createGreenChannelService>;

export function createGreenChannelService(deps: PlatformDeps, opts: GreenChannelServiceOptions = {}) {
  const { database } = deps;
  const now = opts.now ?? (() => new Date());
  const onAfterCommitError = (err: unknown) =>
    deps.log.error({ err }, 'green channel after-commit work failed');

  async function scopeOf(db: Db, actor: Actor): Promise<GrnScope> {
    const orgs = new Map<string, GrantOrg | null>();
    for (const g of actor.grants)
      if (g.orgId && !orgs.has(g.orgId)) {
        const o = await getOrg(db, g.orgId);
        orgs.set(g.orgId, o ? { name: o.name, kind: o.kind, regionCode: o.regionCode } : null);
      }
    return grnScopeOf(actor, (id) => orgs.get(id) ?? null);
  }

  const factsOf = (c: repo.ClaimRow): ClaimFacts => ({
    state: c.state,
    regionCode: c.regionCode,
    riderUserId: c.riderUserId,
    platformOrgId: c.platformOrgId,
    noticeId: c.noticeId,
  });

  const sideOf = (s: GrnScope, c: ClaimFacts) =>
    isRider(s, c) ? 'rider' : s.platformOrgIds.includes(c.platformOrgId) ? 'platform' : 'government';

  function alertDto(a: repo.AlertNamedRow): GrnAlertDto {
    return {
      id: a.id,
      regionCode: a.regionCode,
      regionName: a.regionName,
      level: a.level,
      kind: a.kind,
      startsAt: a.startsAt.toISOString(),
      endsAt: iso(a.endsAt),
      source: a.source,
      note: a.note,
      recordedByName: a.recordedByName,
      createdAt: a.createdAt.toISOString(),
    };
  }

  /** Alerts in force at the order time in the claim's region or a region above it. */
  function inForce(alerts: repo.AlertNamedRow[], regionCode: string, at: Date): GrnAlertDto[] {
    const t = at.getTime();
    return alerts
      .filter(
        (a) =>
          regionCovers(a.regionCode, regionCode) &&
          a.startsAt.getTime() <= t &&
          (a.endsAt === null || a.endsAt.getTime() >= t),
      )
      .map(alertDto);
  }

  async function alertsFor(db: Db, claims: { orderAt: Date }[]): Promise<repo.AlertNamedRow[]> {
    if (claims.length === 0) return [];
    const times = claims.map((c) => c.orderAt.getTime());
    return repo.alertsOverlapping(db, new Date(Math.min(...times)), new Date(Math.max(...times)));
  }

  function summary(row: repo.ClaimListRow, alerts: repo.AlertNamedRow[]): GrnClaimSummaryDto {
    return {
      id: row.id,
      caseNo: row.caseNo,
      state: row.state,
      riderName: row.riderName,
      platformOrgId: row.platformOrgId,
      platformName: row.platformName,
      regionCode: row.regionCode,
      regionName: row.regionName,
      orderNos: row.orderNos,
      orderAt: row.orderAt.toISOString(),
      delayMinutes: row.delayMinutes,
      fineFen: row.fineFen,
      cause: row.cause,
      alertsInForce: inForce(alerts, row.regionCode, row.orderAt),
      noticeId: row.noticeId,
      outcome: row.outcome,
      createdAt: row.createdAt.toISOString(),
    };
  }

  async function detail(db: Db, scope: GrnScope, id: string): Promise<GrnClaimDetailDto> {
    const row = await repo.getClaimNamed(db, id);
    if (!row) throw notFound('Claim', 'green_channel.not_found');
    const facts = factsOf(row);
    if (!canSeeClaim(scope, facts)) throw notFound('Claim', 'green_channel.not_found');
    const [alerts, events, answer, notice] = await Promise.all([
      alertsFor(db, [row]),
      repo.listEvents(db, id),
      repo.getAnswer(db, id),
      row.noticeId ? repo.getNoticeNamed(db, row.noticeId) : Promise.resolve(null),
    ]);
    const evidencePhotos = await photosOf(db, 'grn_claim', id);
    return {
      ...summary(row, alerts),
      reason: row.reason,
      evidenceNote: row.evidenceNote,
      evidencePhotos,
      reviewedByName: row.reviewedByName,
      reviewedAt: iso(row.reviewedAt),
      reviewNote: row.reviewNote,
      rejectReason: row.rejectReason,
      notice: notice
        ? {
            id: notice.id,
            noticeNo: notice.noticeNo,
            sentAt: notice.sentAt.toISOString(),
            sentByName: notice.sentByName,
            sentByOrgName: notice.sentByOrgName,
            requestedAnswerBy: notice.requestedAnswerBy,
            facts: notice.facts,
          }
        : null,
      answer: answer
        ? {
            outcome: answer.outcome,
            waivedFen: answer.waivedFen,
            reason: answer.reason,
            decidedByName: answer.decidedByName,
            decidedBySide: 'platform',
            platformName: row.platformName,
            answeredAt: answer.answeredAt.toISOString(),
          }
        : null,
      closedAt: iso(row.closedAt),
      timeline: events.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        actorName: e.actorName,
        side: e.side,
        action: e.action,
        fromState: e.fromState,
        toState: e.toState,
        note: e.note,
      })),
      isRider: isRider(scope, facts),
      actions: claimActions(scope, facts),
    };
  }

  const payloadOf = (c: repo.ClaimRow, from: repo.ClaimRow['state'] | null): GrnClaimEventPayload => ({
    claimId: c.id,
    caseNo: c.caseNo,
    from,
    to: c.state,
    regionCode: c.regionCode,
    platformOrgId: c.platformOrgId,
    riderUserId: c.riderUserId,
  });

  async function publish<T extends keyof EventMap & string>(
    uow: UnitOfWork,
    type: T,
    payload: EventMap[T],
    actorId: string | null,
  ): Promise<void> {
    await deps.events.publish(uow, type, payload, actorId);
  }

  // ---- claims -------------------------------------------------------------------------------

  async function fileClaim(actor: Actor, meta: RequestMeta | null, input: GrnCreateClaimInput) {
    const db = database.db;
    if (actor.kind !== 'worker') throw forbidden('Only riders file green-channel claims');
    const level = regionLevelOf(input.regionCode);
    if ((level !== 'county' && level !== 'township') || !(await getRegion(db, input.regionCode)))
      throw new AppError('region.not_found', 'The region does not exist or is not a county or township');
    const platform = await repo.getPlatform(db, input.platformOrgId);
    if (!platform) throw new AppError('green_channel.platform_not_found', 'Not a platform company');
    const at = now();
    const orderAt = new Date(input.orderAt);
    if (orderAt.getTime() > at.getTime() + 5 * 60_000)
      throw validation('orderAt is in the future', [{ path: 'body.orderAt', message: 'in the future' }]);
    const id = await inTransaction(
      database,
      async (uow) => {
        const { tx } = uow;
        const day = shanghaiDate(at);
        const seq = await repo.nextSeq(tx, `claim:${input.regionCode}`, day);
        const caseNo = `GC-${input.regionCode}-${day.replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
        const row = await repo.insertClaim(tx, {
          caseNo,
          state: 'submitted',
          riderUserId: actor.userId,
          riderName: actor.name,
          platformOrgId: platform.id,
          regionCode: input.regionCode,
          orderNos: input.orderNos,
          orderAt,
          delayMinutes: input.delayMinutes,
          fineFen: input.fineFen,
          cause: input.cause,
          reason: input.reason,
          evidenceNote: input.evidenceNote ?? null,
          createdAt: at,
          updatedAt: at,
        });
        if (input.evidencePhotoIds?.length)
          await attachPhotos(tx, {
            ownerUserId: actor.userId,
            ids: input.evidencePhotoIds,
            type: 'grn_claim',
            targetId: row.id,
            at,
          });
        await repo.insertEvent(tx, {
          claimId: row.id,
          at,
          actorId: actor.userId,
          actorName: actor.name,
          side: 'rider',
          action: 'submit',
          fromState: null,
          toState: 'submitted',
          note: null,
        });
        await writeAudit(tx, actor, meta, {
          action: 'green_channel.file',
          entityType: 'grn_delay_claim',
          entityId: row.id,
          after: { caseNo, platformOrgId: platform.id, fineFen: row.fineFen, regionCode: row.regionCode },
        });
        await publish(uow, 'green_channel.submitted', payloadOf(row, null), actor.userId);
        return row.id;
      },
      onAfterCommitError,
    );
    return detail(db, await scopeOf(db, actor), id);
  }

  async function list(actor: Actor, q: GrnClaimsQuery) {
    const db = database.db;
    const scope = await scopeOf(db, actor);
    const conds: SQL[] = [
      visibleSql(scope, {
        region: sql`${grnDelayClaim.regionCode}`,
        platform: sql`${grnDelayClaim.platformOrgId}`,
        rider: sql`${grnDelayClaim.riderUserId}`,
        notice: sql`${grnDelayClaim.noticeId}`,
      }),
    ];
    if (q.state) conds.push(eq(grnDelayClaim.state, q.state));
    if (q.platformOrgId) conds.push(eq(grnDelayClaim.platformOrgId, q.platformOrgId));
    if (q.mine === 'true') conds.push(eq(grnDelayClaim.riderUserId, actor.userId));
    const { rows, total } = await repo.listClaims(db, and(...conds)!, q.pageSize, (q.page - 1) * q.pageSize);
    const alerts = await alertsFor(db, rows);
    return { items: rows.map((r) => summary(r, alerts)), total, page: q.page, pageSize: q.pageSize };
  }

  async function get(actor: Actor, id: string) {
    const db = database.db;
    return detail(db, await scopeOf(db, actor), id);
  }

  type Body = { note?: string | undefined; reason?: string | undefined } & Partial<GrnAnswerInput>;

  /** review, reject, answer, close: one transaction each. */
  async function act(actor: Actor, meta: RequestMeta | null, id: string, action: GrnAction, body: Body) {
    if (action === 'sendNotice') throw validation('Send notices through /green-channel/notices');
    const db = database.db;
    const scope = await scopeOf(db, actor);
    await inTransaction(
      database,
      async (uow) => {
        const { tx } = uow;
        const row = await repo.getClaim(tx, id);
        if (!row) throw notFound('Claim', 'green_channel.not_found');
        const facts = factsOf(row);
        if (!canSeeClaim(scope, facts)) throw notFound('Claim', 'green_channel.not_found');
        if (!mayAct(scope, facts, action)) throw forbidden(`You may not ${action} this claim`);
        const to = nextState(row.state, action);
        const at = now();
        const patch: Partial<repo.NewClaimRow> = { state: to, updatedAt: at };
        let note: string | null = body.note ?? null;
        let answer: repo.AnswerRow | null = null;
        if (action === 'review') {
          Object.assign(patch, {
            reviewedBy: actor.userId,
            reviewedByName: actor.name,
            reviewedAt: at,
            reviewNote: body.note ?? null,
          });
        } else if (action === 'reject') {
          note = body.reason ?? null;
          Object.assign(patch, {
            reviewedBy: actor.userId,
            reviewedByName: actor.name,
            reviewedAt: at,
            rejectReason: body.reason ?? null,
            closedAt: at,
          });
        } else if (action === 'close') {
          patch.closedAt = at;
        }
        const updated = await repo.updateClaim(tx, id, row.version, patch);
        if (!updated) throw conflict('The claim changed; reload it', 'green_channel.conflict');
        if (action === 'answer') {
          const outcome = body.outcome!;
          if (outcome === 'reduced' && (body.reducedFen ?? 0) >= row.fineFen)
            throw validation('A reduction must be less than the fine; choose "waived" for all of it', [
              { path: 'body.reducedFen', message: 'must be less than the fine' },
            ]);
          const waivedFen = outcome === 'waived' ? row.fineFen : outcome === 'reduced' ? body.reducedFen! : 0;
          answer = await repo.insertAnswer(tx, {
            claimId: id,
            noticeId: row.noticeId!,
            platformOrgId: row.platformOrgId,
            outcome,
            waivedFen,
            reason: body.reason ?? null,
            decidedBy: actor.userId,
            decidedByName: actor.name,
            answeredAt: at,
          });
          note = [outcome, body.reason].filter(Boolean).join(': ');
        }
        await repo.insertEvent(tx, {
          claimId: id,
          at,
          actorId: actor.userId,
          actorName: actor.name,
          side: sideOf(scope, facts),
          action,
          fromState: row.state,
          toState: to,
          note,
        });
        await writeAudit(tx, actor, meta, {
          action: `green_channel.${action}`,
          entityType: 'grn_delay_claim',
          entityId: id,
          before: { state: row.state },
          after: answer
            ? { state: to, outcome: answer.outcome, waivedFen: answer.waivedFen }
            : { state: to, ...(note ? { note } : {}) },
        });
        const base = payloadOf(updated, row.state);
        if (action === 'review') await publish(uow, 'green_channel.reviewed', base, actor.userId);
        if (action === 'reject')
          await publish(uow, 'green_channel.rejected', { ...base, reason: body.reason ?? '' }, actor.userId);
        if (action === 'close') await publish(uow, 'green_channel.closed', base, actor.userId);
        if (answer)
          await publish(
            uow,
            'green_channel.answered',
            { ...base, outcome: answer.outcome, waivedFen: answer.waivedFen, fineFen: row.fineFen },
            actor.userId,
          );
      },
      onAfterCommitError,
    );
    return detail(db, scope, id);
  }

  // ---- notices ------------------------------------------------------------------------------

  async function noticeDtos(db: Db, rows: repo.NoticeNamedRow[]): Promise<GrnNoticeDto[]> {
    const claims = await repo.claimsOfNotices(
      db,
      rows.map((r) => r.id),
    );
    const alertIds = [...new Set(rows.map((r) => r.alertId).filter((x): x is string => x !== null))];
    const alerts = new Map<string, GrnAlertDto>();
    for (const aid of alertIds) {
      const a = await repo.getAlert(db, aid);
      if (a) alerts.set(aid, alertDto(a));
    }
    const today = shanghaiDate(now());
    return rows.map((n) => {
      const mine = claims.filter((c) => c.noticeId === n.id);
      const answered = mine.filter((c) => c.outcome !== null).length;
      return {
        id: n.id,
        noticeNo: n.noticeNo,
        kind: n.kind,
        platformOrgId: n.platformOrgId,
        platformName: n.platformName,
        regionCode: n.regionCode,
        regionName: n.regionName,
        alert: n.alertId ? (alerts.get(n.alertId) ?? null) : null,
        facts: n.facts,
        requestedAnswerBy: n.requestedAnswerBy,
        sentByName: n.sentByName,
        sentByOrgName: n.sentByOrgName,
        sentAt: n.sentAt.toISOString(),
        claims: mine.map((c) => ({
          id: c.id,
          caseNo: c.caseNo,
          state: c.state,
          fineFen: c.fineFen,
          outcome: c.outcome,
          waivedFen: c.waivedFen,
          answeredAt: iso(c.answeredAt),
        })),
        answered,
        overdue: answered < mine.length && n.requestedAnswerBy < today,
      };
    });
  }

  async function sendNotice(actor: Actor, meta: RequestMeta | null, input: GrnSendNoticeInput) {
    const db = database.db;
    const scope = await scopeOf(db, actor);
    if (scope.officerRegions.length === 0)
      throw forbidden('Only the market-regulation officer sends notices');
    const at = now();
    const today = shanghaiDate(at);
    if (input.requestedAnswerBy < today)
      throw validation('The requested answer date has passed', [
        { path: 'body.requestedAnswerBy', message: 'in the past' },
      ]);
    const platformIds = [...new Set(input.platformOrgIds)];
    const platforms: { id: string; name: string }[] = [];
    for (const pid of platformIds) {
      const p = await repo.getPlatform(db, pid);
      if (!p) throw new AppError('green_channel.platform_not_found', 'Not a platform company');
      platforms.push(p);
    }
    const claimIds = [...new Set(input.claimIds)];
    if (claimIds.length > 0 && platforms.length !== 1)
      throw new AppError('green_channel.claim_mismatch', 'A notice about claims goes to one platform');
    let regionCode: string;
    if (claimIds.length > 0) {
      const claims = await repo.claimsByIds(db, claimIds);
      const ok =
        claims.length === claimIds.length &&
        claims.every(
          (c) => c.platformOrgId === platforms[0]!.id && c.state === 'reviewed' && isOfficerFor(scope, c),
        );
      if (!ok)
        throw new AppError(
          'green_channel.claim_mismatch',
          'Every claim must be reviewed, in your area and for this platform',
        );
      const first = claims[0]!.regionCode.slice(0, 6);
      regionCode = covers(scope.officerRegions, first) ? first : claims[0]!.regionCode;
    } else {
      regionCode = input.regionCode ?? scope.officerRegions[0]!;
      if (!covers(scope.officerRegions, regionCode) && !scope.officerRegions.includes(regionCode))
        throw forbidden('The notice must speak for your own area');
      if (!(await getRegion(db, regionCode))) throw new AppError('region.not_found', 'Unknown region');
    }
    if (input.alertId && !(await repo.getAlert(db, input.alertId)))
      throw validation('Unknown weather alert', [{ path: 'body.alertId', message: 'not found' }]);
    const orgName = await senderOrgName(db, actor);

    const ids = await inTransaction(
      database,
      async (uow) => {
        const { tx } = uow;
        const out: string[] = [];
        for (const p of platforms) {
          const seq = await repo.nextSeq(tx, `notice:${regionCode}`, today);
          const noticeNo = `NX-${regionCode}-${today.replaceAll('-', '')}-${String(seq).padStart(3, '0')}`;
          const notice = await repo.insertNotice(tx, {
            noticeNo,
            kind: claimIds.length > 0 ? 'claim' : 'district',
            platformOrgId: p.id,
            regionCode,
            alertId: input.alertId ?? null,
            facts: input.facts,
            requestedAnswerBy: input.requestedAnswerBy,
            sentBy: actor.userId,
            sentByName: actor.name,
            sentByOrgName: orgName,
            sentAt: at,
          });
          for (const cid of claimIds) {
            const row = await repo.getClaim(tx, cid);
            if (!row) throw notFound('Claim', 'green_channel.not_found');
            const to = nextState(row.state, 'sendNotice');
            const updated = await repo.updateClaim(tx, cid, row.version, {
              state: to,
              noticeId: notice.id,
              updatedAt: at,
            });
            if (!updated) throw conflict('A claim changed; reload it', 'green_channel.conflict');
            await repo.insertEvent(tx, {
              claimId: cid,
              at,
              actorId: actor.userId,
              actorName: actor.name,
              side: 'government',
              action: 'sendNotice',
              fromState: row.state,
              toState: to,
              note: noticeNo,
            });
          }
          await writeAudit(tx, actor, meta, {
            action: 'green_channel.send_notice',
            entityType: 'grn_notice',
            entityId: notice.id,
            after: { noticeNo, platformOrgId: p.id, claimIds, requestedAnswerBy: input.requestedAnswerBy },
          });
          await publish(
            uow,
            'green_channel.notice_sent',
            {
              noticeId: notice.id,
              noticeNo,
              kind: notice.kind,
              platformOrgId: p.id,
              regionCode,
              claimIds,
              requestedAnswerBy: input.requestedAnswerBy,
            },
            actor.userId,
          );
          out.push(notice.id);
        }
        return out;
      },
      onAfterCommitError,
    );
    const rows: repo.NoticeNamedRow[] = [];
    for (const id of ids) {
      const n = await repo.getNoticeNamed(db, id);
      if (n) rows.push(n);
    }
    return { items: await noticeDtos(db, rows) };
  }

  async function senderOrgName(db: Db, actor: Actor): Promise<string | null> {
    for (const g of actor.grants)
      if (g.orgId) {
        const o = await getOrg(db, g.orgId);
        if (o) return o.name;
      }
    return null;
  }

  function noticeWhere(scope: GrnScope): SQL {
    return visibleSql(scope, {
      region: sql`${grnNotice.regionCode}`,
      platform: sql`${grnNotice.platformOrgId}`,
    });
  }

  async function listNotices(actor: Actor, q: GrnNoticesQuery) {
    const db = database.db;
    const scope = await scopeOf(db, actor);
    const conds: SQL[] = [noticeWhere(scope)];
    if (q.platformOrgId) conds.push(eq(grnNotice.platformOrgId, q.platformOrgId));
    if (q.kind) conds.push(eq(grnNotice.kind, q.kind));
    const { rows, total } = await repo.listNotices(db, and(...conds)!, q.pageSize, (q.page - 1) * q.pageSize);
    return { items: await noticeDtos(db, rows), total, page: q.page, pageSize: q.pageSize };
  }

  async function getNotice(actor: Actor, id: string): Promise<GrnNoticeDto> {
    const db = database.db;
    const scope = await scopeOf(db, actor);
    const n = await repo.getNoticeNamed(db, id);
    if (!n || !canSeeNotice(scope, n)) throw notFound('Notice', 'green_channel.notice_not_found');
    return (await noticeDtos(db, [n]))[0]!;
  }

  // ---- weather alerts -----------------------------------------------------------------------

  /** Alerts are public facts: anyone with green_channel.read sees every region's. */
  async function listAlerts(q: GrnAlertsQuery) {
    const conds: SQL[] = [];
    if (q.regionCode) {
      // The region's own alerts, and those of the regions above it (city-wide).
      const above = [...new Set([q.regionCode, q.regionCode.slice(0, 6), `${q.regionCode.slice(0, 4)}00`])];
      const prefix = regionPrefix(q.regionCode);
      conds.push(
        or(
          sql`${grnWeatherAlert.regionCode} in (${sql.join(
            above.map((r) => sql`${r}`),
            sql`, `,
          )})`,
          prefix ? sql`${grnWeatherAlert.regionCode} like ${`${prefix}%`}` : sql`false`,
        )!,
      );
    }
    if (q.at) {
      const at = new Date(q.at);
      conds.push(lte(grnWeatherAlert.startsAt, at));
      conds.push(or(sql`${grnWeatherAlert.endsAt} is null`, gte(grnWeatherAlert.endsAt, at))!);
    }
    const { rows, total } = await repo.listAlerts(
      database.db,
      conds.length ? and(...conds) : undefined,
      q.pageSize,
      (q.page - 1) * q.pageSize,
    );
    return { items: rows.map(alertDto), total, page: q.page, pageSize: q.pageSize };
  }

  async function recordAlert(actor: Actor, meta: RequestMeta | null, input: GrnCreateAlertInput) {
    const db = database.db;
    const scope = await scopeOf(db, actor);
    const level = regionLevelOf(input.regionCode);
    if ((level !== 'county' && level !== 'city') || !(await getRegion(db, input.regionCode)))
      throw new AppError('region.not_found', 'Alerts are recorded for a county or the whole city');
    if (!covers(scope.alertRegions, input.regionCode)) throw forbidden('The region is outside your area');
    const id = await inTransaction(
      database,
      async (uow) => {
        const row = await repo.insertAlert(uow.tx, {
          regionCode: input.regionCode,
          level: input.level,
          kind: input.kind,
          startsAt: new Date(input.startsAt),
          endsAt: input.endsAt ? new Date(input.endsAt) : null,
          source: input.source,
          note: input.note ?? null,
          recordedBy: actor.userId,
          recordedByName: actor.name,
          createdAt: now(),
        });
        await writeAudit(uow.tx, actor, meta, {
          action: 'green_channel.record_alert',
          entityType: 'grn_weather_alert',
          entityId: row.id,
          after: { regionCode: row.regionCode, level: row.level, kind: row.kind },
        });
        await publish(
          uow,
          'green_channel.alert_recorded',
          { alertId: row.id, regionCode: row.regionCode, level: row.level, kind: row.kind },
          actor.userId,
        );
        return row.id;
      },
      onAfterCommitError,
    );
    return alertDto((await repo.getAlert(db, id))!);
  }

  // ---- metrics -------------------------------------------------------------------------------

  async function metrics(actor: Actor, q: GrnMetricsQuery) {
    const db = database.db;
    const scope = await scopeOf(db, actor);
    const conds: SQL[] = [noticeWhere(scope)];
    // Days are Asia/Shanghai (UTC+8, no daylight saving).
    if (q.from) conds.push(gte(grnNotice.sentAt, new Date(`${q.from}T00:00:00+08:00`)));
    if (q.to)
      conds.push(lt(grnNotice.sentAt, new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 24 * HOUR_MS)));
    const where = and(...conds)!;
    const [counts, claims, platforms] = await Promise.all([
      repo.noticeCounts(db, where),
      repo.noticedClaims(db, and(where, isNotNull(grnDelayClaim.noticeId))!),
      repo.listPlatforms(db),
    ]);
    const visiblePlatforms =
      scope.readRegions.length > 0 ? platforms : platforms.filter((p) => scope.platformOrgIds.includes(p.id));
    const items: GrnMetricsRowDto[] = visiblePlatforms.map((p) => {
      const c = counts.find((x) => x.platformOrgId === p.id);
      const mine = claims.filter((x) => x.platformOrgId === p.id);
      const answered = mine.filter((x) => x.outcome !== null && x.answeredAt !== null);
      const hours = answered
        .map((x) => (x.answeredAt!.getTime() - x.sentAt.getTime()) / HOUR_MS)
        .sort((a, b) => a - b);
      return {
        platformOrgId: p.id,
        platformName: p.name,
        notices: c?.notices ?? 0,
        districtNotices: c?.districtNotices ?? 0,
        claimsNoticed: mine.length,
        answered: answered.length,
        medianResponseHours: median(hours),
        waived: answered.filter((x) => x.outcome === 'waived').length,
        reduced: answered.filter((x) => x.outcome === 'reduced').length,
        refused: answered.filter((x) => x.outcome === 'refused').length,
        finesWaivedYuan: answered.reduce((s, x) => s + (x.waivedFen ?? 0), 0) / 100,
      };
    });
    return { from: q.from ?? null, to: q.to ?? null, items };
  }

  return {
    platforms: () => repo.listPlatforms(database.db),
    fileClaim,
    list,
    get,
    act,
    sendNotice,
    listNotices,
    getNotice,
    listAlerts,
    recordAlert,
    metrics,
  };
}

/** Median, rounded to 0.1 h; null for no values. */
export function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const m = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(m * 10) / 10;
}
