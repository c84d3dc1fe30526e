import type { ModuleDefinition } from '../index.ts';
import './projects.events.ts';
import { registerProjectHandlers } from './projects.handlers.ts';
import { projectsRoutes } from './projects.routes.ts';

/**
 * Governance projects 治理项目 (APL-02/04/07): related cases grouped under a lead unit, with
 * milestones, progress, 上报/动员/协调 and escalation of cross-cutting problems.
 */
export const projectsModule: ModuleDefinition = {
  name: 'projects',
  routes: (deps) => projectsRoutes(deps),
  register(deps) {
    registerProjectHandlers(deps);
  },
};

export { PROJECT_EVENTS, type ProjectEventPayload } from './projects.events.ts';
export { createProjectsService, type ProjectsService } from './projects.service.ts';
