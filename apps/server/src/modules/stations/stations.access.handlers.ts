import type { PlatformDeps } from '../../platform/deps.ts';
import { notify } from '../notifications/index.ts';
import './stations.access.events.ts';

/** The reporter hears how their 小区进门 note was reviewed. Once per event (the dispatcher's rule). */
export function registerCompoundAccessHandlers(deps: PlatformDeps): void {
  deps.events.on('compound_access.reviewed', 'compound_access.notify_reporter', async (tx, event) => {
    const p = event.payload;
    const confirmed = p.decision === 'confirm';
    await notify(tx, {
      userId: p.reporterUserId,
      kind: 'compound_access.reviewed',
      title: confirmed
        ? `您报告的「${p.compoundName}」进门信息已确认`
        : `您报告的「${p.compoundName}」进门信息未通过`,
      body: confirmed
        ? (p.reason ?? '社区已核实，附近的骑手现在可以看到这条信息，谢谢！')
        : `原因：${p.reason ?? '—'}`,
      link: '/m/parking?tab=mine',
      sourceEventId: event.id,
    });
  });
}
