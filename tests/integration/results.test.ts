import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  attempts,
  certificates,
  logEntries,
  publishedResults,
  resultPublications,
  sittings,
} from '../../db/schema/index';
import type { ReviewView } from '../../server/modules/results/results.schemas';
import type { Answer, ScoringResult } from '../../server/core/scoring/index';
import { postAs } from '../factories/calls';
import {
  finishedSitting,
  publicResults,
  publishRequest,
  publishResults,
  signedInAgain,
  verifiedEntry,
  type FinishedSitting,
} from '../factories/results';
import {
  applicant,
  paperItems,
  getAttempt,
  type ExamBank,
  type Person,
  type ResultView,
  asShown,
} from '../factories/sittings';
import { request, type TestApp } from '../helpers/app';
import { examSuite } from '../helpers/exam-suite';
import { findLeaks, type Secret } from '../helpers/secrets';
import {
  auditEntries,
  expectConflict,
  expectNotFound,
  expectNothingWritten,
  expectOkJson,
  MINUTE,
  ms,
} from '../helpers/exam';

let t: TestApp, admin: Person, bank: ExamBank;

const DAY = 24 * 60 * MINUTE;

examSuite((suite) => ({ t, admin, bank } = suite));

const resultOf = (who: Person, attemptId: string) =>
  expectOkJson<ResultView>(t, who, `/api/attempts/${attemptId}/result`);
const reviewRequest = (who: Person, attemptId: string) =>
  request(t.app, { method: 'GET', url: `/api/attempts/${attemptId}/review`, cookie: who.cookie });

async function attemptRow(id: string) {
  const [row] = await t.database.db.select().from(attempts).where(eq(attempts.id, id));
  return row!;
}

/** Every personal datum of the candidates, which no public response or log entry may carry. */
function personalData(finished: FinishedSitting): string[] {
  return finished.candidates.flatMap((c) => [c.fullName, c.nationalId!, c.email]);
}

