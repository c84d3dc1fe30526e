import {
  cancelMealOrderBody,
  copyMealDayBody,
  copyMealDayReply,
  createMealOrderBody,
  mealBoardQuery,
  mealBoardReply,
  mealDayQuery,
  mealDayReply,
  mealMenuIdParams,
  mealMenuSchema,
  mealOrderIdParams,
  mealOrderSchema,
  mealSalesQuery,
  mealSalesReply,
  mealSlotSchema,
  myMealOrdersReply,
  putMealMenuBody,
  stationMealMenuParams,
  stationMealsParams,
  stationMealsReply,
} from '@nuanxin/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf, requireAuth, requirePermission, requireStaff } from '../../platform/auth/plugin.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { createMealsService, type MealsService } from './meals.service.ts';

const idempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(100).optional() });

/**
 * Meals 餐食 (HUB-02, CAN-01, CAN-02; docs/meals.md, docs/contract-hub-canteen.md). Menus are
 * public once published; workers order for themselves, keepers take counter orders, run the orders
 * board and serve; managers and keepers edit menus; console readers see the tallies.
 */
export function mealsRoutes(deps: PlatformDeps, svc?: MealsService): FastifyPluginAsyncZod {
  const service = svc ?? createMealsService(deps);
  const tags = ['meals'];
  return async (app) => {
    app.get(
      '/stations/:id/meals',
      {
        schema: {
          operationId: 'meals.stationMeals',
          tags,
          summary: 'Public: today’s and tomorrow’s published menus of a station, with free seats per slot',
          params: stationMealsParams,
          response: { 200: stationMealsReply },
        },
      },
      async (req) => service.stationMeals(req.actor, req.params.id),
    );

    app.get(
      '/meal-menus/:menuId/slots',
      {
        schema: {
          operationId: 'meals.menuSlots',
          tags,
          summary: 'Public: seats taken and free per 30-minute slot of a published menu',
          params: mealMenuIdParams,
          response: { 200: z.object({ items: z.array(mealSlotSchema) }) },
        },
      },
      async (req) => ({ items: await service.menuSlots(req.actor, req.params.menuId) }),
    );

    app.get(
      '/stations/:id/meal-menus',
      {
        onRequest: requireStaff,
        schema: {
          operationId: 'meals.dayMenus',
          tags,
          summary: 'Console: a day’s menus of a station, unpublished ones included (read or keep)',
          params: stationMealsParams,
          querystring: mealDayQuery,
          response: { 200: mealDayReply },
        },
      },
      async (req) => service.day(actorOf(req), req.params.id, req.query.date),
    );

    app.put(
      '/stations/:id/meal-menus/:date/:period',
      {
        onRequest: requireStaff,
        schema: {
          operationId: 'meals.putMenu',
          tags,
          summary:
            'Managers and keepers: create or replace one period’s menu of a day; `version` as read, 0 for new (409 meals.conflict)',
          params: stationMealMenuParams,
          body: putMealMenuBody,
          response: { 200: mealMenuSchema },
        },
      },
      async (req) =>
        service.putMenu(
          actorOf(req),
          metaOf(req),
          req.params.id,
          req.params.date,
          req.params.period,
          req.body,
        ),
    );

    app.post(
      '/stations/:id/meal-menus/copy',
      {
        onRequest: requireStaff,
        schema: {
          operationId: 'meals.copyDay',
          tags,
          summary:
            'Managers and keepers: copy a day’s menus to another day (unpublished); periods it has are skipped',
          params: stationMealsParams,
          body: copyMealDayBody,
          response: { 200: copyMealDayReply },
        },
      },
      async (req) => service.copyDay(actorOf(req), metaOf(req), req.params.id, req.body),
    );

    app.post(
      '/meal-menus/:menuId/orders',
      {
        onRequest: requireAuth,
        schema: {
          operationId: 'meals.placeOrder',
          tags,
          summary:
            'Worker: order for oneself; keeper: counter order for a walk-in customer. 201 new, 200 for a repeated Idempotency-Key; 409 meals.slot_full / meals.sold_out / meals.menu_closed',
          params: mealMenuIdParams,
          headers: idempotencyHeaders,
          body: createMealOrderBody,
          response: { 200: mealOrderSchema, 201: mealOrderSchema },
        },
      },
      async (req, reply) => {
        const r = await service.placeOrder(
          actorOf(req),
          metaOf(req),
          req.params.menuId,
          req.body,
          req.headers['idempotency-key'],
        );
        return reply.status(r.created ? 201 : 200).send(r.order);
      },
    );

    app.get(
      '/me/meal-orders',
      {
        onRequest: requirePermission('stations.checkin'),
        schema: {
          operationId: 'meals.myOrders',
          tags,
          summary: 'Worker: my orders of the last 30 days and ahead',
          response: { 200: myMealOrdersReply },
        },
      },
      async (req) => service.myOrders(actorOf(req)),
    );

    app.get(
      '/meal-orders/:id',
      {
        onRequest: requireAuth,
        schema: {
          operationId: 'meals.getOrder',
          tags,
          summary: 'An order: one’s own, or any of a station one reads or keeps (else 404)',
          params: mealOrderIdParams,
          response: { 200: mealOrderSchema },
        },
      },
      async (req) => service.getOrder(actorOf(req), req.params.id),
    );

    app.post(
      '/meal-orders/:id/cancel',
      {
        onRequest: requireAuth,
        schema: {
          operationId: 'meals.cancelOrder',
          tags,
          summary:
            'Cancel a placed order (own, or as keeper): portions back, the pending charge void; 409 meals.already_paid',
          params: mealOrderIdParams,
          body: cancelMealOrderBody,
          response: { 200: mealOrderSchema },
        },
      },
      async (req) => service.cancel(actorOf(req), metaOf(req), req.params.id, req.body.reason),
    );

    app.post(
      '/meal-orders/:id/serve',
      {
        onRequest: requireStaff,
        schema: {
          operationId: 'meals.serveOrder',
          tags,
          summary: 'Keeper: a paid order is served (eat-in) or collected (take-away); 409 meals.not_paid',
          params: mealOrderIdParams,
          response: { 200: mealOrderSchema },
        },
      },
      async (req) => service.serve(actorOf(req), metaOf(req), req.params.id),
    );

    app.get(
      '/stations/:id/meal-orders',
      {
        onRequest: requireStaff,
        schema: {
          operationId: 'meals.board',
          tags,
          summary: 'Console: the orders board of a day (by period and slot) with seats taken per slot',
          params: stationMealsParams,
          querystring: mealBoardQuery,
          response: { 200: mealBoardReply },
        },
      },
      async (req) => service.board(actorOf(req), req.params.id, req.query),
    );

    app.get(
      '/stations/:id/meal-sales',
      {
        onRequest: requireStaff,
        schema: {
          operationId: 'meals.sales',
          tags,
          summary: 'Console: set meals and portions sold per day and customer category (CAN-02)',
          params: stationMealsParams,
          querystring: mealSalesQuery,
          response: { 200: mealSalesReply },
        },
      },
      async (req) => service.sales(actorOf(req), req.params.id, req.query),
    );
  };
}
