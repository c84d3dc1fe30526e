import {
  type AppealAction,
  appealApproveExtensionBody,
  appealCategoriesReply,
  appealCloseBody,
  appealDetailSchema,
  appealDispatchBody,
  appealDuplicateBody,
  appealExtendBody,
  appealFollowReply,
  appealIdParams,
  appealInsistBody,
  appealNearbyQuery,
  appealNearbyReply,
  appealNoteBody,
  appealProgressBody,
  appealQueuesReply,
  appealReasonBody,
  appealRedispatchBody,
  appealResolveBody,
  appealReturnBody,
  appealSignBody,
  appealSuperviseBody,
  appealsListQuery,
  appealsListReply,
  appealTerminateBody,
  appealVisitBody,
  createAppealBody,
  type Permission,
} from '@nuanxin/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf, requirePermission } from '../../platform/auth/plugin.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { validation } from '../../platform/http/errors.ts';
import { type ActionBody, type AppealsService, createAppealsService } from './appeals.service.ts';

/** One action route: URL segment, body schema, coarse permission, summary. */
interface ActionRoute {
  action: AppealAction;
  segment: string;
  body: z.ZodType;
  permission: Permission;
  summary: string;
}

const ACTION_ROUTES: readonly ActionRoute[] = [
  {
    action: 'accept',
    segment: 'accept',
    body: appealNoteBody,
    permission: 'appeals.dispatch',
    summary: '受理: submitted → accepted (dispatcher)',
  },
  {
    action: 'refuse',
    segment: 'refuse',
    body: appealReasonBody,
    permission: 'appeals.dispatch',
    summary: '不予受理: submitted → refused (dispatcher)',
  },
  {
    action: 'dispatch',
    segment: 'dispatch',
    body: appealDispatchBody,
    permission: 'appeals.dispatch',
    summary: '派单 to a lead unit and co-units; the first dispatch starts the resolve clock',
  },
  {
    action: 'sign',
    segment: 'sign',
    body: appealSignBody,
    permission: 'appeals.handle',
    summary: '签收 by the lead unit: dispatched → handling',
  },
  {
    action: 'return',
    segment: 'return',
    body: appealReturnBody,
    permission: 'appeals.handle',
    summary: '退单 by the lead unit: dispatched → returned',
  },
  {
    action: 'redispatch',
    segment: 'redispatch',
    body: appealRedispatchBody,
    permission: 'appeals.dispatch',
    summary: '改派 a returned case to another unit',
  },
  {
    action: 'insist',
    segment: 'insist',
    body: appealInsistBody,
    permission: 'appeals.dispatch',
    summary: '维持: send a returned case back to the same unit',
  },
  {
    action: 'progress',
    segment: 'progress',
    body: appealProgressBody,
    permission: 'appeals.handle',
    summary: '办理进展 / 阶段性反馈 by a lead or co-unit',
  },
  {
    action: 'extend',
    segment: 'extend',
    body: appealExtendBody,
    permission: 'appeals.handle',
    summary: '申请延期 by the lead unit, before the deadline, one pending at a time',
  },
  {
    action: 'approveExtension',
    segment: 'approveExtension',
    body: appealApproveExtensionBody,
    permission: 'appeals.dispatch',
    summary: 'Decide the pending extension; approval moves the deadline',
  },
  {
    action: 'resolve',
    segment: 'resolve',
    body: appealResolveBody,
    permission: 'appeals.handle',
    summary: '办结 with the reply shown to the reporter',
  },
  {
    action: 'visit',
    segment: 'visit',
    body: appealVisitBody,
    permission: 'appeals.read',
    summary: '回访 by the reporter or a dispatcher; unsatisfied reopens (重办)',
  },
  {
    action: 'close',
    segment: 'close',
    body: appealCloseBody,
    permission: 'appeals.dispatch',
    summary: '销号: visited → closed',
  },
  {
    action: 'terminate',
    segment: 'terminate',
    body: appealTerminateBody,
    permission: 'appeals.dispatch',
    summary: '终止办理',
  },
  {
    action: 'markDuplicate',
    segment: 'duplicate',
    body: appealDuplicateBody,
    permission: 'appeals.dispatch',
    summary: 'Mark as a duplicate of another open case; the reporter then follows it',
  },
  {
    action: 'supervise',
    segment: 'supervise',
    body: appealSuperviseBody,
    permission: 'appeals.supervise',
    summary: '督办 (overlay): notifies the lead unit',
  },
];

