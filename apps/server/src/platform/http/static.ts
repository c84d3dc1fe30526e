import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Serves the built web app: assets under /assets with long caching, and index.html for the
 * client-side routes: the console /admin/*, the worker app /m/*, the public station map /stations
 * (and /), the residents' home-meal page /home-meals and the room TV pages /tv/*. When the app has
 * not been built, a short page says how to build it instead of a bare 404.
 */
const APP_PATHS = [
  '/',
  '/admin',
  '/admin/*',
  '/m',
  '/m/*',
  '/stations',
  '/stations/*',
  '/home-meals',
  '/tv/*',
];

export async function registerWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  const index = path.join(distDir, 'index.html');
  if (!fs.existsSync(index)) {
    const page =
      '<!doctype html><meta charset="utf-8"><title>暖心 Nuanxin</title><p>The web app is not built. Run <code>npm run build</code>.</p>';
    for (const p of APP_PATHS) {
      app.get(p, { schema: { hide: true } }, async (_req, reply) => reply.type('text/html').send(page));
    }
    return;
  }
  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: true,
    index: false,
    // The web build writes .br and .gz copies of its assets: sent as they are, not compressed again.
    preCompressed: true,
    setHeaders(res, filePath) {
      if (filePath.includes(`${path.sep}assets${path.sep}`))
        res.header('cache-control', 'public, max-age=31536000, immutable');
      else res.header('cache-control', 'no-cache');
    },
  });
  const html = fs.readFileSync(index, 'utf8');
  const sendIndex = async (_req: unknown, reply: import('fastify').FastifyReply) =>
    reply.type('text/html').header('cache-control', 'no-cache').send(html);
  for (const p of APP_PATHS) app.get(p, { schema: { hide: true } }, sendIndex);
}
