import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, metaOf, requirePermission } from '../../platform/auth/plugin.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import {
  candidatesReply,
  coverageReply,
  createRotaBody,
  dutyAssignmentSchema,
  dutyAssignmentsReply,
  dutyIdParams,
  dutyRangeQuery,
  dutyRotaSchema,
  dutyRotasReply,
  dutyShiftSchema,
  dutyShiftsReply,
  okReply,
  shiftBody,
} from './duty.schemas.ts';
import type { DutyService } from './duty.service.ts';

/** 24-hour duty rota 轮值 (APL-08): rotas, shifts, the coverage check, acknowledgement. */
export function dutyRoutes(_deps: PlatformDeps, svc: DutyService): FastifyPluginAsyncZod {
  const read = requirePermission('duty.read');
  const manage = requirePermission('duty.manage');
  const ack = requirePermission('duty.acknowledge');
  const tags = ['duty'];
  return async (app) => {
    app.get(
      '/duty/rotas',
      {
        onRequest: read,
        schema: {
          operationId: 'duty.listRotas',
          tags,
          summary: 'Rotas in my scope',
          response: { 200: dutyRotasReply },
        },
      },
      async (req) => ({ items: await svc.listRotas(actorOf(req)) }),
    );
    app.post(
      '/duty/rotas',
      {
        onRequest: manage,
        schema: {
          operationId: 'duty.createRota',
          tags,
          summary: 'Create a rota for an organisation and region',
          body: createRotaBody,
          response: { 201: dutyRotaSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await svc.createRota(actorOf(req), metaOf(req), req.body)),
    );
    app.get(
      '/duty/rotas/:id/shifts',
      {
        onRequest: read,
        schema: {
          operationId: 'duty.listShifts',
          tags,
          summary: 'Shifts overlapping [from, to)',
          params: dutyIdParams,
          querystring: dutyRangeQuery,
          response: { 200: dutyShiftsReply },
        },
      },
      async (req) => ({
        items: await svc.listShifts(
          actorOf(req),
          req.params.id,
          new Date(req.query.from),
          new Date(req.query.to),
        ),
      }),
    );
    app.get(
      '/duty/rotas/:id/coverage',
      {
        onRequest: read,
        schema: {
          operationId: 'duty.coverage',
          tags,
          summary: 'The "no uncovered hour" check: uncovered intervals of [from, to)',
          params: dutyIdParams,
          querystring: dutyRangeQuery,
          response: { 200: coverageReply },
        },
      },
      async (req) =>
        svc.coverage(actorOf(req), req.params.id, new Date(req.query.from), new Date(req.query.to)),
    );
    app.get(
      '/duty/rotas/:id/candidates',
      {
        onRequest: read,
        schema: {
          operationId: 'duty.candidates',
          tags,
          summary: 'Staff who may stand on the rota (dispatchers, committee and district admins in scope)',
          params: dutyIdParams,
          response: { 200: candidatesReply },
        },
      },
      async (req) => ({ items: await svc.candidates(actorOf(req), req.params.id) }),
    );
    app.post(
      '/duty/rotas/:id/shifts',
      {
        onRequest: manage,
        schema: {
          operationId: 'duty.createShift',
          tags,
          summary: 'Add a shift',
          params: dutyIdParams,
          body: shiftBody,
          response: { 201: dutyShiftSchema },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await svc.createShift(actorOf(req), metaOf(req), req.params.id, req.body)),
    );
    app.put(
      '/duty/shifts/:id',
      {
        onRequest: manage,
        schema: {
          operationId: 'duty.updateShift',
          tags,
          summary: 'Change a shift',
          params: dutyIdParams,
          body: shiftBody,
          response: { 200: dutyShiftSchema },
        },
      },
      async (req) => svc.updateShift(actorOf(req), metaOf(req), req.params.id, req.body),
    );
    app.delete(
      '/duty/shifts/:id',
      {
        onRequest: manage,
        schema: {
          operationId: 'duty.deleteShift',
          tags,
          summary: 'Delete a shift',
          params: dutyIdParams,
          response: { 200: okReply },
        },
      },
      async (req) => svc.deleteShift(actorOf(req), metaOf(req), req.params.id),
    );
    app.get(
      '/duty/assignments/mine',
      {
        onRequest: read,
        schema: {
          operationId: 'duty.mine',
          tags,
          summary: '我的值班: cases awaiting my acknowledgement',
          response: { 200: dutyAssignmentsReply },
        },
      },
      async (req) => ({ items: await svc.mine(actorOf(req)) }),
    );
    app.post(
      '/duty/assignments/:id/acknowledge',
      {
        onRequest: ack,
        schema: {
          operationId: 'duty.acknowledge',
          tags,
          summary: '确认接收: the officer on duty takes the case (only the assignee, once)',
          params: dutyIdParams,
          response: { 200: dutyAssignmentSchema },
        },
      },
      async (req) => svc.acknowledge(actorOf(req), metaOf(req), req.params.id),
    );
  };
}
