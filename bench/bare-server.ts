/**
 * The baseline for `npm run bench`: a bare Fastify server with one GET route returning a small
 * JSON object, no plugins. The ratio "route / bare" in the bench table shows what the platform
 * (security headers, rate limiting, sessions, database) costs per request.
 *
 * Run: PORT=3199 npx tsx bench/bare-server.ts   (prints "listening <port>" when ready)
 */
import Fastify from 'fastify';

export const BARE_PATH = '/bare';

export async function startBareServer(port: number, host = '127.0.0.1') {
  const app = Fastify({ logger: false });
  app.get(BARE_PATH, async () => ({ status: 'ok' }));
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
