import type { OrgKind } from '@nuanxin/shared';
import { eq } from 'drizzle-orm';
import { seedAppealCategories, seedDemoAppeals } from '../modules/appeals/appeals.seed.ts';
import { seedDemoCanteenServices } from '../modules/canteen-services/index.ts';
import { seedDemoDeliveries } from '../modules/deliveries/index.ts';
import { seedDemoDuty } from '../modules/duty/index.ts';
import { seedDemoGreenChannel } from '../modules/green-channel/index.ts';
import { seedDemoHub } from '../modules/hub/index.ts';
import {
  DEMO_ORG_KEYS,
  DEMO_PASSWORD,
  type DemoOrgKey,
  seedDemoAccounts,
} from '../modules/identity/identity.seed.ts';
import { appUser } from '../modules/identity/identity.tables.ts';
import { seedDemoMeals } from '../modules/meals/index.ts';
import {
  CITY_CODE,
  REGIONS_511100,
  SHAWAN_CODE,
  SHIZHONG_CODE,
} from '../modules/orgs/data/regions-511100.ts';
import { insertOrgChecked } from '../modules/orgs/index.ts';
import { countRegions, findChildByName, upsertRegions } from '../modules/orgs/orgs.repository.ts';
import { seedDemoOperatingAccounts } from '../modules/payments/index.ts';
import { seedDemoProjects } from '../modules/projects/projects.seed.ts';
import { seedDemoStations } from '../modules/stations/index.ts';
import { seedDemoParkingAndAccess } from '../modules/stations/stations.parking.seed.ts';
import { seedDemoWishes } from '../modules/wishes/wishes.seed.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { SYSTEM_ACTOR } from '../platform/auth/actor.ts';
import { loadProvisionalYears } from '../platform/calendar/index.ts';
import type { Db } from '../platform/db/client.ts';
import { inTransaction } from '../platform/db/tx.ts';
import type { PlatformDeps } from '../platform/deps.ts';

/**
 * Demo data: the regions of Leshan and, for 市中区 and 沙湾区, the organisations the source
 * article names, plus a few illustrative communities, a station operator and a merchant (names
 * marked 示例 are invented). Idempotent: running it again changes nothing.
 */

export interface DemoOrg {
  key: string;
  name: string;
  kind: OrgKind;
  regionCode: string;
  parent?: string;
}

