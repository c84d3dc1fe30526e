import type { PlatformDeps } from '../../platform/deps.ts';
import { notify } from '../notifications/index.ts';
import { coordinatorsOf } from './projects.repository.ts';

const LEVEL_TEXT = {
  industry_committee: '行业党委',
  city: '市级',
  district_department: '区级部门',
  community: '社区',
};

/** An escalated project tells the coordinators of its districts (once per event). */
export function registerProjectHandlers(deps: PlatformDeps): void {
  deps.events.on('project.escalated', 'projects.notify_escalated', async (tx, event) => {
    const p = event.payload;
    for (const userId of await coordinatorsOf(tx, p.roles, p.counties))
      await notify(tx, {
        userId,
        kind: 'project.escalated',
        title: `治理项目升级至${LEVEL_TEXT[p.level]}统筹：${p.title}`,
        body: `${p.code} 涉及跨区域或跨部门问题，请统筹推动解决`,
        link: `/admin/projects/${p.projectId}`,
        sourceEventId: event.id,
      });
  });
}
