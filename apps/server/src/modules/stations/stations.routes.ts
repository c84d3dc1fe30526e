import zlib from 'node:zlib';
import {
  createStationBody,
  createStationServiceTypeBody,
  myStationVisitsQuery,
  myStationVisitsReply,
  type Permission,
  setStationKeepersBody,
  setStationLiveBody,
  setStationPhotosBody,
  setStationServicesBody,
  stationCheckinBody,
  stationCheckinReply,
  stationDetailSchema,
  stationIdParams,
  stationPosterReply,
  stationServiceTypeParams,
  stationServiceTypeSchema,
  stationServiceTypesReply,
  stationsListQuery,
  stationsListReply,
  stationsNearbyQuery,
  stationsNearbyReply,
  stationVisitsSummaryQuery,
  stationVisitsSummaryReply,
  updateStationBody,
  updateStationServiceTypeBody,
} from '@nuanxin/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf, requirePermission } from '../../platform/auth/plugin.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { forbidden } from '../../platform/http/errors.ts';
import { createStationsService, type StationsService } from './stations.service.ts';

/** How long browsers and shared caches may keep the public answers (seconds). */
export const PUBLIC_MAX_AGE = { feed: 60, nearby: 30, detail: 60 } as const;

/**
 * Public answers carry no personal data and may be cached; an answer shaped for a signed-in
 * actor (staff actions, keepers) keeps the app's `no-store`.
 */
function cachePublic(req: FastifyRequest, reply: FastifyReply, maxAge: number): void {
  reply.header('vary', 'Cookie, Authorization');
  if (!req.actor) reply.header('cache-control', `public, max-age=${maxAge}`);
}

/**
 * Sends `body` (already shaped by the service as its response schema says; the tests check the
 * answers against that schema) as JSON without the per-request schema serialiser, gzip-compressed
 * in one call when the client accepts it and it is worth it. A hot public read: the streaming
 * compression of the plugin and the zod serialiser were most of its CPU beyond the query.
 */
export function sendJson(req: FastifyRequest, reply: FastifyReply, body: unknown): FastifyReply {
  const json = JSON.stringify(body);
  reply.type('application/json; charset=utf-8');
  // The compression plugin leaves an answer that already has a content-encoding alone.
  if (json.length >= 1024 && acceptsGzip(req.headers['accept-encoding']))
    return reply.header('content-encoding', 'gzip').send(zlib.gzipSync(json));
  return reply.send(json);
}

/** Whether `If-None-Match` names `etag` (weak comparison, `*` included). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

/** Whether `Accept-Encoding` allows gzip (q > 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [name, ...params] = part.trim().split(';');
    if (name?.trim().toLowerCase() !== 'gzip' && name?.trim() !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}

/** Route guard: signed in and holding one of `permissions`. */
function requireAny(...permissions: Permission[]) {
  return async (req: FastifyRequest): Promise<void> => {
    const actor = actorOf(req);
    if (!permissions.some((p) => actor.permissions.has(p)))
      throw forbidden(`Missing permission ${permissions.join(' or ')}`);
  };
}

/** Public routes: reachable without sign-in, and by staff who still have to enrol TOTP. */
const PUBLIC = { allowDuringTotpEnrolment: true } as const;

