import type { AppealSatisfaction, AppealState } from '@nuanxin/shared';

/** What every appeal event carries: enough for a handler to decide without re-reading. */
export interface AppealEventPayload {
  appealId: string;
  caseNo: string;
  from: AppealState | null;
  to: AppealState;
  regionCode: string;
  leadUnitId: string | null;
  reporterUserId: string | null;
}

/** Events the appeals module emits (past tense), added to the platform EventMap. */
declare module '../../platform/events/events.ts' {
  interface EventMap {
    'appeal.submitted': AppealEventPayload;
    'appeal.accepted': AppealEventPayload;
    'appeal.refused': AppealEventPayload;
    'appeal.dispatched': AppealEventPayload & { unitId: string; coUnitIds: string[] };
    'appeal.signed': AppealEventPayload;
    'appeal.returned': AppealEventPayload & { unitId: string; notOurDuty: boolean };
    'appeal.progressed': AppealEventPayload & { stageFeedback: boolean };
    'appeal.extension_requested': AppealEventPayload & { workingDays: number };
    'appeal.extension_decided': AppealEventPayload & { approved: boolean };
    'appeal.resolved': AppealEventPayload;
    'appeal.visited': AppealEventPayload & { satisfaction: AppealSatisfaction };
    'appeal.reopened': AppealEventPayload & { reopenCount: number };
    'appeal.closed': AppealEventPayload;
    'appeal.terminated': AppealEventPayload;
    'appeal.duplicated': AppealEventPayload & { targetId: string };
    'appeal.supervised': AppealEventPayload & { message: string };
    'appeal.followed': { appealId: string; userId: string };
  }
}

export const APPEAL_EVENTS = [
  'appeal.submitted',
  'appeal.accepted',
  'appeal.refused',
  'appeal.dispatched',
  'appeal.signed',
  'appeal.returned',
  'appeal.progressed',
  'appeal.extension_requested',
  'appeal.extension_decided',
  'appeal.resolved',
  'appeal.visited',
  'appeal.reopened',
  'appeal.closed',
  'appeal.terminated',
  'appeal.duplicated',
  'appeal.supervised',
  'appeal.followed',
] as const;
