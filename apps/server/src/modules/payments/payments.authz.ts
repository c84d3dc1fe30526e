import { inTransaction } from '../../platform/db/tx.ts';
import {
  type AuthzCase,
  type AuthzRole,
  type AuthzScope,
  type AuthzWorld,
  expectRoles,
} from '../../platform/testing/authz.ts';
import { admin, freshStation } from '../stations/stations.authz.ts';
import { createPaymentsService } from './payments.service.ts';

/**
 * Authorisation matrix cases of payments and operating accounts. Targets are fresh stations of
 * the stations cases: `in` a 小哥加油吧 in 大佛街道 (市中区), `out` a 铜心驿站 in 沙湾镇 kept by the
 * acting keeper. A charge nobody of the role may see answers 404, one seen but not theirs to
 * settle 403.
 */

async function pendingCharge(w: AuthzWorld, scope: AuthzScope): Promise<string> {
  const s = await freshStation(w, scope);
  const p = await inTransaction(w.deps.database, ({ tx }) =>
    createPaymentsService(w.deps).charge(tx, {
      stationId: s.id,
      purpose: 'service',
      refId: crypto.randomUUID(),
      description: '矩阵测试收费',
      quantity: 1,
      unit: 'item',
      amountFen: 100,
      payerUserId: w.users.worker1!,
    }),
  );
  return p.id;
}

/** Sees the station's money: console readers of its region and its keepers. */
const READERS = (ok: number): Partial<Record<AuthzRole, number | readonly [number, number]>> => ({
  anonymous: 401,
  community_staff: [ok, 403],
  district_admin: [ok, 403],
  station_keeper: [403, ok],
  industry_committee_admin: [403, ok],
});

const month = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

export const paymentsAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/stations/:id/payments',
    request: async (w, scope) => ({ url: `/api/v1/stations/${(await freshStation(w, scope)).id}/payments` }),
    expect: expectRoles(403, READERS(200)),
  },
  {
    route: 'GET /api/v1/me/payments',
    request: () => ({ url: '/api/v1/me/payments' }),
    expect: expectRoles(200, { anonymous: 401 }),
  },
  {
    route: 'POST /api/v1/payments/:id/confirm',
    request: async (w, scope) => ({
      url: `/api/v1/payments/${await pendingCharge(w, scope)}/confirm`,
      payload: { method: 'counter_cash' },
    }),
    // The payer (worker1) sees the charge but may not settle it.
    expect: expectRoles(404, {
      anonymous: 401,
      worker: 403,
      community_staff: [200, 404],
      district_admin: [200, 404],
      station_keeper: [404, 200],
      industry_committee_admin: [404, 403],
    }),
  },
  {
    route: 'POST /api/v1/payments/:id/void',
    request: async (w, scope) => ({
      url: `/api/v1/payments/${await pendingCharge(w, scope)}/void`,
      payload: { reason: '矩阵测试作废' },
    }),
    expect: expectRoles(404, {
      anonymous: 401,
      worker: 403,
      community_staff: [200, 404],
      district_admin: [200, 404],
      station_keeper: [404, 403],
      industry_committee_admin: [404, 403],
    }),
  },
  {
    route: 'GET /api/v1/stations/:id/accounts',
    request: async (w, scope) => ({
      url: `/api/v1/stations/${(await freshStation(w, scope)).id}/accounts`,
      query: { month: month() },
    }),
    expect: expectRoles(403, READERS(200)),
  },
  {
    route: 'POST /api/v1/stations/:id/accounts/entries',
    request: async (w, scope) => ({
      url: `/api/v1/stations/${(await freshStation(w, scope)).id}/accounts/entries`,
      payload: { month: month(), stream: 'subsidy', amountFen: 100_000 },
    }),
    expect: expectRoles(403, { anonymous: 401, community_staff: [201, 403], district_admin: [201, 403] }),
  },
  {
    route: 'DELETE /api/v1/stations/:id/accounts/entries/:entryId',
    request: async (w, scope) => {
      const s = await freshStation(w, scope);
      const e = await createPaymentsService(w.deps).addEntry(admin(w, scope), null, s.id, {
        month: month(),
        stream: 'cost',
        amountFen: 500,
      });
      return { url: `/api/v1/stations/${s.id}/accounts/entries/${e.id}` };
    },
    expect: expectRoles(404, {
      anonymous: 401,
      community_staff: [200, 404],
      district_admin: [200, 404],
      station_keeper: [404, 403],
      industry_committee_admin: [404, 403],
    }),
  },
];
