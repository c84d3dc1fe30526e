/**
 * Appeal types as the web app uses them: the wire shapes come from the shared zod schemas
 * (packages/shared/src/appeals.ts, contract docs/contract-appeals.md).
 */
import type {
  AppealAction,
  AppealAssignmentDto,
  AppealCategoryDto,
  AppealDetailDto,
  AppealEventDto,
  AppealQueue,
  AppealQueuesDto,
  AppealSummaryDto,
  AppealsListDto,
  AppealsListQuery,
  CreateAppealInput as CreateAppealOutput,
  NearbyAppealDto,
} from '@nuanxin/shared';

export {
  APPEAL_ACTIONS,
  APPEAL_TYPES,
  APPEAL_URGENCIES as URGENCIES,
  APPEAL_VISIT_ANSWERS as SATISFACTIONS,
  type AppealAction,
  type AppealQueue,
  type AppealState,
  type AppealType,
  type AppealUrgency as Urgency,
} from '@nuanxin/shared';

export type AppealSummary = AppealSummaryDto;
export type AppealDetail = AppealDetailDto;
export type AppealEvent = AppealEventDto;
export type AppealAssignment = AppealAssignmentDto;
export type AppealsPage = AppealsListDto;
export type AppealQueueCounts = Partial<AppealQueuesDto>;
export type AppealCategory = AppealCategoryDto;
export type NearbyAppeal = NearbyAppealDto;
export type AppealsQuery = Partial<Omit<AppealsListQuery, 'page' | 'pageSize'>> & {
  page: number;
  pageSize: number;
};

/** Console queue tabs, in the order the workbench shows them (APL-03, APL-06). */
export const CONSOLE_QUEUES = [
  'pending_intake',
  'pending_dispatch',
  'pending_sign',
  'handling',
  'due_soon',
  'overdue',
  'pending_visit',
  'pending_close',
  'return_review',
  'all',
] as const satisfies readonly AppealQueue[];

/** The URL segment of each action: `markDuplicate` posts to `/duplicate`. */
export function actionPath(action: AppealAction): string {
  return action === 'markDuplicate' ? 'duplicate' : action;
}

/** The create body as sent: fields with a server default may be left out. */
export type CreateAppealInput = Omit<CreateAppealOutput, 'urgency' | 'privacy' | 'anonymous'> &
  Partial<Pick<CreateAppealOutput, 'urgency' | 'privacy' | 'anonymous'>>;
