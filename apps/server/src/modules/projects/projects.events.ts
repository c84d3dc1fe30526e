import type { ProjectLevel, ProjectState } from './projects.machine.ts';

/** What every project event carries. */
export interface ProjectEventPayload {
  projectId: string;
  code: string;
  title: string;
  regionCode: string;
  state: ProjectState;
  level: ProjectLevel;
}

declare module '../../platform/events/events.ts' {
  interface EventMap {
    'project.created': ProjectEventPayload;
    'project.escalated': ProjectEventPayload & {
      from: ProjectLevel;
      /** Districts (6-digit codes) whose coordinators are told. */
      counties: string[];
      /** Roles notified in those districts. */
      roles: ('industry_committee_admin' | 'district_admin')[];
    };
    'project.resolved': ProjectEventPayload & { resolved: string[]; skipped: string[] };
    'project.closed': ProjectEventPayload;
    'project.cancelled': ProjectEventPayload;
  }
}

export const PROJECT_EVENTS = [
  'project.created',
  'project.escalated',
  'project.resolved',
  'project.closed',
  'project.cancelled',
] as const;