/** Parents before children. `key` is how the identity seed and tests refer to an organisation. */
export const DEMO_ORGS: readonly DemoOrg[] = [
  // 市中区: 区委两新工委 → “小个专”综合党委 → 外卖送餐行业流动党员党支部 (ORG-03)
  {
    key: 'szq.lxgw',
    name: '中共乐山市市中区委两新工委',
    kind: 'district_org_dept',
    regionCode: SHIZHONG_CODE,
  },
  {
    key: 'szq.xgz',
    name: '市中区“小个专”综合党委',
    kind: 'comprehensive_party_committee',
    regionCode: SHIZHONG_CODE,
    parent: 'szq.lxgw',
  },
  {
    key: 'szq.wmzb',
    name: '市中区外卖送餐行业流动党员党支部',
    kind: 'mobile_party_branch',
    regionCode: SHIZHONG_CODE,
    parent: 'szq.xgz',
  },
  // 市中区 外卖行业联席会议 member units (COO-01); the market regulator convenes.
  {
    key: 'szq.scjg',
    name: '乐山市市中区市场监督管理局',
    kind: 'government_department',
    regionCode: SHIZHONG_CODE,
  },
  { key: 'szq.ga', name: '乐山市公安局市中区分局', kind: 'government_department', regionCode: SHIZHONG_CODE },
  {
    key: 'szq.zhzf',
    name: '乐山市市中区综合行政执法局（城管）',
    kind: 'government_department',
    regionCode: SHIZHONG_CODE,
  },
  { key: 'szq.sw', name: '乐山市市中区商务局', kind: 'government_department', regionCode: SHIZHONG_CODE },
  { key: 'szq.sf', name: '乐山市市中区司法局', kind: 'government_department', regionCode: SHIZHONG_CODE },
  {
    key: 'szq.rs',
    name: '乐山市市中区人力资源和社会保障局',
    kind: 'government_department',
    regionCode: SHIZHONG_CODE,
  },
  { key: 'szq.gh', name: '乐山市市中区总工会', kind: 'mass_organisation', regionCode: SHIZHONG_CODE },
  {
    key: 'szq.tax',
    name: '国家税务总局乐山市市中区税务局',
    kind: 'government_department',
    regionCode: SHIZHONG_CODE,
  },
  // 市中区 镇街 → communities (community names are invented)
  { key: 'szq.dafo', name: '市中区大佛街道', kind: 'township', regionCode: '511102004' },
  {
    key: 'szq.dafo.c1',
    name: '大佛街道示例社区',
    kind: 'community',
    regionCode: '511102004',
    parent: 'szq.dafo',
  },
  { key: 'szq.tongjiang', name: '市中区通江街道', kind: 'township', regionCode: '511102006' },
  {
    key: 'szq.tongjiang.c1',
    name: '通江街道示例社区',
    kind: 'community',
    regionCode: '511102006',
    parent: 'szq.tongjiang',
  },
  { key: 'szq.merchant', name: '嘉州示例餐饮店', kind: 'merchant', regionCode: '511102004' },

  // 沙湾区: 区委两新工委 → 交通运输行业党委 → 行业党支部 (“三级”, ORG-01/02)
  { key: 'swq.lxgw', name: '中共乐山市沙湾区委两新工委', kind: 'district_org_dept', regionCode: SHAWAN_CODE },
  {
    key: 'swq.jtys',
    name: '沙湾区交通运输行业党委',
    kind: 'industry_party_committee',
    regionCode: SHAWAN_CODE,
    parent: 'swq.lxgw',
  },
  {
    key: 'swq.wysc',
    name: '沙湾区网约送餐行业联合党支部',
    kind: 'joint_party_branch',
    regionCode: SHAWAN_CODE,
    parent: 'swq.jtys',
  },
  {
    key: 'swq.ldzb',
    name: '沙湾区流动党员党支部',
    kind: 'mobile_party_branch',
    regionCode: SHAWAN_CODE,
    parent: 'swq.jtys',
  },
  // 沙湾区 market regulator: the green channel's officer for 沙湾区 claims (GRN-01).
  {
    key: 'swq.scjg',
    name: '乐山市沙湾区市场监督管理局',
    kind: 'government_department',
    regionCode: SHAWAN_CODE,
  },
  { key: 'swq.shawan', name: '沙湾区沙湾镇', kind: 'township', regionCode: '511111100' },
  {
    key: 'swq.shawan.c1',
    name: '沙湾镇示例社区',
    kind: 'community',
    regionCode: '511111100',
    parent: 'swq.shawan',
  },
  { key: 'swq.jianong', name: '沙湾区嘉农镇', kind: 'township', regionCode: '511111101' },
  {
    key: 'swq.jianong.c1',
    name: '嘉农镇示例社区',
    kind: 'community',
    regionCode: '511111101',
    parent: 'swq.jianong',
  },
  {
    key: 'swq.station',
    name: '沙湾区铜心驿站运营中心（示例）',
    kind: 'station_operator',
    regionCode: SHAWAN_CODE,
  },

  // Platform companies, at city level
  { key: 'platform.meituan', name: '美团（乐山）', kind: 'platform_company', regionCode: CITY_CODE },
  { key: 'platform.eleme', name: '饿了么（乐山）', kind: 'platform_company', regionCode: CITY_CODE },
];

/** Inserts or refreshes the Leshan regions. Safe on every start. */
export async function seedRegions(db: Db): Promise<void> {
  await upsertRegions(
    db,
    REGIONS_511100.map(({ code, name, level, parentCode }) => ({ code, name, level, parentCode })),
  );
}

