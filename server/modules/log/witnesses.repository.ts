import { and, asc, count, desc, eq, gte, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import {
  logCheckpoints,
  logCosignatures,
  logWitnessStatus,
  type LogCheckpointRow,
  type LogCosignatureRow,
  type LogWitnessStatusRow,
} from '../../../db/schema/index';

export function createWitnessRepository(db: Db) {
  return {
    async statuses(witnesses: readonly string[]): Promise<LogWitnessStatusRow[]> {
      if (witnesses.length === 0) return [];
      return executor(db)
        .select()
        .from(logWitnessStatus)
        .where(inArray(logWitnessStatus.witness, [...witnesses]));
    },

    async saveStatus(row: LogWitnessStatusRow): Promise<void> {
      const { witness: _witness, ...rest } = row;
      await executor(db)
        .insert(logWitnessStatus)
        .values(row)
        .onConflictDoUpdate({ target: logWitnessStatus.witness, set: rest });
    },

    /** Keeps cosignatures; one per witness and checkpoint, the first that arrived. */
    async insertCosignatures(rows: readonly LogCosignatureRow[]): Promise<void> {
      if (rows.length === 0) return;
      await executor(db)
        .insert(logCosignatures)
        .values([...rows])
        .onConflictDoNothing();
    },

    /** The cosignatures on one checkpoint by the given witnesses, in a stable order. */
    async cosignatures(size: number, witnesses: readonly string[]): Promise<LogCosignatureRow[]> {
      if (witnesses.length === 0) return [];
      return executor(db)
        .select()
        .from(logCosignatures)
        .where(and(eq(logCosignatures.checkpointSize, size), inArray(logCosignatures.witness, [...witnesses])))
        .orderBy(asc(logCosignatures.witness));
    },

    /** The largest checkpoint cosigned by at least `quorum` of the given witnesses (quorum ≥ 1). */
    async newestWithQuorum(witnesses: readonly string[], quorum: number): Promise<LogCheckpointRow | undefined> {
      if (witnesses.length === 0) return undefined;
      const [met] = await executor(db)
        .select({ size: logCosignatures.checkpointSize })
        .from(logCosignatures)
        .where(inArray(logCosignatures.witness, [...witnesses]))
        .groupBy(logCosignatures.checkpointSize)
        .having(gte(count(), quorum))
        .orderBy(desc(logCosignatures.checkpointSize))
        .limit(1);
      if (!met) return undefined;
      const [row] = await executor(db).select().from(logCheckpoints).where(eq(logCheckpoints.size, met.size));
      return row;
    },
  };
}

export type WitnessRepository = ReturnType<typeof createWitnessRepository>;
