import type { ModuleDefinition } from '../index.ts';
import './wishes.events.ts';
import { registerWishHandlers } from './wishes.handlers.ts';
import { registerWishJobs } from './wishes.jobs.ts';
import { wishesRoutes } from './wishes.routes.ts';
import { createWishesService } from './wishes.service.ts';

/** The wish box 小哥心愿箱 (WSH-01/02) and the monthly forum 座谈会 (COO-05). */
export const wishesModule: ModuleDefinition = {
  name: 'wishes',
  routes: (deps) => wishesRoutes(deps),
  async register(deps) {
    registerWishHandlers(deps);
    await registerWishJobs(deps, createWishesService(deps));
  },
};

export { WISH_EVENTS, type WishEventPayload } from './wishes.events.ts';
export { createWishesService, type WishesService } from './wishes.service.ts';
