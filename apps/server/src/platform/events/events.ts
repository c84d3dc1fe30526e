import type { Db } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { outboxEvent } from './events.tables.ts';

/**
 * Typed domain events. Each module declares its events in `<module>.events.ts` and adds them to
 * this map by declaration merging, so `emit` and handlers are checked against the payload type.
 * Names are past tense: `user.created`, `appeal.dispatched`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each module
export interface EventMap {}

export type EventType = keyof EventMap & string;

export interface DomainEvent<T extends EventType = EventType> {
  id: string;
  type: T;
  payload: EventMap[T];
  actorId: string | null;
  createdAt: Date;
}

/**
 * Writes an event into the outbox inside the business transaction. It is dispatched to handlers
 * after the commit (see dispatcher.ts); if the process dies first, the poller dispatches it later.
 */
export async function emit<T extends EventType>(
  tx: Db,
  type: T,
  payload: EventMap[T],
  actorId: string | null = null,
): Promise<string> {
  const [row] = await tx
    .insert(outboxEvent)
    .values({ type, payload, actorId })
    .returning({ id: outboxEvent.id });
  return row!.id;
}

/**
 * The outbox row of an event, not yet written: for a use case that writes its rows in one
 * statement (`runTogether` in platform/db/tx.ts). Once that statement (or its transaction) has
 * committed, `kick([id])` the dispatcher, as `publish` does after commit.
 */
export function outboxInsert<T extends EventType>(
  tx: Db,
  type: T,
  payload: EventMap[T],
  actorId: string | null = null,
) {
  const id = newId();
  return { id, insert: tx.insert(outboxEvent).values({ id, type, payload, actorId }) };
}
