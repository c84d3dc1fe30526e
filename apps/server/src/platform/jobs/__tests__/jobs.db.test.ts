import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testEngines } from '../../db/testing.ts';
import { inTransaction } from '../../db/tx.ts';
import { createLogger } from '../../log.ts';
import { createJobs, type Jobs, pgBossDbAdapter } from '../jobs.ts';

const log = createLogger('silent');

async function waitFor(cond: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}

describe.each(testEngines())('jobs on %s', (engine) => {
  let database: TestDatabase;
  let jobs: Jobs;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    // A toy table standing in for a business record with states.
    await database.exec(
      `create table toy_case (id text primary key, status text not null, reminded int not null default 0)`,
    );
  });
  afterAll(async () => {
    await jobs?.stop();
    await database.destroy();
  });

  it('the embedded adapter sends scripts through exec and statements through query', async () => {
    const calls: string[] = [];
    const adapter = pgBossDbAdapter({
      query: async (t) => {
        calls.push(`query:${t}`);
        return { rows: [] };
      },
      exec: async (t) => {
        calls.push(`exec:${t.trim().slice(0, 6)}`);
      },
    });
    await adapter.executeSql('\n    BEGIN;\n    SELECT 1;\n    COMMIT;\n', []);
    await adapter.executeSql('SELECT version FROM pgboss.version', []);
    await adapter.executeSql('SELECT $1::text', ['a;b']);
    expect(calls).toEqual([
      'exec:BEGIN;',
      'query:SELECT version FROM pgboss.version',
      'query:SELECT $1::text',
    ]);
  });

  it('a timer whose record moved on does nothing; one still waiting acts once', async () => {
    // On PostgreSQL too this goes through the pool adapter: the per-file test database has no URL
    // of its own here. main.ts gives pg-boss the connection string.
    jobs = createJobs(database, log, { run: true, pollingIntervalSeconds: 0.5 });
    const seen: { id: string; outcome: string }[] = [];
    /**
     * Toy reminder: fires when a case is still `open` at its deadline. The handler re-loads the
     * row and skips if the case has moved on (here: closed before the deadline).
     */
    jobs.define('toy.remind', { policy: 'short' });
    await jobs.work<{ caseId: string }>('toy.remind', async ({ caseId }) => {
      return inTransaction(database, async ({ tx }) => {
        const { rows } = (await tx.execute(
          sql`select status from toy_case where id = ${caseId} for update`,
        )) as unknown as { rows: { status: string }[] };
        if (rows[0]?.status !== 'open') {
          seen.push({ id: caseId, outcome: 'skipped' });
          return 'skipped';
        }
        await tx.execute(sql`update toy_case set reminded = reminded + 1 where id = ${caseId}`);
        seen.push({ id: caseId, outcome: 'done' });
        return 'done';
      });
    });
    await jobs.start();
    await database.query(`insert into toy_case (id, status) values ('a', 'open'), ('b', 'open')`);
    const soon = new Date(Date.now() + 300);
    await jobs.sendAfter('toy.remind', { caseId: 'a' }, soon, { singletonKey: 'a:deadline' });
    // Same key while the first waits: dropped.
    expect(
      await jobs.sendAfter('toy.remind', { caseId: 'a' }, soon, { singletonKey: 'a:deadline' }),
    ).toBeNull();
    await jobs.sendAfter('toy.remind', { caseId: 'b' }, soon, { singletonKey: 'b:deadline' });
    await database.query(`update toy_case set status = 'closed' where id = 'b'`);

    await waitFor(() => seen.length >= 2);
    expect(seen.sort((x, y) => x.id.localeCompare(y.id))).toEqual([
      { id: 'a', outcome: 'done' },
      { id: 'b', outcome: 'skipped' },
    ]);
    const { rows } = await database.query<{ id: string; reminded: number }>(
      'select id, reminded from toy_case order by id',
    );
    expect(rows).toEqual([
      { id: 'a', reminded: 1 },
      { id: 'b', reminded: 0 },
    ]);
  });

  it('a send inside a transaction exists only if the transaction commits', async () => {
    jobs.define('toy.later');
    await jobs.prepare();
    await jobs.sendAfter('toy.later', {}, new Date()); // creates the queue
    const later = new Date(Date.now() + 3_600_000);
    await expect(
      inTransaction(database, async ({ tx }) => {
        await jobs.sendAfter('toy.later', { n: 1 }, later, { tx, singletonKey: 'rolled-back' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await inTransaction(database, async ({ tx }) => {
      await jobs.sendAfter('toy.later', { n: 2 }, later, { tx, singletonKey: 'committed' });
    });
    const { rows } = await database.query<{ singleton_key: string }>(
      `select singleton_key from pgboss.job where name = 'toy.later' and singleton_key is not null`,
    );
    expect(rows.map((r) => r.singleton_key)).toEqual(['committed']);
  });

  it('schedules cron in Asia/Shanghai', async () => {
    await jobs.schedule('toy.nightly', '0 2 * * *', { kind: 'nightly' });
    const { rows } = await database.query<{ name: string; cron: string; timezone: string }>(
      `select name, cron, timezone from pgboss.schedule where name = 'toy.nightly'`,
    );
    expect(rows).toEqual([{ name: 'toy.nightly', cron: '0 2 * * *', timezone: 'Asia/Shanghai' }]);
  });
});
