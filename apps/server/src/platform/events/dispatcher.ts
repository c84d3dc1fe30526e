import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database, Tx } from '../db/client.ts';
import { inTransaction, type UnitOfWork } from '../db/tx.ts';
import { type DomainEvent, type EventMap, type EventType, emit } from './events.ts';

/**
 * A reaction to an event. It runs in a transaction: whatever it writes commits together with the
 * "handled" mark, so a retry after a crash never applies the effect twice. The events of its type
 * claimed in one pass share that transaction (one after another); if one of them throws, all are
 * rolled back and each is run again alone, so only the failing event is retried later. Effects
 * outside the database belong in an outbox row (as the SMS and WeChat senders do), not here.
 */
export type EventHandler<T extends EventType> = (tx: Tx, event: DomainEvent<T>) => Promise<void>;

/**
 * A reaction to several events of one type at once, in one transaction with their "handled" marks
 * (events already handled are left out). Write it with set-based statements: under load the
 * dispatcher hands it every event of the type that is due, so a handler costs a few statements per
 * batch instead of per event. If it throws, the dispatcher retries each event alone, so one bad
 * event never holds back the others.
 */
export type EventBatchHandler<T extends EventType> = (tx: Tx, events: DomainEvent<T>[]) => Promise<void>;

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
  /** Registers a handler that takes the due events of its type together (see EventBatchHandler). */
  onBatch<T extends EventType>(type: T, handlerName: string, handler: EventBatchHandler<T>): void;
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
  /**
   * Asks for a dispatch pass soon; never throws, never waits. Safe to call in `afterCommit`. With
   * the ids of events this process just committed, the pass claims those by id (no scan of the
   * pending events); without, it looks for every due event.
   */
  kick(eventIds?: readonly string[]): void;
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
 *
 * A pass claims every due event (up to `batchSize`) and runs each handler once over all the claimed
 * events of its type: one transaction holds the handler's writes and the "handled" marks of those
 * events (one statement for the marks), and one statement marks every event whose handlers all
 * succeeded as dispatched. When a handler fails on a group, each event of the group is retried alone
 * in a transaction of its own, so the failure stays with its event (backoff, `last_error`). Under
 * load a pass finds many events, so the per-event cost of the outbox is a fraction of a statement.
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

  interface Registered {
    name: string;
    fn: EventBatchHandler<EventType>;
  }
  const handlers = new Map<string, Registered[]>();
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  /** Due events, oldest first, leased to this process. */
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
    return byAge(rows);
  }

  /**
   * The same for events known by id (those this process committed and kicked): primary-key
   * look-ups, so the cost does not depend on the outbox's history. One still due and not leased
   * by another process is claimed; the others are left to whoever has them, or to the poller.
   */
  async function claimIds(ids: readonly string[]): Promise<ClaimedRow[]> {
    const { rows } = await database.query<ClaimedRow>(
      `update outbox_event set next_attempt_at = now() + make_interval(secs => $2)
        where id in (
          select id from outbox_event
           where id = any($1::uuid[]) and dispatched_at is null and next_attempt_at <= now()
           for update skip locked)
        returning id, type, payload, actor_id, created_at, attempts`,
      [idArray(ids), leaseSeconds],
    );
    return byAge(rows);
  }

  /** Oldest first; events of one transaction (one `created_at`) in the order they were written (UUIDv7). */
  const byAge = (rows: ClaimedRow[]) =>
    rows.sort(
      (a, b) =>
        new Date(a.created_at).getTime() - new Date(b.created_at).getTime() ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );

  /** A PostgreSQL array literal of ids (UUIDs: nothing to quote), the same on both engines. */
  const idArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

  /** Runs one handler over `events` in one transaction with their marks; throws if it fails. */
  async function runGroup(h: Registered, events: DomainEvent[]): Promise<void> {
    await inTransaction(database, async ({ tx }) => {
      // The marks and the handler's writes commit together: a second delivery finds the mark and
      // leaves the event out; a failed handler rolls the marks back so the retry runs it again.
      const { rows } = (await tx.execute(
        sql`insert into event_handled (event_id, handler)
            select unnest(${idArray(events.map((e) => e.id))}::uuid[]), ${h.name}
            on conflict do nothing returning event_id`,
      )) as unknown as { rows: { event_id: string }[] };
      if (rows.length === 0) return;
      const fresh = new Set(rows.map((r) => r.event_id));
      await h.fn(
        tx,
        events.filter((e) => fresh.has(e.id)),
      );
    });
  }

  async function processClaimed(claimed: ClaimedRow[]): Promise<number> {
    const events: DomainEvent[] = claimed.map((row) => ({
      id: row.id,
      type: row.type as EventType,
      payload: row.payload as DomainEvent['payload'],
      actorId: row.actor_id,
      createdAt: new Date(row.created_at),
    }));
    const errors = new Map<string, string[]>();
    // Handlers in the order their types first appear among the claimed events (oldest first).
    const seen = new Set<string>();
    for (const first of events) {
      if (seen.has(first.type)) continue;
      seen.add(first.type);
      const ofType = events.filter((e) => e.type === first.type);
      for (const h of handlers.get(first.type) ?? []) {
        try {
          await runGroup(h, ofType);
          continue;
        } catch (err) {
          if (ofType.length === 1) {
            fail(h, ofType[0]!, err);
            continue;
          }
          log.warn(
            { err, type: first.type, handler: h.name, events: ofType.length },
            'batch failed; retrying one by one',
          );
        }
        for (const e of ofType) {
          try {
            await runGroup(h, [e]);
          } catch (err) {
            fail(h, e, err);
          }
        }
      }
    }
    function fail(h: Registered, e: DomainEvent, err: unknown) {
      const msg = err instanceof Error ? err.message : String(err);
      errors.set(e.id, [...(errors.get(e.id) ?? []), `${h.name}: ${msg}`]);
      log.error({ err, eventId: e.id, type: e.type, handler: h.name }, 'event handler failed');
    }
    const done = claimed.filter((r) => !errors.has(r.id)).map((r) => r.id);
    if (done.length > 0)
      await database.query(
        'update outbox_event set dispatched_at = now(), last_error = null where id = any($1::uuid[])',
        [idArray(done)],
      );
    for (const row of claimed) {
      const list = errors.get(row.id);
      if (!list) continue;
      const attempts = row.attempts + 1;
      const delay = Math.min(backoffBase * 2 ** (attempts - 1), backoffMax);
      await database.query(
        `update outbox_event set attempts = $2, last_error = $3,
                next_attempt_at = now() + make_interval(secs => $4) where id = $1`,
        [row.id, attempts, list.join('; ').slice(0, 2000), delay],
      );
    }
    return done.length;
  }

  /** Events committed by this process and kicked by id, not yet claimed (a hint, not a queue). */
  const kicked = new Set<string>();
  let scanWanted = false;

  async function pass(): Promise<number> {
    let dispatched = 0;
    while (kicked.size > 0) {
      const ids = [...kicked].slice(0, batchSize);
      for (const id of ids) kicked.delete(id);
      const rows = await claimIds(ids);
      if (rows.length > 0) dispatched += await processClaimed(rows);
    }
    if (!scanWanted) return dispatched;
    scanWanted = false;
    for (;;) {
      const rows = await claim();
      if (rows.length > 0) dispatched += await processClaimed(rows);
      if (rows.length < batchSize) break;
    }
    return dispatched;
  }

  function schedule(scan = true): Promise<number> {
    if (scan) scanWanted = true;
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
      const one = handler as unknown as EventHandler<EventType>;
      list.push({
        name: handlerName,
        fn: async (tx, events) => {
          for (const e of events) await one(tx, e);
        },
      });
      handlers.set(type, list);
    },
    onBatch(type, handlerName, handler) {
      const list = handlers.get(type) ?? [];
      if (list.some((h) => h.name === handlerName))
        throw new Error(`Handler ${handlerName} is already registered for ${type}`);
      list.push({ name: handlerName, fn: handler as unknown as EventBatchHandler<EventType> });
      handlers.set(type, list);
    },
    async publish(uow, type, payload, actorId = null) {
      const id = await emit(uow.tx, type, payload, actorId);
      uow.afterCommit(() => dispatcher.kick([id]));
      return id;
    },
    kick(eventIds) {
      if (stopped) return;
      if (eventIds) for (const id of eventIds) kicked.add(id);
      setImmediate(() => void schedule(!eventIds));
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
