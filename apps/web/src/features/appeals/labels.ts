import type { AppealState, Urgency } from './api/types';

/** Tag colours per state (antd preset names; antd-mobile maps them below). */
export const STATE_COLOR: Record<AppealState, string> = {
  submitted: 'blue',
  accepted: 'geekblue',
  dispatched: 'purple',
  returned: 'magenta',
  handling: 'orange',
  resolved: 'cyan',
  visited: 'lime',
  closed: 'green',
  refused: 'default',
  terminated: 'default',
  duplicate: 'default',
};

export const URGENCY_COLOR: Record<Urgency, string> = {
  normal: 'default',
  urgent: 'orange',
  critical: 'red',
};

export const OPEN_STATES: readonly AppealState[] = [
  'submitted',
  'accepted',
  'dispatched',
  'returned',
  'handling',
  'resolved',
  'visited',
];

/** Remaining time until `dueAt` (negative when overdue), split for display. */
export function remaining(dueAt: string, now: number = Date.now()) {
  const ms = new Date(dueAt).getTime() - now;
  const abs = Math.abs(ms);
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.floor((abs % 86_400_000) / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  return { overdue: ms < 0, days, hours, minutes, soon: ms >= 0 && ms < 86_400_000 };
}
