import {
  metricDrillQuery as drillQuery,
  metricDrillReply as drillReply,
  freezeMonthBody as freezeBody,
  freezeMonthReply as freezeReply,
  metricsQuery,
  metricsReply,
  pageQuery,
  weeklySummaryItemSchema as summaryItem,
  weeklySummaryPayloadSchema as summaryPayload,
  type WeeklySummaryPayload,
} from '@nuanxin/shared';
import ExcelJS from 'exceljs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf, requirePermission } from '../../platform/auth/plugin.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { auditExport, createMetricsService, type MetricsService } from './appeals.metrics.service.ts';
import { METRIC_BY_KEY, METRIC_DEFINITIONS, METRICS_VERSION } from './appeals.metrics.ts';

/** Metrics, drill-down, frozen months and weekly summaries (docs/metrics.md). */

const summaryIdParams = z.object({ id: z.uuid() });

/** Leading characters a spreadsheet reads as a formula (CSV/xlsx injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const safeText = (s: string) => (FORMULA_START.test(s) ? `'${s}` : s);
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/**
 * The summary as a workbook: a title row, a header row and text-format cells, one sheet per part.
 * Only aggregate figures and organisation/category names: no personal data leaves in it.
 */
export async function summaryWorkbook(p: WeeklySummaryPayload): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Nuanxin';
  wb.created = new Date();
  const sheet = (name: string, title: string, headers: string[], rows: (string | number)[][]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([safeText(title)]);
    ws.mergeCells(1, 1, 1, headers.length);
    ws.getRow(1).font = { bold: true, size: 14 };
    ws.addRow(headers).font = { bold: true };
    for (const r of rows) ws.addRow(r.map((c) => (typeof c === 'string' ? safeText(c) : c)));
    headers.forEach((h, i) => {
      const col = ws.getColumn(i + 1);
      col.width = Math.max(12, h.length * 2 + 4);
      // Text columns stay text (codes, names, percentages are not re-parsed by Excel).
      if (rows.every((r) => typeof r[i] !== 'number')) col.numFmt = '@';
    });
    ws.views = [{ state: 'frozen', ySplit: 2 }];
  };
  const title = `${p.scopeName} 诉求办理周报（${p.weekStart} 至 ${p.weekEnd}）`;
  sheet(
    '概况',
    title,
    ['项目', '数值'],
    [
      ['新增诉求', p.newCases],
      ['本周办结', p.resolved],
      ['超期未办结', p.overdue],
      ['重办', p.reopened],
    ],
  );
  sheet(
    '指标',
    `${title} · 指标（口径 ${METRICS_VERSION}）`,
    ['指标', '口径版本', '分子', '分母', '数值'],
    p.metrics.map((m) => [
      METRIC_BY_KEY[m.key].nameZh,
      `v${m.version}`,
      m.numerator,
      m.denominator,
      pct(m.value),
    ]),
  );
  sheet(
    '分类前五',
    `${title} · 新增诉求分类前五`,
    ['排名', '分类', '件数'],
    p.topCategories.map((c, i) => [String(i + 1), c.name, c.count]),
  );
  sheet(
    '单位排名',
    `${title} · 承办单位排名`,
    ['排名', '承办单位', '本周办结', '按时办结', '按时办结率', '超期在办', '退单'],
    p.units.map((u) => [
      String(u.rank),
      u.name,
      u.resolved,
      u.onTime,
      pct(u.onTimeRate),
      u.overdueOpen,
      u.returns,
    ]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function appealsMetricsRoutes(deps: PlatformDeps, svc?: MetricsService): FastifyPluginAsyncZod {
  const service = svc ?? createMetricsService(deps);
  return async (app) => {
    app.get(
      '/appeals/metrics',
      {
        onRequest: requirePermission('appeals.metrics'),
        schema: {
          operationId: 'appeals.metrics',
          tags: ['appeals'],
          summary:
            'Every metric (numerator, denominator, value, definition version) with series and breakdowns',
          querystring: metricsQuery,
          response: { 200: metricsReply },
        },
      },
      async (req) => ({
        ...(await service.metrics(actorOf(req), req.query)),
        definitions: [...METRIC_DEFINITIONS],
      }),
    );

    app.get(
      '/appeals/metrics/cases',
      {
        onRequest: requirePermission('appeals.metrics'),
        schema: {
          operationId: 'appeals.metricCases',
          tags: ['appeals'],
          summary: 'The cases behind a figure: numerator or denominator side, optionally one period bucket',
          querystring: drillQuery,
          response: { 200: drillReply },
        },
      },
      async (req) => service.metricCases(actorOf(req), req.query),
    );

    app.post(
      '/appeals/metrics/freeze',
      {
        onRequest: requirePermission('appeals.freeze'),
        schema: {
          operationId: 'appeals.freezeMonth',
          tags: ['appeals'],
          summary: 'Freeze a published month: its figures are served as stored from now on (once per month)',
          body: freezeBody,
          response: { 201: freezeReply },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await service.freezeMonth(actorOf(req), metaOf(req), req.body)),
    );

    app.get(
      '/appeals/metrics/frozen',
      {
        onRequest: requirePermission('appeals.metrics'),
        schema: {
          operationId: 'appeals.frozenMonths',
          tags: ['appeals'],
          summary: 'Frozen months of the regions the actor covers',
          response: {
            200: z.array(z.object({ regionCode: z.string(), month: z.string(), frozenAt: z.string() })),
          },
        },
      },
      async (req) => service.frozenMonths(actorOf(req)),
    );

    app.get(
      '/appeals/summaries',
      {
        onRequest: requirePermission('appeals.metrics'),
        schema: {
          operationId: 'appeals.summaries',
          tags: ['appeals'],
          summary: 'Weekly summaries of the districts and committees the actor covers, newest first',
          querystring: pageQuery,
          response: {
            200: z.object({
              items: z.array(summaryItem),
              total: z.number().int(),
              page: z.number().int(),
              pageSize: z.number().int(),
            }),
          },
        },
      },
      async (req) => service.summaries(actorOf(req), req.query.page, req.query.pageSize),
    );

    app.get(
      '/appeals/summaries/:id',
      {
        onRequest: requirePermission('appeals.metrics'),
        schema: {
          operationId: 'appeals.summary',
          tags: ['appeals'],
          summary: 'One weekly summary',
          params: summaryIdParams,
          response: { 200: summaryItem.extend({ payload: summaryPayload }) },
        },
      },
      async (req) => service.summary(actorOf(req), req.params.id),
    );

    app.get(
      '/appeals/summaries/:id.xlsx',
      {
        onRequest: requirePermission('appeals.metrics'),
        schema: {
          operationId: 'appeals.summaryExport',
          tags: ['appeals'],
          summary: 'One weekly summary as an xlsx workbook (audited)',
          params: summaryIdParams,
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const row = await service.summaryRow(actor, req.params.id);
        const buf = await summaryWorkbook(row.payload as WeeklySummaryPayload);
        await auditExport(deps, actor, metaOf(req), row);
        const name = `appeals-weekly-${row.regionCode}-${row.weekStart}.xlsx`;
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(buf);
      },
    );
  };
}
