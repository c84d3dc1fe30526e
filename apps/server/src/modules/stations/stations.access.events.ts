import type { CompoundAccessStatus, CompoundReviewDecision } from '@nuanxin/shared';

/** What a compound-access event carries: enough to notify without re-reading. */
export interface CompoundAccessEventPayload {
  noteId: string;
  regionCode: string;
  compoundName: string;
  reporterUserId: string;
  status: CompoundAccessStatus;
}

declare module '../../platform/events/events.ts' {
  interface EventMap {
    'compound_access.reported': CompoundAccessEventPayload;
    'compound_access.reviewed': CompoundAccessEventPayload & {
      decision: CompoundReviewDecision;
      reason: string | null;
    };
  }
}

export const COMPOUND_ACCESS_EVENTS = ['compound_access.reported', 'compound_access.reviewed'] as const;
