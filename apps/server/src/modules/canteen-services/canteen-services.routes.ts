import {
  canteenServicesIdParams,
  childcareAttendanceBody,
  childcareRegistrationSchema,
  childcareRegistrationsReply,
  childcareSessionSchema,
  childcareSessionsQuery,
  childcareSessionsReply,
  createChildcareSessionBody,
  createProxyRequestBody,
  myCanteenServicesReply,
  proxyRequestSchema,
  proxyRequestsQuery,
  proxyRequestsReply,
  proxyTransitionBody,
  registerChildBody,
  updateChildcareSessionBody,
} from '@nuanxin/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf, requireAuth, requirePermission } from '../../platform/auth/plugin.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { type CanteenServicesService, createCanteenServicesService } from './canteen-services.service.ts';

const idempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(100).optional() });

/**
 * 政务代办 and 节假日托幼 (docs/canteen-services.md). Coarse checks here; the service decides by
 * the station's access (read, keep, manage) and ownership (another's record → 404).
 */
export function canteenServicesRoutes(
  deps: PlatformDeps,
  svc?: CanteenServicesService,
): FastifyPluginAsyncZod {
  const service = svc ?? createCanteenServicesService(deps);
  const tags = ['canteen-services'];
  return async (app) => {
    // ---- 政务代办 --------------------------------------------------------------------------------
    app.post(
      '/stations/:id/proxy-requests',
      {
        onRequest: requireAuth,
        schema: {
          operationId: 'canteenServices.fileProxyRequest',
          tags,
          summary:
            'A worker files a 政务代办 request for themself, or a keeper for a walk-in resident (`resident`); 201 new, 200 for a repeated Idempotency-Key; 409 proxy.not_offered',
          params: canteenServicesIdParams,
          headers: idempotencyHeaders,
          body: createProxyRequestBody,
          response: { 200: proxyRequestSchema, 201: proxyRequestSchema },
        },
      },
      async (req, reply) => {
        const r = await service.fileProxy(
          actorOf(req),
          metaOf(req),
          req.params.id,
          req.body,
          req.headers['idempotency-key'],
        );
        return reply.status(r.created ? 201 : 200).send(r.request);
      },
    );

    app.get(
      '/stations/:id/proxy-requests',
      {
        onRequest: requirePermission('stations.read'),
        schema: {
          operationId: 'canteenServices.proxyBoard',
          tags,
          summary: 'The station’s 政务代办 requests, newest first, with counts by state (keepers and staff)',
          params: canteenServicesIdParams,
          querystring: proxyRequestsQuery,
          response: { 200: proxyRequestsReply },
        },
      },
      async (req) => service.proxyBoard(actorOf(req), req.params.id, req.query),
    );

    app.get(
      '/proxy-requests/:id',
      {
        onRequest: requireAuth,
        schema: {
          operationId: 'canteenServices.getProxyRequest',
          tags,
          summary: 'One request with its history: the requester, or the station’s keepers and staff',
          params: canteenServicesIdParams,
          response: { 200: proxyRequestSchema },
        },
      },
      async (req) => service.getProxy(actorOf(req), req.params.id),
    );

    app.post(
      '/proxy-requests/:id/transitions',
      {
        onRequest: requirePermission('stations.read'),
        schema: {
          operationId: 'canteenServices.moveProxyRequest',
          tags,
          summary:
            'Keepers and managers: take, complete, return or reject (reason) along the transition table; 409 proxy.transition_invalid',
          params: canteenServicesIdParams,
          body: proxyTransitionBody,
          response: { 200: proxyRequestSchema },
        },
      },
      async (req) => service.transition(actorOf(req), metaOf(req), req.params.id, req.body),
    );

    app.get(
      '/me/canteen-services',
      {
        onRequest: requireAuth,
        schema: {
          operationId: 'canteenServices.mine',
          tags,
          summary: 'The actor’s own 政务代办 requests and childcare registrations, newest first',
          response: { 200: myCanteenServicesReply },
        },
      },
      async (req) => service.mine(actorOf(req)),
    );

    // ---- 节假日托幼 ---------------------------------------------------------------------------------
    app.get(
      '/stations/:id/childcare-sessions',
      {
        onRequest: requireAuth,
        schema: {
          operationId: 'canteenServices.sessions',
          tags,
          summary:
            'Upcoming open childcare sessions with free places; `all=true` (keepers and staff) adds past and cancelled ones',
          params: canteenServicesIdParams,
          querystring: childcareSessionsQuery,
          response: { 200: childcareSessionsReply },
        },
      },
      async (req) => service.sessions(actorOf(req), req.params.id, req.query.all),
    );

    app.post(
      '/stations/:id/childcare-sessions',
      {
        onRequest: requirePermission('stations.manage'),
        schema: {
          operationId: 'canteenServices.createSession',
          tags,
          summary: 'Managers: a childcare session (date, start/end, capacity, age range, note)',
          params: canteenServicesIdParams,
          body: createChildcareSessionBody,
          response: { 201: childcareSessionSchema },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await service.createSession(actorOf(req), metaOf(req), req.params.id, req.body)),
    );

    app.patch(
      '/childcare-sessions/:id',
      {
        onRequest: requirePermission('stations.manage'),
        schema: {
          operationId: 'canteenServices.updateSession',
          tags,
          summary: 'Managers: change a session (`version` required; 409 childcare.conflict)',
          params: canteenServicesIdParams,
          body: updateChildcareSessionBody,
          response: { 200: childcareSessionSchema },
        },
      },
      async (req) => service.updateSession(actorOf(req), metaOf(req), req.params.id, req.body),
    );

    app.post(
      '/childcare-sessions/:id/cancel',
      {
        onRequest: requirePermission('stations.manage'),
        schema: {
          operationId: 'canteenServices.cancelSession',
          tags,
          summary: 'Managers: cancel a session and its registrations (the parents are notified)',
          params: canteenServicesIdParams,
          response: { 200: childcareSessionSchema },
        },
      },
      async (req) => service.cancelSession(actorOf(req), metaOf(req), req.params.id),
    );

    app.get(
      '/childcare-sessions/:id/registrations',
      {
        onRequest: requirePermission('stations.read'),
        schema: {
          operationId: 'canteenServices.registrations',
          tags,
          summary: 'Keepers and staff: the children registered for a session (phones masked)',
          params: canteenServicesIdParams,
          response: { 200: childcareRegistrationsReply },
        },
      },
      async (req) => service.registrations(actorOf(req), req.params.id),
    );

    app.post(
      '/childcare-sessions/:id/registrations',
      {
        onRequest: requirePermission('stations.checkin'),
        schema: {
          operationId: 'canteenServices.register',
          tags,
          summary:
            'A parent (worker) registers a child; 201 new, 200 for a repeated Idempotency-Key; 409 childcare.full, 400 childcare.age_out_of_range',
          params: canteenServicesIdParams,
          headers: idempotencyHeaders,
          body: registerChildBody,
          response: { 200: childcareRegistrationSchema, 201: childcareRegistrationSchema },
        },
      },
      async (req, reply) => {
        const r = await service.register(
          actorOf(req),
          metaOf(req),
          req.params.id,
          req.body,
          req.headers['idempotency-key'],
        );
        return reply.status(r.created ? 201 : 200).send(r.registration);
      },
    );

    app.post(
      '/childcare-registrations/:id/cancel',
      {
        onRequest: requireAuth,
        schema: {
          operationId: 'canteenServices.cancelRegistration',
          tags,
          summary: 'The parent cancels until the session starts (409 childcare.started)',
          params: canteenServicesIdParams,
          response: { 200: childcareRegistrationSchema },
        },
      },
      async (req) => service.cancelRegistration(actorOf(req), metaOf(req), req.params.id),
    );

    app.post(
      '/childcare-registrations/:id/attendance',
      {
        onRequest: requirePermission('stations.read'),
        schema: {
          operationId: 'canteenServices.markAttendance',
          tags,
          summary: 'Keepers: mark a child as come, or back to registered, from the session’s day on',
          params: canteenServicesIdParams,
          body: childcareAttendanceBody,
          response: { 200: childcareRegistrationSchema },
        },
      },
      async (req) => service.markAttendance(actorOf(req), metaOf(req), req.params.id, req.body.attended),
    );
  };
}
