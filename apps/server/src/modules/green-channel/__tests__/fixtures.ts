import type { EngineKind } from '../../../platform/db/client.ts';
import { inTransaction } from '../../../platform/db/tx.ts';
import { buildTestApp, type TestApp } from '../../../platform/testing/app.ts';
import { identityOrgIds, seedDemoOrgs, seedRegions } from '../../../seed/demo.ts';
import { seedDemoAccounts } from '../../identity/identity.seed.ts';
import { getOrg } from '../../orgs/index.ts';
import { grnActor } from '../green-channel.seed.ts';
import { createGreenChannelService, type GreenChannelService } from '../green-channel.service.ts';

/** Regions, demo organisations and accounts, and the green channel's actors. */
export async function greenWorld(engine: EngineKind, clock?: { now: Date }) {
  const t: TestApp = await buildTestApp(engine, { NUANXIN_RATE_LIMIT_MAX: '1000000' });
  const { ids } = await inTransaction(t.database, async ({ tx }) => {
    await seedRegions(tx);
    return seedDemoOrgs(tx);
  });
  const users = await seedDemoAccounts(t.deps, identityOrgIds(ids));
  const svc: GreenChannelService = createGreenChannelService(t.deps, clock ? { now: () => clock.now } : {});
  const org = async (key: string) => (await getOrg(t.database.db, ids[key]!))!;
  const scjg = await org('szq.scjg');
  const zhzf = await org('szq.zhzf');
  const meituan = ids['platform.meituan']!;
  const eleme = ids['platform.eleme']!;
  const actors = {
    worker1: grnActor(users.worker1!, '张师傅', 'worker'),
    worker2: grnActor(users.worker2!, '李师傅', 'worker'),
    scjg: grnActor(users['szq.scjg']!, '市场监管局经办人', 'department_handler', {
      orgId: scjg.id,
      orgPath: scjg.path,
    }),
    /** A department handler of another department: not the officer. */
    zhzf: grnActor(users['szq.admin']!, '城管经办人', 'department_handler', {
      orgId: zhzf.id,
      orgPath: zhzf.path,
    }),
    szqDispatch: grnActor(users['szq.dispatch']!, '市中区派单员', 'dispatcher', { regionCode: '511102' }),
    swqDispatch: grnActor(users['swq.dispatch']!, '沙湾区派单员', 'dispatcher', { regionCode: '511111' }),
    meituan: grnActor(users.platform!, '美团联络员', 'platform_liaison', { orgId: meituan }),
    eleme: grnActor(users.platform!, '饿了么联络员', 'platform_liaison', { orgId: eleme }),
    szqAdmin: grnActor(users['szq.admin']!, '市中区管理员', 'district_admin', { regionCode: '511102' }),
  };
  return { t, svc, users, orgs: ids, meituan, eleme, actors };
}
