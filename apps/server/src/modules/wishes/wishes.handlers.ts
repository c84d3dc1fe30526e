import type { PlatformDeps } from '../../platform/deps.ts';
import { notify } from '../notifications/index.ts';

/** Notices: to the tracker on assignment, to the worker when feedback is sent. Once per event. */
export function registerWishHandlers(deps: PlatformDeps): void {
  deps.events.on('wish.assigned', 'wishes.notify_assigned', async (tx, event) => {
    await notify(tx, {
      userId: event.payload.trackerUserId,
      kind: 'wish.assigned',
      title: '心愿箱：您被指定为跟踪人',
      body: '请跟进该心愿并按期向小哥反馈',
      link: `/admin/wishes?wish=${event.payload.wishId}`,
      sourceEventId: event.id,
    });
  });
  deps.events.on('wish.answered', 'wishes.notify_answered', async (tx, event) => {
    if (!event.payload.submitterUserId) return;
    await notify(tx, {
      userId: event.payload.submitterUserId,
      kind: 'wish.answered',
      title: '您的心愿有回复了',
      body: event.payload.feedback,
      link: '/m/wish/mine',
      sourceEventId: event.id,
    });
  });
}