describe('publishing a sitting’s results', () => {
  // 4-item papers, pass at 3 with a correct item in each section: 4 and 3 right pass, 2 right fails.
  let finished: FinishedSitting;
  let publishedAt: Date;

  beforeAll(async () => {
    finished = await finishedSitting(
      t,
      admin,
      bank,
      [
        { correct: 4 },
        { correct: 3 },
        { correct: 3 },
        { correct: 2 },
        'absent',
        'annulled',
        { correct: 4, submit: false },
      ],
      { after: -30 * MINUTE },
    );
  });

  it('waits for the sitting’s end, and changes nothing before it', async () => {
    const { sitting } = finished;
    const early = await expectNothingWritten(t, [admin.cookie], () => publishRequest(t, admin, sitting.id));
    expectConflict(early, 'sitting.not_finished');
    expectNotFound(await request(t.app, { method: 'GET', url: `/api/results/${sitting.id}` }));
    const { candidates } = finished;
    expectConflict(await reviewRequest(candidates[0]!, candidates[0]!.attemptId), 'results.not_published');
    const before = await resultOf(candidates[0]!, candidates[0]!.attemptId);
    expect(before).toMatchObject({
      published: false,
      rank: null,
      appealOpen: false,
      appealClosesAt: null,
      certificateId: null,
    });
  });

  it('finalises the unfinished attempt, logs every result and the statistics, and opens the appeal window', async () => {
    const { sitting, candidates } = finished;
    t.clock.set(new Date(ms(sitting.endsAt) + MINUTE));
    publishedAt = t.clock.read();
    const published = await publishResults(t, admin, sitting.id);
    expect(published.revision).toBe(1);
    expect(ms(published.publishedAt)).toBe(publishedAt.getTime());
    expect(ms(published.appealClosesAt)).toBe(publishedAt.getTime() + 3 * DAY);

    const straggler = await attemptRow(candidates[6]!.attemptId);
    expect(straggler).toMatchObject({ status: 'submitted', finalisedBy: 'deadline', passed: true });
    expect((await attemptRow(candidates[4]!.attemptId)).status).toBe('ready');

    const [stored] = await t.database.db.select().from(sittings).where(eq(sittings.id, sitting.id));
    expect(stored!.resultsPublishedAt?.getTime()).toBe(publishedAt.getTime());
    expect(stored!.appealClosesAt?.getTime()).toBe(publishedAt.getTime() + 3 * DAY);

    const [publication] = await t.database.db
      .select()
      .from(resultPublications)
      .where(eq(resultPublications.sittingId, sitting.id));
    expect(publication).toMatchObject({ revision: 1, publishedBy: admin.id });
    const statistics = {
      registered: 7,
      absent: 1,
      annulled: 1,
      sat: 5,
      passed: 4,
      distribution: [
        { points: 2, count: 1 },
        { points: 3, count: 2 },
        { points: 4, count: 2 },
      ],
    };
    expect(publication!.statistics).toEqual(statistics);
    const summary = await verifiedEntry(t, publication!);
    expect(summary).toMatchObject({
      type: 'sitting.results_published',
      sittingCode: sitting.code,
      categoryCode: sitting.categoryCode,
      revision: 1,
      statistics,
      appealClosesAt: new Date(publishedAt.getTime() + 3 * DAY).toISOString(),
    });

    const receipts = await t.database.db
      .select()
      .from(publishedResults)
      .where(eq(publishedResults.publicationId, publication!.id));
    const sat = candidates.filter((c) => typeof c.plan === 'object');
    expect(receipts.map((r) => r.attemptId).sort()).toEqual(sat.map((c) => c.attemptId).sort());
    for (const candidate of sat) {
      const receipt = receipts.find((r) => r.attemptId === candidate.attemptId)!;
      const row = await attemptRow(candidate.attemptId);
      const result = row.result!;
      const entry = await verifiedEntry(t, receipt);
      expect(entry).toEqual({
        type: 'result.published',
        sittingCode: sitting.code,
        candidateCode: candidate.booking.candidateCode,
        points: result.points,
        maxPoints: result.maxPoints,
        passed: result.passed,
        sections: result.sections.map((s) => ({ index: s.index, points: s.points, maxPoints: s.maxPoints })),
        scoringVersion: result.scoringVersion,
        inputDigest: result.inputDigest,
        revision: 1,
        time: publishedAt.toISOString(),
      });
      expect(Number(receipt.points)).toBe(result.points);
      expect(receipt.passed).toBe(result.passed);
    }

    // Nothing personal in the log: candidate codes only.
    const entries = await t.database.db.select().from(logEntries).orderBy(asc(logEntries.idx));
    const logged = entries.map((e) => Buffer.from(e.entry).toString('utf8')).join('\n');
    for (const datum of personalData(finished)) expect(logged).not.toContain(datum);

    const [audit] = await auditEntries(t, 'results.published', sitting.id);
    expect(audit).toMatchObject({ actorId: admin.id, details: { revision: 1, sat: 5, passed: 4 } });
  });

  it('publishes only once', async () => {
    const again = await expectNothingWritten(t, [admin.cookie], () => publishRequest(t, admin, finished.sitting.id));
    expectConflict(again, 'results.published');
  });

  it('serves the pass list by candidate code, ranked "1224", with receipts that verify, and no personal data', async () => {
    const { sitting, candidates } = finished;
    const response = await request(t.app, { method: 'GET', url: `/api/results/${sitting.id}` });
    expect(response.statusCode).toBe(200);
    for (const datum of personalData(finished)) expect(response.body).not.toContain(datum);
    const list = await publicResults(t, sitting.id);
    expect(list.sitting).toMatchObject({ id: sitting.id, code: sitting.code, category: sitting.categoryCode });
    expect(list).toMatchObject({ revision: 1, statistics: { registered: 7, sat: 5, passed: 4 } });
    const code = (i: number) => candidates[i]!.booking.candidateCode;
    expect(list.results.map((r) => [r.points, r.rank, r.passed])).toEqual([
      [4, 1, true],
      [4, 1, true],
      [3, 3, true],
      [3, 3, true],
      [2, 5, false],
    ]);
    expect(list.results.map((r) => r.candidateCode).sort()).toEqual(
      [code(0), code(1), code(2), code(3), code(6)].sort(),
    );
    expect(list.results.map((r) => r.candidateCode)).not.toContain(code(4));
    expect(list.results.map((r) => r.candidateCode)).not.toContain(code(5));
    for (const row of list.results) {
      const entry = await verifiedEntry(t, row);
      expect(entry).toMatchObject({ candidateCode: row.candidateCode, points: row.points, passed: row.passed });
      expect(row.maxPoints).toBe(4);
    }
    expect((await verifiedEntry(t, list)).type).toBe('sitting.results_published');

    const index = await request(t.app, { method: 'GET', url: '/api/results' });
    expect(index.statusCode).toBe(200);
    expect(index.json<{ sittingId: string }[]>().find((s) => s.sittingId === sitting.id)).toMatchObject({
      code: sitting.code,
      revision: 1,
      registered: 7,
      sat: 5,
      passed: 4,
    });
    for (const datum of personalData(finished)) expect(index.body).not.toContain(datum);
  });

  it('shows each candidate their rank, the appeal window and their certificate', async () => {
    const { candidates } = finished;
    const top = await resultOf(candidates[0]!, candidates[0]!.attemptId);
    expect(top).toMatchObject({ published: true, appealOpen: true, rank: { position: 1, of: 5 } });
    expect(ms(top.appealClosesAt)).toBe(publishedAt.getTime() + 3 * DAY);
    expect(top.certificateId).toEqual(expect.any(String));
    expect((await resultOf(candidates[1]!, candidates[1]!.attemptId)).rank).toEqual({ position: 3, of: 5 });
    const failed = await resultOf(candidates[3]!, candidates[3]!.attemptId);
    expect(failed).toMatchObject({ rank: { position: 5, of: 5 }, certificateId: null });
    expect(failed.score?.passed).toBe(false);
    const annulled = await resultOf(candidates[5]!, candidates[5]!.attemptId);
    expect(annulled).toMatchObject({ status: 'annulled', rank: null, certificateId: null, score: null });
    const late = await resultOf(candidates[6]!, candidates[6]!.attemptId);
    expect(late).toMatchObject({ rank: { position: 1, of: 5 } });

    const issued = await t.database.db
      .select()
      .from(certificates)
      .where(
        inArray(
          certificates.attemptId,
          candidates.map((c) => c.attemptId),
        ),
      );
    expect(issued.map((c) => c.attemptId).sort()).toEqual([0, 1, 2, 6].map((i) => candidates[i]!.attemptId).sort());
    for (const certificate of issued) {
      const entry = await verifiedEntry(t, { logIndex: certificate.logIndex!, leafHash: certificate.leafHash! });
      expect(entry).toMatchObject({ type: 'certificate.issued', certificateCode: certificate.code });
    }
  });

  describe('the paper review', () => {
    it('shows the candidate their own paper with their answers, the key and each outcome, uncached', async () => {
      const candidate = finished.candidates[1]!;
      const response = await reviewRequest(candidate, candidate.attemptId);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const review = response.json<ReviewView>();
      const paper = await getAttempt(t, candidate, candidate.attemptId);
      const items = review.sections.flatMap((s) => s.items);
      expect(items.map((i) => i.versionId)).toEqual(paperItems(paper).map((i) => i.versionId));
      expect(items.map((i) => i.options)).toEqual(paperItems(paper).map((i) => i.options));
      const result = (await attemptRow(candidate.attemptId)).result as ScoringResult;
      for (const [index, item] of items.entries()) {
        const question = bank.byVersion.get(item.versionId)!;
        expect(item.number).toBe(index + 1);
        // The same labels as in the room, for the answer and the key alike.
        const shown = (answer: Answer) => asShown(t, candidate.attemptId, item.versionId, answer);
        expect(item.answer).toEqual(await shown(index < 3 ? question.correct : question.wrong));
        expect(item.outcome).toBe(index < 3 ? 'correct' : 'wrong');
        expect(item.outcome).toBe(result.items[index]!.outcome);
        const key = question.key;
        if (key.type === 'short')
          expect(item.key).toEqual({ type: 'short', optionIds: [], accepted: [key.accepted[0]!.az] });
        else if (key.type === 'essay') throw new Error('the factory bank has no essay');
        else {
          const labels = await shown({ kind: 'choice', optionIds: key.correct });
          expect(item.key).toEqual({
            type: key.type,
            optionIds: labels.kind === 'choice' && labels.optionIds,
            accepted: [],
          });
          expect(item.options.map((o) => o.id)).toEqual(expect.arrayContaining(item.key.optionIds));
        }
      }
      expect(review).toMatchObject({ points: 3, maxPoints: 4, candidateCode: candidate.booking.candidateCode });
    });

    it('carries no explanation, no question off the paper and nothing of another candidate; keys only under `key`', async () => {
      const [candidate, other] = finished.candidates;
      const review = (await reviewRequest(candidate!, candidate!.attemptId)).json<ReviewView>();
      const items = review.sections.flatMap((s) => s.items);
      const onPaper = new Set(items.map((i) => i.versionId));
      const secrets: Secret[] = [
        { text: other!.fullName, what: "another candidate's name" },
        { text: other!.booking.candidateCode, what: "another candidate's code" },
        { text: candidate!.nationalId!, what: 'the national ID' },
      ];
      for (const question of bank.questions) {
        for (const text of question.draft.explanation ? Object.values(question.draft.explanation) : [])
          secrets.push({ text: text!, what: `the explanation of ${question.versionId}` });
        if (onPaper.has(question.versionId)) continue;
        for (const text of question.texts)
          secrets.push({ text, what: `a text of ${question.versionId}, not on the paper` });
        secrets.push({ text: question.versionId, what: 'a version not on the paper' });
      }
      // The key in force is the review's purpose, under `key` and for this paper's items only.
      const withoutKeys = {
        ...review,
        sections: review.sections.map((s) => ({ ...s, items: s.items.map(({ key: _key, ...rest }) => rest) })),
      };
      expect(findLeaks(withoutKeys, secrets)).toEqual([]);
      expect(
        findLeaks(
          items.map((i) => i.key.accepted),
          secrets,
        ),
      ).toEqual([]);
      expect(items.every((i) => onPaper.has(i.versionId))).toBe(true);
    });

    it('never shows anyone else’s paper', async () => {
      const [mine, theirs] = finished.candidates;
      expectNotFound(await reviewRequest(mine!, theirs!.attemptId));
      const stranger = await applicant(t);
      expectNotFound(await reviewRequest(stranger, theirs!.attemptId));
    });

    it('has nothing to show a candidate who never sat or was annulled', async () => {
      const { candidates } = finished;
      expectConflict(await reviewRequest(candidates[4]!, candidates[4]!.attemptId), 'attempt.not_finished');
      expectConflict(await reviewRequest(candidates[5]!, candidates[5]!.attemptId), 'attempt.annulled');
    });
  });

  describe('republishing after a re-scoring', () => {
    /** What a re-scoring does to one attempt's stored result: new points and pass. */
    async function rescore(attemptId: string, points: number, passed: boolean) {
      const row = await attemptRow(attemptId);
      const result = { ...row.result!, points, passed, failReasons: passed ? [] : row.result!.failReasons };
      await t.database.db
        .update(attempts)
        .set({ result, points: String(points), passed })
        .where(eq(attempts.id, attemptId));
    }

    it('logs only the changed results and the statistics again, and revokes and issues certificates', async () => {
      const { sitting, candidates } = finished;
      const before = await publicResults(t, sitting.id);
      // Candidate 1 falls from 3 to 2 and fails; candidate 3 rises from 2 to 3 and passes.
      await rescore(candidates[1]!.attemptId, 2, false);
      await rescore(candidates[3]!.attemptId, 3, true);
      const jobId = randomUUID();
      const done = await t.services.results.republish([sitting.id, sitting.id], { jobId });
      expect(done).toEqual([{ sittingId: sitting.id, revision: 2, changed: 2 }]);

      const after = await publicResults(t, sitting.id);
      expect(after.revision).toBe(2);
      expect(after.statistics).toMatchObject({ sat: 5, passed: 4 });
      const byCode = (list: typeof after, i: number) =>
        list.results.find((r) => r.candidateCode === candidates[i]!.booking.candidateCode)!;
      expect(byCode(after, 1)).toMatchObject({ points: 2, passed: false, rank: 5 });
      expect(byCode(after, 3)).toMatchObject({ points: 3, passed: true, rank: 3 });
      // Unchanged results keep the receipts of their first publication.
      for (const i of [0, 2, 6]) expect(byCode(after, i)).toEqual(byCode(before, i));
      for (const i of [1, 3]) {
        expect(byCode(after, i).logIndex).toBeGreaterThan(byCode(before, i).logIndex);
        expect(await verifiedEntry(t, byCode(after, i))).toMatchObject({ type: 'result.published', revision: 2 });
      }
      expect(await verifiedEntry(t, after)).toMatchObject({
        type: 'sitting.results_published',
        revision: 2,
        cause: { jobId },
      });

      const [revoked] = await t.database.db
        .select()
        .from(certificates)
        .where(eq(certificates.attemptId, candidates[1]!.attemptId));
      expect(revoked).toMatchObject({ status: 'revoked', revokeReason: 're-scoring' });
      expect(await verifiedEntry(t, { logIndex: revoked!.logIndex!, leafHash: revoked!.leafHash! })).toMatchObject({
        type: 'certificate.revoked',
        certificateCode: revoked!.code,
      });
      const [issued] = await t.database.db
        .select()
        .from(certificates)
        .where(eq(certificates.attemptId, candidates[3]!.attemptId));
      expect(issued).toMatchObject({ status: 'valid' });
      expect((await resultOf(candidates[3]!, candidates[3]!.attemptId)).certificateId).toBe(issued!.id);
      expect((await resultOf(candidates[1]!, candidates[1]!.attemptId)).certificateId).toBeNull();
      expect((await auditEntries(t, 'results.republished', sitting.id)).map((a) => a.details)).toEqual([
        expect.objectContaining({ revision: 2, changed: 2, jobId }),
      ]);
    });

    it('is idempotent: republishing unchanged results makes no new revision', async () => {
      const { sitting } = finished;
      const unchanged = await expectNothingWritten(t, [], () =>
        t.services.results.republish([sitting.id], { jobId: randomUUID() }),
      );
      expect(unchanged).toEqual([]);
      expect((await publicResults(t, sitting.id)).revision).toBe(2);
    });

    it('leaves unpublished sittings alone', async () => {
      const other = await finishedSitting(t, admin, bank, [{ correct: 4 }]);
      expect(await t.services.results.republish([other.sitting.id], { jobId: randomUUID() })).toEqual([]);
      expect(
        await t.database.db
          .select()
          .from(resultPublications)
          .where(and(eq(resultPublications.sittingId, other.sitting.id))),
      ).toEqual([]);
    });
  });

  it('gives the administrator every candidate with name, status, result and rank', async () => {
    const response = await request(t.app, {
      method: 'GET',
      url: `/api/admin/sittings/${finished.sitting.id}/results`,
      cookie: admin.cookie,
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{ results: { fullName: string; status: string; rank: number | null }[] }>();
    expect(body.results).toHaveLength(7);
    expect(body.results.map((r) => r.fullName).sort()).toEqual(finished.candidates.map((c) => c.fullName).sort());
    expect(
      body.results
        .filter((r) => r.rank === null)
        .map((r) => r.status)
        .sort(),
    ).toEqual(['annulled', 'ready']);
  });

  it('closes the review with the appeal window', async () => {
    t.clock.set(new Date(publishedAt.getTime() + 3 * DAY - 1000));
    const candidate = await signedInAgain(t, finished.candidates[0]!);
    expect((await reviewRequest(candidate, candidate.attemptId)).statusCode).toBe(200);
    t.clock.set(new Date(publishedAt.getTime() + 3 * DAY));
    expectConflict(await reviewRequest(candidate, candidate.attemptId), 'appeal.window_closed');
    expect(await resultOf(candidate, candidate.attemptId)).toMatchObject({ appealOpen: false, published: true });
  });
});

describe('publication refusals', () => {
  beforeAll(async () => {
    admin = await signedInAgain(t, admin);
  });

  it('answers 404 for an unknown sitting', async () => {
    expectNotFound(await publishRequest(t, admin, randomUUID()));
    expectNotFound(await request(t.app, { method: 'GET', url: `/api/results/${randomUUID()}` }));
    expectNotFound(
      await request(t.app, { method: 'GET', url: `/api/admin/sittings/${randomUUID()}/results`, cookie: admin.cookie }),
    );
  });

  it('waits while an extended attempt still runs past the end', async () => {
    const { sitting, candidates } = await finishedSitting(t, admin, bank, [{ correct: 4, submit: false }], {
      after: -10 * MINUTE,
    });
    const extended = await postAs(t, admin, `/api/admin/attempts/${candidates[0]!.attemptId}/extend`, {
      minutes: 30,
      reason: 'Elektrik kəsildi / power cut',
    });
    expect(extended.statusCode, extended.body).toBe(200);
    t.clock.set(new Date(ms(sitting.endsAt) + MINUTE));
    expectConflict(await publishRequest(t, admin, sitting.id), 'sitting.not_finished');
    t.clock.set(new Date(ms(sitting.endsAt) + 25 * MINUTE));
    await publishResults(t, admin, sitting.id);
    expect((await attemptRow(candidates[0]!.attemptId)).finalisedBy).toBe('deadline');
  });
});
