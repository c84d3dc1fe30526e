import crypto from 'node:crypto';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { modules } from './modules/index.ts';
import type { PlatformDeps } from './platform/deps.ts';
import { tileOrigins } from './platform/geo/tiles.ts';
import { installErrorHandler } from './platform/http/error-handler.ts';
import { registerHealth } from './platform/http/health.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { registerWebApp } from './platform/http/static.ts';

const REQUEST_ID_RE = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Builds the HTTP server: platform plugins first (ids, errors, security headers, rate limits,
 * OpenAPI), then every module's routes, then the web app. Does not listen; main.ts does.
 */
export async function buildApp(
  deps: PlatformDeps,
  opts: { serveWeb?: boolean } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: (req) => {
      const h = req.headers['x-request-id'];
      return typeof h === 'string' && REQUEST_ID_RE.test(h) ? h : crypto.randomUUID();
    },
    logController: new LogController({
      requestIdLogLabel: 'requestId',
      disableRequestLogging: deps.config.env === 'test',
    }),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  // A callback hook, not an async one: it runs on every answer and needs no promise.
  app.addHook('onSend', (req, reply, payload, done) => {
    reply.header('x-request-id', req.id);
    // API answers may carry personal data: no shared or browser cache keeps them (ASVS 14.3.2).
    if (req.url.startsWith('/api/v1/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
    done(null, payload);
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ code: 'common.not_found', message: 'Not found', requestId: req.id }),
  );

  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design's CSS-in-JS injects <style> elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // The map's basemap tiles: the origins of NUANXIN_TILE_URL, one per subdomain (docs/maps.md).
        imgSrc: ["'self'", 'data:', 'blob:', ...tileOrigins(deps.config.tiles)],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: deps.config.publicUrl.startsWith('https:')
      ? { maxAge: 31_536_000, includeSubDomains: true }
      : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCompress, { threshold: 1024 });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: true,
    max: deps.config.rateLimitMax,
    timeWindow: '1 minute',
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '暖心 Nuanxin API',
        description: 'Services, appeals, volunteering and organisation for gig workers in Leshan.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'nx_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerHealth(app, deps.database);

  for (const m of modules) {
    await app.register(m.routes(deps), { prefix: m.prefix ?? '/api/v1' });
  }

  if (opts.serveWeb !== false) await registerWebApp(app, deps.config.webDist);
  return app;
}
