import type { GrnOutcome, GrnState } from './green-channel.types.ts';

/** What every claim event carries. */
export interface GrnClaimEventPayload {
  claimId: string;
  caseNo: string;
  from: GrnState | null;
  to: GrnState;
  regionCode: string;
  platformOrgId: string;
  riderUserId: string;
}

declare module '../../platform/events/events.ts' {
  interface EventMap {
    'green_channel.submitted': GrnClaimEventPayload;
    'green_channel.reviewed': GrnClaimEventPayload;
    'green_channel.rejected': GrnClaimEventPayload & { reason: string };
    'green_channel.notice_sent': {
      noticeId: string;
      noticeNo: string;
      kind: 'claim' | 'district';
      platformOrgId: string;
      regionCode: string;
      claimIds: string[];
      requestedAnswerBy: string;
    };
    'green_channel.answered': GrnClaimEventPayload & {
      outcome: GrnOutcome;
      waivedFen: number;
      fineFen: number;
    };
    'green_channel.closed': GrnClaimEventPayload;
    'green_channel.alert_recorded': { alertId: string; regionCode: string; level: string; kind: string };
  }
}

export const GRN_EVENTS = [
  'green_channel.submitted',
  'green_channel.reviewed',
  'green_channel.rejected',
  'green_channel.notice_sent',
  'green_channel.answered',
  'green_channel.closed',
  'green_channel.alert_recorded',
] as const;
