import type { FastifyPluginAsync } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.ts';
import './stations.access.events.ts';
import { registerCompoundAccessHandlers } from './stations.access.handlers.ts';
import { compoundAccessRoutes } from './stations.access.routes.ts';
import './stations.parking.events.ts';
import { parkingZonesRoutes } from './stations.parking.routes.ts';

/**
 * Parking zones 专属停放区 and compound-access notes 小区进门, part of the stations module, whose
 * `index.ts` registers these: the routes under /api/v1, and the handler that tells a reporter how
 * their note was reviewed.
 */
export function parkingAccessRoutes(deps: PlatformDeps): FastifyPluginAsync {
  return async (app) => {
    await app.register(parkingZonesRoutes(deps));
    await app.register(compoundAccessRoutes(deps));
  };
}

export function registerParkingAccess(deps: PlatformDeps): void {
  registerCompoundAccessHandlers(deps);
}
