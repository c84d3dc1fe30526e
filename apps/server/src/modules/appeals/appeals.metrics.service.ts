import {
  APPEAL_CHANNEL_LABELS,
  APPEAL_STATE_LABELS,
  type AppealChannel,
  type AppealState,
  type BreakdownRow,
  type MetricDrillCase,
  type MetricDrillQuery,
  type MetricsQuery,
  type MetricsReplyDto,
  type MetricValue,
  ROLE_PERMISSIONS,
  regionCovers,
  regionLevelOf,
  regionPrefix,
  type WeeklySummaryItem,
  type WeeklySummaryPayload,
} from '@nuanxin/shared';
import { type SQL, sql } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { AppError, conflict, forbidden, notFound, validation } from '../../platform/http/errors.ts';
import { getOrg, getRegion } from '../orgs/index.ts';
import * as repo from './appeals.metrics.repository.ts';
import type { AppealSummaryScope } from './appeals.metrics.tables.ts';
import {
  addDays,
  bucketsBetween,
  defaultGranularity,
  exactMonth,
  type Granularity,
  isIsoDate,
  localDate,
  localDayStart,
  MAX_RANGE_DAYS,
  METRIC_DEFINITIONS,
  METRICS_VERSION,
  monthRange,
  rangeDays,
  rangeOf,
  ratio,
  weekStart,
} from './appeals.metrics.ts';
import { type AppealScope, appealScopeOf } from './appeals.policy.ts';

/**
 * Metrics, drill-down, frozen months and weekly summaries of the appeals closed loop. Reach is
 * the actor's appeals scope, as in the list: the regions they dispatch in or supervise, and the
 * cases of their units' subtrees.
 */

/** A metrics answer without the definitions (the route adds them). */
export type MetricsResult = Omit<MetricsReplyDto, 'definitions'>;
export type DrillQuery = MetricDrillQuery;
export type DrillCase = MetricDrillCase & { state: AppealState };

/** Stored with each frozen month: every granularity, so any query of that month can be served. */
interface SnapshotPayload {
  result: Omit<MetricsResult, 'series' | 'granularity' | 'frozen'>;
  series: Record<Granularity, BreakdownRow[]>;
}

export type SummaryDto = WeeklySummaryItem & { scopeKind: AppealSummaryScope };

export type MetricsService = ReturnType<typeof createMetricsService>;

/** The districts a weekly summary is generated for (沙湾区, 市中区). */
export const SUMMARY_DISTRICTS = ['511102', '511111'] as const;

