import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testEngines } from '../../db/testing.ts';
import { inTransaction } from '../../db/tx.ts';
import { createLogger } from '../../log.ts';
import { createEventDispatcher, type EventDispatcher } from '../dispatcher.ts';
import { emit } from '../events.ts';

declare module '../events.ts' {
  interface EventMap {
    'test.pinged': { n: number };
    'test.batched': { n: number };
  }
}

const log = createLogger('silent');

describe.each(testEngines())('event dispatcher on %s', (engine) => {
  let database: TestDatabase;
  let dispatcher: EventDispatcher;
  let failuresLeft = 0;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await database.exec('create table toy_effect (event_id uuid not null, n int not null)');
  });
  afterAll(async () => {
    await dispatcher?.stop();
    await database.destroy();
  });
  beforeEach(async () => {
    await dispatcher?.stop();
    await database.exec('delete from toy_effect; delete from event_handled; delete from outbox_event');
    failuresLeft = 0;
    dispatcher = createEventDispatcher(database, log, { pollIntervalMs: 100, backoffBaseSeconds: 0.2 });
    dispatcher.on('test.pinged', 'test.record', async (tx, event) => {
      await tx.execute(sql`insert into toy_effect (event_id, n) values (${event.id}, ${event.payload.n})`);
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new Error('flaky handler');
      }
    });
  });

  const effects = async () =>
    (await database.query<{ n: number }>('select n from toy_effect order by n')).rows.map((r) => r.n);
  const outbox = async () =>
    (
      await database.query<{ dispatched: boolean; attempts: number; last_error: string | null }>(
        'select dispatched_at is not null as dispatched, attempts, last_error from outbox_event',
      )
    ).rows;

  it('dispatches after commit through publish + kick', async () => {
    await inTransaction(database, async (uow) => {
      await dispatcher.publish(uow, 'test.pinged', { n: 1 });
    });
    await dispatcher.idle();
    expect(await effects()).toEqual([1]);
    expect(await outbox()).toEqual([{ dispatched: true, attempts: 0, last_error: null }]);
  });

  it('a rolled-back use case emits nothing', async () => {
    await expect(
      inTransaction(database, async (uow) => {
        await dispatcher.publish(uow, 'test.pinged', { n: 1 });
        throw new Error('nope');
      }),
    ).rejects.toThrow('nope');
    await dispatcher.idle();
    expect(await outbox()).toEqual([]);
  });

  it('is idempotent by event id: delivering twice applies the effect once', async () => {
    await inTransaction(database, async ({ tx }) => {
      await emit(tx, 'test.pinged', { n: 7 });
    });
    expect(await dispatcher.dispatchPending()).toBe(1);
    // Simulate a second delivery (a crash after the handlers ran, before dispatched_at was set).
    await database.exec('update outbox_event set dispatched_at = null, next_attempt_at = now()');
    expect(await dispatcher.dispatchPending()).toBe(1);
    expect(await effects()).toEqual([7]);
    const { rows } = await database.query('select * from event_handled');
    expect(rows).toHaveLength(1);
  });

  it('the poller picks up what a crash left behind', async () => {
    // Committed, but the process died before its after-commit kick (or mid-lease).
    await inTransaction(database, async ({ tx }) => {
      await emit(tx, 'test.pinged', { n: 3 });
    });
    expect(await effects()).toEqual([]);
    dispatcher.start();
    const until = Date.now() + 5000;
    while ((await effects()).length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(await effects()).toEqual([3]);
  });

  it('a failing handler rolls back its effect and is retried with backoff', async () => {
    failuresLeft = 2;
    await inTransaction(database, async ({ tx }) => {
      await emit(tx, 'test.pinged', { n: 5 });
    });
    expect(await dispatcher.dispatchPending()).toBe(0);
    expect(await effects()).toEqual([]);
    const [first] = await outbox();
    expect(first).toMatchObject({ dispatched: false, attempts: 1, last_error: 'test.record: flaky handler' });
    // Not due yet: backoff.
    expect(await dispatcher.dispatchPending()).toBe(0);
    expect((await outbox())[0]!.attempts).toBe(1);
    dispatcher.start();
    const until = Date.now() + 8000;
    while (!(await outbox())[0]!.dispatched && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50));
    expect(await outbox()).toEqual([{ dispatched: true, attempts: 2, last_error: null }]);
    expect(await effects()).toEqual([5]);
  });

  it('leaves events claimed by another dispatcher alone (lease)', async () => {
    await inTransaction(database, async ({ tx }) => {
      await emit(tx, 'test.pinged', { n: 9 });
    });
    await database.exec(`update outbox_event set next_attempt_at = now() + interval '1 minute'`);
    expect(await dispatcher.dispatchPending()).toBe(0);
    expect(await effects()).toEqual([]);
  });

  it('a batch handler gets the due events of its type together, one transaction for all', async () => {
    const batches: number[][] = [];
    dispatcher.onBatch('test.batched', 'test.record_batch', async (tx, events) => {
      batches.push(events.map((e) => e.payload.n));
      for (const e of events)
        await tx.execute(sql`insert into toy_effect (event_id, n) values (${e.id}, ${e.payload.n})`);
    });
    await inTransaction(database, async ({ tx }) => {
      for (const n of [1, 2, 3]) await emit(tx, 'test.batched', { n });
    });
    expect(await dispatcher.dispatchPending()).toBe(3);
    expect(batches).toEqual([[1, 2, 3]]);
    expect(await effects()).toEqual([1, 2, 3]);
    expect((await outbox()).every((o) => o.dispatched)).toBe(true);
    // A second delivery of all three (a crash before the dispatched mark) leaves them all out.
    await database.exec('update outbox_event set dispatched_at = null, next_attempt_at = now()');
    expect(await dispatcher.dispatchPending()).toBe(3);
    expect(batches).toHaveLength(1);
    expect(await effects()).toEqual([1, 2, 3]);
  });

  it('a batch that fails is retried one event at a time: only the bad event waits', async () => {
    const batches: number[][] = [];
    dispatcher.onBatch('test.batched', 'test.record_batch', async (tx, events) => {
      batches.push(events.map((e) => e.payload.n));
      for (const e of events) {
        await tx.execute(sql`insert into toy_effect (event_id, n) values (${e.id}, ${e.payload.n})`);
        if (e.payload.n === 13) throw new Error('unlucky');
      }
    });
    await inTransaction(database, async ({ tx }) => {
      for (const n of [12, 13, 14]) await emit(tx, 'test.batched', { n });
    });
    expect(await dispatcher.dispatchPending()).toBe(2);
    expect(batches).toEqual([[12, 13, 14], [12], [13], [14]]);
    // The failed batch rolled back; each good event committed alone, the bad one not at all.
    expect(await effects()).toEqual([12, 14]);
    const rows = (
      await database.query<{ n: number; dispatched: boolean; attempts: number; last_error: string | null }>(
        `select (payload->>'n')::int as n, dispatched_at is not null as dispatched, attempts, last_error
           from outbox_event order by 1`,
      )
    ).rows;
    expect(rows).toEqual([
      { n: 12, dispatched: true, attempts: 0, last_error: null },
      { n: 13, dispatched: false, attempts: 1, last_error: 'test.record_batch: unlucky' },
      { n: 14, dispatched: true, attempts: 0, last_error: null },
    ]);
  });

  it('events kicked by id are claimed by id, leaving the rest to the poller', async () => {
    let left = '';
    await inTransaction(database, async ({ tx }) => {
      left = await emit(tx, 'test.pinged', { n: 20 });
    });
    let kicked = '';
    await inTransaction(database, async (uow) => {
      kicked = await dispatcher.publish(uow, 'test.pinged', { n: 21 });
    });
    await dispatcher.idle();
    expect(await effects()).toEqual([21]);
    const pending = (
      await database.query<{ id: string }>('select id from outbox_event where dispatched_at is null')
    ).rows;
    expect(pending.map((r) => r.id)).toEqual([left]);
    expect(kicked).not.toBe(left);
    expect(await dispatcher.dispatchPending()).toBe(1);
    expect(await effects()).toEqual([20, 21]);
  });
});
