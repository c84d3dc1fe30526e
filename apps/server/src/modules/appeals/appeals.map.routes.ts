import { appealMapQuery, appealMapReply } from '@nuanxin/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, requirePermission } from '../../platform/auth/plugin.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { type AppealsMapService, createAppealsMapService } from './appeals.map.service.ts';

/** The case map (docs/maps.md). */
export function appealsMapRoutes(deps: PlatformDeps, svc?: AppealsMapService): FastifyPluginAsyncZod {
  const service = svc ?? createAppealsMapService(deps);
  return async (app) => {
    app.get(
      '/appeals/map',
      {
        onRequest: requirePermission('appeals.read'),
        schema: {
          operationId: 'appeals.map',
          tags: ['appeals'],
          summary:
            'Cases the actor may see with a location inside bbox: points up to 2,000, else grid clusters (count, mean position) sized by zoom',
          querystring: appealMapQuery,
          response: { 200: appealMapReply },
        },
      },
      async (req) => service.map(actorOf(req), req.query),
    );
  };
}
