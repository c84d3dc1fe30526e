import {
  createParkingZoneBody,
  managedParkingZonesQuery,
  managedParkingZonesReply,
  parkingZoneIdParams,
  parkingZoneRegionsReply,
  parkingZoneSchema,
  parkingZonesQuery,
  parkingZonesReply,
  updateParkingZoneBody,
} from '@nuanxin/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, metaOf, requirePermission } from '../../platform/auth/plugin.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { createParkingZonesService, type ParkingZonesService } from './stations.parking.service.ts';

/**
 * E-bike parking zones 专属停放区 (POS-11, docs/contract-stations.md). The map list is public;
 * staff with `parking_zones.manage` add and edit zones in their regions (scope in the service).
 */
export function parkingZonesRoutes(deps: PlatformDeps, svc?: ParkingZonesService): FastifyPluginAsyncZod {
  const service = svc ?? createParkingZonesService(deps);
  const manage = requirePermission('parking_zones.manage');
  const tags = ['stations'];
  return async (app) => {
    app.get(
      '/parking-zones',
      {
        schema: {
          operationId: 'stations.parkingZones',
          tags,
          summary:
            'Public: parking zones planned or in place, by bbox or around lat/lng within radius (nearest first)',
          querystring: parkingZonesQuery,
          response: { 200: parkingZonesReply },
        },
      },
      async (req) => service.publicList(req.query),
    );

    app.get(
      '/parking-zones/managed',
      {
        onRequest: manage,
        schema: {
          operationId: 'stations.managedParkingZones',
          tags,
          summary: 'Zones in the actor’s regions, removed ones included, newest change first',
          querystring: managedParkingZonesQuery,
          response: { 200: managedParkingZonesReply },
        },
      },
      async (req) => service.listManaged(actorOf(req), req.query),
    );

    app.get(
      '/parking-zones/regions',
      {
        onRequest: manage,
        schema: {
          operationId: 'stations.parkingZoneRegions',
          tags,
          summary: 'Counties and townships the actor may place zones in',
          response: { 200: parkingZoneRegionsReply },
        },
      },
      async (req) => service.regions(actorOf(req)),
    );

    app.post(
      '/parking-zones',
      {
        onRequest: manage,
        schema: {
          operationId: 'stations.createParkingZone',
          tags,
          summary: 'Add a zone in one of the actor’s regions (location in WGS-84 or GCJ-02)',
          body: createParkingZoneBody,
          response: { 201: parkingZoneSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await service.create(actorOf(req), metaOf(req), req.body)),
    );

    app.patch(
      '/parking-zones/:id',
      {
        onRequest: manage,
        schema: {
          operationId: 'stations.updateParkingZone',
          tags,
          summary: 'Edit a zone of the actor’s regions; `version` as read (409 parking_zone.conflict)',
          params: parkingZoneIdParams,
          body: updateParkingZoneBody,
          response: { 200: parkingZoneSchema },
        },
      },
      async (req) => service.update(actorOf(req), metaOf(req), req.params.id, req.body),
    );
  };
}
