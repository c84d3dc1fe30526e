import type { Database, Tx } from './client.ts';

/**
 * One use case = one transaction: the change, its audit row and its outbox events commit together.
 * Work that must only happen once the commit is durable (dispatching events, waking job workers)
 * is registered with `afterCommit` and runs after the transaction returns; a failure there is
 * logged by the caller and never undoes the committed change.
 */
export interface UnitOfWork {
  tx: Tx;
  afterCommit(fn: () => void | Promise<void>): void;
}

export async function inTransaction<T>(
  database: Database,
  fn: (uow: UnitOfWork) => Promise<T>,
  onAfterCommitError: (err: unknown) => void = () => undefined,
): Promise<T> {
  const after: (() => void | Promise<void>)[] = [];
  const result = await database.db.transaction(async (tx) =>
    fn({ tx: tx as unknown as Tx, afterCommit: (f) => after.push(f) }),
  );
  for (const f of after) {
    try {
      await f();
    } catch (err) {
      onAfterCommitError(err);
    }
  }
  return result;
}
