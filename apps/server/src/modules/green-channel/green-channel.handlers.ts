import type { PlatformDeps } from '../../platform/deps.ts';
import { notify } from '../notifications/index.ts';
import { liaisonsOf } from './green-channel.repository.ts';

const OUTCOME_ZH = { waived: '免除罚款', reduced: '减免部分罚款', refused: '不予减免' } as const;
const yuan = (fen: number) => (fen / 100).toFixed(2);

/** In-app notices: the platform's liaisons on a 暖心提示, the rider on the review and the outcome. */
export function registerGreenChannelHandlers(deps: PlatformDeps): void {
  deps.events.on('green_channel.notice_sent', 'green_channel.notify_liaisons', async (tx, event) => {
    const p = event.payload;
    for (const userId of await liaisonsOf(tx, p.platformOrgId))
      await notify(tx, {
        userId,
        kind: 'green_channel.notice_sent',
        title: `暖心提示：${p.noticeNo}`,
        body:
          p.kind === 'district'
            ? `市场监管部门发来极端天气暖心提示，请于 ${p.requestedAnswerBy} 前知悉并落实`
            : `涉及 ${p.claimIds.length} 件骑手申诉，请于 ${p.requestedAnswerBy} 前答复是否减免`,
        link: '/admin/green-channel/platform',
        sourceEventId: event.id,
      });
  });
  deps.events.on('green_channel.answered', 'green_channel.notify_rider_outcome', async (tx, event) => {
    const p = event.payload;
    await notify(tx, {
      userId: p.riderUserId,
      kind: 'green_channel.answered',
      title: `申诉结果：${p.caseNo}`,
      body: `平台答复：${OUTCOME_ZH[p.outcome]}${p.waivedFen > 0 ? `（减免 ${yuan(p.waivedFen)} 元）` : ''}`,
      link: `/m/green-channel/${p.claimId}`,
      sourceEventId: event.id,
    });
  });
  deps.events.on('green_channel.rejected', 'green_channel.notify_rider_rejected', async (tx, event) => {
    const p = event.payload;
    await notify(tx, {
      userId: p.riderUserId,
      kind: 'green_channel.rejected',
      title: `申诉未通过审核：${p.caseNo}`,
      body: p.reason,
      link: `/m/green-channel/${p.claimId}`,
      sourceEventId: event.id,
    });
  });
}
