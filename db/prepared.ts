import { PgDialect } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import type { Db } from './client';
import { executor } from './transaction';

interface Preparable<R> {
  prepare(name: string): { execute(values?: Record<string, unknown>): Promise<R> };
}

/**
 * A statement built once (its values as `sql.placeholder`s) for the hottest queries: building a
 * drizzle query anew costs more CPU than PostgreSQL spends running a one-row read. Inside an open
 * transaction it is built on that transaction instead, so it keeps the `executor` convention.
 *
 * It is also named, which on PostgreSQL saves a round trip every time: postgres.js sends a statement
 * drizzle does not name as an unnamed one and, when it has values, describes it first and waits for
 * the answer before binding them (Parse, Describe, Flush; then Bind, Execute, Sync: two writes and two
 * round trips). A named one is described once per connection, then each run is one write.
 */
export function prepared<R>(db: Db, name: string, build: (on: Db) => Preparable<R>) {
  const once = build(db).prepare(name);
  return (values: Record<string, unknown>): Promise<R> => {
    const on = executor(db);
    return (on === db ? once : build(on).prepare(name)).execute(values);
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
