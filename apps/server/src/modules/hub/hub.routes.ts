import {
  createHubBayBody,
  createHubBookingBody,
  createHubCameraBody,
  createHubRoomBody,
  hubBayParams,
  hubBedParams,
  hubBoardQuery,
  hubBoardReply,
  hubBookingParams,
  hubBookingSchema,
  hubBookingsReply,
  hubCameraParams,
  hubOfferQuery,
  hubOfferReply,
  hubRoomParams,
  hubSetupReply,
  hubSnapshotQuery,
  hubStationParams,
  hubTvQuery,
  hubTvReply,
  type Permission,
  updateHubBayBody,
  updateHubBedBody,
  updateHubCameraBody,
  updateHubRoomBody,
  updateHubTariffBody,
} from '@nuanxin/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf, requireAuth, requirePermission } from '../../platform/auth/plugin.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { forbidden } from '../../platform/http/errors.ts';
import { createHubService, type HubService } from './hub.service.ts';

const tags = ['hub'];
const idempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(100).optional() });
/** Reachable without sign-in (the room TV, the demo picture). */
const PUBLIC = { allowDuringTotpEnrolment: true } as const;

function requireAny(...permissions: Permission[]) {
  return async (req: FastifyRequest): Promise<void> => {
    const actor = actorOf(req);
    if (!permissions.some((p) => actor.permissions.has(p)))
      throw forbidden(`Missing permission ${permissions.join(' or ')}`);
  };
}

