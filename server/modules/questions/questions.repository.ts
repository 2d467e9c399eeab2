import { and, asc, desc, eq, gt, ilike, inArray, isNotNull, ne, notExists, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { findRow, lockRow } from '../../../db/row-reads';
import { insertRow, updateRowReturning } from '../../../db/row-writes';
import { likeContains } from '../../../db/like';
import {
  itemRulings,
  questionReviews,
  questions,
  questionVersions,
  subjects,
  topics,
  users,
  type Question,
  type QuestionReview,
  type QuestionStatus,
  type QuestionVersion,
} from '../../../db/schema/index';
import type { Difficulty, QuestionType } from '../../core/question';

export interface QuestionListQuery {
  q?: string | undefined;
  subject?: string | undefined;
  topic?: string | undefined;
  status?: QuestionStatus | undefined;
  difficulty?: Difficulty | undefined;
  type?: QuestionType | undefined;
  tag?: string | undefined;
  /** Keyset cursor: the `seq` of the last row of the previous page. */
  after?: number | undefined;
  limit: number;
}

export function createQuestionsRepository(db: Db) {
  return {
    async taxonomy() {
      const [subjectRows, topicRows] = await Promise.all([
        executor(db).select().from(subjects).orderBy(asc(subjects.position)),
        executor(db).select().from(topics).orderBy(asc(topics.position)),
      ]);
      return subjectRows.map((s) => ({ ...s, topics: topicRows.filter((t) => t.subjectId === s.id) }));
    },
    async topic(id: string) {
      return findRow(db, topics, id);
    },
    async subject(id: string) {
      return findRow(db, subjects, id);
    },
    async insertTopic(row: typeof topics.$inferInsert) {
      await executor(db).insert(topics).values(row);
    },
    async nextTopicPosition(subjectId: string): Promise<number> {
      const [row] = await executor(db)
        .select({ max: sql<number>`coalesce(max(${topics.position}), 0)` })
        .from(topics)
        .where(eq(topics.subjectId, subjectId));
      return Number(row?.max ?? 0) + 1;
    },

    /** Locks the question row for the rest of the transaction, so concurrent edits and reviews queue up. */
    async lockQuestion(id: string): Promise<Question | undefined> {
      return lockRow(db, questions, id);
    },
    async findQuestion(id: string): Promise<Question | undefined> {
      return findRow(db, questions, id);
    },
    async externalIds(): Promise<string[]> {
      const rows = await executor(db)
        .select({ externalId: questions.externalId })
        .from(questions)
        .where(isNotNull(questions.externalId));
      return rows.map((r) => r.externalId!);
    },
    async insertQuestion(row: typeof questions.$inferInsert): Promise<Question> {
      return insertRow(db, questions, row);
    },
    async updateQuestion(id: string, set: Partial<typeof questions.$inferInsert>): Promise<Question> {
      return (await updateRowReturning(db, questions, id, set))!;
    },
    async insertVersion(row: typeof questionVersions.$inferInsert): Promise<QuestionVersion> {
      return insertRow(db, questionVersions, row);
    },
    async version(questionId: string, version: number): Promise<QuestionVersion | undefined> {
      const [row] = await executor(db)
        .select()
        .from(questionVersions)
        .where(and(eq(questionVersions.questionId, questionId), eq(questionVersions.version, version)));
      return row;
    },
    async versions(questionId: string): Promise<QuestionVersion[]> {
      return executor(db)
        .select()
        .from(questionVersions)
        .where(eq(questionVersions.questionId, questionId))
        .orderBy(asc(questionVersions.version));
    },
    /** The names behind a set of account ids, for showing who wrote and edited a question. */
    async names(ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await executor(db)
        .select({ id: users.id, name: users.fullName })
        .from(users)
        .where(inArray(users.id, [...new Set(ids)]));
      return new Map(rows.map((r) => [r.id, r.name]));
    },
    async insertReview(row: typeof questionReviews.$inferInsert): Promise<void> {
      await executor(db).insert(questionReviews).values(row);
    },
    async reviews(questionId: string): Promise<(QuestionReview & { actorName: string })[]> {
      const rows = await executor(db)
        .select({ review: questionReviews, actorName: users.fullName })
        .from(questionReviews)
        .innerJoin(users, eq(users.id, questionReviews.actorId))
        .where(eq(questionReviews.questionId, questionId))
        .orderBy(asc(questionReviews.id));
      return rows.map((r) => ({ ...r.review, actorName: r.actorName }));
    },

    /** A page of the bank with each question's current version, newest first by bank order. */
    async list(query: QuestionListQuery) {
      const filters: SQL[] = [];
      if (query.subject) filters.push(eq(questions.subjectId, query.subject));
      if (query.topic) filters.push(eq(questions.topicId, query.topic));
      if (query.status) filters.push(eq(questions.status, query.status));
      if (query.difficulty) filters.push(eq(questionVersions.difficulty, query.difficulty));
      if (query.type) filters.push(eq(questionVersions.type, query.type));
      if (query.tag) filters.push(sql`${query.tag} = any(${questionVersions.tags})`);
      if (query.q) {
        const pattern = likeContains(query.q);
        filters.push(
          or(
            ilike(sql`(${questionVersions.content}->'text')::text`, pattern),
            ilike(questions.externalId, pattern),
            ilike(questionVersions.source, pattern),
          )!,
        );
      }
      const where = and(...filters);
      const base = executor(db)
        .select({ question: questions, version: questionVersions, authorName: users.fullName })
        .from(questions)
        .innerJoin(
          questionVersions,
          and(eq(questionVersions.questionId, questions.id), eq(questionVersions.version, questions.currentVersion)),
        )
        .innerJoin(users, eq(users.id, questions.authorId));
      const [rows, [totals]] = await Promise.all([
        base
          .where(and(where, query.after === undefined ? undefined : gt(questions.seq, query.after)))
          .orderBy(asc(questions.seq))
          .limit(query.limit),
        executor(db)
          .select({ total: sql<number>`count(*)::int` })
          .from(questions)
          .innerJoin(
            questionVersions,
            and(eq(questionVersions.questionId, questions.id), eq(questionVersions.version, questions.currentVersion)),
          )
          .where(where),
      ]);
      return { rows, total: Number(totals?.total ?? 0) };
    },

    /**
     * Every question papers may draw: its approved version, unless retired or annulled by a ruling. The
     * ruling is read here, where every draw, preview and feasibility check reads the pool, so an
     * annulled version is out of the draw the moment the ruling commits (DESIGN.md rule 14).
     */
    async pool() {
      return executor(db)
        .select({ question: questions, version: questionVersions })
        .from(questions)
        .innerJoin(
          questionVersions,
          and(eq(questionVersions.questionId, questions.id), eq(questionVersions.version, questions.approvedVersion)),
        )
        .where(
          and(
            isNotNull(questions.approvedVersion),
            ne(questions.status, 'retired'),
            notExists(
              executor(db)
                .select({ one: sql`1` })
                .from(itemRulings)
                .where(and(eq(itemRulings.versionId, questionVersions.id), eq(itemRulings.kind, 'annul'))),
            ),
          ),
        )
        .orderBy(asc(questions.seq));
    },

    /** The appeal rulings on any version of these questions, oldest first, for the bank to show. */
    async rulings(questionIds: readonly string[]) {
      if (questionIds.length === 0) return [];
      return executor(db)
        .select({
          questionId: questionVersions.questionId,
          versionId: itemRulings.versionId,
          version: questionVersions.version,
          kind: itemRulings.kind,
          decisionId: itemRulings.decisionId,
          createdAt: itemRulings.createdAt,
        })
        .from(itemRulings)
        .innerJoin(questionVersions, eq(questionVersions.id, itemRulings.versionId))
        .where(inArray(questionVersions.questionId, [...new Set(questionIds)]))
        .orderBy(asc(itemRulings.createdAt), asc(itemRulings.id));
    },

    /** The version with this id (any question). */
    async versionById(id: string): Promise<QuestionVersion | undefined> {
      return findRow(db, questionVersions, id);
    },

    /** Versions for export: each question's current version, filtered like the list. */
    async currentVersions(filter: { subject?: string | undefined; status?: QuestionStatus | undefined }) {
      return executor(db)
        .select({ question: questions, version: questionVersions })
        .from(questions)
        .innerJoin(
          questionVersions,
          and(eq(questionVersions.questionId, questions.id), eq(questionVersions.version, questions.currentVersion)),
        )
        .where(
          and(
            filter.subject ? eq(questions.subjectId, filter.subject) : undefined,
            filter.status ? eq(questions.status, filter.status) : undefined,
          ),
        )
        .orderBy(asc(questions.seq));
    },

    async countByStatus() {
      return executor(db)
        .select({ status: questions.status, n: sql<number>`count(*)::int` })
        .from(questions)
        .groupBy(questions.status)
        .orderBy(desc(questions.status));
    },
  };
}

export type QuestionsRepository = ReturnType<typeof createQuestionsRepository>;
