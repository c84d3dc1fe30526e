import type { PlatformDeps } from '../../platform/deps.ts';
import { notify } from '../notifications/index.ts';
import type { DeliveriesService } from './deliveries.service.ts';

/** Queue of the escalation sweep of unclaimed meal deliveries. */
export const DELIVERY_ESCALATE_JOB = 'deliveries.escalate';
/** Every minute (Asia/Shanghai cron); a sweep with nothing due is a no-op. */
export const DELIVERY_ESCALATE_CRON = '* * * * *';

/** The sweep's worker and schedule, and the notice to the community's staff on an escalation. */
export async function registerDeliveryJobs(deps: PlatformDeps, service: DeliveriesService): Promise<void> {
  deps.events.on('meal_delivery.escalated', 'deliveries.notify_staff_escalated', async (tx, event) => {
    const p = event.payload;
    for (const userId of await service.staffOfCommunity(tx, p.communityOrgId))
      await notify(tx, {
        userId,
        kind: 'meal_delivery.escalated',
        title: `送餐无人接单：${p.beneficiaryName}`,
        body: `${p.date} ${p.windowStart} 的送餐还没有小哥接单，请指派骑手或由社区送达`,
        link: '/admin/deliveries',
        sourceEventId: event.id,
      });
  });
  deps.jobs.define(DELIVERY_ESCALATE_JOB);
  await deps.jobs.work(DELIVERY_ESCALATE_JOB, () => service.escalateDue());
  if (deps.config.jobs) await deps.jobs.schedule(DELIVERY_ESCALATE_JOB, DELIVERY_ESCALATE_CRON);
}
