import { and, asc, count, eq, gt, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { findRow } from '../../../db/row-reads';
import { likeContains } from '../../../db/like';
import { users, type NewUser, type Role, type User } from '../../../db/schema/index';

export interface UserListQuery {
  q?: string | undefined;
  role?: Role | undefined;
  /** Keyset cursor: the last e-mail of the previous page. */
  after?: string | undefined;
  limit: number;
}

export function createUsersRepository(db: Db) {
  return {
    async findById(id: string): Promise<User | undefined> {
      return findRow(db, users, id);
    },
    async findByEmail(email: string): Promise<User | undefined> {
      const [row] = await executor(db).select().from(users).where(eq(users.email, email));
      return row;
    },
    async findByNationalId(scheme: string, nationalId: string): Promise<User | undefined> {
      const [row] = await executor(db)
        .select()
        .from(users)
        .where(and(eq(users.nationalIdScheme, scheme), eq(users.nationalId, nationalId)));
      return row;
    },
    async findByLogin(login: string): Promise<User | undefined> {
      const [row] = await executor(db)
        .select()
        .from(users)
        .where(or(eq(users.email, login.toLowerCase()), eq(users.nationalId, login.toUpperCase())))
        .limit(1);
      return row;
    },
    async insert(values: NewUser): Promise<User> {
      const [row] = await executor(db).insert(users).values(values).returning();
      return row!;
    },
    async update(id: string, values: Partial<NewUser>): Promise<User | undefined> {
      const [row] = await executor(db).update(users).set(values).where(eq(users.id, id)).returning();
      return row;
    },
    /** Accepts a TOTP step only if it is newer than the last one, atomically, so two racing requests cannot both use one code. */
    async advanceTotpStep(id: string, step: number): Promise<boolean> {
      const rows = await executor(db)
        .update(users)
        .set({ totpLastStep: step })
        .where(and(eq(users.id, id), sql`coalesce(${users.totpLastStep}, -1) < ${step}`))
        .returning({ id: users.id });
      return rows.length === 1;
    },
    async list(query: UserListQuery): Promise<{ rows: User[]; total: number }> {
      const filters: SQL[] = [];
      if (query.q) {
        const pattern = likeContains(query.q);
        filters.push(
          or(ilike(users.fullName, pattern), ilike(users.email, pattern), ilike(users.nationalId, pattern))!,
        );
      }
      if (query.role) filters.push(eq(users.role, query.role));
      const where = and(...filters);
      const page = and(where, query.after ? gt(users.email, query.after) : undefined);
      const [rows, [totals]] = await Promise.all([
        executor(db).select().from(users).where(page).orderBy(asc(users.email)).limit(query.limit),
        executor(db).select({ total: count() }).from(users).where(where),
      ]);
      return { rows, total: totals?.total ?? 0 };
    },
    /**
     * The administrators' ids, with their rows locked until the transaction ends. Two demotions that
     * run at once then queue here, and the second sees the first's result instead of a stale count.
     */
    async lockAdministrators(): Promise<{ id: string; disabledAt: Date | null }[]> {
      const rows = await executor(db)
        .select({ id: users.id, disabledAt: users.disabledAt })
        .from(users)
        .where(eq(users.role, 'administrator'))
        .for('update');
      return rows;
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
