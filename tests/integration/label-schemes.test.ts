import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { attemptAnswers, attempts } from '../../db/schema/index';
import { CURRENT_LABEL_SCHEME, optionLabels, type LabelScheme } from '../../server/core/paper/index';
import {
  atStart,
  getAttempt,
  readySitting,
  start,
  type Candidate,
  type ExamBank,
  type Person,
} from '../factories/sittings';
import { secondProcess } from '../factories/processes';
import { request, type TestApp } from '../helpers/app';
import { examSuite } from '../helpers/exam-suite';

let t: TestApp, admin: Person, bank: ExamBank;
examSuite((suite) => ({ t, admin, bank } = suite));

async function row(attemptId: string) {
  const [found] = await t.database.db.select().from(attempts).where(eq(attempts.id, attemptId));
  return found!;
}

/** The item's labels as the given scheme derives them from the stored seed, computed here and not by the service. */
async function labelsUnder(attemptId: string, versionId: string, scheme: LabelScheme) {
  const question = bank.byVersion.get(versionId)!;
  return optionLabels(
    (await row(attemptId)).seed,
    versionId,
    question.draft.content.options.map((o) => o.id),
    scheme,
  );
}

const save = (app: TestApp['app'], who: Candidate, versionId: string, optionIds: string[], seq: number) =>
  request(app, {
    method: 'PUT',
    url: `/api/attempts/${who.attemptId}/answers`,
    cookie: who.cookie,
    payload: { versionId, seq, flagged: false, answer: { kind: 'choice', optionIds } },
  });

describe('option label schemes', () => {
  let old: Candidate, current: Candidate;
  beforeAll(async () => {
    const { sitting, candidates } = await readySitting(t, admin, bank, { candidates: 2 });
    [old, current] = candidates as [Candidate, Candidate];
    // The old candidate's paper as it was drawn before scheme 2: no `labels` field. A stored paper is
    // frozen by a trigger; the fixture steps past it (as a superuser may) to stand in for the old draw.
    await t.database.ownerDb.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx
        .update(attempts)
        .set({ paper: sql`${attempts.paper} - 'labels'` })
        .where(eq(attempts.id, old.attemptId));
    });
    atStart(t, sitting, 60_000);
    await start(t, old);
    await start(t, current);
  });

  it('draws a new paper under the current scheme and leaves an old one under scheme 1', async () => {
    expect((await row(current.attemptId)).paper.labels).toBe(CURRENT_LABEL_SCHEME);
    expect((await row(old.attemptId)).paper.labels).toBeUndefined();
  });

  it('saves to an old paper under its scheme-1 labels in a process that has not shown it, and refuses scheme 2', async () => {
    // A second app on the same database: it has never read the old attempt.
    const other = await secondProcess(t);
    try {
      const item = (await row(old.attemptId)).paper.sections[0]!.items.find((i) => i.optionOrder.length > 1)!;
      const [authored] = item.optionOrder;
      const v1 = await labelsUnder(old.attemptId, item.versionId, 1);
      const v2 = await labelsUnder(old.attemptId, item.versionId, 2);

      const refused = await save(other.app, old, item.versionId, [v2.shown(authored!)], 1);
      expect(refused.statusCode, refused.body).toBe(422);

      const saved = await save(other.app, old, item.versionId, [v1.shown(authored!)], 2);
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json().applied).toBe(true);
      const [stored] = await t.database.db
        .select()
        .from(attemptAnswers)
        .where(eq(attemptAnswers.attemptId, old.attemptId));
      expect(stored!.answer).toEqual({ kind: 'choice', optionIds: [authored] });
    } finally {
      await other.app.close();
    }
  });

  for (const [who, scheme] of [
    ['old', 1],
    ['current', 2],
  ] as const) {
    it(`shows the ${who} paper's options under scheme ${scheme}, and its saved answer too`, async () => {
      const candidate = who === 'old' ? old : current;
      const paper = (await row(candidate.attemptId)).paper;
      const view = await getAttempt(t, candidate, candidate.attemptId);
      const shown = view.sections.flatMap((s) => s.items);
      const drawn = paper.sections.flatMap((s) => s.items);
      for (const [n, item] of shown.entries()) {
        const labels = await labelsUnder(candidate.attemptId, item.versionId, scheme);
        expect(item.options.map((o) => o.id)).toEqual(drawn[n]!.optionOrder.map((id) => labels.shown(id)));
      }
      const first = drawn.find((i) => i.optionOrder.length > 1)!;
      const labels = await labelsUnder(candidate.attemptId, first.versionId, scheme);
      if (who === 'current') {
        const saved = await save(t.app, candidate, first.versionId, [labels.shown(first.optionOrder[0]!)], 1);
        expect(saved.statusCode, saved.body).toBe(200);
      }
      const again = await getAttempt(t, candidate, candidate.attemptId);
      expect(again.answers.find((a) => a.versionId === first.versionId)?.answer).toEqual({
        kind: 'choice',
        optionIds: [labels.shown(first.optionOrder[0]!)],
      });
    });
  }
});
