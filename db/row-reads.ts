import { eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client';
import { executor } from './transaction';

/*
 * The two reads of one row by its id that every repository makes alike, in the caller's transaction (see
 * `executor`). A repository still names its own functions (`find`, `lockVacancy`); these only spell the
 * statements once, as `row-writes.ts` does for inserting and changing a row.
 */

/** The row with this id, every column: undefined when there is none. */
export async function findRow<T extends PgTable & { id: PgColumn }>(
  db: Db,
  table: T,
  id: string,
): Promise<T['$inferSelect'] | undefined> {
  // Drizzle cannot spell the generic table's selected rows: they are its select type.
  const rows = (await executor(db)
    .select()
    .from(table as PgTable)
    .where(eq(table.id, id))) as unknown as T['$inferSelect'][];
  return rows[0];
}

/**
 * The row with this id, locked (`for update`) until the caller's transaction ends, so a step that checks the row's
 * state and then changes it cannot race another: undefined when there is none.
 */
export async function lockRow<T extends PgTable & { id: PgColumn }>(
  db: Db,
  table: T,
  id: string,
): Promise<T['$inferSelect'] | undefined> {
  const rows = (await executor(db)
    .select()
    .from(table as PgTable)
    .where(eq(table.id, id))
    .for('update')) as unknown as T['$inferSelect'][];
  return rows[0];
}
