import type { AppealMapPointDto, AppealState } from '@nuanxin/shared';

/** Marker colours of the case map: by where the case stands, red when it is overdue. */
export const MAP_COLORS = {
  overdue: '#cf1322',
  new: '#1677ff',
  inHands: '#fa8c16',
  done: '#13a8a8',
  closed: '#8c8c8c',
} as const;

const GROUP: Record<AppealState, keyof typeof MAP_COLORS> = {
  submitted: 'new',
  accepted: 'new',
  dispatched: 'inHands',
  returned: 'inHands',
  handling: 'inHands',
  resolved: 'done',
  visited: 'done',
  closed: 'closed',
  refused: 'closed',
  terminated: 'closed',
  duplicate: 'closed',
};

export function caseColor(p: Pick<AppealMapPointDto, 'state' | 'overdue'>): string {
  return p.overdue ? MAP_COLORS.overdue : MAP_COLORS[GROUP[p.state]];
}

/** Overdue first, then by case number, newest first (case numbers carry the filing date). */
export function byUrgencyOfAttention(a: AppealMapPointDto, b: AppealMapPointDto): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  return b.caseNo.localeCompare(a.caseNo);
}
