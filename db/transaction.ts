import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from './client';

/**
 * The one data-access convention. A transaction travels with the async call that opened it, as in
 * PrairieLearn: a repository never takes a `tx` argument, it asks `executor(db)` and gets the transaction
 * open in this call, or the pool outside one, so a query cannot forget to join its caller's transaction.
 *
 * Frames are kept per root handle, so two databases in one process (the test suite, the owner's handle
 * beside the application's) never see each other's transactions.
 */
interface Frame {
  root: Db;
  tx: Db;
  outer: Frame | undefined;
}

const open = new AsyncLocalStorage<Frame>();

/** The transaction open on `db` in this async call, or `db` itself outside one. */
export function executor(db: Db): Db {
  for (let frame = open.getStore(); frame; frame = frame.outer) if (frame.root === db) return frame.tx;
  return db;
}

/** Whether a transaction on `db` is open in this async call: for steps that are only right inside one. */
export function inTransaction(db: Db): boolean {
  return executor(db) !== db;
}

/**
 * Runs `work` in a transaction on `db`: a new one at the top, a savepoint inside another, so a nested
 * failure rolls back only its own part. Repository calls made by `work` (and by whatever it awaits) use
 * it. Do not run two nested transactions at once on one transaction: savepoints follow one another.
 */
export function transaction<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const outer = open.getStore();
  return executor(db).transaction((tx) => open.run({ root: db, tx: tx as unknown as Db, outer }, work));
}

/**
 * Runs `work` outside every open transaction: its queries go to the pool and stand whatever the caller's
 * transaction does. On PGlite, which has one connection, it must not be awaited inside a transaction.
 */
export function outside<T>(work: () => Promise<T>): Promise<T> {
  return open.exit(work);
}
