import {
  compoundAccessIdParams,
  compoundAccessNearbyQuery,
  compoundAccessNearbyReply,
  compoundAccessQueueQuery,
  compoundAccessQueueReply,
  compoundAccessSchema,
  myCompoundAccessReply,
  reportCompoundAccessBody,
  reviewCompoundAccessBody,
} from '@nuanxin/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf, requireAuth, requirePermission } from '../../platform/auth/plugin.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { type CompoundAccessService, createCompoundAccessService } from './stations.access.service.ts';

const idempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(100).optional() });

/**
 * Compound-access notes 小区进门 (docs/contract-stations.md). Signed-in users read confirmed notes
 * nearby; workers report; staff with `compound_access.review` review the notes of their regions.
 */
export function compoundAccessRoutes(deps: PlatformDeps, svc?: CompoundAccessService): FastifyPluginAsyncZod {
  const service = svc ?? createCompoundAccessService(deps);
  const tags = ['stations'];
  return async (app) => {
    app.get(
      '/compound-access',
      {
        onRequest: requireAuth,
        schema: {
          operationId: 'stations.compoundAccess',
          tags,
          summary:
            'Confirmed compound-access notes within radius of lat/lng, nearest first (plus the actor’s own pending ones)',
          querystring: compoundAccessNearbyQuery,
          response: { 200: compoundAccessNearbyReply },
        },
      },
      async (req) => service.nearby(actorOf(req), req.query),
    );

    app.get(
      '/me/compound-access',
      {
        onRequest: requireAuth,
        schema: {
          operationId: 'stations.myCompoundAccess',
          tags,
          summary: 'The actor’s own reports, every status, newest first (100 at most)',
          response: { 200: myCompoundAccessReply },
        },
      },
      async (req) => service.mine(actorOf(req)),
    );

    app.post(
      '/compound-access',
      {
        onRequest: requirePermission('compound_access.report'),
        schema: {
          operationId: 'stations.reportCompoundAccess',
          tags,
          summary:
            'Worker: report how to get into a compound; 201 new, 200 for a repeated Idempotency-Key; 400 compound_access.no_codes for a 4–8 digit run',
          headers: idempotencyHeaders,
          body: reportCompoundAccessBody,
          response: { 200: compoundAccessSchema, 201: compoundAccessSchema },
        },
      },
      async (req, reply) => {
        const r = await service.report(actorOf(req), metaOf(req), req.body, req.headers['idempotency-key']);
        return reply.status(r.created ? 201 : 200).send(r.note);
      },
    );

    app.get(
      '/compound-access/queue',
      {
        onRequest: requirePermission('compound_access.review'),
        schema: {
          operationId: 'stations.compoundAccessQueue',
          tags,
          summary: 'Notes of the actor’s regions, pending first, with duplicates (same name within 150 m)',
          querystring: compoundAccessQueueQuery,
          response: { 200: compoundAccessQueueReply },
        },
      },
      async (req) => service.queue(actorOf(req), req.query),
    );

    app.post(
      '/compound-access/:id/review',
      {
        onRequest: requirePermission('compound_access.review'),
        schema: {
          operationId: 'stations.reviewCompoundAccess',
          tags,
          summary: 'Confirm or reject a reported note of the actor’s regions (reason required to reject)',
          params: compoundAccessIdParams,
          body: reviewCompoundAccessBody,
          response: { 200: compoundAccessSchema },
        },
      },
      async (req) => service.review(actorOf(req), metaOf(req), req.params.id, req.body),
    );
  };
}
