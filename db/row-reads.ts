import { eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client';
import { executor } from './transaction';

/*
 * The two reads of one row by its id that every repository makes alike, in the caller's transaction (see
 * `executor`). A repository still names its own functions (`find`, `lockVacancy`); these only spell the
 * statements once, as `row-writes.ts` does for inserting and changing a row.
 */

type Row<T extends PgTable> = T['$inferSelect'];

/** The row with this id, every column: undefined when there is none. */
export function findRow<T extends PgTable & { id: PgColumn }>(db: Db, table: T, id: string) {
  return rowById(db, table, id, false);
}

/**
 * The row with this id, locked (`for update`) until the caller's transaction ends, so a step that checks the row's
 * state and then changes it cannot race another: undefined when there is none.
 */
export function lockRow<T extends PgTable & { id: PgColumn }>(db: Db, table: T, id: string) {
  return rowById(db, table, id, true);
}

async function rowById<T extends PgTable & { id: PgColumn }>(
  db: Db,
  table: T,
  id: string,
  lock: boolean,
): Promise<Row<T> | undefined> {
  const query = executor(db)
    .select()
    .from(table as PgTable)
    .where(eq(table.id, id));
  // Drizzle cannot spell the generic table's selected rows: they are its select type.
  const rows = (await (lock ? query.for('update') : query)) as unknown as Row<T>[];
  return rows[0];
}
