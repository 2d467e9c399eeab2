import { and, asc, count, desc, eq, gte, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/index';
import { likeContains } from '../../../db/like';
import { executor } from '../../../db/transaction';
import { lockRow } from '../../../db/row-reads';
import { insertRow, updateRow, updateRowReturning } from '../../../db/row-writes';
import {
  appeals,
  applications,
  attempts,
  bookings,
  consultationMessages,
  consultations,
  consultationTopics,
  faqEntries,
  satisfactionRatings,
  sittings,
  users,
  vacancies,
  type ConsultationStatus,
  type ConsultationSubject,
  type ConsultationTopic,
  type RatedSubject,
} from '../../../db/schema/index';

const asker = alias(users, 'asker');
const holder = alias(users, 'holder');
const author = alias(users, 'author');

export function createConsultationsRepository(db: Db) {
  return {
    async topicTargets() {
      return executor(db).select().from(consultationTopics);
    },

    async setTopicTarget(topic: ConsultationTopic, targetDays: number, by: string, at: Date) {
      await executor(db)
        .update(consultationTopics)
        .set({ targetDays, updatedBy: by, updatedAt: at })
        .where(eq(consultationTopics.topic, topic));
    },

    async insert(row: typeof consultations.$inferInsert) {
      return insertRow(db, consultations, row);
    },

    /** Adds a message at the end of its thread; the caller holds the consultation's row lock (or has just made it). */
    async insertMessage(row: Omit<typeof consultationMessages.$inferInsert, 'position'>) {
      const [created] = await executor(db)
        .insert(consultationMessages)
        .values({
          ...row,
          position: sql`(select coalesce(max(${consultationMessages.position}), 0) + 1 from ${consultationMessages} where ${consultationMessages.consultationId} = ${row.consultationId})`,
        })
        .returning();
      return created!;
    },

    /** One consultation with its asker and holder; `userId` scopes it to its asker. */
    async one(id: string, userId?: string) {
      const [row] = await executor(db)
        .select({
          consultation: consultations,
          askerName: asker.fullName,
          askerEmail: asker.email,
          holderName: holder.fullName,
          holderRole: holder.role,
        })
        .from(consultations)
        .leftJoin(asker, eq(asker.id, consultations.userId))
        .leftJoin(holder, eq(holder.id, consultations.holderId))
        .where(and(eq(consultations.id, id), userId ? eq(consultations.userId, userId) : undefined));
      return row;
    },

    async lock(id: string) {
      return lockRow(db, consultations, id);
    },

    async update(id: string, set: Partial<typeof consultations.$inferInsert>) {
      await updateRow(db, consultations, id, set);
    },

    /** The thread, oldest first, with each message's author by name and role. */
    async messages(consultationId: string) {
      return executor(db)
        .select({ message: consultationMessages, authorName: author.fullName, authorRole: author.role })
        .from(consultationMessages)
        .leftJoin(author, eq(author.id, consultationMessages.authorId))
        .where(eq(consultationMessages.consultationId, consultationId))
        .orderBy(asc(consultationMessages.position));
    },

    async own(userId: string) {
      return executor(db)
        .select()
        .from(consultations)
        .where(eq(consultations.userId, userId))
        .orderBy(desc(consultations.createdAt), asc(consultations.id));
    },

    /** Staff's queue: the oldest first, so what waited longest is seen first. */
    async queue(
      filter: { status: ConsultationStatus; topic?: ConsultationTopic | undefined },
      page: number,
      size: number,
    ) {
      const where = and(
        eq(consultations.status, filter.status),
        filter.topic ? eq(consultations.topic, filter.topic) : undefined,
      );
      const [rows, [totals]] = await Promise.all([
        executor(db)
          .select({ consultation: consultations, holderName: holder.fullName, holderRole: holder.role })
          .from(consultations)
          .leftJoin(holder, eq(holder.id, consultations.holderId))
          .where(where)
          .orderBy(
            filter.status === 'open' ? asc(consultations.createdAt) : desc(consultations.createdAt),
            asc(consultations.id),
          )
          .limit(size)
          .offset((page - 1) * size),
        executor(db).select({ total: count() }).from(consultations).where(where),
      ]);
      return { rows, total: totals?.total ?? 0 };
    },

    /** Officials who answer consultations, for passing one on. */
    async officials() {
      return executor(db)
        .select({ id: users.id, name: users.fullName, role: users.role })
        .from(users)
        .where(and(inArray(users.role, ['examiner', 'administrator']), isNull(users.disabledAt)))
        .orderBy(asc(users.fullName), asc(users.id));
    },

    /**
     * One of the asker's own things, with a label they recognise; nothing when it is not theirs (the owner is
     * in every `where`, so someone else's id reads exactly as a missing one).
     */
    async ownRelated(userId: string, type: ConsultationSubject, id: string): Promise<string | undefined> {
      const x = executor(db);
      switch (type) {
        case 'booking': {
          const [row] = await x
            .select({ code: sittings.code, candidateCode: bookings.candidateCode })
            .from(bookings)
            .innerJoin(sittings, eq(sittings.id, bookings.sittingId))
            .where(and(eq(bookings.id, id), eq(bookings.userId, userId)));
          return row && `${row.code} · ${row.candidateCode}`;
        }
        case 'attempt': {
          const [row] = await x
            .select({ code: sittings.code })
            .from(attempts)
            .innerJoin(sittings, eq(sittings.id, attempts.sittingId))
            .where(and(eq(attempts.id, id), eq(attempts.userId, userId)));
          return row?.code;
        }
        case 'appeal': {
          const [row] = await x
            .select({ code: sittings.code })
            .from(appeals)
            .innerJoin(attempts, eq(attempts.id, appeals.attemptId))
            .innerJoin(sittings, eq(sittings.id, attempts.sittingId))
            .where(and(eq(appeals.id, id), eq(appeals.userId, userId)));
          return row?.code;
        }
        case 'application': {
          const [row] = await x
            .select({ code: vacancies.code })
            .from(applications)
            .innerJoin(vacancies, eq(vacancies.id, applications.vacancyId))
            .where(and(eq(applications.id, id), eq(applications.userId, userId)));
          return row?.code;
        }
      }
    },

    /** The asker's own things a question may be tied to, newest first, each with its label. */
    async relatedChoices(userId: string) {
      const x = executor(db);
      const [ownBookings, ownAppeals, ownApplications] = await Promise.all([
        x
          .select({
            id: bookings.id,
            code: sittings.code,
            candidateCode: bookings.candidateCode,
            attemptId: attempts.id,
          })
          .from(bookings)
          .innerJoin(sittings, eq(sittings.id, bookings.sittingId))
          .leftJoin(attempts, eq(attempts.bookingId, bookings.id))
          .where(eq(bookings.userId, userId))
          .orderBy(desc(sittings.startsAt)),
        x
          .select({ id: appeals.id, code: sittings.code })
          .from(appeals)
          .innerJoin(attempts, eq(attempts.id, appeals.attemptId))
          .innerJoin(sittings, eq(sittings.id, attempts.sittingId))
          .where(eq(appeals.userId, userId))
          .orderBy(desc(appeals.createdAt)),
        x
          .select({ id: applications.id, code: vacancies.code })
          .from(applications)
          .innerJoin(vacancies, eq(vacancies.id, applications.vacancyId))
          .where(eq(applications.userId, userId))
          .orderBy(desc(applications.createdAt)),
      ]);
      return { bookings: ownBookings, appeals: ownAppeals, applications: ownApplications };
    },

    async faqInsert(row: typeof faqEntries.$inferInsert) {
      return insertRow(db, faqEntries, row);
    },

    async faqLock(id: string) {
      return lockRow(db, faqEntries, id);
    },

    async faqUpdate(id: string, set: Partial<typeof faqEntries.$inferInsert>) {
      return (await updateRowReturning(db, faqEntries, id, set))!;
    },

    async faqOfConsultation(consultationId: string) {
      return executor(db)
        .select({ id: faqEntries.id })
        .from(faqEntries)
        .where(and(eq(faqEntries.consultationId, consultationId), isNull(faqEntries.withdrawnAt)));
    },

    /**
     * Published entries, newest first. Each word searched for must appear in the entry's question or answer,
     * in any of its languages.
     */
    async faq(
      filter: { q?: string | undefined; any?: boolean; topic?: ConsultationTopic | undefined },
      page: number,
      size: number,
    ) {
      const words = (filter.q ?? '')
        .split(/[\s.,;:!?()"'«»]+/)
        .filter((w) => w.length > (filter.any ? 2 : 0))
        .slice(0, filter.any ? 12 : 8);
      const text = sql`(${faqEntries.question}::text || ' ' || ${faqEntries.answer}::text)`;
      const where = and(
        isNull(faqEntries.withdrawnAt),
        filter.topic ? eq(faqEntries.topic, filter.topic) : undefined,
        filter.any
          ? words.length
            ? or(...words.map((w): SQL => sql`${text} ilike ${likeContains(w)}`))
            : sql`false`
          : and(...words.map((w): SQL => sql`${text} ilike ${likeContains(w)}`)),
      );
      const [rows, [totals]] = await Promise.all([
        executor(db)
          .select()
          .from(faqEntries)
          .where(where)
          .orderBy(desc(sql`coalesce(${faqEntries.updatedAt}, ${faqEntries.createdAt})`), asc(faqEntries.id))
          .limit(size)
          .offset((page - 1) * size),
        executor(db).select({ total: count() }).from(faqEntries).where(where),
      ]);
      return { rows, total: totals?.total ?? 0 };
    },

    /** The facts the public figures are computed from: times and topics only, nothing a person wrote. */
    async qualityFacts(since: Date) {
      const [questions, ratings] = await Promise.all([
        executor(db)
          .select({
            topic: consultations.topic,
            receivedAt: consultations.createdAt,
            firstAnsweredAt: consultations.firstAnsweredAt,
            targetAt: consultations.targetAt,
          })
          .from(consultations)
          .where(gte(consultations.createdAt, since)),
        executor(db)
          .select({
            topic: satisfactionRatings.topic,
            ratedAt: satisfactionRatings.createdAt,
            score: satisfactionRatings.score,
          })
          .from(satisfactionRatings)
          .where(gte(satisfactionRatings.createdAt, since)),
      ]);
      return { questions, ratings };
    },

    /** The rated thing, if it is the caller's: its state decides whether it may be rated yet. */
    async ratedSubject(userId: string, type: RatedSubject, id: string) {
      const x = executor(db);
      switch (type) {
        case 'consultation': {
          const [row] = await x
            .select({ topic: consultations.topic, ready: sql<boolean>`${consultations.firstAnsweredAt} is not null` })
            .from(consultations)
            .where(and(eq(consultations.id, id), eq(consultations.userId, userId)));
          return row;
        }
        case 'appeal': {
          const [row] = await x
            .select({ ready: sql<boolean>`${appeals.status} <> 'pending'` })
            .from(appeals)
            .where(and(eq(appeals.id, id), eq(appeals.userId, userId)));
          return row && { topic: 'results' as const, ready: row.ready };
        }
        case 'attempt': {
          const [row] = await x
            .select({ ready: sql<boolean>`${attempts.status} = 'submitted'` })
            .from(attempts)
            .where(and(eq(attempts.id, id), eq(attempts.userId, userId)));
          return row && { topic: 'exam' as const, ready: row.ready };
        }
      }
    },

    async rating(userId: string | null, type: RatedSubject, id: string) {
      const [row] = await executor(db)
        .select()
        .from(satisfactionRatings)
        .where(
          and(
            eq(satisfactionRatings.subjectType, type),
            eq(satisfactionRatings.subjectId, id),
            userId ? eq(satisfactionRatings.userId, userId) : undefined,
          ),
        );
      return row;
    },

    /** Records a rating; nothing when this thing was already rated (the unique index decides). */
    async insertRating(row: typeof satisfactionRatings.$inferInsert) {
      const [created] = await executor(db).insert(satisfactionRatings).values(row).onConflictDoNothing().returning();
      return created;
    },

    async ratings(page: number, size: number) {
      const [rows, [totals]] = await Promise.all([
        executor(db)
          .select()
          .from(satisfactionRatings)
          .orderBy(desc(satisfactionRatings.createdAt), asc(satisfactionRatings.id))
          .limit(size)
          .offset((page - 1) * size),
        executor(db).select({ total: count() }).from(satisfactionRatings),
      ]);
      return { rows, total: totals?.total ?? 0 };
    },

    /** A staff account that may hold consultations (examiner or administrator, not disabled). */
    async official(id: string) {
      const [row] = await executor(db)
        .select({ id: users.id, name: users.fullName, role: users.role })
        .from(users)
        .where(
          and(
            eq(users.id, id),
            or(eq(users.role, 'examiner'), eq(users.role, 'administrator')),
            isNull(users.disabledAt),
          ),
        );
      return row;
    },
  };
}

export type ConsultationsRepository = ReturnType<typeof createConsultationsRepository>;
