/**
 * The baseline for `npm run bench`: a bare Fastify server with one GET route returning a small
 * JSON object, no plugins. The ratio "route / bare" in the bench table shows what the platform
 * (security headers, rate limiting, sessions, database) costs per request.
 *
 * Run: PORT=3199 npx tsx bench/bare-server.ts   (prints "listening <port>" when ready)
 */
import Fastify from 'fastify';

export const BARE_PATH = '/bare';
/**
 * `/bare-sized?body=B&headers=H`: answers with a JSON body of B bytes and extra headers adding
 * about H bytes, so a route's throughput can also be compared with a bare one sending as many
 * bytes (on a 2-core machine the load generator's parsing of every byte competes with the server).
 */
export const BARE_SIZED_PATH = '/bare-sized';

const sizedBodies = new Map<number, string>();
function sizedBody(bytes: number): string {
  let body = sizedBodies.get(bytes);
  if (!body) {
    const pad = Math.max(0, bytes - '{"pad":""}'.length);
    body = JSON.stringify({ pad: 'x'.repeat(pad) });
    sizedBodies.set(bytes, body);
  }
  return body;
}

export async function startBareServer(port: number, host = '127.0.0.1') {
  const app = Fastify({ logger: false });
  app.get(BARE_PATH, async () => ({ status: 'ok' }));
  app.get<{ Querystring: { body?: string; headers?: string } }>(BARE_SIZED_PATH, async (req, reply) => {
    const body = Math.min(1_000_000, Number(req.query.body) || 0);
    let headerBytes = Math.min(100_000, Number(req.query.headers) || 0);
    for (let i = 0; headerBytes > 0; i++) {
      const value = 'v'.repeat(Math.max(1, Math.min(100, headerBytes - 10)));
      reply.header(`x-pad-${i}`, value);
      headerBytes -= value.length + 10;
    }
    reply.type('application/json');
    return sizedBody(body);
  });
  await app.listen({ port, host });
  return app;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 0);
  const app = await startBareServer(port);
  const address = app.server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : port}`);
  const stop = () => void app.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
