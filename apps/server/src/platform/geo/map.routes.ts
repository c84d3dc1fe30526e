import { type MapConfigDto, mapConfigReply } from '@nuanxin/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleDefinition } from '../../modules/index.ts';
import type { PlatformDeps } from '../deps.ts';

/** Where a map opens before it has anything to fit: 乐山市 市中区 (WGS-84). */
export const DEFAULT_MAP_CENTER = { lat: 29.5521, lng: 103.7656 } as const;
export const DEFAULT_MAP_ZOOM = 12;
export const MAP_MAX_ZOOM = 18;

export function mapConfigOf(deps: PlatformDeps): MapConfigDto {
  const t = deps.config.tiles;
  return {
    tileUrl: t.url,
    subdomains: t.subdomains,
    crs: t.crs,
    attribution: t.attribution,
    center: { ...DEFAULT_MAP_CENTER },
    zoom: DEFAULT_MAP_ZOOM,
    maxZoom: MAP_MAX_ZOOM,
  };
}

/**
 * `GET /api/v1/config/map`: the basemap settings the web app's maps start from. Public (no
 * guard, like the sign-in routes): it names the tile server and nothing about anyone, and the
 * worker app's station map needs it before sign-in.
 */
function mapConfigRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  const body = mapConfigOf(deps);
  return async (app) => {
    app.get(
      '/config/map',
      {
        // Public: reachable by staff who still have to enrol TOTP, like by everyone else.
        config: { allowDuringTotpEnrolment: true },
        schema: {
          operationId: 'config.map',
          tags: ['config'],
          summary: 'Basemap tile template, subdomains, tile coordinate system, attribution, default view',
          response: { 200: mapConfigReply },
        },
      },
      async (_req, reply) => reply.header('cache-control', 'public, max-age=300').send(body),
    );
  };
}

export const mapConfigModule: ModuleDefinition = { name: 'map-config', routes: mapConfigRoutes };