const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('The same key from the same user returns the first case (200) instead of filing again'),
});

/** Appeals closed loop (docs/contract-appeals.md). Coarse checks here, policy in the service. */
export function appealsRoutes(deps: PlatformDeps, svc?: AppealsService): FastifyPluginAsyncZod {
  const service = svc ?? createAppealsService(deps);
  return async (app) => {
    app.post(
      '/appeals',
      {
        onRequest: requirePermission('appeals.create'),
        schema: {
          operationId: 'appeals.create',
          tags: ['appeals'],
          summary: 'File an appeal (worker) or record one from another channel (staff intake)',
          headers: idempotencyHeaders,
          body: createAppealBody,
          response: { 200: appealDetailSchema, 201: appealDetailSchema },
        },
      },
      async (req, reply) => {
        const key = req.headers['idempotency-key'];
        if (key !== undefined && (key.length === 0 || key.length > 100))
          throw validation('Idempotency-Key must be 1–100 characters');
        const r = await service.create(actorOf(req), metaOf(req), req.body, key);
        return reply.status(r.created ? 201 : 200).send(r.appeal);
      },
    );

    app.get(
      '/appeals',
      {
        onRequest: requirePermission('appeals.read'),
        schema: {
          operationId: 'appeals.list',
          tags: ['appeals'],
          summary: 'Cases in a work queue, filtered, within the actor’s scope',
          querystring: appealsListQuery,
          response: { 200: appealsListReply },
        },
      },
      async (req) => service.list(actorOf(req), req.query),
    );

    app.get(
      '/appeals/queues',
      {
        onRequest: requirePermission('appeals.read'),
        schema: {
          operationId: 'appeals.queues',
          tags: ['appeals'],
          summary: 'Number of cases per work queue for the actor',
          response: { 200: appealQueuesReply },
        },
      },
      async (req) => service.queues(actorOf(req)),
    );

    app.get(
      '/appeals/nearby',
      {
        onRequest: requirePermission('appeals.read'),
        schema: {
          operationId: 'appeals.nearby',
          tags: ['appeals'],
          summary: 'Open cases of a category within its radius of a point, newest first (max 10)',
          querystring: appealNearbyQuery,
          response: { 200: appealNearbyReply },
        },
      },
      async (req) => service.nearby(actorOf(req), req.query),
    );

    app.get(
      '/appeals/:id',
      {
        onRequest: requirePermission('appeals.read'),
        schema: {
          operationId: 'appeals.get',
          tags: ['appeals'],
          summary: 'One case with assignments, extensions, visits, timeline and the actor’s actions',
          params: appealIdParams,
          response: { 200: appealDetailSchema },
        },
      },
      async (req) => service.get(actorOf(req), req.params.id),
    );

    for (const r of ACTION_ROUTES) {
      app.post(
        `/appeals/:id/${r.segment}`,
        {
          onRequest: requirePermission(r.permission),
          schema: {
            operationId: `appeals.${r.action}`,
            tags: ['appeals'],
            summary: r.summary,
            params: appealIdParams,
            body: r.body,
            response: { 200: appealDetailSchema },
          },
        },
        async (req) =>
          service.act(actorOf(req), metaOf(req), req.params.id, r.action, (req.body ?? {}) as ActionBody),
      );
    }

    app.post(
      '/appeals/:id/follow',
      {
        onRequest: requirePermission('appeals.read'),
        schema: {
          operationId: 'appeals.follow',
          tags: ['appeals'],
          summary: 'Follow an existing case instead of filing the same thing (idempotent)',
          params: appealIdParams,
          response: { 200: appealFollowReply },
        },
      },
      async (req) => service.follow(actorOf(req), metaOf(req), req.params.id),
    );

    app.get(
      '/appeal-categories',
      {
        onRequest: requirePermission('appeals.read'),
        schema: {
          operationId: 'appeals.categories',
          tags: ['appeals'],
          summary: 'The category tree (five areas and their problems)',
          querystring: z.object({
            includeDisabled: z
              .enum(['true', 'false'])
              .default('false')
              .describe('true: disabled categories too (filters over old cases); filing forms leave it out'),
          }),
          response: { 200: appealCategoriesReply },
        },
      },
      async (req) => {
        const all = await service.categories();
        return req.query.includeDisabled === 'true' ? all : all.filter((c) => c.enabled);
      },
    );
  };
}
