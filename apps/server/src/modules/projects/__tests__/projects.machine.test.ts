import { describe, expect, it } from 'vitest';
import {
  canProject,
  escalationTarget,
  PROJECT_LEVELS,
  PROJECT_OPERATIONS,
  PROJECT_STATES,
  type ProjectOperation,
  type ProjectState,
  projectTransition,
} from '../projects.machine.ts';

/** The whole table, spelled out: every state × every operation. */
const EXPECTED: Record<ProjectState, Partial<Record<ProjectOperation, ProjectState>>> = {
  draft: {
    activate: 'active',
    cancel: 'cancelled',
    update: 'draft',
    link: 'draft',
    unlink: 'draft',
    addMilestone: 'draft',
    escalate: 'draft',
  },
  active: {
    resolve: 'resolved',
    cancel: 'cancelled',
    update: 'active',
    link: 'active',
    unlink: 'active',
    addMilestone: 'active',
    completeMilestone: 'active',
    progress: 'active',
    logAction: 'active',
    escalate: 'active',
  },
  resolved: { close: 'closed' },
  closed: {},
  cancelled: {},
};

describe('project machine', () => {
  for (const s of PROJECT_STATES)
    for (const op of PROJECT_OPERATIONS)
      it(`${s} × ${op} → ${EXPECTED[s][op] ?? 'refused'}`, () => {
        expect(projectTransition(s, op)).toBe(EXPECTED[s][op] ?? null);
        expect(canProject(s, op)).toBe(EXPECTED[s][op] !== undefined);
      });

  it('escalates cross-cutting projects to the coordinating level, never down', () => {
    const none = { crossRegion: false, crossDepartment: false };
    for (const l of PROJECT_LEVELS) expect(escalationTarget(l, none, 3)).toBeNull();
    expect(escalationTarget('district_department', { crossRegion: false, crossDepartment: true }, 1)).toBe(
      'industry_committee',
    );
    expect(escalationTarget('community', { crossRegion: true, crossDepartment: false }, 1)).toBe(
      'industry_committee',
    );
    expect(escalationTarget('district_department', { crossRegion: true, crossDepartment: false }, 2)).toBe(
      'city',
    );
    expect(escalationTarget('industry_committee', { crossRegion: true, crossDepartment: true }, 2)).toBe(
      'city',
    );
    expect(
      escalationTarget('industry_committee', { crossRegion: false, crossDepartment: true }, 1),
    ).toBeNull();
    expect(escalationTarget('city', { crossRegion: true, crossDepartment: true }, 2)).toBeNull();
  });
});
