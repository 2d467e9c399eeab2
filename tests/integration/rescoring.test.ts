import { asc, eq, inArray } from 'drizzle-orm';
import { transaction } from '../../db/transaction';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptAnswers, attempts, rescoringChanges, rescoringJobs, sittings } from '../../db/schema/index';
import type { QuestionKey } from '../../server/core/question';
import { scoreAttempt, type Annulment, type Answer, type ScoringResult } from '../../server/core/scoring/index';
import type { RescoringJobDetail } from '../../server/modules/appeals/appeals.schemas';
import { createRescoringRepository } from '../../server/modules/appeals/rescoring.repository';
import { createRescoringService } from '../../server/modules/appeals/rescoring.service';
import { fileAppeal, satSitting, upheld, type Pick, type SatSitting } from '../factories/appeals';
import { EXAM_ENV, examBank, staffMember, type ExamBank, type Person } from '../factories/sittings';
import { createTestApp, request, type TestApp } from '../helpers/app';
import { auditEntries } from '../helpers/exam';
import { expectDatabaseUnchanged } from '../helpers/snapshot';

let t: TestApp;
let admin: Person;

beforeAll(async () => {
  t = await createTestApp(EXAM_ENV);
  admin = await staffMember(t, 'administrator');
});
afterAll(() => t.close());

/** Wrong on question 0 for everyone, and on item 3 for even candidates: 3 of 4 points, or 2. */
const wrongOnFirst =
  (bank: ExamBank): Pick =>
  (q, index, candidate) =>
    q.versionId === bank.questions[0]!.versionId || (candidate % 2 === 0 && index === 2) ? q.wrong : q.correct;

async function newBank(app: TestApp): Promise<ExamBank> {
  return examBank(app);
}

async function attemptRows(app: TestApp, ids: string[]) {
  return app.database.db.select().from(attempts).where(inArray(attempts.id, ids)).orderBy(asc(attempts.id));
}

/** The result scoring from scratch gives: the stored paper and answers, the bank's keys with `keys` over them. */
async function fromScratch(
  app: TestApp,
  bank: ExamBank,
  attemptId: string,
  rulings: { keys?: Record<string, QuestionKey>; annulments?: Annulment[] },
): Promise<ScoringResult> {
  const [row] = await app.database.db.select().from(attempts).where(eq(attempts.id, attemptId));
  const [sitting] = await app.database.db.select().from(sittings).where(eq(sittings.id, row!.sittingId));
  const saved = await app.database.db.select().from(attemptAnswers).where(eq(attemptAnswers.attemptId, attemptId));
  const answers: Record<string, Answer> = {};
  for (const a of saved) if (a.answer) answers[a.versionId] = a.answer;
  const keys = { ...Object.fromEntries(bank.questions.map((q) => [q.versionId, q.key])), ...rulings.keys };
  return scoreAttempt({
    paper: row!.paper,
    answers,
    keys,
    blueprint: sitting!.blueprint!,
    annulments: rulings.annulments ?? [],
  });
}

async function jobDetail(app: TestApp, who: Person, id: string): Promise<RescoringJobDetail> {
  const response = await request(app.app, { method: 'GET', url: `/api/admin/rescoring/${id}`, cookie: who.cookie });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<RescoringJobDetail>();
}

