import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, metaOf } from '../../platform/auth/plugin.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { forbidden } from '../../platform/http/errors.ts';
import { auditPage, auditSearchQuery } from './audit.schemas.ts';
import * as service from './audit.service.ts';

/** The audit log for the auditor (contract issue 2, "Audit"). */
export function auditRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  /** Coarse check with a trace: a signed-in user without `audit.read` is refused and recorded. */
  const guard = async (req: FastifyRequest) => {
    const actor = actorOf(req);
    if (actor.permissions.has('audit.read')) return;
    await service.recordDenied(deps.database, actor, metaOf(req), req.query);
    throw forbidden('Only auditors read the audit log');
  };
  return async (app) => {
    app.get(
      '/audit',
      {
        onRequest: guard,
        schema: {
          operationId: 'audit.search',
          tags: ['audit'],
          summary: 'Search the audit log, newest first (auditor only; the search is audited)',
          querystring: auditSearchQuery,
          response: { 200: auditPage },
        },
      },
      async (req) => service.search(deps.database, actorOf(req), metaOf(req), req.query),
    );
  };
}
