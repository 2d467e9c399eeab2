import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { sessions, users, type Session, type User } from '../../../db/schema/index';

export function createSessionsRepository(db: Db) {
  return {
    async insert(session: Session): Promise<void> {
      await executor(db).insert(sessions).values(session);
    },
    async findById(id: string): Promise<Session | undefined> {
      const [row] = await executor(db).select().from(sessions).where(eq(sessions.id, id));
      return row;
    },
    /** The session with its account, in one round trip: every API request asks this first. */
    async findWithUser(id: string): Promise<{ session: Session; user: User } | undefined> {
      const [row] = await executor(db)
        .select({ session: sessions, user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.id, id));
      return row;
    },
    async touch(id: string, at: Date): Promise<void> {
      await executor(db).update(sessions).set({ lastVerifiedAt: at }).where(eq(sessions.id, id));
    },
    async delete(id: string): Promise<void> {
      await executor(db).delete(sessions).where(eq(sessions.id, id));
    },
    /** Ends every session of a user but `keepId` (the one asking), and says how many ended. */
    async deleteOthersForUser(userId: string, keepId: string): Promise<number> {
      const rows = await executor(db)
        .delete(sessions)
        .where(and(eq(sessions.userId, userId), ne(sessions.id, keepId)))
        .returning({ id: sessions.id });
      return rows.length;
    },
    /** Ends every session of a user, e.g. after a role change, so new rights need a new sign-in. */
    async deleteAllForUser(userId: string): Promise<void> {
      await executor(db).delete(sessions).where(eq(sessions.userId, userId));
    },
  };
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
