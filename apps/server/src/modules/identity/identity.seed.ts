import type { Role, StaffRole } from '@nuanxin/shared';
import { writeAudit } from '../../platform/audit/audit.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { emit } from '../../platform/events/events.ts';
import { maskPhone } from '../../platform/pii/mask.ts';
import './identity.events.ts';
import * as repo from './identity.repository.ts';
import { createIdentityService } from './identity.service.ts';

/**
 * Demo accounts (contract "Demo sign-ins"). The organisations are created by the orgs module's
 * seed, which then calls `seedDemoAccounts(deps, orgIds)` with an id for every key below.
 */
export const DEMO_ORG_KEYS = [
  'szq_org_dept', // 市中区 区委两新工委 (region 511102)
  'swq_org_dept', // 沙湾区 区委两新工委 (region 511111)
  'szq_scjg', // 市中区 市场监管局
  'swq_jtys_committee', // 沙湾区 交通运输行业党委
  'szq_community', // a 市中区 community
  'swq_station_operator', // a 沙湾区 station operator (the keeper's organisation)
  'platform_meituan', // a platform company
  'szq_merchant', // a 市中区 merchant
] as const;
export type DemoOrgKey = (typeof DEMO_ORG_KEYS)[number];

/** Password of every demo staff account. */
export const DEMO_PASSWORD = 'Nuanxin@2026';

export const DEMO_REGIONS = { city: '511100', szq: '511102', swq: '511111' } as const;

export interface DemoAccount {
  login: string;
  name: string;
  phone: string;
  role: StaffRole | 'worker';
  orgKey?: DemoOrgKey;
  regionCode?: string;
  isPartyMember?: boolean;
}

/** Exactly the contract's table. Workers sign in by SMS code; their `login` is a test handle. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    login: 'szq.admin',
    name: '市中区管理员',
    phone: '13800000001',
    role: 'district_admin',
    orgKey: 'szq_org_dept',
    regionCode: DEMO_REGIONS.szq,
  },
  {
    login: 'swq.admin',
    name: '沙湾区管理员',
    phone: '13800000002',
    role: 'district_admin',
    orgKey: 'swq_org_dept',
    regionCode: DEMO_REGIONS.swq,
  },
  {
    login: 'security',
    name: '安全管理员',
    phone: '13800000003',
    role: 'security_admin',
    regionCode: DEMO_REGIONS.city,
  },
  {
    login: 'sysadmin',
    name: '系统管理员',
    phone: '13800000004',
    role: 'system_admin',
    regionCode: DEMO_REGIONS.city,
  },
  {
    login: 'auditor',
    name: '审计管理员',
    phone: '13800000005',
    role: 'auditor',
    regionCode: DEMO_REGIONS.city,
  },
  {
    login: 'szq.dispatch',
    name: '市中区派单员',
    phone: '13800000006',
    role: 'dispatcher',
    regionCode: DEMO_REGIONS.szq,
  },
  {
    login: 'szq.scjg',
    name: '市场监管局经办人',
    phone: '13800000007',
    role: 'department_handler',
    orgKey: 'szq_scjg',
  },
  {
    login: 'swq.jtys',
    name: '交通运输行业党委',
    phone: '13800000008',
    role: 'industry_committee_admin',
    orgKey: 'swq_jtys_committee',
  },
  {
    login: 'szq.community',
    name: '社区工作者',
    phone: '13800000009',
    role: 'community_staff',
    orgKey: 'szq_community',
  },
  {
    login: 'swq.keeper',
    name: '沙湾区驿站站长',
    phone: '13800000010',
    role: 'station_keeper',
    orgKey: 'swq_station_operator',
    regionCode: DEMO_REGIONS.swq,
  },
  {
    login: 'platform',
    name: '平台联络员',
    phone: '13800000011',
    role: 'platform_liaison',
    orgKey: 'platform_meituan',
  },
  { login: 'merchant', name: '爱心商家', phone: '13800000012', role: 'merchant', orgKey: 'szq_merchant' },
  { login: 'worker1', name: '张师傅', phone: '13900000001', role: 'worker', isPartyMember: true },
  { login: 'worker2', name: '李师傅', phone: '13900000002', role: 'worker' },
  {
    login: 'swq.dispatch',
    name: '沙湾区派单员',
    phone: '13800000013',
    role: 'dispatcher',
    regionCode: DEMO_REGIONS.swq,
  },
];

/**
 * Creates the demo accounts that do not exist yet (matched by phone), as the system, and returns
 * the user id of every demo account by login. Idempotent.
 */
export async function seedDemoAccounts(
  deps: Pick<PlatformDeps, 'database' | 'pii' | 'config' | 'log'>,
  orgs: Partial<Record<string, string>>,
): Promise<Record<string, string>> {
  const service = createIdentityService(deps as PlatformDeps);
  const passwordHash = await service.hashPassword(DEMO_PASSWORD);
  return inTransaction(deps.database, async ({ tx }) => {
    const db = tx as unknown as Db;
    const ids: Record<string, string> = {};
    for (const a of DEMO_ACCOUNTS) {
      const phoneIndex = deps.pii.blindIndex(a.phone);
      const existing = await repo.findUserByPhoneIndex(db, phoneIndex);
      if (existing) {
        ids[a.login] = existing.id;
        continue;
      }
      const staff = a.role !== 'worker';
      const u = await repo.insertUser(db, {
        name: a.name,
        username: staff ? a.login : null,
        phoneEnc: deps.pii.encrypt(a.phone),
        phoneIndex,
        phoneMasked: maskPhone(a.phone),
        kind: staff ? 'staff' : 'worker',
        isPartyMember: a.isPartyMember ?? false,
        passwordHash: staff ? passwordHash : null,
        passwordChangedAt: staff ? new Date() : null,
      });
      ids[a.login] = u.id;
      if (staff) {
        const orgId = a.orgKey ? (orgs[a.orgKey] ?? null) : null;
        if (a.orgKey && !orgId) throw new Error(`seedDemoAccounts: no organisation id for key ${a.orgKey}`);
        await repo.insertGrant(db, {
          userId: u.id,
          role: a.role as Role,
          orgId,
          regionCode: a.regionCode ?? null,
          createdBy: SYSTEM_ACTOR.userId,
        });
      }
      await writeAudit(db, SYSTEM_ACTOR, null, {
        action: 'user.create',
        entityType: 'user',
        entityId: u.id,
        note: `demo account ${a.login}`,
      });
      await emit(
        db,
        'user.created',
        { userId: u.id, kind: staff ? 'staff' : 'worker', createdBy: null },
        null,
      );
    }
    return ids;
  });
}
