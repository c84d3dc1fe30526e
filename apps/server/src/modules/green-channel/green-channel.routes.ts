import type { Permission } from '@nuanxin/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { actorOf, metaOf, requirePermission } from '../../platform/auth/plugin.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { createGreenChannelService, type GreenChannelService } from './green-channel.service.ts';
import {
  type GrnAction,
  grnAlertSchema,
  grnAlertsQuery,
  grnAlertsReply,
  grnAnswerBody,
  grnClaimDetailSchema,
  grnClaimsQuery,
  grnClaimsReply,
  grnCloseBody,
  grnCreateAlertBody,
  grnCreateClaimBody,
  grnIdParams,
  grnMetricsQuery,
  grnMetricsReply,
  grnNoticeSchema,
  grnNoticesQuery,
  grnNoticesReply,
  grnPlatformsReply,
  grnRejectBody,
  grnReviewBody,
  grnSendNoticeBody,
  grnSendNoticeReply,
} from './green-channel.types.ts';

const TAGS = ['green-channel'];

interface ActionRoute {
  action: Exclude<GrnAction, 'sendNotice'>;
  body: z.ZodType;
  permission: Permission;
  summary: string;
}

const ACTION_ROUTES: readonly ActionRoute[] = [
  {
    action: 'review',
    body: grnReviewBody,
    permission: 'green_channel.review',
    summary: '审核通过 by the market-regulation officer: submitted → reviewed',
  },
  {
    action: 'reject',
    body: grnRejectBody,
    permission: 'green_channel.review',
    summary: '不予受理 with a reason, by the officer',
  },
  {
    action: 'answer',
    body: grnAnswerBody,
    permission: 'green_channel.answer',
    summary: 'The platform’s answer (waived / reduced / refused): notice_sent → answered',
  },
  {
    action: 'close',
    body: grnCloseBody,
    permission: 'green_channel.read',
    summary: 'Close an answered claim (the rider or the officer)',
  },
];

/** Weather-delay green channel 申诉“绿色通道”. Coarse checks here, policy in the service. */
export function greenChannelRoutes(deps: PlatformDeps, svc?: GreenChannelService): FastifyPluginAsyncZod {
  const service = svc ?? createGreenChannelService(deps);
  return async (app) => {
    app.get(
      '/green-channel/platforms',
      {
        onRequest: requirePermission('green_channel.read'),
        schema: {
          operationId: 'greenChannel.platforms',
          tags: TAGS,
          summary: 'Platform companies a claim or a notice can be addressed to',
          response: { 200: grnPlatformsReply },
        },
      },
      async () => service.platforms(),
    );

    app.post(
      '/green-channel/claims',
      {
        onRequest: requirePermission('green_channel.file'),
        schema: {
          operationId: 'greenChannel.file',
          tags: TAGS,
          summary: 'A rider files a claim against a platform fine for a weather-caused delay',
          body: grnCreateClaimBody,
          response: { 201: grnClaimDetailSchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await service.fileClaim(actorOf(req), metaOf(req), req.body)),
    );

    app.get(
      '/green-channel/claims',
      {
        onRequest: requirePermission('green_channel.read'),
        schema: {
          operationId: 'greenChannel.list',
          tags: TAGS,
          summary: 'Claims within the actor’s reach (own, area, or addressed to their platform)',
          querystring: grnClaimsQuery,
          response: { 200: grnClaimsReply },
        },
      },
      async (req) => service.list(actorOf(req), req.query),
    );

    app.get(
      '/green-channel/claims/:id',
      {
        onRequest: requirePermission('green_channel.read'),
        schema: {
          operationId: 'greenChannel.get',
          tags: TAGS,
          summary: 'One claim with alerts in force, notice, answer, timeline and the actor’s actions',
          params: grnIdParams,
          response: { 200: grnClaimDetailSchema },
        },
      },
      async (req) => service.get(actorOf(req), req.params.id),
    );

    for (const r of ACTION_ROUTES)
      app.post(
        `/green-channel/claims/:id/${r.action}`,
        {
          onRequest: requirePermission(r.permission),
          schema: {
            operationId: `greenChannel.${r.action}`,
            tags: TAGS,
            summary: r.summary,
            params: grnIdParams,
            body: r.body,
            response: { 200: grnClaimDetailSchema },
          },
        },
        async (req) =>
          service.act(actorOf(req), metaOf(req), req.params.id, r.action, (req.body ?? {}) as object),
      );

    app.get(
      '/green-channel/notices',
      {
        onRequest: requirePermission('green_channel.read'),
        schema: {
          operationId: 'greenChannel.notices',
          tags: TAGS,
          summary: 'Register of 暖心提示 sent (the area’s, or those addressed to the actor’s platform)',
          querystring: grnNoticesQuery,
          response: { 200: grnNoticesReply },
        },
      },
      async (req) => service.listNotices(actorOf(req), req.query),
    );

    app.get(
      '/green-channel/notices/:id',
      {
        onRequest: requirePermission('green_channel.read'),
        schema: {
          operationId: 'greenChannel.notice',
          tags: TAGS,
          summary: 'One 暖心提示 with its linked claims and their answers',
          params: grnIdParams,
          response: { 200: grnNoticeSchema },
        },
      },
      async (req) => service.getNotice(actorOf(req), req.params.id),
    );

    app.post(
      '/green-channel/notices',
      {
        onRequest: requirePermission('green_channel.review'),
        schema: {
          operationId: 'greenChannel.sendNotice',
          tags: TAGS,
          summary:
            'Send a 暖心提示: about reviewed claims to their platform, or district-wide (no claims) to platforms',
          body: grnSendNoticeBody,
          response: { 201: grnSendNoticeReply },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await service.sendNotice(actorOf(req), metaOf(req), req.body)),
    );

    app.get(
      '/green-channel/alerts',
      {
        onRequest: requirePermission('green_channel.read'),
        schema: {
          operationId: 'greenChannel.alerts',
          tags: TAGS,
          summary: 'Weather alerts recorded, by region and/or in force at an instant',
          querystring: grnAlertsQuery,
          response: { 200: grnAlertsReply },
        },
      },
      async (req) => service.listAlerts(req.query),
    );

    app.post(
      '/green-channel/alerts',
      {
        onRequest: requirePermission('green_channel.alerts'),
        schema: {
          operationId: 'greenChannel.recordAlert',
          tags: TAGS,
          summary: 'Record a weather alert for a county (or the city) in the actor’s area',
          body: grnCreateAlertBody,
          response: { 201: grnAlertSchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await service.recordAlert(actorOf(req), metaOf(req), req.body)),
    );

    app.get(
      '/green-channel/metrics',
      {
        onRequest: requirePermission('green_channel.metrics'),
        schema: {
          operationId: 'greenChannel.metrics',
          tags: TAGS,
          summary: 'Per platform: notices, answers, median response hours, outcomes, fines waived',
          querystring: grnMetricsQuery,
          response: { 200: grnMetricsReply },
        },
      },
      async (req) => service.metrics(actorOf(req), req.query),
    );
  };
}
