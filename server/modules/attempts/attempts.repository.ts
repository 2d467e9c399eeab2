import { and, asc, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { prepared, preparedSql } from '../../../db/prepared';
import { executor } from '../../../db/transaction';
import { lockRow } from '../../../db/row-reads';
import { updateRowReturning } from '../../../db/row-writes';
import { rowsOf } from '../../../db/rows';
import {
  attendanceMarks,
  attemptAnswers,
  attempts,
  bookings,
  questionVersions,
  sittingRooms,
  sittings,
  users,
  type Attempt,
  type ScoringHold,
} from '../../../db/schema/index';
import type { LabelScheme } from '../../core/paper/index';
import type { Answer, ScoringResult } from '../../core/scoring/index';
import type { VersionCache } from '../questions/version-cache';

const INSERT_CHUNK = 500;

export interface SaveInput {
  attemptId: string;
  userId: string;
  versionId: string;
  seq: number;
  answer: Answer | null;
  flagged: boolean;
  now: Date;
  graceMs: number;
}

export function createAttemptsRepository(db: Db, versions: VersionCache) {
  // The exam day's hottest statements, built once (db/prepared.ts): every start, paper view and submit.
  const own = prepared(db, 'attempt_own', (on) =>
    on
      .select({ attempt: attempts, sitting: sittings, booking: bookings })
      .from(attempts)
      .innerJoin(sittings, eq(sittings.id, attempts.sittingId))
      .innerJoin(bookings, eq(bookings.id, attempts.bookingId))
      .where(and(eq(attempts.id, sql.placeholder('id')), eq(attempts.userId, sql.placeholder('userId')))),
  );
  // A submit or a result read: the attempt without its paper, version ids or seed (≈ 33 KiB a row that a
  // request waiting for the pool would otherwise hold), with its sitting and the booking's candidate code.
  const resultContext = prepared(db, 'attempt_result_context', (on) =>
    on
      .select({
        attempt: {
          id: attempts.id,
          status: attempts.status,
          deadline: attempts.deadline,
          submittedAt: attempts.submittedAt,
          finalisedBy: attempts.finalisedBy,
          annulReason: attempts.annulReason,
          scoringHold: attempts.scoringHold,
          result: attempts.result,
        },
        sitting: sittings,
        booking: { candidateCode: bookings.candidateCode },
      })
      .from(attempts)
      .innerJoin(sittings, eq(sittings.id, attempts.sittingId))
      .innerJoin(bookings, eq(bookings.id, attempts.bookingId))
      .where(and(eq(attempts.id, sql.placeholder('id')), eq(attempts.userId, sql.placeholder('userId')))),
  );
  const startContext = prepared(db, 'attempt_start_context', (on) =>
    on
      .select({
        attempt: {
          id: attempts.id,
          status: attempts.status,
          startedAt: attempts.startedAt,
          deadline: attempts.deadline,
        },
        sitting: {
          status: sittings.status,
          bookingClosesAt: sittings.bookingClosesAt,
          startsAt: sittings.startsAt,
          entryClosesAt: sittings.entryClosesAt,
          endsAt: sittings.endsAt,
          durationMinutes: sql<number>`(${sittings.blueprint} ->> 'durationMinutes')::int`,
        },
        booking: { extraTimePercent: bookings.extraTimePercent },
      })
      .from(attempts)
      .innerJoin(sittings, eq(sittings.id, attempts.sittingId))
      .innerJoin(bookings, eq(bookings.id, attempts.bookingId))
      // Only an active booking: a paper drawn for a booking later cancelled can never be started.
      .where(
        and(
          eq(attempts.bookingId, sql.placeholder('bookingId')),
          eq(attempts.userId, sql.placeholder('userId')),
          eq(bookings.status, 'active'),
        ),
      ),
  );
  const start = prepared(db, 'attempt_start', (on) =>
    on
      .update(attempts)
      .set({
        status: 'started',
        startedAt: sql`${sql.placeholder('startedAt')}::timestamptz`,
        deadline: sql`${sql.placeholder('deadline')}::timestamptz`,
      })
      // Only from ready, and not for a candidate whose last mark at the door is absent or turned
      // away (no mark: a centre without the door check). The row is claimed with SKIP LOCKED: a mark
      // being written holds it (invigilation's lockBookingInRoom), and waiting here would re-check
      // against a snapshot without that mark; the service's contended path waits properly instead.
      .where(
        sql`${attempts.id} = (
          select a.id from attempts a
          where a.id = ${sql.placeholder('id')} and a.status = 'ready'
            and coalesce(
              (select m.mark from attendance_marks m where m.booking_id = a.booking_id order by m.id desc limit 1),
              'present') = 'present'
          for no key update of a skip locked)`,
      )
      .returning({
        id: attempts.id,
        status: attempts.status,
        startedAt: attempts.startedAt,
        deadline: attempts.deadline,
      }),
  );
  // What a result's view reads of an attempt (never its paper): returned by the statements that close one.
  const resultColumns = {
    id: attempts.id,
    status: attempts.status,
    submittedAt: attempts.submittedAt,
    finalisedBy: attempts.finalisedBy,
    annulReason: attempts.annulReason,
    scoringHold: attempts.scoringHold,
    result: attempts.result,
  };
  // Finalising: the row locked with what scoring needs (its paper, version ids, deadline), then one of
  // two closing updates (scored, or held unscored), each returning the result's columns only.
  const lockToFinalise = prepared(db, 'attempt_lock_to_finalise', (on) =>
    on
      .select({ ...resultColumns, deadline: attempts.deadline, paper: attempts.paper, versionIds: attempts.versionIds })
      .from(attempts)
      .where(eq(attempts.id, sql.placeholder('id')))
      .for('update'),
  );
  const closing = {
    status: 'submitted' as const,
    submittedAt: sql`${sql.placeholder('submittedAt')}::timestamptz`,
    finalisedBy: sql`${sql.placeholder('finalisedBy')}::text`,
  };
  const closeScored = prepared(db, 'attempt_close_scored', (on) =>
    on
      .update(attempts)
      .set({
        ...closing,
        result: sql`${sql.placeholder('result')}::jsonb`,
        points: sql`${sql.placeholder('points')}::numeric`,
        passed: sql`${sql.placeholder('passed')}::boolean`,
      })
      .where(eq(attempts.id, sql.placeholder('id')))
      .returning(resultColumns),
  );
  const closeHeld = prepared(db, 'attempt_close_held', (on) =>
    on
      .update(attempts)
      .set({ ...closing, scoringHold: sql`${sql.placeholder('scoringHold')}::jsonb` })
      .where(eq(attempts.id, sql.placeholder('id')))
      .returning(resultColumns),
  );
  const answers = prepared(db, 'attempt_answers', (on) =>
    on
      .select()
      .from(attemptAnswers)
      .where(eq(attemptAnswers.attemptId, sql.placeholder('attemptId'))),
  );
  // The autosave, every one of thousands a second: see saveAnswer.
  const save = preparedSql(
    db,
    'attempt_save_answer',
    sql`
        insert into attempt_answers (attempt_id, version_id, answer, flagged, seq, saved_at)
        select a.id, ${sql.placeholder('versionId')}::uuid, ${sql.placeholder('answer')}::jsonb, ${sql.placeholder('flagged')}, ${sql.placeholder('seq')}, ${sql.placeholder('now')}::timestamptz
        from attempts a
        where a.id = ${sql.placeholder('attemptId')}::uuid
          and a.user_id = ${sql.placeholder('userId')}::uuid
          and a.status = 'started'
          and a.deadline + ${sql.placeholder('graceMs')} * interval '1 millisecond' >= ${sql.placeholder('now')}::timestamptz
          and ${sql.placeholder('versionId')}::uuid = any(a.version_ids)
        -- Waits for a submit holding the row, then sees it is no longer in progress: an answer is
        -- acknowledged only if the result will include it.
        for key share of a
        on conflict (attempt_id, version_id) do update
          set answer = excluded.answer, flagged = excluded.flagged, seq = excluded.seq, saved_at = excluded.saved_at
          where attempt_answers.seq < excluded.seq
        returning seq, saved_at`,
  );
  const labelScheme = prepared(db, 'attempt_label_scheme', (on) =>
    on
      .select({ labels: sql<number | null>`(${attempts.paper} ->> 'labels')::int` })
      .from(attempts)
      .where(eq(attempts.id, sql.placeholder('id'))),
  );
  return {
    /** The option label scheme the attempt's paper was drawn under (1 when the paper does not say), if there is such an attempt. */
    async labelScheme(id: string): Promise<LabelScheme | undefined> {
      const [row] = await labelScheme({ id });
      return row ? ((row.labels ?? 1) as LabelScheme) : undefined;
    },

    async insertMany(rows: (typeof attempts.$inferInsert)[]): Promise<void> {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await executor(db)
          .insert(attempts)
          .values(rows.slice(i, i + INSERT_CHUNK));
      }
    },

    /** Marks versions as having appeared on a paper; from then on the database refuses to change them. */
    async markVersionsUsed(versionIds: string[], now: Date): Promise<void> {
      if (versionIds.length === 0) return;
      await executor(db)
        .update(questionVersions)
        .set({ usedAt: now })
        .where(and(inArray(questionVersions.id, versionIds), sql`${questionVersions.usedAt} is null`));
    },

    /** The attempt with its sitting and booking, only if it is the caller's. */
    async findOwn(userId: string, id: string) {
      const [row] = await own({ id, userId });
      return row;
    },

    /**
     * What a submit or a result read needs, only if the attempt is the caller's: its state and result (not
     * its paper: the finalising transaction reads what scoring needs under the row's lock), its sitting and
     * the booking's candidate code.
     */
    async resultContext(userId: string, id: string) {
      const [row] = await resultContext({ id, userId });
      return row;
    },

    async find(id: string) {
      const [row] = await executor(db)
        .select({ attempt: attempts, sitting: sittings, booking: bookings })
        .from(attempts)
        .innerJoin(sittings, eq(sittings.id, attempts.sittingId))
        .innerJoin(bookings, eq(bookings.id, attempts.bookingId))
        .where(eq(attempts.id, id));
      return row;
    },

    async ownBooking(userId: string, bookingId: string) {
      const [row] = await executor(db)
        .select({ id: bookings.id, status: bookings.status })
        .from(bookings)
        .where(and(eq(bookings.id, bookingId), eq(bookings.userId, userId)));
      return row;
    },

    /** The attempt locked for finalising: its state and result, and what scoring reads (paper, version ids, deadline). */
    async lockToFinalise(id: string) {
      const [row] = await lockToFinalise({ id });
      return row;
    },

    /** Closes a started attempt (under the caller's lock) as scored, or as held unscored; returns the result's columns. */
    async close(
      id: string,
      closed: { submittedAt: Date; finalisedBy: 'candidate' | 'deadline' },
      outcome: { result: ScoringResult } | { scoringHold: ScoringHold },
    ) {
      const common = { id, submittedAt: closed.submittedAt.toISOString(), finalisedBy: closed.finalisedBy };
      const [row] =
        'result' in outcome
          ? await closeScored({
              ...common,
              result: JSON.stringify(outcome.result),
              points: String(outcome.result.points),
              passed: outcome.result.passed,
            })
          : await closeHeld({ ...common, scoringHold: JSON.stringify(outcome.scoringHold) });
      return row;
    },

    async lock(id: string): Promise<Attempt | undefined> {
      return lockRow(db, attempts, id);
    },

    /**
     * What starting needs, in one narrow read: the attempt's state, the sitting's times and duration,
     * and the booking's accommodation, for the caller's own booking only. (Not the paper: the start
     * burst is thousands of these in a minute.)
     */
    async startContext(userId: string, bookingId: string) {
      const [row] = await startContext({ bookingId, userId });
      return row;
    },

    /** The start: one state change from ready, so a second, concurrent start changes nothing. */
    async start(id: string, startedAt: Date, deadline: Date) {
      const [row] = await start({ id, startedAt: startedAt.toISOString(), deadline: deadline.toISOString() });
      return row;
    },

    /** Waits for whoever holds the attempt's row (a start, or a mark at the door) until it commits. */
    async waitForRow(id: string): Promise<void> {
      await executor(db).select({ id: attempts.id }).from(attempts).where(eq(attempts.id, id)).for('no key update');
    },

    /** The booking's current mark at the door (its last one), or null when it has none. */
    async doorMark(bookingId: string) {
      const [row] = await executor(db)
        .select({ mark: attendanceMarks.mark })
        .from(attendanceMarks)
        .where(eq(attendanceMarks.bookingId, bookingId))
        .orderBy(desc(attendanceMarks.id))
        .limit(1);
      return row?.mark ?? null;
    },

    async update(id: string, set: Partial<typeof attempts.$inferInsert>): Promise<Attempt | undefined> {
      return updateRowReturning(db, attempts, id, set);
    },

    /**
     * The autosave: one indexed upsert that writes only if the attempt is the caller's, is in progress,
     * is within its deadline plus grace, carries the item, and the stored seq is older. Returns the
     * stored row when it wrote, nothing otherwise (the caller then finds out why, off the hot path).
     */
    async saveAnswer(input: SaveInput): Promise<{ seq: number; savedAt: Date } | undefined> {
      const result = await save({
        attemptId: input.attemptId,
        userId: input.userId,
        versionId: input.versionId,
        answer: input.answer === null ? null : JSON.stringify(input.answer),
        flagged: input.flagged,
        seq: input.seq,
        now: input.now.toISOString(),
        graceMs: input.graceMs,
      });
      const [row] = rowsOf<{ seq: number; saved_at: Date | string }>(result);
      return row ? { seq: Number(row.seq), savedAt: new Date(row.saved_at) } : undefined;
    },

    async answer(attemptId: string, versionId: string) {
      const [row] = await executor(db)
        .select()
        .from(attemptAnswers)
        .where(and(eq(attemptAnswers.attemptId, attemptId), eq(attemptAnswers.versionId, versionId)));
      return row;
    },

    /** Writes answers an administrator accepted (from a file of unsent answers), newer seq over older. */
    async putAnswers(
      attemptId: string,
      rows: { versionId: string; seq: number; answer: Answer | null; flagged: boolean }[],
      savedAt: Date,
    ) {
      if (rows.length === 0) return;
      await executor(db)
        .insert(attemptAnswers)
        .values(rows.map((r) => ({ attemptId, ...r, savedAt })))
        .onConflictDoUpdate({
          target: [attemptAnswers.attemptId, attemptAnswers.versionId],
          set: {
            answer: sql`excluded.answer`,
            flagged: sql`excluded.flagged`,
            seq: sql`excluded.seq`,
            savedAt: sql`excluded.saved_at`,
          },
          setWhere: sql`${attemptAnswers.seq} < excluded.seq`,
        });
    },

    /** Clears the stored answers of these items (seq and flag stay); returns what they were. */
    async clearAnswers(attemptId: string, versionIds: string[]) {
      if (versionIds.length === 0) return [];
      const before = await executor(db)
        .select({ versionId: attemptAnswers.versionId, answer: attemptAnswers.answer })
        .from(attemptAnswers)
        .where(and(eq(attemptAnswers.attemptId, attemptId), inArray(attemptAnswers.versionId, versionIds)));
      await executor(db)
        .update(attemptAnswers)
        .set({ answer: null })
        .where(and(eq(attemptAnswers.attemptId, attemptId), inArray(attemptAnswers.versionId, versionIds)));
      return before;
    },

    async answers(attemptId: string) {
      return answers({ attemptId });
    },

    /** The versions' own keys and texts, through the cache of immutable versions. */
    keys: (versionIds: string[]) => versions.keys(versionIds),
    contents: (versionIds: string[]) => versions.contents(versionIds),

    /** Attempts still running after their deadline plus grace, oldest first, but for those `except`. */
    async overdue(now: Date, graceMs: number, limit: number, except: string[] = []): Promise<string[]> {
      const rows = await executor(db)
        .select({ id: attempts.id })
        .from(attempts)
        .where(
          and(
            eq(attempts.status, 'started'),
            sql`${attempts.deadline} + ${graceMs} * interval '1 millisecond' < ${now.toISOString()}::timestamptz`,
            except.length > 0 ? notInArray(attempts.id, except) : undefined,
          ),
        )
        .orderBy(asc(attempts.deadline))
        .limit(limit);
      return rows.map((r) => r.id);
    },

    /** The live board: every booking of the sitting with its attempt and answered count, in one query. */
    async board(sittingId: string) {
      return executor(db)
        .select({
          booking: bookings,
          fullName: users.fullName,
          room: sittingRooms.name,
          roomPosition: sittingRooms.position,
          attempt: {
            id: attempts.id,
            status: attempts.status,
            startedAt: attempts.startedAt,
            deadline: attempts.deadline,
            extraMinutes: attempts.extraMinutes,
            submittedAt: attempts.submittedAt,
            finalisedBy: attempts.finalisedBy,
          },
          answered: sql<number>`coalesce(counts.answered, 0)::int`,
        })
        .from(bookings)
        .innerJoin(users, eq(users.id, bookings.userId))
        .innerJoin(sittingRooms, eq(sittingRooms.id, bookings.roomId))
        .leftJoin(attempts, eq(attempts.bookingId, bookings.id))
        .leftJoin(
          sql`(select aa.attempt_id, count(*) filter (where aa.answer is not null) as answered
                from attempt_answers aa join attempts x on x.id = aa.attempt_id
                where x.sitting_id = ${sittingId}::uuid group by aa.attempt_id) counts`,
          sql`counts.attempt_id = "attempts"."id"`,
        )
        .where(and(eq(bookings.sittingId, sittingId), eq(bookings.status, 'active')))
        .orderBy(asc(sittingRooms.position), asc(bookings.seat));
    },
  };
}

export type AttemptsRepository = ReturnType<typeof createAttemptsRepository>;
