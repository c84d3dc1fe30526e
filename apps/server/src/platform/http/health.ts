import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import { appliedMigrationCount, committedMigrations } from '../db/migrate.ts';

/** `/healthz`: the process is up. `/readyz`: the database answers and every migration is applied. */
export function registerHealth(app: FastifyInstance, database: Database): void {
  const expected = committedMigrations().length;
  app.get(
    '/healthz',
    {
      schema: { hide: true, response: { 200: z.object({ status: z.literal('ok') }) } },
      config: { rateLimit: false },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get('/readyz', { schema: { hide: true }, config: { rateLimit: false } }, async (_req, reply) => {
    try {
      const applied = await appliedMigrationCount(database);
      const ok = applied >= expected;
      return reply.status(ok ? 200 : 503).send({
        status: ok ? 'ready' : 'migrations_pending',
        engine: database.kind,
        migrations: { applied, expected },
      });
    } catch {
      return reply.status(503).send({ status: 'database_unreachable', engine: database.kind });
    }
  });
}
