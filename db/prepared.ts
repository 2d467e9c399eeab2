import type { Db } from './client';
import { executor } from './transaction';

interface Preparable<R> {
  prepare(name: string): { execute(values?: Record<string, unknown>): Promise<R> };
}

/**
 * A statement built once (its values as `sql.placeholder`s) for the hottest queries: building a
 * drizzle query anew costs more CPU than PostgreSQL spends running a one-row read. Inside an open
 * transaction it is built on that transaction instead, so it keeps the `executor` convention.
 */
export function prepared<R>(db: Db, name: string, build: (on: Db) => Preparable<R>) {
  const once = build(db).prepare(name);
  return (values: Record<string, unknown>): Promise<R> => {
    const on = executor(db);
    return (on === db ? once : build(on).prepare(name)).execute(values);
  };
}
