import {
  assignDeliveryBody,
  beneficiariesQuery,
  beneficiariesReply,
  beneficiaryIdParams,
  beneficiarySchema,
  cancelDeliveryBody,
  createBeneficiaryBody,
  createDeliveryBody,
  deliverBody,
  deliveriesQuery,
  deliveriesReply,
  deliveryIdParams,
  deliveryPlacesReply,
  deliveryRidersReply,
  deliverySchema,
  myDeliveriesReply,
  myDeliverySchema,
  offersQuery,
  offersReply,
  revealBody,
  revealReply,
  setVolunteerBody,
  updateBeneficiaryBody,
  volunteerSchema,
} from '@nuanxin/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, metaOf, requirePermission } from '../../platform/auth/plugin.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { residentRoutes } from './deliveries.resident.routes.ts';
import { createDeliveriesService, type DeliveriesService } from './deliveries.service.ts';

/**
 * Home meal delivery 送餐上门 (CAN-05, docs/deliveries.md). Community staff (`deliveries.manage`)
 * keep the beneficiary register and the requests of their communities; signed-in workers opt in
 * as volunteer riders, see offers near them, claim, pick up, release and deliver with the code.
 */
export function deliveriesRoutes(deps: PlatformDeps, svc?: DeliveriesService): FastifyPluginAsyncZod {
  const service = svc ?? createDeliveriesService(deps);
  const staff = requirePermission('deliveries.manage');
  const rider = requirePermission('stations.checkin');
  const tags = ['deliveries'];
  return async (app) => {
    await app.register(residentRoutes(deps, service));
    // ---- beneficiaries (staff) ----
    app.get(
      '/deliveries/beneficiaries',
      {
        onRequest: staff,
        schema: {
          operationId: 'deliveries.beneficiaries',
          tags,
          summary: 'The beneficiary register of the actor’s communities (phones masked)',
          querystring: beneficiariesQuery,
          response: { 200: beneficiariesReply },
        },
      },
      async (req) => service.listBeneficiaries(actorOf(req), req.query),
    );
    app.post(
      '/deliveries/beneficiaries',
      {
        onRequest: staff,
        schema: {
          operationId: 'deliveries.createBeneficiary',
          tags,
          summary: 'Register a resident of one of the actor’s communities',
          body: createBeneficiaryBody,
          response: { 201: beneficiarySchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await service.createBeneficiary(actorOf(req), metaOf(req), req.body)),
    );
    app.patch(
      '/deliveries/beneficiaries/:id',
      {
        onRequest: staff,
        schema: {
          operationId: 'deliveries.updateBeneficiary',
          tags,
          summary: 'Edit a beneficiary; `version` as read (409 delivery.conflict)',
          params: beneficiaryIdParams,
          body: updateBeneficiaryBody,
          response: { 200: beneficiarySchema },
        },
      },
      async (req) => service.updateBeneficiary(actorOf(req), metaOf(req), req.params.id, req.body),
    );
    app.post(
      '/deliveries/beneficiaries/:id/reveal',
      {
        onRequest: staff,
        schema: {
          operationId: 'deliveries.revealBeneficiary',
          tags,
          summary: 'Show a beneficiary’s full phone number (audited as pii.reveal)',
          params: beneficiaryIdParams,
          body: revealBody,
          response: { 200: revealReply },
        },
      },
      async (req) => service.reveal(actorOf(req), metaOf(req), req.params.id),
    );
    app.get(
      '/deliveries/places',
      {
        onRequest: staff,
        schema: {
          operationId: 'deliveries.places',
          tags,
          summary: 'The actor’s communities and the canteens that cook for home delivery',
          response: { 200: deliveryPlacesReply },
        },
      },
      async (req) => service.places(actorOf(req)),
    );
    app.get(
      '/deliveries/riders',
      {
        onRequest: staff,
        schema: {
          operationId: 'deliveries.riders',
          tags,
          summary: 'Workers who opted in to meal-delivery volunteering (to assign one)',
          response: { 200: deliveryRidersReply },
        },
      },
      async (req) => service.riders(actorOf(req)),
    );

    // ---- requests (staff) ----
    app.get(
      '/deliveries',
      {
        onRequest: staff,
        schema: {
          operationId: 'deliveries.list',
          tags,
          summary: 'Requests of the actor’s communities from a date (default today), by window',
          querystring: deliveriesQuery,
          response: { 200: deliveriesReply },
        },
      },
      async (req) => service.list(actorOf(req), req.query),
    );
    app.post(
      '/deliveries',
      {
        onRequest: staff,
        schema: {
          operationId: 'deliveries.create',
          tags,
          summary: 'File a request for a beneficiary at a canteen within 5 km; a receipt code is made',
          body: createDeliveryBody,
          response: { 201: deliverySchema },
        },
      },
      async (req, reply) => reply.status(201).send(await service.create(actorOf(req), metaOf(req), req.body)),
    );
    for (const [path, operationId, summary, run] of [
      [
        'handle',
        'deliveries.handle',
        'Mark delivered by staff (they carried it, or vouch for the rider)',
        service.handle,
      ],
      [
        'confirm',
        'deliveries.confirm',
        'Confirm receipt: delivered → confirmed (emits meal_delivery.confirmed)',
        service.confirm,
      ],
    ] as const) {
      app.post(
        `/deliveries/:id/${path}`,
        {
          onRequest: staff,
          schema: { operationId, tags, summary, params: deliveryIdParams, response: { 200: deliverySchema } },
        },
        async (req) => run(actorOf(req), metaOf(req), req.params.id),
      );
    }
    app.post(
      '/deliveries/:id/assign',
      {
        onRequest: staff,
        schema: {
          operationId: 'deliveries.assign',
          tags,
          summary: 'Give an open request to a named volunteer rider',
          params: deliveryIdParams,
          body: assignDeliveryBody,
          response: { 200: deliverySchema },
        },
      },
      async (req) => service.assign(actorOf(req), metaOf(req), req.params.id, req.body.riderUserId),
    );
    app.post(
      '/deliveries/:id/cancel',
      {
        onRequest: staff,
        schema: {
          operationId: 'deliveries.cancel',
          tags,
          summary: 'Cancel a request not yet delivered, with a reason',
          params: deliveryIdParams,
          body: cancelDeliveryBody,
          response: { 200: deliverySchema },
        },
      },
      async (req) => service.cancel(actorOf(req), metaOf(req), req.params.id, req.body.reason),
    );

    // ---- riders ----
    app.get(
      '/me/delivery-volunteer',
      {
        onRequest: rider,
        schema: {
          operationId: 'deliveries.myVolunteer',
          tags,
          summary: 'Whether the rider volunteers for 铜河小哥 meal delivery',
          response: { 200: volunteerSchema },
        },
      },
      async (req) => service.volunteer(actorOf(req)),
    );
    app.put(
      '/me/delivery-volunteer',
      {
        onRequest: rider,
        schema: {
          operationId: 'deliveries.setVolunteer',
          tags,
          summary: 'Opt in to or out of meal-delivery volunteering',
          body: setVolunteerBody,
          response: { 200: volunteerSchema },
        },
      },
      async (req) => service.setVolunteer(actorOf(req), metaOf(req), req.body.optedIn),
    );
    app.get(
      '/deliveries/offers',
      {
        onRequest: rider,
        schema: {
          operationId: 'deliveries.offers',
          tags,
          summary: 'Open requests of canteens within 5 km of the rider, by window (street only)',
          querystring: offersQuery,
          response: { 200: offersReply },
        },
      },
      async (req) => service.offers(actorOf(req), req.query),
    );
    app.get(
      '/me/deliveries',
      {
        onRequest: rider,
        schema: {
          operationId: 'deliveries.mine',
          tags,
          summary: 'The rider’s deliveries: under way first, then the last finished',
          response: { 200: myDeliveriesReply },
        },
      },
      async (req) => service.mine(actorOf(req)),
    );
    for (const [path, operationId, summary, run] of [
      [
        'claim',
        'deliveries.claim',
        'Claim an open request (409 delivery.already_claimed if taken)',
        service.claim,
      ],
      ['pickup', 'deliveries.pickup', 'Mark the meal collected at the canteen', service.pickup],
      ['release', 'deliveries.release', 'Give a claimed request back before pickup', service.release],
    ] as const) {
      app.post(
        `/deliveries/:id/${path}`,
        {
          onRequest: rider,
          schema: {
            operationId,
            tags,
            summary,
            params: deliveryIdParams,
            response: { 200: myDeliverySchema },
          },
        },
        async (req) => run(actorOf(req), metaOf(req), req.params.id),
      );
    }
    app.post(
      '/deliveries/:id/deliver',
      {
        onRequest: rider,
        schema: {
          operationId: 'deliveries.deliver',
          tags,
          summary: 'Mark delivered with the resident’s 4-digit code (5 wrong tries lock code entry)',
          params: deliveryIdParams,
          body: deliverBody,
          response: { 200: myDeliverySchema },
        },
      },
      async (req) => service.deliver(actorOf(req), metaOf(req), req.params.id, req.body.code),
    );
  };
}