describe('re-scoring after an upheld appeal', () => {
  it('re-scores every attempt that carried the item, at any position and in any sitting, and only those', async () => {
    const bank = await newBank(t);
    const examiner = await staffMember(t, 'examiner');
    const second = await staffMember(t, 'examiner');
    const one = await satSitting(t, admin, bank, { candidates: 4, pick: wrongOnFirst(bank) });
    const two = await satSitting(t, admin, bank, { candidates: 3, pick: wrongOnFirst(bank), variantOffset: 1 });
    const everyone = [...one.candidates, ...two.candidates];
    const before = await attemptRows(
      t,
      everyone.map((c) => c.attemptId),
    );
    const q0 = bank.questions[0]!.versionId;
    // Only one candidate appeals; the ruling reaches every paper that carries the item.
    await fileAppeal(t, one.candidates[0]!, one.candidates[0]!.attemptId, q0);
    const decision = await upheld(t, examiner, second, q0, {
      outcome: 'annul',
      reason: 'Two options are right as the item is written: annulled, and everyone is awarded its point.',
    });
    const jobId = decision.rescoringJobId!;
    // Queued, not run: the confirmation only queued it. Question 0 is on variants 0, 1, 2: 3 + 2 papers.
    expect(await jobDetail(t, examiner, jobId)).toMatchObject({
      status: 'queued',
      total: 5,
      processed: 0,
      changes: [],
    });

    expect(await t.services.rescoring.runPending()).toBe(1);

    const after = await attemptRows(
      t,
      everyone.map((c) => c.attemptId),
    );
    let carried = 0;
    for (const [i, row] of after.entries()) {
      if (row.versionIds.includes(q0)) {
        carried += 1;
        const expected = await fromScratch(t, bank, row.id, { annulments: [{ versionId: q0 }] });
        expect(row.result).toEqual(expected);
        expect(Number(row.points)).toBe(expected.points);
        expect(row.passed).toBe(expected.passed);
        expect(row.result!.items.find((item) => item.versionId === q0)!.outcome).toBe('annulled');
      } else {
        expect(row).toEqual(before[i]);
      }
    }
    expect(carried).toBe(5);

    const detail = await jobDetail(t, examiner, jobId);
    expect(detail).toMatchObject({ status: 'done', total: 5, processed: 5, changed: 5 });
    // Every carrier had question 0 wrong, so every one moved up by a point; the 2-pointers now pass.
    const byAttempt = new Map(before.map((r) => [r.id, r]));
    for (const change of detail.changes) {
      const old = byAttempt.get(change.attemptId)!;
      expect(change.pointsBefore).toBe(Number(old.points));
      expect(change.pointsAfter).toBe(change.pointsBefore + 1);
      expect(change.passedBefore).toBe(old.passed);
      expect(change.passedAfter).toBe(true);
      const who = everyone.find((c) => c.attemptId === change.attemptId)!;
      expect(change).toMatchObject({ fullName: who.fullName, candidateCode: who.booking.candidateCode });
    }
    expect(detail.changes.filter((c) => !c.passedBefore).length).toBeGreaterThan(0);

    const [completed] = await auditEntries(t, 'rescoring.completed', jobId);
    expect(completed!.details).toMatchObject({ processed: 5, changed: 5, nowFailing: 0 });
    const entry = await request(t.app, {
      method: 'GET',
      url: `/api/log/entries/${(completed!.details as { logIndex: number }).logIndex}`,
    });
    expect(entry.json().entry).toMatchObject({ type: 'rescoring.completed', jobId, versionId: q0, changed: 5 });

    // Both sittings' results are republished, citing the job.
    const republished = (await auditEntries(t, 'results.republished')).filter(
      (e) => (e.details as { jobId?: string }).jobId === jobId,
    );
    expect(republished.map((e) => e.targetId).sort()).toEqual([one.sitting.id, two.sitting.id].sort());

    const list = await request(t.app, { method: 'GET', url: '/api/admin/rescoring', cookie: admin.cookie });
    expect(list.json<{ id: string; status: string }[]>().find((j) => j.id === jobId)).toMatchObject({ status: 'done' });
  });

  it('re-scores by a corrected key, and by an accepted answer, exactly as scoring from scratch', async () => {
    const bank = await newBank(t);
    const examiner = await staffMember(t, 'examiner');
    const second = await staffMember(t, 'examiner');
    const sat: SatSitting = await satSitting(t, admin, bank, { candidates: 8 });
    const ids = sat.candidates.map((c) => c.attemptId);
    const [q3, q5] = [bank.questions[3]!, bank.questions[5]!];
    // Everyone who answered question 3 answered a or b; the key becomes c, so the right ones lose it.
    const newKey: QuestionKey = { type: 'single', correct: ['c'] };
    await fileAppeal(t, sat.candidates[0]!, ids[0]!, q3.versionId);
    const keyed = await upheld(t, examiner, second, q3.versionId, {
      outcome: 'correct-key',
      reason: 'The law changed before the sitting: option c is the right answer now.',
      key: newKey,
    });
    await t.services.rescoring.runPending();
    for (const row of await attemptRows(t, ids)) {
      expect(row.result).toEqual(await fromScratch(t, bank, row.id, { keys: { [q3.versionId]: newKey } }));
    }
    const keyedDetail = await jobDetail(t, admin, keyed.rescoringJobId!);
    expect(keyedDetail.changes.length).toBeGreaterThan(0);
    expect(keyedDetail.changes.every((c) => c.pointsAfter === c.pointsBefore - 1)).toBe(true);

    // Question 5 (short answer) is on variants 2 and 3; the wrong answer "bilmirəm" becomes accepted.
    if (q5.key.type !== 'short') throw new Error('question 5 is the short-answer item');
    const accepted: QuestionKey = { ...q5.key, accepted: [...q5.key.accepted, { az: 'bilmirəm' }] };
    await fileAppeal(t, sat.candidates[2]!, ids[2]!, q5.versionId);
    const widened = await upheld(t, examiner, second, q5.versionId, {
      outcome: 'accept-answer',
      reason: 'The answer given is also right in the exam language.',
      key: accepted,
    });
    await t.services.rescoring.runPending();
    for (const row of await attemptRows(t, ids)) {
      const expected = await fromScratch(t, bank, row.id, {
        keys: { [q3.versionId]: newKey, [q5.versionId]: accepted },
      });
      expect(row.result).toEqual(expected);
    }
    const widenedDetail = await jobDetail(t, admin, widened.rescoringJobId!);
    expect(widenedDetail.changes.every((c) => c.pointsAfter === c.pointsBefore + 1)).toBe(true);
  });
});

