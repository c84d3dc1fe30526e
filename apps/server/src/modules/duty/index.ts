import type { ModuleDefinition } from '../index.ts';
import { registerDutyHandlers } from './duty.handlers.ts';
import { dutyRoutes } from './duty.routes.ts';
import { createDutyService } from './duty.service.ts';

/**
 * 24-hour duty rota 轮值 (APL-08): cases arriving outside office hours go to the officer on duty,
 * who acknowledges within 30 minutes or the case escalates along the rota.
 */
export const dutyModule: ModuleDefinition = {
  name: 'duty',
  routes: (deps) => dutyRoutes(deps, createDutyService(deps)),
  async register(deps) {
    await registerDutyHandlers(deps, createDutyService(deps));
  },
};

export { uncoveredIntervals } from './duty.coverage.ts';
export { seedDemoDuty } from './duty.seed.ts';
export { createDutyService, type DutyService } from './duty.service.ts';
