import { PgDialect } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import type { Db } from './client';
import { executor } from './transaction';

interface Runnable<R> {
  execute(values?: Record<string, unknown>): Promise<R>;
}

interface Preparable<R> {
  prepare(name: string): Runnable<R>;
}

/** What a drizzle session and its prepared queries hold: the driver's client the query runs on. */
interface OnClient {
  client: unknown;
}

/** The driver client a database handle or an open transaction runs its queries on (drizzle's session). */
function clientOf(on: Db): unknown {
  return (on as unknown as { _: { session: OnClient } })._.session.client;
}

/**
 * A statement built once (its values as `sql.placeholder`s) for the hottest queries: building a
 * drizzle query anew costs more CPU than PostgreSQL spends running a one-row read. Inside an open
 * transaction it runs on that transaction instead, so it keeps the `executor` convention.
 *
 * It is also named, which on PostgreSQL saves a round trip every time: postgres.js sends a statement
 * drizzle does not name as an unnamed one and, when it has values, describes it first and waits for
 * the answer before binding them (Parse, Describe, Flush; then Bind, Execute, Sync: two writes and two
 * round trips). A named one is described once per connection, then each run is one write.
 *
 * Inside a transaction the statement built once is run on the transaction's client (its text, values
 * and result mapping are the same), not built again: a submit's finalising runs three of these in its
 * transaction, and building them was about a tenth of a submit's CPU. The client is drizzle's own field
 * of the prepared query and of a session; both are checked here once, so a drizzle that renamed it fails
 * at start-up rather than running a transaction's statement on the pool.
 */
export function prepared<R>(db: Db, name: string, build: (on: Db) => Preparable<R>) {
  const once = build(db).prepare(name);
  const onPool = (once as unknown as Partial<OnClient>).client;
  if (onPool === undefined || onPool !== clientOf(db))
    throw new Error(
      `prepared ${name}: drizzle's prepared query no longer keeps its client where db/prepared.ts expects it`,
    );
  return (values: Record<string, unknown>): Promise<R> => {
    const on = executor(db);
    if (on === db) return once.execute(values);
    const inTransaction = Object.create(once) as Runnable<R> & OnClient;
    inTransaction.client = clientOf(on);
    return inTransaction.execute(values);
  };
}

const dialect = new PgDialect();

/**
 * A hand-written statement (what drizzle's builder cannot express), prepared and named as `prepared`
 * does: its values are `sql.placeholder`s. Resolves to what `db.execute` would (read it with `rowsOf`).
 */
export function preparedSql(db: Db, name: string, statement: SQL) {
  const query = dialect.sqlToQuery(statement);
  return prepared<unknown>(db, name, (on) => ({
    prepare: (as) => on._.session.prepareQuery(query, undefined, as, false),
  }));
}
