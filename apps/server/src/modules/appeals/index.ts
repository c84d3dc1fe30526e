import type { ModuleDefinition } from '../index.ts';
import './appeals.events.ts';
import './appeals.files.ts';
import { appealsCatalogueRoutes } from './appeals.catalogue.routes.ts';
import { registerAppealHandlers } from './appeals.handlers.ts';
import { registerAppealJobs } from './appeals.jobs.ts';
import { appealsMapRoutes } from './appeals.map.routes.ts';
import { registerMetricsJobs } from './appeals.metrics.jobs.ts';
import { appealsMetricsRoutes } from './appeals.metrics.routes.ts';
import { createMetricsService } from './appeals.metrics.service.ts';
import { registerAppealReminders } from './appeals.reminders.ts';
import { appealsRoutes } from './appeals.routes.ts';
import { createAppealsService } from './appeals.service.ts';

/**
 * The appeals module's public surface: the module definition, and the service factory for the
 * CLI and the demo seed. Other modules react to its `appeal.*` events.
 */
export const appealsModule: ModuleDefinition = {
  name: 'appeals',
  routes: (deps) => async (app) => {
    await app.register(appealsRoutes(deps));
    await app.register(appealsMetricsRoutes(deps));
    await app.register(appealsMapRoutes(deps));
    await app.register(appealsCatalogueRoutes(deps));
  },
  async register(deps) {
    registerAppealHandlers(deps);
    await registerAppealJobs(deps, createAppealsService(deps));
    await registerMetricsJobs(deps, createMetricsService(deps));
    await registerAppealReminders(deps);
  },
};

export { APPEAL_EVENTS, type AppealEventPayload } from './appeals.events.ts';
export {
  getPublicAppeal,
  listCountiesOf,
  listPublicAppealEvents,
  listPublicAppeals,
  listPublicCategories,
  type PublicAppealEventRow,
  type PublicAppealFilter,
  type PublicAppealRow,
  type PublicCategory,
} from './appeals.open311.ts';
export { type AppealsService, createAppealsService } from './appeals.service.ts';
export {
  type AppealBrief,
  appendTimelineNote,
  appendTimelineNotes,
  getAppealBrief,
  getAppealBriefs,
  type TimelineNote,
} from './appeals.timeline.ts';
