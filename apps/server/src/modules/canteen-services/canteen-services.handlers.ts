import { PROXY_MATTER_LABELS } from '@nuanxin/shared';
import type { PlatformDeps } from '../../platform/deps.ts';
import { notify } from '../notifications/index.ts';
import './canteen-services.events.ts';

/**
 * The worker hears when a 政务代办 matter is done (come and fetch it) or rejected, and when a
 * childcare session they registered a child for is cancelled. Once per event (the dispatcher's
 * rule: the handler's effect and its "done" mark commit together).
 */
export function registerCanteenServicesHandlers(deps: PlatformDeps): void {
  deps.events.on('proxy_request.changed', 'proxy_request.notify_requester', async (tx, event) => {
    const p = event.payload;
    if (!p.requesterUserId || (p.status !== 'done' && p.status !== 'rejected')) return;
    const matter = PROXY_MATTER_LABELS.zh[p.matter];
    await notify(tx, {
      userId: p.requesterUserId,
      kind: `proxy_request.${p.status}`,
      title:
        p.status === 'done'
          ? `您在${p.stationName}的「${matter}」代办已办好`
          : `您在${p.stationName}的「${matter}」代办未能办理`,
      body:
        p.status === 'done'
          ? '请带上手机到阵地领取材料，工作人员当面交还。'
          : `原因：${p.reason ?? '—'}。请到阵地取回材料。`,
      link: '/m/my-services',
      sourceEventId: event.id,
    });
  });

  deps.events.on('childcare_session.cancelled', 'childcare_session.notify_parents', async (tx, event) => {
    const p = event.payload;
    for (const userId of p.parentUserIds)
      await notify(tx, {
        userId,
        kind: 'childcare_session.cancelled',
        title: `${p.stationName} ${p.date} ${p.starts} 的托幼场次已取消`,
        body: '很抱歉，该场次取消了，您的报名已一并取消。可在“我的代办与托幼”查看其他场次。',
        link: '/m/my-services',
        sourceEventId: event.id,
      });
  });
}
