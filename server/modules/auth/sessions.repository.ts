import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { prepared } from '../../../db/prepared';
import { executor } from '../../../db/transaction';
import { findRow } from '../../../db/row-reads';
import { sessions, users, type Session, type User } from '../../../db/schema/index';

/** What checking a session needs of it and of its account: every API request reads this, so nothing more. */
const sessionWithUser = {
  session: {
    id: sessions.id,
    secretHash: sessions.secretHash,
    createdAt: sessions.createdAt,
    lastVerifiedAt: sessions.lastVerifiedAt,
    twoFactorVerified: sessions.twoFactorVerified,
  },
  user: {
    id: users.id,
    fullName: users.fullName,
    email: users.email,
    role: users.role,
    nationalIdScheme: users.nationalIdScheme,
    nationalId: users.nationalId,
    totpEnabledAt: users.totpEnabledAt,
    mustChangePassword: users.mustChangePassword,
    disabledAt: users.disabledAt,
  },
};

export type SessionWithUser = {
  session: Pick<Session, keyof typeof sessionWithUser.session>;
  user: Pick<User, keyof typeof sessionWithUser.user>;
};

export function createSessionsRepository(db: Db) {
  const withUser = prepared(db, 'session_with_user', (on) =>
    on
      .select(sessionWithUser)
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, sql.placeholder('id'))),
  );
  // The sliding expiry's write (at most every few minutes per session): named too, so a request that makes it
  // pays one round trip for it, not the two of an unnamed statement with values.
  const touch = prepared(db, 'session_touch', (on) =>
    on
      .update(sessions)
      .set({ lastVerifiedAt: sql`${sql.placeholder('at')}::timestamptz` })
      .where(eq(sessions.id, sql.placeholder('id'))),
  );
  return {
    async insert(session: Session): Promise<void> {
      await executor(db).insert(sessions).values(session);
    },
    async findById(id: string): Promise<Session | undefined> {
      return findRow(db, sessions, id);
    },
    /** The session with its account, in one round trip: every API request asks this first. */
    async findWithUser(id: string): Promise<SessionWithUser | undefined> {
      const [row] = await withUser({ id });
      return row;
    },
    async touch(id: string, at: Date): Promise<void> {
      await touch({ id, at: at.toISOString() });
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
