import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { notices, outboxMails } from '../../db/schema/index';
import type { StagePreview } from '../../server/modules/competitions/stages.schemas';
import type { MailTransport } from '../../server/modules/mail/transport';
import type { NoticesResponse } from '../../server/modules/notices/notices.schemas';
import { okBody } from '../factories/calls';
import {
  appliedToStagedRound,
  certifiedApplicants,
  draftVacancy,
  type ApplicationView,
} from '../factories/competitions';
import { allSignedInAgain } from '../factories/results';
import { EXAM_ENV, examBank, lenientBlueprint, staffMember, type Person } from '../factories/sittings';
import { request, type TestApp } from '../helpers/app';
import { expectConflict } from '../helpers/exam';
import { mailSuite } from '../helpers/mail-suite';
import type { TestSmtp } from '../helpers/smtp';

/**
 * Publishing a stage's list tells each candidate at the stage whether they went through, with their stage
 * score and, if not, the reason, in their own language: in the inbox and by mail through the outbox.
 */
let t: TestApp, smtp: TestSmtp, transport: MailTransport;
let admin: Person;
let candidates: Person[];
let applications: ApplicationView[];
let vacancyId: string;

/** Test points out of 4: 100, 75 and 25 on the 0–100 scale; the stage's minimum of 60 lets two through. */
const PLANS = [{ correct: 4 }, { correct: 3 }, { correct: 1 }];
const LANGUAGES = ['az', 'ru', 'en'] as const;
const STAGES = [
  { kind: 'test', weight: 1, minScore: 60, ties: 'include' },
  { kind: 'interview', weight: 1, ties: 'include' },
];

const advanceRequest = () =>
  request(t.app, { method: 'POST', url: `/api/admin/vacancies/${vacancyId}/stages/1/advance`, cookie: admin.cookie });

async function stageNotices(who: { id: string }) {
  return t.database.db
    .select()
    .from(notices)
    .where(and(eq(notices.userId, who.id), eq(notices.kind, 'stage-result')))
    .orderBy(asc(notices.createdAt));
}

mailSuite({ ...EXAM_ENV, MAIL_FROM: 'Centre <centre@example.az>' }, (suite) => ({ t, smtp, transport } = suite));
beforeAll(async () => {
  admin = await staffMember(t, 'administrator');
  const bank = await examBank(t, lenientBlueprint('Stage notices test'));
  candidates = await certifiedApplicants(t, admin, bank, PLANS);
  for (const [i, who] of candidates.entries()) {
    const chosen = await request(t.app, {
      method: 'PUT',
      url: '/api/notices/language',
      cookie: who.cookie,
      payload: { language: LANGUAGES[i] },
    });
    expect(chosen.statusCode, chosen.body).toBe(200);
  }
  const draft = await draftVacancy(t, admin);
  vacancyId = draft.vacancyId;
  applications = await appliedToStagedRound(t, admin, draft, STAGES, candidates);
  ({ admin, candidates } = await allSignedInAgain(t, { admin, candidates }));
  // The mails of everything before (bookings, results, applications) are sent and forgotten.
  await t.services.outbox.sendDue(transport);
  smtp.received.length = 0;
}, 180_000);

describe('a stage’s list published', () => {
  it('tells each candidate at the stage their outcome, score and reason, once', async () => {
    expect(await stageNotices(candidates[0]!)).toHaveLength(0);
    const advanced = okBody<StagePreview>(await advanceRequest(), 200, 'advance');
    expect(advanced.results.map((r) => [r.score, r.advanced, r.reason])).toEqual([
      [100, true, 'passed'],
      [75, true, 'passed'],
      [25, false, 'below_minimum'],
    ]);
    for (const [i, who] of candidates.entries()) {
      const told = await stageNotices(who);
      expect(told, `candidate ${i}`).toHaveLength(1);
      expect(told[0]!.ref).toBe(`${applications[i]!.id}/stage/1`);
      expect(told[0]!.params).toMatchObject({
        applicationId: applications[i]!.id,
        stage: 1,
        stageKind: 'test',
        advanced: i < 2,
        score: [100, 75, 25][i],
        reason: i < 2 ? 'passed' : 'below_minimum',
        minScore: 60,
      });
    }
    // Publishing again is refused, and nobody is told twice.
    expectConflict(await advanceRequest(), 'stage.advanced');
    for (const who of candidates) expect(await stageNotices(who)).toHaveLength(1);
    const mails = await t.database.db
      .select()
      .from(outboxMails)
      .where(and(eq(outboxMails.userId, candidates[2]!.id), eq(outboxMails.template, 'notice')));
    expect(mails.filter((m) => m.subject.startsWith('Stage 1 (test) list published'))).toHaveLength(1);
  });

  it('mails it to the SMTP server in each candidate’s language, the reason with the figures', async () => {
    await t.services.outbox.sendDue(transport);
    const to = (who: Person) => smtp.received.filter((m) => m.to[0] === who.email);
    const code = applications[0]!.vacancy.code;
    expect(to(candidates[0]!)).toHaveLength(1);
    expect(to(candidates[0]!)[0]!.subject).toBe(`Mərhələ 1 (test) üzrə siyahı dərc edildi: ${code}`);
    expect(to(candidates[0]!)[0]!.text).toContain('keçdiniz. Balınız: 100 / 100.');
    expect(to(candidates[1]!)[0]!.subject).toBe(`Опубликован список этапа 1 (тест): ${code}`);
    expect(to(candidates[1]!)[0]!.text).toContain('Вы прошли этап 1 (тест)');
    expect(to(candidates[1]!)[0]!.text).toContain('Ваш балл: 75 из 100.');
    const refused = to(candidates[2]!)[0]!;
    expect(refused.subject).toBe(`Stage 1 (test) list published: ${code}`);
    expect(refused.text).toContain('You did not go through stage 1 (test)');
    expect(refused.text).toContain("Your score: 25 of 100. Your score is below the stage's minimum of 60.");
    expect(refused.text).toContain(`${t.config.publicUrl}/applications/${applications[2]!.id}`);
    // And the inbox says the same, in the account's language.
    const inbox = okBody<NoticesResponse>(
      await request(t.app, { method: 'GET', url: '/api/notices', cookie: candidates[2]!.cookie }),
      200,
      'inbox',
    );
    expect(inbox.items.find((n) => n.kind === 'stage-result')!.title).toBe(refused.subject);
  });

  it('names no other candidate in anyone’s notice', async () => {
    for (const [i, who] of candidates.entries()) {
      const own = (await stageNotices(who))[0]!;
      const text = JSON.stringify(own.params);
      for (const [j, other] of applications.entries()) if (j !== i) expect(text).not.toContain(other.candidateCode);
    }
  });
});
