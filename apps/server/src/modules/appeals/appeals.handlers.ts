import type { PlatformDeps } from '../../platform/deps.ts';
import { notify } from '../notifications/index.ts';
import { handlersOfUnit } from './appeals.repository.ts';

/**
 * Reactions to the module's own events that reach other modules: notices to the lead unit's
 * handlers when a case is dispatched to them or supervised. Each runs once per event.
 */
export function registerAppealHandlers(deps: PlatformDeps): void {
  deps.events.on('appeal.supervised', 'appeals.notify_supervised', async (tx, event) => {
    const unitId = event.payload.leadUnitId;
    if (!unitId) return;
    for (const userId of await handlersOfUnit(tx, unitId))
      await notify(tx, {
        userId,
        kind: 'appeal.supervised',
        title: `督办：${event.payload.caseNo}`,
        body: event.payload.message,
        link: `/admin/appeals/${event.payload.appealId}`,
        sourceEventId: event.id,
      });
  });
  deps.events.on('appeal.dispatched', 'appeals.notify_dispatched', async (tx, event) => {
    for (const userId of await handlersOfUnit(tx, event.payload.unitId))
      await notify(tx, {
        userId,
        kind: 'appeal.dispatched',
        title: `新派单：${event.payload.caseNo}`,
        body: '请在2个工作小时内签收',
        link: `/admin/appeals/${event.payload.appealId}`,
        sourceEventId: event.id,
      });
  });
}
