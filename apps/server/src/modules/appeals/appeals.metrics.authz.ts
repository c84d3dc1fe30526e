import {
  type AuthzCase,
  type AuthzExpectation,
  type AuthzRole,
  type AuthzWorld,
  expectRoles,
} from '../../platform/testing/authz.ts';
import * as repo from './appeals.metrics.repository.ts';
import { createMetricsService } from './appeals.metrics.service.ts';
import { addDays, localDate, weekStart } from './appeals.metrics.ts';

/**
 * Authorisation matrix cases for the metrics routes. Figures are filtered in SQL (out of scope is
 * zeros, not a denial); a summary of the other district is 404; freezing is for district admins
 * of the region.
 */

const METRICS_READERS = {
  anonymous: 401,
  dispatcher: 200,
  industry_committee_admin: 200,
  district_admin: 200,
} as const satisfies Partial<Record<AuthzRole, AuthzExpectation>>;

const range = () => {
  const today = localDate(new Date());
  return { from: addDays(today, -30), to: today };
};

/** Last week's summary of the in-scope (市中区) or out-of-scope (沙湾区) district. */
async function summaryId(w: AuthzWorld, scope: 'in' | 'out'): Promise<string> {
  const at = new Date();
  await createMetricsService(w.deps).generateWeekly(at);
  const region = scope === 'in' ? w.regions.in : w.regions.out;
  const week = addDays(weekStart(localDate(at)), -7);
  const row = await repo.findSummary(w.deps.database.db, 'district', region, null, week);
  if (!row) throw new Error(`no weekly summary for ${region}`);
  return row.id;
}

let freezeSeq = 0;
/** A distinct past month per request, so each allowed freeze is a first freeze. */
const nextMonth = () => {
  freezeSeq++;
  const y = 2000 + Math.floor(freezeSeq / 12);
  return `${y}-${String((freezeSeq % 12) + 1).padStart(2, '0')}`;
};

export const appealsMetricsAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/appeals/metrics',
    request: (w, scope) => ({
      url: '/api/v1/appeals/metrics',
      query: { ...range(), regionCode: scope === 'in' ? w.regions.in : w.regions.out },
    }),
    expect: expectRoles(403, METRICS_READERS),
  },
  {
    route: 'GET /api/v1/appeals/metrics/cases',
    request: (w, scope) => ({
      url: '/api/v1/appeals/metrics/cases',
      query: {
        ...range(),
        metric: 'response',
        side: 'denominator',
        regionCode: scope === 'in' ? w.regions.in : w.regions.out,
      },
    }),
    expect: expectRoles(403, METRICS_READERS),
  },
  {
    route: 'GET /api/v1/appeals/metrics/frozen',
    request: () => ({ url: '/api/v1/appeals/metrics/frozen' }),
    expect: expectRoles(403, METRICS_READERS),
  },
  {
    route: 'POST /api/v1/appeals/metrics/freeze',
    request: (w, scope) => ({
      url: '/api/v1/appeals/metrics/freeze',
      payload: { month: nextMonth(), regionCode: scope === 'in' ? w.regions.in : w.regions.out },
    }),
    expect: expectRoles(403, { anonymous: 401, district_admin: [201, 403] }),
  },
  {
    route: 'GET /api/v1/appeals/summaries',
    request: () => ({ url: '/api/v1/appeals/summaries' }),
    expect: expectRoles(403, METRICS_READERS),
  },
  {
    route: 'GET /api/v1/appeals/summaries/:id',
    request: async (w, scope) => ({ url: `/api/v1/appeals/summaries/${await summaryId(w, scope)}` }),
    expect: expectRoles(403, {
      anonymous: 401,
      dispatcher: [200, 404],
      district_admin: [200, 404],
      industry_committee_admin: [404, 200],
    }),
  },
  {
    route: 'GET /api/v1/appeals/summaries/:id.xlsx',
    request: async (w, scope) => ({ url: `/api/v1/appeals/summaries/${await summaryId(w, scope)}.xlsx` }),
    expect: expectRoles(403, {
      anonymous: 401,
      dispatcher: [200, 404],
      district_admin: [200, 404],
      industry_committee_admin: [404, 200],
    }),
  },
];
