import {
  accountsQuery,
  accountsReply,
  confirmPaymentBody,
  createOperatingEntryBody,
  myPaymentsQuery,
  operatingEntryParams,
  operatingEntrySchema,
  paymentIdParams,
  paymentSchema,
  paymentsReply,
  stationIdParams,
  stationPaymentsQuery,
  voidPaymentBody,
} from '@nuanxin/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf, requireAuth } from '../../platform/auth/plugin.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { createPaymentsService, type PaymentsService } from './payments.service.ts';

/**
 * Payments at stations and their operating accounts (HUB-07, CAN-01; docs/contract-hub-canteen.md).
 * Who may act is the station's rule, decided in the service.
 */
export function paymentsRoutes(deps: PlatformDeps, svc?: PaymentsService): FastifyPluginAsyncZod {
  const service = svc ?? createPaymentsService(deps);
  const tags = ['payments'];
  return async (app) => {
    app.get(
      '/stations/:id/payments',
      {
        onRequest: requireAuth,
        schema: {
          operationId: 'payments.listForStation',
          tags,
          summary: 'The station’s charges, newest first (its keepers and console readers)',
          params: stationIdParams,
          querystring: stationPaymentsQuery,
          response: { 200: paymentsReply },
        },
      },
      async (req) => service.listForStation(actorOf(req), req.params.id, req.query),
    );

    app.get(
      '/me/payments',
      {
        onRequest: requireAuth,
        schema: {
          operationId: 'payments.mine',
          tags,
          summary: 'My charges (bookings, orders), newest first',
          querystring: myPaymentsQuery,
          response: { 200: z.object({ items: z.array(paymentSchema) }) },
        },
      },
      async (req) => service.mine(actorOf(req), req.query.limit),
    );

    app.post(
      '/payments/:id/confirm',
      {
        onRequest: requireAuth,
        schema: {
          operationId: 'payments.confirm',
          tags,
          summary: 'Keeper: the payer paid at the counter (cash or the QR code shown)',
          params: paymentIdParams,
          body: confirmPaymentBody,
          response: { 200: paymentSchema },
        },
      },
      async (req) => service.confirm(actorOf(req), metaOf(req), req.params.id, req.body),
    );

    app.post(
      '/payments/:id/void',
      {
        onRequest: requireAuth,
        schema: {
          operationId: 'payments.void',
          tags,
          summary: 'Manager: a pending charge is void (with the reason)',
          params: paymentIdParams,
          body: voidPaymentBody,
          response: { 200: paymentSchema },
        },
      },
      async (req) => service.voidPayment(actorOf(req), metaOf(req), req.params.id, req.body.reason),
    );

    app.get(
      '/stations/:id/accounts',
      {
        onRequest: requireAuth,
        schema: {
          operationId: 'payments.accounts',
          tags,
          summary: 'The station’s operating account for a month: paid services, other income, cost (HUB-07)',
          params: stationIdParams,
          querystring: accountsQuery,
          response: { 200: accountsReply },
        },
      },
      async (req) => service.accounts(actorOf(req), req.params.id, req.query.month),
    );

    app.post(
      '/stations/:id/accounts/entries',
      {
        onRequest: requireAuth,
        schema: {
          operationId: 'payments.addEntry',
          tags,
          summary: 'Manager: add a line (subsidy, fees, charity, capital, cost, welfare discount)',
          params: stationIdParams,
          body: createOperatingEntryBody,
          response: { 201: operatingEntrySchema },
        },
      },
      async (req, reply) => {
        const e = await service.addEntry(actorOf(req), metaOf(req), req.params.id, req.body);
        return reply.status(201).send(e);
      },
    );

    app.delete(
      '/stations/:id/accounts/entries/:entryId',
      {
        onRequest: requireAuth,
        schema: {
          operationId: 'payments.deleteEntry',
          tags,
          summary: 'Manager: remove a line of the current month',
          params: operatingEntryParams,
          response: { 200: z.object({ ok: z.literal(true) }) },
        },
      },
      async (req) => service.deleteEntry(actorOf(req), metaOf(req), req.params.id, req.params.entryId),
    );
  };
}