/** Creates the demo organisations that are missing; returns every demo key → organisation id. */
export async function seedDemoOrgs(db: Db): Promise<{ ids: Record<string, string>; created: number }> {
  const ids: Record<string, string> = {};
  let created = 0;
  for (const o of DEMO_ORGS) {
    const parentId = o.parent ? ids[o.parent] : null;
    if (o.parent && !parentId) throw new Error(`Demo organisation ${o.key}: parent ${o.parent} comes later`);
    const existing = await findChildByName(db, parentId ?? null, o.name);
    if (existing) {
      ids[o.key] = existing.id;
      continue;
    }
    const row = await insertOrgChecked(db, {
      name: o.name,
      kind: o.kind,
      parentId,
      regionCode: o.regionCode,
    });
    ids[o.key] = row.id;
    created++;
  }
  return { ids, created };
}

export interface DemoSeedResult {
  /** Organisation ids by seed key and by the identity seed's DEMO_ORG_KEYS. */
  orgIds: Record<string, string>;
  orgsCreated: number;
  /** Demo user ids by login. */
  userIds: Record<string, string>;
}

/**
 * Regions, demo organisations and demo accounts, and — with `appeals: true` (the server's first
 * start and `nuanxin seed demo`) — the demo appeals that tell the article's story. Tests that
 * only need the people and organisations leave the appeals out: they take seconds to drive
 * through the real service. Idempotent.
 */
export async function seedDemo(
  deps: PlatformDeps,
  opts: { appeals?: boolean } = {},
): Promise<DemoSeedResult> {
  if (deps.config.env === 'production') throw new Error('Demo data is never loaded in production');
  const { database } = deps;
  const { ids, created } = await inTransaction(database, async ({ tx }) => {
    await seedRegions(tx);
    const r = await seedDemoOrgs(tx);
    if (r.created > 0)
      await writeAudit(tx, SYSTEM_ACTOR, null, {
        action: 'seed.demo',
        note: `${r.created} demo organisations created`,
      });
    return r;
  });

  const byIdentityKey = identityOrgIds(ids);
  const userIds = await seedDemoAccounts(deps, byIdentityKey);
  // The appeal categories (APL-10 areas, APL-11 problems) and the dispatch catalogue always; the
  // year of demo cases only when asked.
  await inTransaction(database, ({ tx }) => seedAppealCategories(tx, ids));
  await inTransaction(database, ({ tx }) => seedDemoDuty(tx, ids, userIds));
  // Demo only: a year past the official data loads as provisional (weekdays only), so cases
  // dispatched "now" in December still get deadlines.
  await loadProvisionalYears(deps);
  if (opts.appeals) await seedDemoAppeals(deps, ids, userIds);
  if (opts.appeals) await seedDemoProjects(deps, ids, userIds);
  if (opts.appeals) await seedDemoWishes(deps, ids, userIds);
  if (opts.appeals) await seedDemoGreenChannel(deps, ids, userIds);
  if (opts.appeals) await seedDemoParkingAndAccess(deps, userIds);
  if (opts.appeals) await seedDemoStations(deps, ids, userIds);
  if (opts.appeals) await seedDemoHub(deps, userIds);
  if (opts.appeals) await seedDemoCanteenServices(deps, ids, userIds);
  if (opts.appeals) await seedDemoMeals(deps, userIds);
  if (opts.appeals) await seedDemoDeliveries(deps, ids, userIds);
  // Last: the operating accounts sit next to the payments of the demo bookings and orders.
  if (opts.appeals) await seedDemoOperatingAccounts(deps, userIds);
  return { orgIds: { ...ids, ...byIdentityKey }, orgsCreated: created, userIds };
}

