import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database, Tx } from '../db/client.ts';
import { inTransaction, type UnitOfWork } from '../db/tx.ts';
import { type DomainEvent, type EventMap, type EventType, emit } from './events.ts';

/**
 * A reaction to an event. It runs in a transaction of its own: whatever it writes commits together
 * with the "handled" mark, so a retry after a crash never applies the effect twice.
 */
export type EventHandler<T extends EventType> = (tx: Tx, event: DomainEvent<T>) => Promise<void>;

export interface DispatcherOptions {
  /** Events claimed per pass. */
  batchSize?: number;
  /** How often the poller looks for events a crash or a failure left behind. */
  pollIntervalMs?: number;
  /**
   * How long a claimed event is hidden from other dispatchers (other processes) while this one
   * works on it. If the process dies, the event becomes visible again after the lease.
   */
  leaseSeconds?: number;
  /** Backoff after the n-th failure: min(base · 2^(n-1), max) seconds. */
  backoffBaseSeconds?: number;
  backoffMaxSeconds?: number;
}

export interface EventDispatcher {
  /**
   * Registers a handler. `handlerName` is stored with each event it has handled, so it must stay
   * the same across releases (renaming it re-runs the handler on undispatched events only).
   */
  on<T extends EventType>(type: T, handlerName: string, handler: EventHandler<T>): void;
  /**
   * Writes the event into the outbox inside the use case's transaction and asks for a dispatch
   * once it commits. The usual way for services to tell other modules something happened.
   */
  publish<T extends EventType>(
    uow: UnitOfWork,
    type: T,
    payload: EventMap[T],
    actorId?: string | null,
  ): Promise<string>;
  /** Asks for a dispatch pass soon; never throws, never waits. Safe to call in `afterCommit`. */
  kick(): void;
  /** Runs passes until nothing due is left; resolves with the number of events dispatched. */
  dispatchPending(): Promise<number>;
  /** Resolves when no pass is running or queued (tests). */
  idle(): Promise<void>;
  /** Starts the poller. */
  start(): void;
  /** Stops the poller and waits for the running pass. Call before closing the database. */
  stop(): Promise<void>;
}

interface ClaimedRow {
  id: string;
  type: string;
  payload: unknown;
  actor_id: string | null;
  created_at: string | Date;
  attempts: number;
}

/**
 * The after-commit half of the transactional outbox (design 6.5). Delivery is at least once; the
 * `event_handled` (event_id, handler) key makes each handler effectively once.
 *
 * Claiming uses `FOR UPDATE SKIP LOCKED` and a lease on `next_attempt_at`, so several server
 * processes on one PostgreSQL never take the same event at the same time; the embedded engine has
 * one process and the same SQL simply never finds a lock.
 */
export function createEventDispatcher(
  database: Database,
  log: Pick<Logger, 'error' | 'warn' | 'debug'>,
  opts: DispatcherOptions = {},
): EventDispatcher {
  const batchSize = opts.batchSize ?? 50;
  const pollIntervalMs = opts.pollIntervalMs ?? 3000;
  const leaseSeconds = opts.leaseSeconds ?? 60;
  const backoffBase = opts.backoffBaseSeconds ?? 2;
  const backoffMax = opts.backoffMaxSeconds ?? 3600;

  const handlers = new Map<string, { name: string; fn: EventHandler<EventType> }[]>();
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  async function claim(): Promise<ClaimedRow[]> {
    const { rows } = await database.query<ClaimedRow>(
      `update outbox_event set next_attempt_at = now() + make_interval(secs => $2)
        where id in (
          select id from outbox_event
           where dispatched_at is null and next_attempt_at <= now()
           order by created_at
           limit $1
           for update skip locked)
        returning id, type, payload, actor_id, created_at, attempts`,
      [batchSize, leaseSeconds],
    );
    return rows.sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime());
  }

  async function runHandler(
    h: { name: string; fn: EventHandler<EventType> },
    event: DomainEvent,
  ): Promise<void> {
    await inTransaction(database, async ({ tx }) => {
      // The mark and the handler's writes commit together: a second delivery finds the mark and
      // does nothing; a failed handler rolls the mark back so the retry runs it again.
      const { rows } = (await tx.execute(
        sql`insert into event_handled (event_id, handler) values (${event.id}, ${h.name})
            on conflict do nothing returning event_id`,
      )) as unknown as { rows: unknown[] };
      if (rows.length === 0) return;
      await h.fn(tx, event);
    });
  }

  async function processOne(row: ClaimedRow): Promise<boolean> {
    const event: DomainEvent = {
      id: row.id,
      type: row.type as EventType,
      payload: row.payload as DomainEvent['payload'],
      actorId: row.actor_id,
      createdAt: new Date(row.created_at),
    };
    const list = handlers.get(row.type) ?? [];
    const errors: string[] = [];
    for (const h of list) {
      try {
        await runHandler(h, event);
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        errors.push(`${h.name}: ${msg}`);
        log.error({ err, eventId: row.id, type: row.type, handler: h.name }, 'event handler failed');
      }
    }
    if (errors.length === 0) {
      await database.query('update outbox_event set dispatched_at = now(), last_error = null where id = $1', [
        row.id,
      ]);
      return true;
    }
    const attempts = row.attempts + 1;
    const delay = Math.min(backoffBase * 2 ** (attempts - 1), backoffMax);
    await database.query(
      `update outbox_event set attempts = $2, last_error = $3,
              next_attempt_at = now() + make_interval(secs => $4) where id = $1`,
      [row.id, attempts, errors.join('; ').slice(0, 2000), delay],
    );
    return false;
  }

  async function pass(): Promise<number> {
    let dispatched = 0;
    for (;;) {
      const rows = await claim();
      for (const row of rows) if (await processOne(row)) dispatched++;
      if (rows.length < batchSize) break;
    }
    return dispatched;
  }

  function schedule(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        try {
          total += await pass();
        } catch (err) {
          log.error({ err }, 'event dispatch pass failed');
        }
      } while (again && !stopped);
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  const dispatcher: EventDispatcher = {
    on(type, handlerName, handler) {
      const list = handlers.get(type) ?? [];
      if (list.some((h) => h.name === handlerName))
        throw new Error(`Handler ${handlerName} is already registered for ${type}`);
      list.push({ name: handlerName, fn: handler as unknown as EventHandler<EventType> });
      handlers.set(type, list);
    },
    async publish(uow, type, payload, actorId = null) {
      const id = await emit(uow.tx, type, payload, actorId);
      uow.afterCommit(() => dispatcher.kick());
      return id;
    },
    kick() {
      if (stopped) return;
      setImmediate(() => void schedule());
    },
    async dispatchPending() {
      let total = 0;
      // A pass already running may have started before our event committed: run one more.
      if (running) await running;
      total += await schedule();
      return total;
    },
    async idle() {
      await new Promise((r) => setImmediate(r));
      while (running) await running;
    },
    start() {
      if (timer) return;
      stopped = false;
      timer = setInterval(() => void schedule(), pollIntervalMs);
      timer.unref();
      void schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      while (running) await running;
    },
  };
  return dispatcher;
}
