import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf, requirePermission } from '../../platform/auth/plugin.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import {
  answerBody,
  assignBody,
  categoryAreasReply,
  classifyBody,
  convertBody,
  createForumBody,
  createWishBody,
  createWishBoxBody,
  forumSchema,
  forumsReply,
  generateBatchesBody,
  generateBatchesReply,
  ideaBody,
  idParams,
  raiseAppealsBody,
  trackersReply,
  wishBatchesReply,
  wishBoxSchema,
  wishListQuery,
  wishListReply,
  wishSchema,
} from './wishes.schemas.ts';
import { createWishesService, type WishesService } from './wishes.service.ts';

const idempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(100).optional() });

/** Wish box 小哥心愿箱 and monthly forum 座谈会 routes. Coarse checks here, policy in the service. */
export function wishesRoutes(deps: PlatformDeps, svc?: WishesService): FastifyPluginAsyncZod {
  const service = svc ?? createWishesService(deps);
  return async (app) => {
    const tags = ['wishes'];
    app.get(
      '/wish-boxes',
      {
        onRequest: requirePermission('wishes.read'),
        schema: {
          operationId: 'wishes.listBoxes',
          tags,
          summary: 'Wish boxes (workers: the active ones)',
          response: { 200: z.array(wishBoxSchema) },
        },
      },
      async (req) => service.listBoxes(actorOf(req)),
    );
    app.get(
      '/wish-boxes/:id',
      {
        onRequest: requirePermission('wishes.read'),
        schema: {
          operationId: 'wishes.getBox',
          tags,
          summary: 'One wish box (the QR link target)',
          params: idParams,
          response: { 200: wishBoxSchema },
        },
      },
      async (req) => service.getBox(actorOf(req), req.params.id),
    );
    app.post(
      '/wish-boxes',
      {
        onRequest: requirePermission('wishes.manage'),
        schema: {
          operationId: 'wishes.createBox',
          tags,
          summary: 'Place a wish box in one of the actor’s regions',
          body: createWishBoxBody,
          response: { 201: wishBoxSchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await service.createBox(actorOf(req), metaOf(req), req.body)),
    );
    app.get(
      '/wish-categories',
      {
        onRequest: requirePermission('wishes.read'),
        schema: {
          operationId: 'wishes.categories',
          tags,
          summary: 'The five areas (APL-10) wishes are classified in',
          response: { 200: categoryAreasReply },
        },
      },
      async () => service.categoryAreas(),
    );
    app.post(
      '/wishes',
      {
        onRequest: requirePermission('wishes.create'),
        schema: {
          operationId: 'wishes.create',
          tags,
          summary: 'Drop a wish (日常收集)',
          headers: idempotencyHeaders,
          body: createWishBody,
          response: { 200: wishSchema, 201: wishSchema },
        },
      },
      async (req, reply) => {
        const r = await service.create(actorOf(req), metaOf(req), req.body, req.headers['idempotency-key']);
        return reply.status(r.created ? 201 : 200).send(r.wish);
      },
    );
    app.get(
      '/wishes',
      {
        onRequest: requirePermission('wishes.read'),
        schema: {
          operationId: 'wishes.list',
          tags,
          summary: 'Wishes: a worker’s own, staff those of their regions',
          querystring: wishListQuery,
          response: { 200: wishListReply },
        },
      },
      async (req) => service.list(actorOf(req), req.query),
    );
    app.get(
      '/wishes/:id',
      {
        onRequest: requirePermission('wishes.read'),
        schema: {
          operationId: 'wishes.get',
          tags,
          summary: 'One wish with the actor’s actions',
          params: idParams,
          response: { 200: wishSchema },
        },
      },
      async (req) => service.get(actorOf(req), req.params.id),
    );
    app.get(
      '/wishes/:id/trackers',
      {
        onRequest: requirePermission('wishes.manage'),
        schema: {
          operationId: 'wishes.trackers',
          tags,
          summary: 'Staff who may track this wish',
          params: idParams,
          response: { 200: trackersReply },
        },
      },
      async (req) => service.trackers(actorOf(req), req.params.id),
    );
    const action = (segment: 'classify' | 'assign' | 'answer' | 'idea', body: z.ZodType, summary: string) =>
      app.post(
        `/wishes/:id/${segment}`,
        {
          onRequest: requirePermission('wishes.manage'),
          schema: {
            operationId: `wishes.${segment}`,
            tags,
            summary,
            params: idParams,
            body,
            response: { 200: wishSchema },
          },
        },
        async (req) =>
          service.act(
            actorOf(req),
            metaOf(req),
            (req.params as { id: string }).id,
            segment === 'idea' ? 'markIdea' : segment,
            req.body as Record<string, never>,
          ),
      );
    action('classify', classifyBody, '分类梳理: file under one of the five areas');
    action('assign', assignBody, '定员跟踪: name the staff member who tracks it');
    action('answer', answerBody, '定期反馈: send feedback to the worker');
    action('idea', ideaBody, 'Flag as an activity idea (心愿期盼 → activity planning)');
    app.post(
      '/wishes/:id/convert',
      {
        onRequest: requirePermission('wishes.manage'),
        schema: {
          operationId: 'wishes.convert',
          tags,
          summary: 'Turn the wish into an appeal (channel wish_box), once',
          params: idParams,
          body: convertBody,
          response: { 200: wishSchema },
        },
      },
      async (req) => service.convert(actorOf(req), metaOf(req), req.params.id, req.body),
    );
    app.get(
      '/wish-batches',
      {
        onRequest: requirePermission('wishes.manage'),
        schema: {
          operationId: 'wishes.listBatches',
          tags,
          summary: 'Weekly batches 每周汇总 with counts by area',
          response: { 200: wishBatchesReply },
        },
      },
      async (req) => service.listBatches(actorOf(req)),
    );
    app.post(
      '/wish-batches',
      {
        onRequest: requirePermission('wishes.manage'),
        schema: {
          operationId: 'wishes.generateBatches',
          tags,
          summary: 'Run the weekly batch now for the actor’s regions (idempotent per county and week)',
          body: generateBatchesBody,
          response: { 200: generateBatchesReply },
        },
      },
      async (req) => ({ created: await service.generateFor(actorOf(req), req.body.weekStart) }),
    );

    const ftags = ['forums'];
    app.get(
      '/forums',
      {
        onRequest: requirePermission('forums.read'),
        schema: {
          operationId: 'forums.list',
          tags: ftags,
          summary: 'Monthly forums 座谈会 of the actor’s regions',
          response: { 200: forumsReply },
        },
      },
      async (req) => service.listForums(actorOf(req)),
    );
    app.get(
      '/forums/:id',
      {
        onRequest: requirePermission('forums.read'),
        schema: {
          operationId: 'forums.get',
          tags: ftags,
          summary: 'One forum with its raised appeals',
          params: idParams,
          response: { 200: forumSchema },
        },
      },
      async (req) => service.getForum(actorOf(req), req.params.id),
    );
    app.post(
      '/forums',
      {
        onRequest: requirePermission('forums.manage'),
        schema: {
          operationId: 'forums.create',
          tags: ftags,
          summary: 'Record a forum, with the appeals it raises (all or none)',
          body: createForumBody,
          response: { 201: forumSchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await service.createForum(actorOf(req), metaOf(req), req.body)),
    );
    app.post(
      '/forums/:id/appeals',
      {
        onRequest: requirePermission('forums.manage'),
        schema: {
          operationId: 'forums.raiseAppeals',
          tags: ftags,
          summary: '从座谈会提出诉求: several appeals in one transaction',
          params: idParams,
          body: raiseAppealsBody,
          response: { 200: forumSchema },
        },
      },
      async (req) => service.raiseAppeals(actorOf(req), metaOf(req), req.params.id, req.body.appeals),
    );
  };
}
