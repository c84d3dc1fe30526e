import type { ModuleDefinition } from '../index.ts';
import './deliveries.events.ts';
import { registerDeliveryJobs } from './deliveries.jobs.ts';
import { createResidentService } from './deliveries.resident.ts';
import { deliveriesRoutes } from './deliveries.routes.ts';
import { createDeliveriesService } from './deliveries.service.ts';

/**
 * Home meal delivery 送餐上门 for housebound residents by volunteer riders 铜河小哥 (CAN-05,
 * docs/deliveries.md). Emits `meal_delivery.confirmed` for the points module.
 */
export const deliveriesModule: ModuleDefinition = {
  name: 'deliveries',
  routes: (deps) => deliveriesRoutes(deps),
  async register(deps) {
    await registerDeliveryJobs(deps, createDeliveriesService(deps));
    const filled = await createResidentService(deps).backfillPhoneIndex();
    if (filled > 0) deps.log.info({ filled }, 'beneficiary phone index backfilled');
  },
};

export { MEAL_DELIVERY_EVENTS, type MealDeliveryEventPayload } from './deliveries.events.ts';
export { seedDemoDeliveries } from './deliveries.seed.ts';
export { createDeliveriesService, type DeliveriesService } from './deliveries.service.ts';
