import { asc, sql } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { prepared } from '../../../db/prepared';
import { findRow } from '../../../db/row-reads';
import { insertRow } from '../../../db/row-writes';
import { itemRulings, type ItemRuling } from '../../../db/schema/index';
import type { QuestionKey } from '../../core/question';
import type { Annulment } from '../../core/scoring/index';
import type { VersionCache } from '../questions/version-cache';

/** What scoring reads besides the paper and the answers: the key in force and the annulments. */
export interface ScoringInForce {
  /** Every given version's key: its own, or the one the latest key ruling put in force. */
  keys: Record<string, QuestionKey>;
  /** At most one per version; the mode is the latest annulment's (null: the blueprint's). */
  annulments: Annulment[];
}

export function createRulingsRepository(db: Db, cache: VersionCache) {
  // Every submit and every finalising by the sweeper reads this: a statement built once and named (db/prepared.ts),
  // with the versions as one array value, so its text is the same whatever their number.
  const onVersions = prepared(db, 'rulings_on_versions', (on) =>
    on
      .select()
      .from(itemRulings)
      .where(sql`${itemRulings.versionId} = any(${sql.placeholder('versionIds')}::uuid[])`)
      .orderBy(asc(itemRulings.createdAt), asc(itemRulings.logIndex)),
  );
  return {
    /**
     * The scoring inputs in force for these versions, in two queries whatever their number: the
     * versions' keys, overridden by the rulings on them in the order they were made. A ruling names a
     * version, so it reaches every paper that carries it, at any position and in any sitting.
     */
    async inForce(versionIds: readonly string[]): Promise<ScoringInForce> {
      const ids = [...new Set(versionIds)];
      if (ids.length === 0) return { keys: {}, annulments: [] };
      const [versions, rulings] = await Promise.all([cache.keys(ids), onVersions({ versionIds: ids })]);
      const keys: Record<string, QuestionKey> = {};
      for (const v of versions) keys[v.id] = v.key;
      const annulled = new Map<string, Annulment>();
      for (const ruling of rulings) {
        if (ruling.kind === 'key' && ruling.key) keys[ruling.versionId] = ruling.key;
        if (ruling.kind === 'annul') {
          annulled.set(
            ruling.versionId,
            ruling.annulMode
              ? { versionId: ruling.versionId, mode: ruling.annulMode }
              : { versionId: ruling.versionId },
          );
        }
      }
      return { keys, annulments: [...annulled.values()] };
    },

    async insert(row: typeof itemRulings.$inferInsert): Promise<ItemRuling> {
      return insertRow(db, itemRulings, row);
    },

    async find(id: string): Promise<ItemRuling | undefined> {
      return findRow(db, itemRulings, id);
    },
  };
}

export type RulingsRepository = ReturnType<typeof createRulingsRepository>;