/** 暖心之家 lodging, truck bays and cameras (docs/hub.md). Coarse checks here, scope in the service. */
export function hubRoutes(deps: PlatformDeps, svc?: HubService): FastifyPluginAsyncZod {
  const service = svc ?? createHubService(deps);
  const staffRead = requireAny('stations.read', 'stations.keep', 'stations.manage');
  const keep = requireAny('stations.keep', 'stations.manage');
  const manage = requirePermission('stations.manage');
  return async (app) => {
    // ---- setup (console) --------------------------------------------------------------------

    app.get(
      '/stations/:id/hub/setup',
      {
        onRequest: staffRead,
        schema: {
          operationId: 'hub.setup',
          tags,
          summary: 'Rooms with beds, truck bays, cameras and tariff of a station (readers and keepers)',
          params: hubStationParams,
          response: { 200: hubSetupReply },
        },
      },
      async (req) => service.setup(actorOf(req), req.params.id),
    );

    app.post(
      '/stations/:id/hub/rooms',
      {
        onRequest: manage,
        schema: {
          operationId: 'hub.createRoom',
          tags,
          summary: 'Add a room with its beds (managers); answers the setup',
          params: hubStationParams,
          body: createHubRoomBody,
          response: { 201: hubSetupReply },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await service.createRoom(actorOf(req), metaOf(req), req.params.id, req.body)),
    );

    app.patch(
      '/hub/rooms/:roomId',
      {
        onRequest: manage,
        schema: {
          operationId: 'hub.updateRoom',
          tags,
          summary: 'Edit a room, add beds, take it out of service or issue a new TV key (`version`)',
          params: hubRoomParams,
          body: updateHubRoomBody,
          response: { 200: hubSetupReply },
        },
      },
      async (req) => service.updateRoom(actorOf(req), metaOf(req), req.params.roomId, req.body),
    );

    app.patch(
      '/hub/beds/:bedId',
      {
        onRequest: manage,
        schema: {
          operationId: 'hub.updateBed',
          tags,
          summary: 'Put a bed in or out of service',
          params: hubBedParams,
          body: updateHubBedBody,
          response: { 200: hubSetupReply },
        },
      },
      async (req) => service.updateBed(actorOf(req), metaOf(req), req.params.bedId, req.body.status),
    );

    app.post(
      '/stations/:id/hub/cameras',
      {
        onRequest: manage,
        schema: {
          operationId: 'hub.createCamera',
          tags,
          summary: 'Register a camera (stream and snapshot addresses http(s) only)',
          params: hubStationParams,
          body: createHubCameraBody,
          response: { 201: hubSetupReply },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await service.createCamera(actorOf(req), metaOf(req), req.params.id, req.body)),
    );

    app.patch(
      '/hub/cameras/:cameraId',
      {
        onRequest: manage,
        schema: {
          operationId: 'hub.updateCamera',
          tags,
          summary: 'Edit a camera (`version`)',
          params: hubCameraParams,
          body: updateHubCameraBody,
          response: { 200: hubSetupReply },
        },
      },
      async (req) => service.updateCamera(actorOf(req), metaOf(req), req.params.cameraId, req.body),
    );

    app.post(
      '/stations/:id/hub/bays',
      {
        onRequest: manage,
        schema: {
          operationId: 'hub.createBay',
          tags,
          summary: 'Add a truck bay, optionally watched by a camera of the station',
          params: hubStationParams,
          body: createHubBayBody,
          response: { 201: hubSetupReply },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await service.createBay(actorOf(req), metaOf(req), req.params.id, req.body)),
    );

    app.patch(
      '/hub/bays/:bayId',
      {
        onRequest: manage,
        schema: {
          operationId: 'hub.updateBay',
          tags,
          summary: 'Edit a truck bay: length, camera, service status (`version`)',
          params: hubBayParams,
          body: updateHubBayBody,
          response: { 200: hubSetupReply },
        },
      },
      async (req) => service.updateBay(actorOf(req), metaOf(req), req.params.bayId, req.body),
    );

    app.put(
      '/stations/:id/hub/tariff',
      {
        onRequest: manage,
        schema: {
          operationId: 'hub.updateTariff',
          tags,
          summary:
            'Prices per night in fen: own bedding (default 100), without bedding, truck bay (`version`)',
          params: hubStationParams,
          body: updateHubTariffBody,
          response: { 200: hubSetupReply },
        },
      },
      async (req) => service.updateTariff(actorOf(req), metaOf(req), req.params.id, req.body),
    );

    // ---- worker -----------------------------------------------------------------------------

    app.get(
      '/stations/:id/hub/offer',
      {
        onRequest: requirePermission('stations.checkin'),
        schema: {
          operationId: 'hub.offer',
          tags,
          summary: 'Tariff and free beds and bays per night for a stay; 404 hub.not_offered without lodging',
          params: hubStationParams,
          querystring: hubOfferQuery,
          response: { 200: hubOfferReply },
        },
      },
      async (req) => service.offer(actorOf(req), req.params.id, req.query),
    );

    app.post(
      '/stations/:id/hub/bookings',
      {
        onRequest: requirePermission('stations.checkin'),
        schema: {
          operationId: 'hub.createBooking',
          tags,
          summary:
            'Book a bed (any free one unless named) and optionally a truck bay, 1–7 nights from today or within 14 days; 201 new, 200 for a repeated Idempotency-Key; 409 hub.bed_taken / hub.bay_taken / hub.full',
          params: hubStationParams,
          headers: idempotencyHeaders,
          body: createHubBookingBody,
          response: { 200: hubBookingSchema, 201: hubBookingSchema },
        },
      },
      async (req, reply) => {
        const r = await service.book(
          actorOf(req),
          metaOf(req),
          req.params.id,
          req.body,
          req.headers['idempotency-key'],
        );
        return reply.status(r.created ? 201 : 200).send(r.booking);
      },
    );

    app.get(
      '/me/hub-bookings',
      {
        onRequest: requirePermission('stations.checkin'),
        schema: {
          operationId: 'hub.myBookings',
          tags,
          summary: 'The signed-in worker’s bookings, latest stay first',
          response: { 200: hubBookingsReply },
        },
      },
      async (req) => service.mine(actorOf(req)),
    );

    app.get(
      '/hub/bookings/:bookingId',
      {
        onRequest: requireAuth,
        schema: {
          operationId: 'hub.getBooking',
          tags,
          summary: 'A booking: its guest, or readers and keepers of the station; 404 for anyone else',
          params: hubBookingParams,
          response: { 200: hubBookingSchema },
        },
      },
      async (req) => service.getBooking(actorOf(req), req.params.bookingId),
    );

    app.post(
      '/hub/bookings/:bookingId/cancel',
      {
        onRequest: requireAuth,
        schema: {
          operationId: 'hub.cancelBooking',
          tags,
          summary: 'Cancel before check-in (the guest or a keeper); voids the pending charge',
          params: hubBookingParams,
          response: { 200: hubBookingSchema },
        },
      },
      async (req) => service.cancel(actorOf(req), metaOf(req), req.params.bookingId),
    );

    // ---- keepers ----------------------------------------------------------------------------

    app.post(
      '/hub/bookings/:bookingId/check-in',
      {
        onRequest: keep,
        schema: {
          operationId: 'hub.checkIn',
          tags,
          summary: 'Keeper: the guest arrived (on or after the first night)',
          params: hubBookingParams,
          response: { 200: hubBookingSchema },
        },
      },
      async (req) => service.checkIn(actorOf(req), metaOf(req), req.params.bookingId),
    );

    app.post(
      '/hub/bookings/:bookingId/check-out',
      {
        onRequest: keep,
        schema: {
          operationId: 'hub.checkOut',
          tags,
          summary: 'Keeper: the guest left; bed and bay are free again',
          params: hubBookingParams,
          response: { 200: hubBookingSchema },
        },
      },
      async (req) => service.checkOut(actorOf(req), metaOf(req), req.params.bookingId),
    );

    app.post(
      '/hub/bookings/:bookingId/no-show',
      {
        onRequest: keep,
        schema: {
          operationId: 'hub.noShow',
          tags,
          summary: 'Keeper: the guest did not come (from the first night on); bed and bay are released',
          params: hubBookingParams,
          response: { 200: hubBookingSchema },
        },
      },
      async (req) => service.noShow(actorOf(req), metaOf(req), req.params.bookingId),
    );

    app.get(
      '/stations/:id/hub/board',
      {
        onRequest: staffRead,
        schema: {
          operationId: 'hub.board',
          tags,
          summary: 'Bookings board: beds and bays of the night (free/booked/occupied), arrivals, departures',
          params: hubStationParams,
          querystring: hubBoardQuery,
          response: { 200: hubBoardReply },
        },
      },
      async (req) => service.board(actorOf(req), req.params.id, req.query.date),
    );

    // ---- room TV and camera pictures --------------------------------------------------------

    app.get(
      '/hub/tv/:roomId',
      {
        config: PUBLIC,
        schema: {
          operationId: 'hub.tv',
          tags,
          summary:
            'Room TV page data (no sign-in, the room’s key `k`): the guest’s bay camera or the station’s cameras',
          params: hubRoomParams,
          querystring: hubTvQuery,
          response: { 200: hubTvReply },
        },
      },
      async (req) => service.tv(req.params.roomId, req.query.k),
    );

    app.get(
      '/hub/cameras/:cameraId/placeholder',
      {
        config: PUBLIC,
        schema: {
          operationId: 'hub.cameraPlaceholder',
          tags,
          summary: 'Demo camera picture (generated SVG, no personal data)',
          params: hubCameraParams,
        },
      },
      async (req, reply) => {
        const svg = await service.placeholder(req.params.cameraId);
        return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'no-store').send(svg);
      },
    );

    app.get(
      '/hub/cameras/:cameraId/snapshot',
      {
        config: PUBLIC,
        schema: {
          operationId: 'hub.cameraSnapshot',
          tags,
          summary:
            'The camera’s current picture through the server: station staff, a guest whose bay it watches, or a room TV key `k`; 404 otherwise',
          params: hubCameraParams,
          querystring: hubSnapshotQuery,
        },
      },
      async (req, reply) => {
        const s = await service.snapshot(req.actor, req.params.cameraId, req.query.k);
        return reply
          .type(s.type)
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
          .send(s.body);
      },
    );
  };
}
