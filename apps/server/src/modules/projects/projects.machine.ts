/**
 * The governance project's life (APL-02): draft → active → resolved → closed, and cancelled from
 * draft or active. Pure: no I/O, one table, exhaustively tested.
 */

export const PROJECT_STATES = ['draft', 'active', 'resolved', 'closed', 'cancelled'] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];

export const PROJECT_LEVELS = ['community', 'district_department', 'industry_committee', 'city'] as const;
export type ProjectLevel = (typeof PROJECT_LEVELS)[number];

export const PROJECT_ACTION_KINDS = ['report_up', 'mobilise', 'coordinate'] as const;
export type ProjectActionKind = (typeof PROJECT_ACTION_KINDS)[number];

/** Every operation on a project; the first four change its state. */
export const PROJECT_OPERATIONS = [
  'activate',
  'resolve',
  'close',
  'cancel',
  'update',
  'link',
  'unlink',
  'addMilestone',
  'completeMilestone',
  'progress',
  'logAction',
  'escalate',
] as const;
export type ProjectOperation = (typeof PROJECT_OPERATIONS)[number];

const TRANSITIONS: Partial<Record<ProjectOperation, Partial<Record<ProjectState, ProjectState>>>> = {
  activate: { draft: 'active' },
  resolve: { active: 'resolved' },
  close: { resolved: 'closed' },
  cancel: { draft: 'cancelled', active: 'cancelled' },
};

/** Operations that keep the state, and the states they are allowed in. */
const STAY: Partial<Record<ProjectOperation, readonly ProjectState[]>> = {
  update: ['draft', 'active'],
  link: ['draft', 'active'],
  unlink: ['draft', 'active'],
  addMilestone: ['draft', 'active'],
  completeMilestone: ['active'],
  progress: ['active'],
  logAction: ['active'],
  escalate: ['draft', 'active'],
};

/** The state after `op`, or null when `op` is not allowed in `from`. */
export function projectTransition(from: ProjectState, op: ProjectOperation): ProjectState | null {
  const to = TRANSITIONS[op]?.[from];
  if (to) return to;
  return STAY[op]?.includes(from) ? from : null;
}

export function canProject(from: ProjectState, op: ProjectOperation): boolean {
  return projectTransition(from, op) !== null;
}

/** States in which the project still works on its cases. */
export const OPEN_PROJECT_STATES: readonly ProjectState[] = ['draft', 'active'];

const LEVEL_RANK: Record<ProjectLevel, number> = {
  community: 0,
  district_department: 1,
  industry_committee: 2,
  city: 3,
};

/**
 * The coordinating level a cross-cutting project escalates to (APL-04): cross-department or
 * cross-region within one district → the industry Party committee; cases in more than one
 * district → the city. Null when the flags ask for nothing above the current level.
 */
export function escalationTarget(
  current: ProjectLevel,
  flags: { crossRegion: boolean; crossDepartment: boolean },
  counties: number,
): ProjectLevel | null {
  let target: ProjectLevel | null = null;
  if (flags.crossRegion && counties > 1) target = 'city';
  else if (flags.crossRegion || flags.crossDepartment) target = 'industry_committee';
  if (!target || LEVEL_RANK[target] <= LEVEL_RANK[current]) return null;
  return target;
}
