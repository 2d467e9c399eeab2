import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { attempts, sittings, users } from '../../../db/schema/index';

/** What the results export reads beyond the results themselves: the sitting's particulars and national IDs. */
export function createResultsExportRepository(db: Db) {
  return {
    async sitting(id: string) {
      const [row] = await executor(db)
        .select({
          code: sittings.code,
          categoryCode: sittings.categoryCode,
          startsAt: sittings.startsAt,
          resultsPublishedAt: sittings.resultsPublishedAt,
        })
        .from(sittings)
        .where(eq(sittings.id, id));
      return row;
    },

    /** Each attempt's candidate's national ID, for identity checks against the pass list. */
    async nationalIds(sittingId: string): Promise<Map<string, { scheme: string | null; nationalId: string | null }>> {
      const rows = await executor(db)
        .select({ attemptId: attempts.id, scheme: users.nationalIdScheme, nationalId: users.nationalId })
        .from(attempts)
        .innerJoin(users, eq(users.id, attempts.userId))
        .where(eq(attempts.sittingId, sittingId));
      return new Map(rows.map((r) => [r.attemptId, { scheme: r.scheme, nationalId: r.nationalId }]));
    },
  };
}

export type ResultsExportRepository = ReturnType<typeof createResultsExportRepository>;
