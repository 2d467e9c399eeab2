import { inArray } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { questionVersions } from '../../../db/schema/index';
import type { QuestionContent, QuestionKey } from '../../core/question';

/** Entries kept before the cache starts afresh: a whole bank many times over, a few tens of MiB. */
const MAX_ENTRIES = 50_000;

interface CachedVersion {
  content: QuestionContent;
  key: QuestionKey;
}

/**
 * Question versions by id, kept in memory once read. A version never changes once stored (a trigger
 * refuses it), so a cached copy can never be stale. This takes the hundred-row read of a paper's
 * texts and keys off every paper view and every scoring on exam day.
 */
export function createVersionCache(db: Db) {
  const cache = new Map<string, CachedVersion>();

  async function load(ids: readonly string[]): Promise<Map<string, CachedVersion>> {
    const wanted = [...new Set(ids)];
    const missing = wanted.filter((id) => !cache.has(id));
    if (missing.length > 0) {
      const rows = await executor(db)
        .select({ id: questionVersions.id, content: questionVersions.content, key: questionVersions.answerKey })
        .from(questionVersions)
        .where(inArray(questionVersions.id, missing));
      if (cache.size + rows.length > MAX_ENTRIES) cache.clear();
      for (const row of rows) cache.set(row.id, { content: row.content, key: row.key });
    }
    const found = new Map<string, CachedVersion>();
    for (const id of wanted) {
      const hit = cache.get(id);
      if (hit) found.set(id, hit);
    }
    return found;
  }

  return {
    /** The versions' texts and options (with option ids), for showing a candidate their paper. */
    async contents(ids: readonly string[]): Promise<{ id: string; content: QuestionContent }[]> {
      return [...(await load(ids))].map(([id, v]) => ({ id, content: v.content }));
    },
    /** The versions' own keys (a ruling may put another in force: see the rulings repository). */
    async keys(ids: readonly string[]): Promise<{ id: string; key: QuestionKey }[]> {
      return [...(await load(ids))].map(([id, v]) => ({ id, key: v.key }));
    },
  };
}

export type VersionCache = ReturnType<typeof createVersionCache>;
