import {
  createOrgBody,
  orgDetailSchema,
  orgIdParams,
  orgItemSchema,
  orgsListQuery,
  orgsListReply,
  regionsListQuery,
  regionsListReply,
} from '@nuanxin/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, metaOf, requirePermission } from '../../platform/auth/plugin.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import * as service from './orgs.service.ts';

/** Regions and organisations (contract issue 2). Coarse checks here, scope checks in the service. */
export function orgsRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  const { database } = deps;
  return async (app) => {
    app.get(
      '/regions',
      {
        onRequest: requirePermission('regions.read'),
        schema: {
          operationId: 'regions.list',
          tags: ['orgs'],
          summary: 'Administrative regions (GB/T 2260 and statistical township codes)',
          querystring: regionsListQuery,
          response: { 200: regionsListReply },
        },
      },
      async (req) => service.listRegions(database.db, req.query.parentCode),
    );

    app.get(
      '/orgs',
      {
        onRequest: requirePermission('orgs.read'),
        schema: {
          operationId: 'orgs.list',
          tags: ['orgs'],
          summary: 'Organisations, filtered by parent, name, kind or region',
          querystring: orgsListQuery,
          response: { 200: orgsListReply },
        },
      },
      async (req) => service.listOrgs(database.db, actorOf(req), req.query),
    );

    app.get(
      '/orgs/:id',
      {
        onRequest: requirePermission('orgs.read'),
        schema: {
          operationId: 'orgs.get',
          tags: ['orgs'],
          summary: 'One organisation with its ancestors',
          params: orgIdParams,
          response: { 200: orgDetailSchema },
        },
      },
      async (req) => service.getOrgDetail(database.db, actorOf(req), req.params.id),
    );

    app.post(
      '/orgs',
      {
        onRequest: requirePermission('orgs.manage'),
        schema: {
          operationId: 'orgs.create',
          tags: ['orgs'],
          summary: 'Create an organisation below one in your scope',
          body: createOrgBody,
          response: { 201: orgItemSchema },
        },
      },
      async (req, reply) => {
        const created = await service.createOrg(database, actorOf(req), metaOf(req), req.body);
        return reply.status(201).send(created);
      },
    );
  };
}
