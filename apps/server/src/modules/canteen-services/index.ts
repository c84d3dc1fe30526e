import type { ModuleDefinition } from '../index.ts';
import './canteen-services.events.ts';
import { registerCanteenServicesHandlers } from './canteen-services.handlers.ts';
import { canteenServicesRoutes } from './canteen-services.routes.ts';

/**
 * 政务代办 proxy handling (CAN-03) and 节假日托幼 holiday childcare (CAN-04) at stations offering
 * `proxy_affairs` / `holiday_childcare` (docs/canteen-services.md).
 */
export const canteenServicesModule: ModuleDefinition = {
  name: 'canteen-services',
  routes: (deps) => async (app) => {
    await app.register(canteenServicesRoutes(deps));
  },
  register(deps) {
    registerCanteenServicesHandlers(deps);
  },
};

export { CANTEEN_SERVICES_EVENTS } from './canteen-services.events.ts';
export { seedDemoCanteenServices } from './canteen-services.seed.ts';
export { type CanteenServicesService, createCanteenServicesService } from './canteen-services.service.ts';
