import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { insertRow, updateRow } from '../../../db/row-writes';
import {
  attempts,
  bookings,
  categories,
  certificates,
  sittings,
  users,
  type Category,
  type Certificate,
} from '../../../db/schema/index';

export function createCertificatesRepository(db: Db) {
  const withContext = () =>
    executor(db)
      .select({
        certificate: certificates,
        fullName: users.fullName,
        sittingCode: sittings.code,
        candidateCode: bookings.candidateCode,
        result: attempts.result,
      })
      .from(certificates)
      .innerJoin(users, eq(users.id, certificates.userId))
      .innerJoin(attempts, eq(attempts.id, certificates.attemptId))
      .innerJoin(sittings, eq(sittings.id, attempts.sittingId))
      .innerJoin(bookings, eq(bookings.id, attempts.bookingId));

  return {
    async categories(): Promise<Category[]> {
      return executor(db).select().from(categories).orderBy(asc(categories.position));
    },

    /** The attempts to bring their certificates in line with, each with its certificate if it has one. */
    async attemptsForSync(attemptIds: string[]) {
      if (attemptIds.length === 0) return [];
      return executor(db)
        .select({
          attemptId: attempts.id,
          userId: attempts.userId,
          status: attempts.status,
          passed: attempts.passed,
          categoryCode: sittings.categoryCode,
          sittingCode: sittings.code,
          candidateCode: bookings.candidateCode,
          certificate: certificates,
        })
        .from(attempts)
        .innerJoin(sittings, eq(sittings.id, attempts.sittingId))
        .innerJoin(bookings, eq(bookings.id, attempts.bookingId))
        .leftJoin(certificates, eq(certificates.attemptId, attempts.id))
        .where(inArray(attempts.id, attemptIds))
        .orderBy(asc(attempts.id));
    },

    async insert(row: typeof certificates.$inferInsert): Promise<Certificate> {
      return insertRow(db, certificates, row);
    },

    async update(id: string, set: Partial<typeof certificates.$inferInsert>): Promise<void> {
      await updateRow(db, certificates, id, set);
    },

    /** The caller's certificates, newest first. */
    async listOwn(userId: string) {
      return withContext().where(eq(certificates.userId, userId)).orderBy(desc(certificates.issuedAt));
    },

    async findOwn(userId: string, id: string) {
      const [row] = await withContext().where(and(eq(certificates.id, id), eq(certificates.userId, userId)));
      return row;
    },

    async findByCode(code: string) {
      const [row] = await withContext().where(eq(certificates.code, code));
      return row;
    },

    /** The attempt's certificate id while it is valid: for the candidate's result page. */
    async validForAttempt(attemptId: string): Promise<string | null> {
      const [row] = await executor(db)
        .select({ id: certificates.id })
        .from(certificates)
        .where(and(eq(certificates.attemptId, attemptId), eq(certificates.status, 'valid')));
      return row?.id ?? null;
    },
  };
}

export type CertificatesRepository = ReturnType<typeof createCertificatesRepository>;