describe('a re-scoring killed halfway', () => {
  /** The same candidates, papers, answers and ruling, in an app of its own. */
  async function twin(): Promise<{
    app: TestApp;
    bank: ExamBank;
    sat: SatSitting;
    jobId: string;
    close: () => Promise<void>;
  }> {
    const app = await createTestApp({ ...EXAM_ENV, RESCORING_BATCH: '3' });
    const administrator = await staffMember(app, 'administrator');
    const bank = await newBank(app);
    const sat = await satSitting(app, administrator, bank, { candidates: 10 });
    const q0 = bank.questions[0]!.versionId;
    await fileAppeal(app, sat.candidates[0]!, sat.candidates[0]!.attemptId, q0);
    const decision = await upheld(app, await staffMember(app, 'examiner'), await staffMember(app, 'examiner'), q0, {
      outcome: 'annul',
      reason: 'The item has no right answer as written.',
    });
    return { app, bank, sat, jobId: decision.rescoringJobId!, close: () => app.close() };
  }

  /** The end state, named by candidate and question index (ids differ between the twins). */
  async function state(app: TestApp, bank: ExamBank, sat: SatSitting, jobId: string) {
    const index = new Map(bank.questions.map((q, i) => [q.versionId, i]));
    const candidate = new Map(sat.candidates.map((c, i) => [c.attemptId, i]));
    const rows = await attemptRows(app, [...candidate.keys()]);
    const changes = await app.database.db.select().from(rescoringChanges).where(eq(rescoringChanges.jobId, jobId));
    const [job] = await app.database.db.select().from(rescoringJobs).where(eq(rescoringJobs.id, jobId));
    return {
      job: { status: job!.status, total: job!.total, processed: job!.processed },
      attempts: rows
        .map((r) => ({
          candidate: candidate.get(r.id)!,
          points: r.points,
          passed: r.passed,
          items: r.result!.items.map((item) => ({ ...item, versionId: index.get(item.versionId) })),
          sections: r.result!.sections,
        }))
        .sort((a, b) => a.candidate - b.candidate),
      changes: changes
        .map((c) => ({ ...c, jobId: null, attemptId: candidate.get(c.attemptId)! }))
        .sort((a, b) => a.attemptId - b.attemptId),
    };
  }

  it('resumes where it stopped and ends as an uninterrupted run of its twin; running again changes nothing', async () => {
    const crashed = await twin();
    const straight = await twin();
    try {
      const { app, jobId } = crashed;
      const first = await app.services.rescoring.runBatch(jobId);
      expect(first).toMatchObject({ status: 'running', batch: 3, processed: 3 });
      expect(await jobDetail(app, await staffMember(app, 'examiner'), jobId)).toMatchObject({
        status: 'running',
        processed: 3,
      });

      // The process dies in the middle of the second batch, after writing results, before committing.
      const [beforeCrash] = await app.database.db.select().from(rescoringJobs).where(eq(rescoringJobs.id, jobId));
      const attemptsBefore = await app.database.db.select().from(attempts).orderBy(asc(attempts.id));
      const repository = createRescoringRepository(app.database.db);
      const dying = createRescoringService({
        db: app.database.db,
        clock: app.clock.read,
        batchSize: 3,
        repository: {
          ...repository,
          insertChanges: async (rows) => {
            await repository.insertChanges(rows);
            throw new Error('killed');
          },
        },
        rulings: app.services.rulings,
        log: app.services.log,
        audit: app.services.repositories.audit,
      });
      await expect(dying.runBatch(jobId)).rejects.toThrow('killed');
      const [afterCrash] = await app.database.db.select().from(rescoringJobs).where(eq(rescoringJobs.id, jobId));
      expect(afterCrash).toEqual(beforeCrash);
      expect(await app.database.db.select().from(attempts).orderBy(asc(attempts.id))).toEqual(attemptsBefore);

      // A fresh start (the sweeper after a restart) carries on from the cursor.
      expect(await app.services.rescoring.runPending()).toBe(1);
      expect(await straight.app.services.rescoring.runPending()).toBe(1);

      const resumed = await state(app, crashed.bank, crashed.sat, jobId);
      const uninterrupted = await state(straight.app, straight.bank, straight.sat, straight.jobId);
      expect(resumed).toEqual(uninterrupted);
      expect(resumed.job).toEqual({ status: 'done', total: 8, processed: 8 });
      expect(resumed.changes.length).toBeGreaterThan(0);
      // Each attempt is scored as from scratch with the annulment.
      const q0 = crashed.bank.questions[0]!.versionId;
      for (const c of crashed.sat.candidates) {
        const [row] = await attemptRows(app, [c.attemptId]);
        const expected = row!.versionIds.includes(q0)
          ? await fromScratch(app, crashed.bank, c.attemptId, { annulments: [{ versionId: q0 }] })
          : await fromScratch(app, crashed.bank, c.attemptId, {});
        expect(row!.result).toEqual(expected);
      }

      // Idempotent: the finished job again, or the whole ruling re-run as a new job, changes no result.
      await expectDatabaseUnchanged(app.database.db, () => app.services.rescoring.runBatch(jobId));
      await expectDatabaseUnchanged(app.database.db, () => app.services.rescoring.runPending());
      const [job] = await app.database.db.select().from(rescoringJobs).where(eq(rescoringJobs.id, jobId));
      const again = await transaction(app.database.db, () =>
        app.services.rescoring.queue(job!.rulingId, crashed.bank.questions[0]!.versionId),
      );
      const results = await app.database.db.select().from(attempts).orderBy(asc(attempts.id));
      await app.services.rescoring.runPending();
      expect(await app.database.db.select().from(attempts).orderBy(asc(attempts.id))).toEqual(results);
      expect(await app.database.db.select().from(rescoringChanges).where(eq(rescoringChanges.jobId, again.id))).toEqual(
        [],
      );
    } finally {
      await crashed.close();
      await straight.close();
    }
  }, 120_000);
});