/** Service stations (docs/contract-stations.md). Coarse checks here, scope in the service. */
export function stationsRoutes(deps: PlatformDeps, svc?: StationsService): FastifyPluginAsyncZod {
  const service = svc ?? createStationsService(deps);
  return async (app) => {
    // The feed is built once the server listens, in the background, so the first rider to open
    // the map after a start does not wait for its first build. `inject` (the tests) never listens.
    app.addHook('onListen', async () => {
      const t = performance.now();
      void service
        .warmFeed()
        .then((r) => app.log.info({ ...r, ms: Math.round(performance.now() - t) }, 'stations feed built'))
        .catch((err: unknown) => app.log.warn({ err }, 'stations feed: first build failed'));
    });

    // ---- public ---------------------------------------------------------------------------

    app.get(
      '/stations/nearby',
      {
        config: PUBLIC,
        schema: {
          operationId: 'stations.nearby',
          tags: ['stations'],
          summary:
            'Active stations within a radius, nearest first; filters: service, kind, open now (public)',
          querystring: stationsNearbyQuery,
          response: { 200: stationsNearbyReply },
        },
      },
      async (req, reply) => {
        const body = await service.nearby(req.query);
        reply.header('vary', 'Accept-Encoding, Cookie, Authorization');
        reply.header('cache-control', `public, max-age=${PUBLIC_MAX_AGE.nearby}`);
        return sendJson(req, reply, body);
      },
    );

    app.get(
      '/stations.geojson',
      {
        config: PUBLIC,
        schema: {
          operationId: 'stations.geojson',
          tags: ['stations'],
          summary:
            'Every active station as a GeoJSON FeatureCollection (Point [lng, lat], WGS-84); ETag / If-None-Match → 304 (public)',
          headers: z.object({ 'if-none-match': z.string().max(2000).optional() }),
          // No response schema: the body is sent pre-serialised (thousands of features, validated by
          // the tests against stationsGeoJsonReply of the shared package); 304 has no body.
        },
      },
      async (req, reply) => {
        const tag = await service.geojsonEtag();
        reply.header('cache-control', `public, max-age=${PUBLIC_MAX_AGE.feed}`);
        reply.header('vary', 'Accept-Encoding');
        if (etagMatches(req.headers['if-none-match'], tag.etag))
          return reply.header('etag', tag.etag).code(304).send();
        const feed = await service.geojsonFeed(tag);
        reply.header('etag', feed.etag).type('application/geo+json; charset=utf-8');
        // Compressed once per ETag (the compression plugin leaves an encoded answer alone).
        if (acceptsGzip(req.headers['accept-encoding']))
          return reply.header('content-encoding', 'gzip').send(feed.gzip);
        return reply.send(feed.body);
      },
    );

    app.get(
      '/stations/:id',
      {
        config: PUBLIC,
        schema: {
          operationId: 'stations.get',
          tags: ['stations'],
          summary:
            'One station: services, hours, capacity, live status (public); staff see actions and keepers',
          params: stationIdParams,
          response: { 200: stationDetailSchema },
        },
      },
      async (req, reply) => {
        const body = await service.get(req.actor, req.params.id);
        cachePublic(req, reply, PUBLIC_MAX_AGE.detail);
        return body;
      },
    );

    app.get(
      '/station-service-types',
      {
        config: PUBLIC,
        schema: {
          operationId: 'stations.serviceTypes',
          tags: ['stations'],
          summary: 'The service catalogue: enabled services (public); with stations.catalogue, all',
          response: { 200: stationServiceTypesReply },
        },
      },
      async (req, reply) => {
        const body = await service.serviceTypes(req.actor);
        cachePublic(req, reply, PUBLIC_MAX_AGE.detail);
        return body;
      },
    );

    // ---- signed in ------------------------------------------------------------------------

    app.get(
      '/stations',
      {
        onRequest: requirePermission('stations.read'),
        schema: {
          operationId: 'stations.list',
          tags: ['stations'],
          summary: 'Stations within the actor’s scope (region, operator subtree, kept), filtered and paged',
          querystring: stationsListQuery,
          response: { 200: stationsListReply },
        },
      },
      async (req) => service.list(actorOf(req), req.query),
    );

    app.post(
      '/stations',
      {
        onRequest: requirePermission('stations.manage'),
        schema: {
          operationId: 'stations.create',
          tags: ['stations'],
          summary: 'Create a station in the actor’s region or operator subtree',
          body: createStationBody,
          response: { 201: stationDetailSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await service.create(actorOf(req), metaOf(req), req.body)),
    );

    app.patch(
      '/stations/:id',
      {
        onRequest: requirePermission('stations.manage'),
        schema: {
          operationId: 'stations.update',
          tags: ['stations'],
          summary: 'Edit a station; `version` must be the one read (409 station.conflict otherwise)',
          params: stationIdParams,
          body: updateStationBody,
          response: { 200: stationDetailSchema },
        },
      },
      async (req) => service.update(actorOf(req), metaOf(req), req.params.id, req.body),
    );

    app.put(
      '/stations/:id/services',
      {
        onRequest: requirePermission('stations.manage'),
        schema: {
          operationId: 'stations.setServices',
          tags: ['stations'],
          summary: 'Replace the services (copper_heart: the five basic ones are required)',
          params: stationIdParams,
          body: setStationServicesBody,
          response: { 200: stationDetailSchema },
        },
      },
      async (req) => service.setServices(actorOf(req), metaOf(req), req.params.id, req.body),
    );

    app.put(
      '/stations/:id/photos',
      {
        onRequest: requirePermission('stations.manage'),
        schema: {
          operationId: 'stations.setPhotos',
          tags: ['stations'],
          summary: 'Replace the photos (up to 9, in display order; new ones are your own uploads)',
          params: stationIdParams,
          body: setStationPhotosBody,
          response: { 200: stationDetailSchema },
        },
      },
      async (req) => service.setPhotos(actorOf(req), metaOf(req), req.params.id, req.body),
    );

    app.post(
      '/stations/:id/live',
      {
        // Keepers (stations.keep) and managers (stations.manage): the service checks which.
        onRequest: requireAny('stations.keep', 'stations.manage'),
        schema: {
          operationId: 'stations.setStatus',
          tags: ['stations'],
          summary: 'Live status and what is free now (keepers of the station, managers in scope)',
          params: stationIdParams,
          body: setStationLiveBody,
          response: { 200: stationDetailSchema },
        },
      },
      async (req) => service.setLive(actorOf(req), metaOf(req), req.params.id, req.body),
    );

    app.put(
      '/stations/:id/keepers',
      {
        onRequest: requirePermission('stations.manage'),
        schema: {
          operationId: 'stations.keepers',
          tags: ['stations'],
          summary: 'Replace the keepers (active staff accounts)',
          params: stationIdParams,
          body: setStationKeepersBody,
          response: { 200: stationDetailSchema },
        },
      },
      async (req) => service.setKeepers(actorOf(req), metaOf(req), req.params.id, req.body),
    );

    app.get(
      '/stations/:id/poster',
      {
        onRequest: requireAny('stations.keep', 'stations.manage'),
        schema: {
          operationId: 'stations.poster',
          tags: ['stations'],
          summary: 'What the printable A4 poster shows, with the check-in URL for its QR code',
          params: stationIdParams,
          response: { 200: stationPosterReply },
        },
      },
      async (req) => service.poster(actorOf(req), req.params.id),
    );

    app.post(
      '/stations/:id/rotate-qr',
      {
        onRequest: requirePermission('stations.manage'),
        schema: {
          operationId: 'stations.rotateQr',
          tags: ['stations'],
          summary: 'New QR secret: printed posters stop checking in; answers the new poster',
          params: stationIdParams,
          response: { 200: stationPosterReply },
        },
      },
      async (req) => service.rotateQr(actorOf(req), metaOf(req), req.params.id),
    );

    app.post(
      '/stations/checkins',
      {
        onRequest: requirePermission('stations.checkin'),
        schema: {
          operationId: 'stations.checkin',
          tags: ['stations'],
          summary: 'Check in with the poster’s QR: 201 a new visit, 200 already checked in this hour',
          body: stationCheckinBody,
          response: { 200: stationCheckinReply, 201: stationCheckinReply },
        },
      },
      async (req, reply) => {
        const r = await service.checkin(actorOf(req), metaOf(req), req.body);
        return reply.status(r.created ? 201 : 200).send(r);
      },
    );

    app.get(
      '/stations/:id/visits/summary',
      {
        onRequest: requirePermission('stations.read'),
        schema: {
          operationId: 'stations.visits',
          tags: ['stations'],
          summary: 'Visits and distinct workers per day or month (惠及 figures)',
          params: stationIdParams,
          querystring: stationVisitsSummaryQuery,
          response: { 200: stationVisitsSummaryReply },
        },
      },
      async (req) => service.visitsSummary(actorOf(req), req.params.id, req.query),
    );

    app.get(
      '/me/station-visits',
      {
        onRequest: requirePermission('stations.checkin'),
        schema: {
          operationId: 'stations.myVisits',
          tags: ['stations'],
          summary: 'The worker’s own recent check-ins',
          querystring: myStationVisitsQuery,
          response: { 200: myStationVisitsReply },
        },
      },
      async (req) => service.myVisits(actorOf(req), req.query.limit),
    );

    app.post(
      '/station-service-types',
      {
        onRequest: requirePermission('stations.catalogue'),
        schema: {
          operationId: 'stations.createServiceType',
          tags: ['stations'],
          summary: 'Add a service to the catalogue (an N of 5+N)',
          body: createStationServiceTypeBody,
          response: { 201: stationServiceTypeSchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await service.createServiceType(actorOf(req), metaOf(req), req.body)),
    );

    app.patch(
      '/station-service-types/:code',
      {
        onRequest: requirePermission('stations.catalogue'),
        schema: {
          operationId: 'stations.updateServiceType',
          tags: ['stations'],
          summary: 'Rename, re-sort, enable or disable a service (the five basic ones stay enabled)',
          params: stationServiceTypeParams,
          body: updateStationServiceTypeBody,
          response: { 200: stationServiceTypeSchema },
        },
      },
      async (req) => service.updateServiceType(actorOf(req), metaOf(req), req.params.code, req.body),
    );
  };
}
