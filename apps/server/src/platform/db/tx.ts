import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Database, Db, Tx } from './client.ts';

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

/**
 * Runs several data-modifying statements (inserts, updates, each without `returning`) as one: the
 * common-table expressions of a single statement, so they apply together or not at all even
 * outside a transaction, in one round trip. The statements must not depend on each other's
 * effects (they all see the database as it was before the statement); foreign keys between them
 * are fine (checked at the statement's end). Throws the statement's error, e.g. a unique violation.
 */
export async function runTogether(db: Db, statements: readonly (SQLWrapper | SQL)[]): Promise<void> {
  if (statements.length === 0) return;
  const ctes = sql.join(
    statements.map((s, i) => sql`${sql.raw(`w${i}`)} as (${s.getSQL()})`),
    sql`, `,
  );
  await db.execute(sql`with ${ctes} select 1`);
}
