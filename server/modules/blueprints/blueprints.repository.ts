import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { findRow } from '../../../db/row-reads';
import { insertRow } from '../../../db/row-writes';
import { blueprints, type BlueprintRow } from '../../../db/schema/index';

export function createBlueprintsRepository(db: Db) {
  return {
    async list(includeArchived: boolean): Promise<BlueprintRow[]> {
      return executor(db)
        .select()
        .from(blueprints)
        .where(includeArchived ? undefined : eq(blueprints.archived, false))
        .orderBy(desc(blueprints.updatedAt));
    },
    async find(id: string): Promise<BlueprintRow | undefined> {
      return findRow(db, blueprints, id);
    },
    async insert(row: typeof blueprints.$inferInsert): Promise<BlueprintRow> {
      return insertRow(db, blueprints, row);
    },
    async update(id: string, set: Partial<typeof blueprints.$inferInsert>): Promise<BlueprintRow | undefined> {
      const [row] = await executor(db)
        .update(blueprints)
        .set(set)
        .where(and(eq(blueprints.id, id)))
        .returning();
      return row;
    },
  };
}

export type BlueprintsRepository = ReturnType<typeof createBlueprintsRepository>;
