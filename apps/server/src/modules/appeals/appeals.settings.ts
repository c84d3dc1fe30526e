import type { AppealType, AppealUrgency } from '@nuanxin/shared';

/**
 * Time limits of the closed loop (design/china.md §1, contract "Deadlines"). Defaults here; a
 * deployment may pass others to `createAppealsService`.
 */
export interface AppealsSettings {
  /** Working days to resolve, counted from the first dispatch. */
  resolveWorkingDays: Record<AppealType, number>;
  /** Calendar hours from submission to dispatch, by urgency. */
  dispatchHours: Record<AppealUrgency, number>;
  /** Working hours from a dispatch to the unit's sign-off. */
  signWorkingHours: number;
  /** Days a resolved case waits for a visit before the no-answer rule marks it visited. */
  noAnswerDays: number;
  /** A handling case is "due soon" this many hours before its deadline. */
  dueSoonHours: number;
  /** At most this many nearby cases are shown before filing. */
  nearbyLimit: number;
}

export const DEFAULT_APPEALS_SETTINGS: AppealsSettings = {
  resolveWorkingDays: { consult: 3, help: 7, suggestion: 7, complaint: 15, report: 15 },
  dispatchHours: { normal: 24, urgent: 2, critical: 1 },
  signWorkingHours: 2,
  noAnswerDays: 7,
  dueSoonHours: 24,
  nearbyLimit: 10,
};