/** The identity seed's organisation keys (DEMO_ORG_KEYS) → keys of DEMO_ORGS. */
const IDENTITY_ORG_KEYS: Record<DemoOrgKey, string> = {
  szq_org_dept: 'szq.lxgw',
  swq_org_dept: 'swq.lxgw',
  szq_scjg: 'szq.scjg',
  swq_jtys_committee: 'swq.jtys',
  szq_community: 'szq.dafo.c1',
  swq_station_operator: 'swq.station',
  platform_meituan: 'platform.meituan',
  szq_merchant: 'szq.merchant',
};

export function identityOrgIds(ids: Record<string, string>): Record<DemoOrgKey, string> {
  const out = {} as Record<DemoOrgKey, string>;
  for (const k of DEMO_ORG_KEYS) {
    const id = ids[IDENTITY_ORG_KEYS[k]];
    if (!id) throw new Error(`Demo organisation for ${k} is missing`);
    out[k] = id;
  }
  return out;
}

export async function hasRegions(db: Db): Promise<boolean> {
  return (await countRegions(db)) > 0;
}

/** Whether the demo accounts are present (the start-up banner then lists them on every start). */
export async function hasDemoAccounts(db: Db): Promise<boolean> {
  const rows = await db
    .select({ id: appUser.id })
    .from(appUser)
    .where(eq(appUser.username, 'szq.admin'))
    .limit(1);
  return rows.length > 0;
}

/** The demo sign-ins (docs/contract-issue2.md), for the start-up banner and `nuanxin seed demo`. */
export { DEMO_PASSWORD };
export const DEMO_SIGN_INS: readonly { role: string; login: string; scope: string }[] = [
  { role: 'district_admin', login: 'szq.admin / 13800000001', scope: '市中区 区委两新工委 (511102)' },
  { role: 'district_admin', login: 'swq.admin / 13800000002', scope: '沙湾区 区委两新工委 (511111)' },
  { role: 'security_admin', login: 'security / 13800000003', scope: '乐山市 (511100)' },
  { role: 'system_admin', login: 'sysadmin / 13800000004', scope: '乐山市' },
  { role: 'auditor', login: 'auditor / 13800000005', scope: '乐山市' },
  { role: 'dispatcher', login: 'szq.dispatch / 13800000006', scope: '市中区' },
  { role: 'dispatcher', login: 'swq.dispatch / 13800000013', scope: '沙湾区' },
  { role: 'department_handler', login: 'szq.scjg / 13800000007', scope: '市中区 市场监管局' },
  { role: 'industry_committee_admin', login: 'swq.jtys / 13800000008', scope: '沙湾区 交通运输行业党委' },
  { role: 'community_staff', login: 'szq.community / 13800000009', scope: '市中区 大佛街道示例社区' },
  { role: 'station_keeper', login: 'swq.keeper / 13800000010', scope: '沙湾区' },
  { role: 'platform_liaison', login: 'platform / 13800000011', scope: '美团（乐山）' },
  { role: 'merchant', login: 'merchant / 13800000012', scope: '市中区 嘉州示例餐饮店' },
  { role: 'community_staff', login: 'swq.community / 13800000020', scope: '沙湾区 沙湾镇示例社区' },
  { role: 'worker (SMS code)', login: '13900000001', scope: '– (Party member)' },
  { role: 'worker (SMS code)', login: '13900000002', scope: '–' },
];

/** The sign-in table as plain text, aligned for a terminal (CJK counted as two columns). */
export function demoSignInTable(): string {
  const width = (s: string) => [...s].reduce((n, ch) => n + ((ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1), 0);
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));
  const rows = [{ role: 'Role', login: 'Login', scope: 'Scope' }, ...DEMO_SIGN_INS];
  const wr = Math.max(...rows.map((r) => width(r.role)));
  const wl = Math.max(...rows.map((r) => width(r.login)));
  const lines = rows.map((r) => `    ${pad(r.role, wr)}  ${pad(r.login, wl)}  ${r.scope}`);
  return [`  Demo sign-ins (staff password: ${DEMO_PASSWORD})`, ...lines].join('\n');
}
