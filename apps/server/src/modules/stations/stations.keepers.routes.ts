import { stationKeeperCandidatesQuery, stationKeeperCandidatesReply } from '@nuanxin/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, requirePermission } from '../../platform/auth/plugin.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { createStationsService, type StationsService } from './stations.service.ts';

/** The console's keeper picker (POS-01); the rule is the service's `keeperCandidates`. */
export function stationKeepersRoutes(deps: PlatformDeps, svc?: StationsService): FastifyPluginAsyncZod {
  const service = svc ?? createStationsService(deps);
  return async (app) => {
    app.get(
      '/stations/keeper-candidates',
      {
        onRequest: requirePermission('stations.manage'),
        schema: {
          operationId: 'stations.keeperCandidates',
          tags: ['stations'],
          summary: 'Staff the actor may name keeper: station keepers and community staff within their reach',
          querystring: stationKeeperCandidatesQuery,
          response: { 200: stationKeeperCandidatesReply },
        },
      },
      async (req) => service.keeperCandidates(actorOf(req), req.query.q),
    );
  };
}
