/** What wish events carry. */
export interface WishEventPayload {
  wishId: string;
  regionCode: string;
  submitterUserId: string | null;
  trackerUserId: string | null;
}

declare module '../../platform/events/events.ts' {
  interface EventMap {
    'wish.submitted': WishEventPayload;
    'wish.classified': WishEventPayload & { categoryCode: string };
    'wish.assigned': WishEventPayload & { trackerUserId: string };
    'wish.answered': WishEventPayload & { feedback: string };
    'wish.converted': WishEventPayload & { appealId: string; caseNo: string };
    'wish.batched': { batchId: string; regionCode: string; weekStart: string; total: number };
    'forum.recorded': { forumId: string; regionCode: string; heldOn: string };
    'forum.appeals_raised': { forumId: string; regionCode: string; appealIds: string[] };
  }
}

export const WISH_EVENTS = [
  'wish.submitted',
  'wish.classified',
  'wish.assigned',
  'wish.answered',
  'wish.converted',
  'wish.batched',
  'forum.recorded',
  'forum.appeals_raised',
] as const;
