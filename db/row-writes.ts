import { eq } from 'drizzle-orm';
import type { PgColumn, PgInsertValue, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db } from './client';
import { executor } from './transaction';

/*
 * The two writes every repository makes alike, in the caller's transaction (see `executor`). A repository still
 * names its own functions (`insertDecision`, `updateVacancy`) and types; these only spell the statements once.
 */

/** Inserts one row and gives it back as stored: its id and defaults filled in. */
export async function insertRow<T extends PgTable>(
  db: Db,
  table: T,
  row: T['$inferInsert'],
): Promise<T['$inferSelect']> {
  const [created] = await executor(db)
    .insert(table)
    .values(row as PgInsertValue<T>)
    .returning();
  return created as T['$inferSelect'];
}

/** Changes the row with this id (none, when there is no such row). */
export async function updateRow<T extends PgTable & { id: PgColumn }>(
  db: Db,
  table: T,
  id: string,
  set: Partial<T['$inferInsert']>,
): Promise<void> {
  await executor(db)
    .update(table)
    .set(set as PgUpdateSetSource<T>)
    .where(eq(table.id, id));
}

/** Changes the row with this id and gives it back as it now stands: undefined when there is no such row. */
export async function updateRowReturning<T extends PgTable & { id: PgColumn }>(
  db: Db,
  table: T,
  id: string,
  set: Partial<T['$inferInsert']>,
): Promise<T['$inferSelect'] | undefined> {
  // Drizzle cannot spell the generic table's returned rows: they are its select type.
  const rows = (await executor(db)
    .update(table)
    .set(set as PgUpdateSetSource<T>)
    .where(eq(table.id, id))
    .returning()) as unknown as T['$inferSelect'][];
  return rows[0];
}
