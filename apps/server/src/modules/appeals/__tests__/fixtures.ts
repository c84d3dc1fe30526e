import { loadProvisionalYears } from '../../../platform/calendar/index.ts';
import type { EngineKind } from '../../../platform/db/client.ts';
import { inTransaction } from '../../../platform/db/tx.ts';
import { buildTestApp, type TestApp } from '../../../platform/testing/app.ts';
import { identityOrgIds, seedDemoOrgs, seedRegions } from '../../../seed/demo.ts';
import { seedDemoAccounts } from '../../identity/identity.seed.ts';
import { getOrg } from '../../orgs/index.ts';
import { actorFor, seedAppealCategories } from '../appeals.seed.ts';
import { type AppealsService, createAppealsService } from '../appeals.service.ts';

/** Regions, demo organisations, accounts and categories, without the demo cases. */
export async function appealsWorld(engine: EngineKind, clock?: { now: Date }) {
  const t: TestApp = await buildTestApp(engine, { NUANXIN_RATE_LIMIT_MAX: '1000000' });
  // HTTP tests act at the real time: like the demo, load the current and next year as
  // provisional where the official schedule is missing, so a dispatch in December gets a
  // deadline in January. Tests with an injected clock stay inside the official data.
  await loadProvisionalYears(t.deps);
  const { ids } = await inTransaction(t.database, async ({ tx }) => {
    await seedRegions(tx);
    return seedDemoOrgs(tx);
  });
  const users = await seedDemoAccounts(t.deps, identityOrgIds(ids));
  const categories = await inTransaction(t.database, ({ tx }) => seedAppealCategories(tx, ids));
  const svc: AppealsService = createAppealsService(t.deps, clock ? { now: () => clock.now } : {});
  const unit = async (key: string) => {
    const o = await getOrg(t.database.db, ids[key]!);
    return o!;
  };
  const scjg = await unit('szq.scjg');
  const zhzf = await unit('szq.zhzf');
  const actors = {
    worker1: actorFor(users.worker1!, '张师傅', 'worker', 'worker'),
    worker2: actorFor(users.worker2!, '李师傅', 'worker', 'worker'),
    dispatcher: actorFor(users['szq.dispatch']!, '市中区派单员', 'staff', 'dispatcher', {
      regionCode: '511102',
    }),
    swqDispatcher: actorFor(users['swq.dispatch']!, '沙湾区派单员', 'staff', 'dispatcher', {
      regionCode: '511111',
    }),
    scjg: actorFor(users['szq.scjg']!, '市场监管局经办人', 'staff', 'department_handler', {
      orgId: scjg.id,
      orgPath: scjg.path,
    }),
    zhzf: actorFor(users['szq.admin']!, '城管经办人', 'staff', 'department_handler', {
      orgId: zhzf.id,
      orgPath: zhzf.path,
    }),
  };
  return { t, svc, users, orgs: ids, categories, actors };
}