export function createMetricsService(deps: PlatformDeps, opts: { now?: () => Date } = {}) {
  const db = deps.database.db;
  const now = opts.now ?? (() => new Date());

  async function scopeOf(actor: Actor): Promise<AppealScope> {
    const orgRegions = new Map<string, string | null>();
    for (const g of actor.grants)
      if (
        g.orgId &&
        !g.regionCode &&
        !orgRegions.has(g.orgId) &&
        ROLE_PERMISSIONS[g.role].includes('appeals.supervise')
      )
        orgRegions.set(g.orgId, (await getOrg(db, g.orgId))?.regionCode ?? null);
    return appealScopeOf(actor, (id) => orgRegions.get(id) ?? null);
  }

  const escapeLike = (t: string) => t.replace(/[\\%_]/g, '\\$&');

  /** The scope as a condition on `a`: region prefixes, or an assignment to one of the units. */
  function scopeSql(s: AppealScope): SQL {
    const conds: SQL[] = [];
    for (const r of s.readRegions) {
      const p = regionPrefix(r);
      if (p) conds.push(sql`a.region_code like ${`${escapeLike(p)}%`}`);
    }
    if (s.handleOrgPaths.length > 0) {
      const paths = sql.join(
        s.handleOrgPaths.map((p) => sql`o.path like ${`${escapeLike(p)}%`}`),
        sql` or `,
      );
      conds.push(sql`exists (select 1 from appeal_assignment sx join organisation o on o.id = sx.unit_id
        where sx.appeal_id = a.id and (${paths}))`);
    }
    return conds.length > 0 ? sql`(${sql.join(conds, sql` or `)})` : sql`false`;
  }

  /** Whether the actor's region reach covers the whole region (for frozen months, summaries). */
  const coversRegion = (s: AppealScope, code: string) => s.readRegions.some((r) => regionCovers(r, code));

  function checkRange(from: string, to: string): void {
    if (!isIsoDate(from) || !isIsoDate(to))
      throw validation('from and to must be dates YYYY-MM-DD', [
        { path: 'querystring.from', message: 'date' },
      ]);
    if (from > to)
      throw validation('from must not be after to', [{ path: 'querystring.from', message: 'after_to' }]);
    if (rangeDays(from, to) > MAX_RANGE_DAYS)
      throw validation('The range may span at most two years', [
        { path: 'querystring.to', message: 'range_too_long' },
      ]);
  }

  /**
   * `coveredRegion`: a region the actor's reach covers entirely (or the scope is that region).
   * Then, for a district or wider and without unit, category or channel filters, the daily cube
   * answers (docs/metrics.md, "Performance notes").
   */
  function filterOf(q: MetricsQuery, scope: SQL, coveredRegion?: string): repo.CaseFilter {
    const { start, end } = rangeOf(q.from, q.to);
    const level = q.regionCode ? regionLevelOf(q.regionCode) : null;
    const covered = coveredRegion ? regionPrefix(coveredRegion) : null;
    const cubePrefix =
      covered && covered.length <= 6 && !q.unitId && !q.categoryId && !q.channel ? covered : undefined;
    return {
      cubePrefix,
      start,
      end,
      scope,
      regionPrefix: q.regionCode ? (regionPrefix(q.regionCode) ?? undefined) : undefined,
      categoryId: q.categoryId,
      channel: q.channel,
      unitId: q.unitId,
      regionKey: level === 'county' || level === 'township' ? 'code' : 'county',
      now: now(),
    };
  }

  function valuesOf(counts: repo.GroupRow['counts']): MetricValue[] {
    return METRIC_DEFINITIONS.map((d) => {
      const c = counts[d.key] ?? { numerator: 0, denominator: 0 };
      return {
        key: d.key,
        numerator: c.numerator,
        denominator: c.denominator,
        value: ratio(c.numerator, c.denominator),
        version: d.version,
      };
    });
  }

  /** Merges the two families' rows into one row per (kind, key). */
  function merge(rows: repo.GroupRow[]): Map<string, repo.GroupRow> {
    const out = new Map<string, repo.GroupRow>();
    for (const r of rows) {
      const id = `${r.kind}:${r.key ?? ''}`;
      const prev = out.get(id);
      if (prev) Object.assign(prev.counts, r.counts);
      else out.set(id, { kind: r.kind, key: r.key, counts: { ...r.counts } });
    }
    return out;
  }

  /** Busiest rows first: cases in handling, then dispatches. */
  const weight = (r: BreakdownRow) =>
    Math.max(...r.metrics.map((m) => (m.key === 'handled' || m.key === 'return' ? m.denominator : 0)));

  async function compute(q: MetricsQuery, scope: SQL, coveredRegion?: string): Promise<SnapshotPayload> {
    const f = filterOf(q, scope, coveredRegion);
    const merged = merge(await repo.metricGroups(db, f));
    const rowsOf = (kind: repo.GroupKind) =>
      [...merged.values()].filter((r) => r.kind === kind && r.key !== null);
    const named = async (kind: 'unit' | 'category' | 'region' | 'channel'): Promise<BreakdownRow[]> => {
      const list = rowsOf(kind);
      const names =
        kind === 'channel'
          ? new Map(list.map((r) => [r.key!, APPEAL_CHANNEL_LABELS[r.key as AppealChannel] ?? r.key!]))
          : await repo.namesOf(
              db,
              kind,
              list.map((r) => r.key!),
            );
      return list
        .map((r) => ({ key: r.key!, name: names.get(r.key!) ?? r.key!, metrics: valuesOf(r.counts) }))
        .sort((a, b) => weight(b) - weight(a) || a.name.localeCompare(b.name));
    };
    const seriesOf = (g: Granularity): BreakdownRow[] => {
      const byKey = new Map(rowsOf(g).map((r) => [r.key!, r]));
      return bucketsBetween(q.from, q.to, g).map((b) => ({
        key: b,
        name: b,
        metrics: valuesOf(byKey.get(b)?.counts ?? {}),
      }));
    };
    const [unit, category, region, channel] = await Promise.all([
      named('unit'),
      named('category'),
      named('region'),
      named('channel'),
    ]);
    return {
      result: {
        from: q.from,
        to: q.to,
        regionCode: q.regionCode ?? null,
        unitId: q.unitId ?? null,
        metricsVersion: METRICS_VERSION,
        generatedAt: now().toISOString(),
        totals: valuesOf(merged.get('total:')?.counts ?? {}),
        breakdowns: { unit, category, region, channel },
      },
      series: { day: seriesOf('day'), week: seriesOf('week'), month: seriesOf('month') },
    };
  }

  /** The region a query is about when the actor's reach is one region (a district admin). */
  function effectiveRegion(s: AppealScope, q: MetricsQuery): string | undefined {
    if (q.regionCode) return q.regionCode;
    if (s.readRegions.length === 1 && s.handleOrgPaths.length === 0) return s.readRegions[0];
    return undefined;
  }

  /** Rebuilds every dirty cell of the daily cube (the job); returns how many. */
  async function refreshCube(): Promise<number> {
    return repo.refreshCube(db, '', '2000-01-01', '2100-01-01');
  }

  async function metrics(actor: Actor, q: MetricsQuery): Promise<MetricsResult> {
    checkRange(q.from, q.to);
    const scope = await scopeOf(actor);
    const granularity = q.granularity ?? defaultGranularity(q.from, q.to);
    const region = effectiveRegion(scope, q);
    const month = exactMonth(q.from, q.to);
    // A frozen month is served as published, to those whose reach covers its region.
    if (month && region && !q.unitId && !q.categoryId && !q.channel && coversRegion(scope, region)) {
      const snap = await repo.getSnapshot(db, region, month);
      if (snap) {
        const p = snap.payload as SnapshotPayload;
        return {
          ...p.result,
          granularity,
          series: p.series[granularity],
          frozen: { month, frozenAt: snap.frozenAt.toISOString(), frozenByName: snap.frozenByName },
        };
      }
    }
    const covered =
      region && coversRegion(scope, region) && (!q.regionCode || region === q.regionCode)
        ? region
        : undefined;
    const p = await compute(q, scopeSql(scope), covered);
    return { ...p.result, granularity, series: p.series[granularity], frozen: null };
  }

  async function metricCases(
    actor: Actor,
    q: DrillQuery,
  ): Promise<{ items: DrillCase[]; total: number; page: number; pageSize: number }> {
    checkRange(q.from, q.to);
    const scope = await scopeOf(actor);
    const granularity = q.granularity ?? defaultGranularity(q.from, q.to);
    if (
      q.bucket !== undefined &&
      (!isIsoDate(q.bucket) || bucketsBetween(q.bucket, q.bucket, granularity)[0] !== q.bucket)
    )
      throw validation('bucket must be the first day of a period', [
        { path: 'querystring.bucket', message: 'bucket' },
      ]);
    const f: repo.DrillFilter = {
      ...filterOf(q, scopeSql(scope)),
      metric: q.metric,
      side: q.side,
      bucket: q.bucket ? { granularity, start: q.bucket } : undefined,
    };
    const { rows, total } = await repo.drillCases(db, f, q.pageSize, (q.page - 1) * q.pageSize);
    return {
      items: rows.map((r) => ({
        id: r.id,
        caseNo: r.caseNo,
        title: [...r.description].slice(0, 40).join(''),
        state: r.state as AppealState,
        stateLabel: APPEAL_STATE_LABELS[r.state as AppealState] ?? r.state,
        channel: r.channel,
        regionName: r.regionName,
        categoryName: r.categoryName,
        leadUnitName: r.leadUnitName,
        createdAt: r.createdAt.toISOString(),
        dueAt: r.dueAt?.toISOString() ?? null,
        resolvedAt: r.resolvedAt?.toISOString() ?? null,
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  // ---- frozen months ------------------------------------------------------------------------

  async function freezeMonth(
    actor: Actor,
    meta: RequestMeta | null,
    input: { month: string; regionCode: string },
  ): Promise<{ month: string; regionCode: string; frozenAt: string; metricsVersion: string }> {
    const scope = await scopeOf(actor);
    if (!actor.permissions.has('appeals.freeze') || !coversRegion(scope, input.regionCode))
      throw forbidden('You may not freeze the figures of this region');
    if (!(await getRegion(db, input.regionCode)))
      throw new AppError('region.not_found', 'The region does not exist');
    const { from, to } = monthRange(input.month);
    if (localDayStart(addDays(to, 1)).getTime() > now().getTime())
      throw validation('Only a month that has ended can be frozen', [
        { path: 'body.month', message: 'not_ended' },
      ]);
    if (await repo.getSnapshot(db, input.regionCode, input.month))
      throw conflict('This month is frozen already', 'common.conflict');
    const prefix = regionPrefix(input.regionCode)!;
    const payload = await compute(
      { from, to, regionCode: input.regionCode },
      sql`a.region_code like ${`${escapeLike(prefix)}%`}`,
      input.regionCode,
    );
    const at = now();
    const row = await inTransaction(deps.database, async ({ tx }) => {
      const inserted = await repo.insertSnapshot(tx, {
        regionCode: input.regionCode,
        month: input.month,
        metricsVersion: METRICS_VERSION,
        payload,
        frozenBy: actor.userId,
        frozenByName: actor.name,
        frozenAt: at,
      });
      if (!inserted) return null;
      await writeAudit(tx, actor, meta, {
        action: 'appeal.metrics_freeze',
        entityType: 'appeal_metric_snapshot',
        entityId: inserted.id,
        after: { regionCode: input.regionCode, month: input.month, metricsVersion: METRICS_VERSION },
      });
      return inserted;
    });
    if (!row) throw conflict('This month is frozen already', 'common.conflict');
    return {
      month: row.month,
      regionCode: row.regionCode,
      frozenAt: row.frozenAt.toISOString(),
      metricsVersion: row.metricsVersion,
    };
  }

  async function frozenMonths(
    actor: Actor,
  ): Promise<{ regionCode: string; month: string; frozenAt: string }[]> {
    const scope = await scopeOf(actor);
    const regions = new Set<string>();
    for (const code of [...SUMMARY_DISTRICTS, ...scope.readRegions])
      if (coversRegion(scope, code)) regions.add(code);
    return (await repo.listSnapshots(db, [...regions])).map((s) => ({
      regionCode: s.regionCode,
      month: s.month,
      frozenAt: s.frozenAt.toISOString(),
    }));
  }

  // ---- weekly summaries -----------------------------------------------------------------------

  /** Builds and stores one summary unless it exists; returns whether this call created it. */
  async function generateOne(
    scopeKind: AppealSummaryScope,
    regionCode: string,
    orgId: string | null,
    scopeName: string,
    week: string,
  ): Promise<boolean> {
    if (await repo.findSummary(db, scopeKind, regionCode, orgId, week)) return false;
    const weekEnd = addDays(week, 6);
    const { start, end } = rangeOf(week, weekEnd);
    const prefix = regionPrefix(regionCode)!;
    const facts = await repo.weekFacts(db, prefix, start, end, end);
    const computed = await compute(
      { from: week, to: weekEnd, regionCode },
      sql`a.region_code like ${`${escapeLike(prefix)}%`}`,
      regionCode,
    );
    const units = facts.units
      .map((u) => ({ ...u, onTimeRate: ratio(u.onTime, u.resolved) }))
      .sort(
        (a, b) =>
          (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
          b.resolved - a.resolved ||
          a.overdueOpen - b.overdueOpen ||
          a.name.localeCompare(b.name),
      )
      .map((u, i) => ({ rank: i + 1, ...u }));
    const payload: WeeklySummaryPayload = {
      scopeName,
      weekStart: week,
      weekEnd,
      newCases: facts.newCases,
      resolved: facts.resolved,
      reopened: facts.reopened,
      overdue: facts.overdue,
      topCategories: facts.topCategories,
      units,
      metrics: computed.result.totals,
    };
    return repo.insertSummary(db, {
      scopeKind,
      regionCode,
      orgId,
      scopeName,
      weekStart: week,
      metricsVersion: METRICS_VERSION,
      payload,
      generatedAt: now(),
    });
  }

  /**
   * The summaries of the week before `at` (the Monday job), per district and industry committee.
   * Idempotent per (scope, week). Returns how many were created.
   */
  async function generateWeekly(at: Date = now()): Promise<number> {
    const week = addDays(weekStart(localDate(at)), -7);
    let created = 0;
    for (const code of SUMMARY_DISTRICTS) {
      const r = await getRegion(db, code);
      if (!r) continue;
      if (await generateOne('district', code, null, r.name, week)) created++;
    }
    for (const c of await repo.industryCommittees(db))
      if (await generateOne('committee', c.regionCode, c.id, c.name, week)) created++;
    return created;
  }

  const summaryDto = (r: repo.SummaryRow): SummaryDto => ({
    id: r.id,
    scopeKind: r.scopeKind,
    regionCode: r.regionCode,
    orgId: r.orgId,
    scopeName: r.scopeName,
    weekStart: r.weekStart,
    metricsVersion: r.metricsVersion,
    generatedAt: r.generatedAt.toISOString(),
  });

  async function summaries(
    actor: Actor,
    page: number,
    pageSize: number,
  ): Promise<{ items: SummaryDto[]; total: number; page: number; pageSize: number }> {
    const scope = await scopeOf(actor);
    const prefixes = scope.readRegions.map((r) => regionPrefix(r)).filter((p): p is string => p !== null);
    const { rows, total } = await repo.listSummaries(db, prefixes, pageSize, (page - 1) * pageSize);
    return { items: rows.map(summaryDto), total, page, pageSize };
  }

  async function summaryRow(actor: Actor, id: string): Promise<repo.SummaryRow> {
    const scope = await scopeOf(actor);
    const row = await repo.getSummary(db, id);
    if (!row || !coversRegion(scope, row.regionCode)) throw notFound('Summary', 'common.not_found');
    return row;
  }

  async function summary(actor: Actor, id: string): Promise<SummaryDto & { payload: WeeklySummaryPayload }> {
    const row = await summaryRow(actor, id);
    return { ...summaryDto(row), payload: row.payload as WeeklySummaryPayload };
  }

  return {
    scopeOf,
    metrics,
    metricCases,
    freezeMonth,
    frozenMonths,
    generateWeekly,
    refreshCube,
    summaries,
    summary,
    summaryRow,
  };
}

/** Writes the audit row of an export. */
export async function auditExport(
  deps: PlatformDeps,
  actor: Actor,
  meta: RequestMeta | null,
  row: repo.SummaryRow,
): Promise<void> {
  await writeAudit(deps.database.db, actor, meta, {
    action: 'appeal.summary_export',
    entityType: 'appeal_weekly_summary',
    entityId: row.id,
    after: { scopeName: row.scopeName, weekStart: row.weekStart, format: 'xlsx' },
  });
}
