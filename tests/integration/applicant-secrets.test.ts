import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bookings, notices, outboxMails } from '../../db/schema/index';
import type { AnnulmentStanding } from '../../server/modules/appeals/annulment-appeals.schemas';
import type { Access } from '../../server/modules/auth/access';
import { okBody, postAs } from '../factories/calls';
import {
  answerAll,
  applicant,
  atStart,
  book,
  bookableSitting,
  closeBooking,
  asShown,
  getAttempt,
  getBooking,
  paperItems,
  start,
  type AttemptView,
  type BookingView,
  type ExamBank,
  type Person,
} from '../factories/sittings';
import { applicantInput } from '../factories/users';
import { sessionCookie, type TestApp } from '../helpers/app';
import { examSuite } from '../helpers/exam-suite';
import { MINUTE, ms } from '../helpers/exam';
import { findLeaks, leaksIn, matchesRoute, RecordingClient, type Secret } from '../helpers/secrets';

/**
 * DESIGN.md rule 6: one applicant's whole journey, from sign-up to result, with every response they
 * receive kept and scanned for keys, explanations, questions not on their paper and another candidate's
 * data. The journey must call every route an applicant may call, so a new route joins the scan or fails here.
 */
let t: TestApp, admin: Person, bank: ExamBank;

examSuite((suite) => ({ t, admin, bank } = suite));

const applicantMayCall = (access: Access) =>
  access === 'public' || access === 'session' || (Array.isArray(access) && access.includes('applicant'));

describe('the leak scanner', () => {
  it('finds key properties and secret texts anywhere in a body', () => {
    const secrets: Secret[] = [{ text: 'Bakı', what: 'an accepted answer' }];
    expect(findLeaks({ sections: [{ correct: 3 }] }, secrets)).toEqual([]);
    const leaks = findLeaks(
      {
        items: [{ correct: ['a'] }, { options: [{ text: 'Paytaxt Bakı' }] }, { nested: { answerKey: {} } }],
        explanation: 'x',
        ['Bakı']: 1,
      },
      secrets,
    );
    expect(leaks.map((l) => l.path).sort()).toEqual(
      [
        '$.items[0].correct',
        '$.items[1].options[0].text',
        '$.items[2].nested.answerKey',
        '$.explanation',
        '$.Bakı (property name)',
      ].sort(),
    );
  });
});

describe('an applicant’s journey', () => {
  it('never receives a key, an explanation, an unused question or another candidate’s data', async () => {
    const sitting = await bookableSitting(t, admin, bank.blueprintId);
    const spare = await bookableSitting(t, admin, bank.blueprintId);
    // The other candidate, whose data must never reach the first.
    const other = await applicant(t, { fullName: 'Ülviyyə Başqasıqızı', nationalId: '7QW3E5R' });
    const otherBooking = await book(t, other, sitting.id);

    const me = new RecordingClient(t, undefined);
    const signUp = applicantInput({ fullName: 'Rəşad Səyahətçi' });
    const signedUp = await me.post('/api/auth/sign-up', signUp);
    expect(signedUp.statusCode, signedUp.body).toBe(201);
    me.cookie = sessionCookie(signedUp, t.config);
    const signedIn = await me.post('/api/auth/sign-in', { login: signUp.email, password: signUp.password });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    me.cookie = sessionCookie(signedIn, t.config);

    for (const url of [
      '/api/health',
      '/api/meta',
      '/api/auth/session',
      '/api/auth/notice',
      '/api/categories',
      '/api/log',
    ]) {
      expect((await me.get(url)).statusCode, url).toBe(200);
    }
    await me.get('/api/log/entries');
    await me.get('/api/log/entries/0');
    await me.get('/api/log/checkpoints');
    await me.get('/api/log/consistency?from=0&to=0');
    await me.post('/api/auth/two-factor/setup');
    await me.post('/api/auth/two-factor/enable', { code: '000000' });
    await me.post('/api/auth/two-factor/verify', { code: '000000' });

    // The account's own routes: a new password, the other sessions (the sign-up's) ended, then a forgotten
    // password got back through the link the outbox holds, and a fresh session with the recovered one.
    const changed = await me.post('/api/account/password', {
      currentPassword: signUp.password,
      newPassword: 'a brand new passphrase',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const signedOutOthers = await me.post('/api/account/sessions/sign-out-others');
    expect(signedOutOthers.statusCode, signedOutOthers.body).toBe(200);
    const resetAsked = await me.post('/api/auth/password-reset/request', { email: signUp.email });
    expect(resetAsked.statusCode, resetAsked.body).toBe(202);
    const resetMails = await t.database.db
      .select()
      .from(outboxMails)
      .where(and(eq(outboxMails.toAddress, signUp.email), eq(outboxMails.template, 'password-reset')));
    expect(resetMails).toHaveLength(1);
    const resetToken = /\/reset-password\/([a-z2-9]{24})/.exec(resetMails[0]!.body)?.[1];
    expect(resetToken, resetMails[0]!.body).toBeTruthy();
    const linkChecked = await me.get(`/api/auth/password-reset/${resetToken}`);
    expect(linkChecked.json(), linkChecked.body).toEqual({ valid: true });
    const reset = await me.post('/api/auth/password-reset', { token: resetToken, password: 'my recovered passphrase' });
    expect(reset.statusCode, reset.body).toBe(200);
    me.cookie = undefined;
    const signedInAgain = await me.post('/api/auth/sign-in', {
      login: signUp.email,
      password: 'my recovered passphrase',
    });
    expect(signedInAgain.statusCode, signedInAgain.body).toBe(200);
    me.cookie = sessionCookie(signedInAgain, t.config);

    const open = await me.get('/api/sittings/open');
    expect(open.json<{ id: string }[]>().map((s) => s.id)).toEqual(expect.arrayContaining([sitting.id, spare.id]));
    const booked = await me.post(`/api/sittings/${sitting.id}/bookings`);
    expect(booked.statusCode, booked.body).toBe(201);
    const mine = booked.json<BookingView>();
    await me.post(`/api/sittings/${sitting.id}/bookings`);
    const spareBooking = (await me.post(`/api/sittings/${spare.id}/bookings`)).json<BookingView>();
    expect((await me.post(`/api/bookings/${spareBooking.id}/cancel`)).statusCode).toBe(200);
    await me.post(`/api/bookings/${spareBooking.id}/cancel`);
    await me.get('/api/bookings');
    await me.get(`/api/bookings/${mine.id}`);
    for (const lang of ['az', 'ru', 'en']) {
      expect((await me.get(`/api/bookings/${mine.id}/ticket.pdf?lang=${lang}`)).statusCode).toBe(200);
    }
    const [myRow] = await t.database.db.select().from(bookings).where(eq(bookings.id, mine.id));
    const [otherRow] = await t.database.db.select().from(bookings).where(eq(bookings.id, otherBooking.id));
    expect((await me.get(`/api/tickets/${myRow!.ticketToken}`)).statusCode).toBe(200);
    // Probing the other candidate's booking: every answer is a bare 404.
    for (const probe of [
      () => me.get(`/api/bookings/${otherBooking.id}`),
      () => me.post(`/api/bookings/${otherBooking.id}/cancel`),
      () => me.get(`/api/bookings/${otherBooking.id}/ticket.pdf`),
      () => me.post(`/api/bookings/${otherBooking.id}/start`),
    ]) {
      expect((await probe()).statusCode).toBe(404);
    }
    // Staff routes answer 403, and their bodies are scanned too.
    await me.get(`/api/admin/sittings/${sitting.id}/roster`);
    await me.get(`/api/admin/sittings/${sitting.id}/board`);
    await me.get(`/api/blueprints/${bank.blueprintId}/preview?seed=x`);
    await me.get(`/api/questions/${bank.questions[0]!.questionId}`);

    t.clock.set(new Date(ms(sitting.bookingClosesAt) + MINUTE));
    await closeBooking(t, admin, sitting.id);
    const ready = (await me.get(`/api/bookings/${mine.id}`)).json<BookingView>();
    expect(ready.attemptId).toBeTruthy();
    const attemptId = ready.attemptId!;
    await me.post(`/api/bookings/${mine.id}/start`);
    await me.get(`/api/attempts/${attemptId}`);
    await me.get(`/api/attempts/${attemptId}/deadline`);
    await me.get(`/api/attempts/${attemptId}/unsent-key`);

    atStart(t, sitting, MINUTE);
    const otherView = await startOther(other, otherBooking);
    const started = await me.post(`/api/bookings/${mine.id}/start`);
    expect(started.statusCode, started.body).toBe(200);
    await me.post(`/api/bookings/${mine.id}/start`);
    const paper = (await me.get(`/api/attempts/${attemptId}`)).json<AttemptView>();
    const onPaper = new Set(paperItems(paper).map((i) => i.versionId));
    for (const item of paperItems(paper)) {
      const question = bank.byVersion.get(item.versionId)!;
      // A short answer typed right would echo the accepted answer back; this candidate gets it wrong.
      const answer = await asShown(
        t,
        attemptId,
        item.versionId,
        question.key.type === 'short' ? question.wrong : question.correct,
      );
      const saved = await me.put(`/api/attempts/${attemptId}/answers`, {
        versionId: item.versionId,
        seq: 1,
        answer,
        flagged: false,
      });
      expect(saved.statusCode, saved.body).toBe(200);
      await me.put(`/api/attempts/${attemptId}/answers`, { versionId: item.versionId, seq: 1, answer, flagged: true });
    }
    await me.put(`/api/attempts/${attemptId}/answers`, {
      versionId: '00000000-0000-4000-8000-000000000000',
      seq: 1,
      answer: null,
      flagged: false,
    });
    await me.get(`/api/attempts/${attemptId}/result`);
    await me.get(`/api/attempts/${otherView.id}`);
    await me.get(`/api/attempts/${otherView.id}/deadline`);
    await me.get(`/api/attempts/${otherView.id}/unsent-key`);
    await me.put(`/api/attempts/${otherView.id}/answers`, {
      versionId: paperItems(otherView)[0]!.versionId,
      seq: 50,
      answer: null,
      flagged: false,
    });
    await me.post(`/api/attempts/${otherView.id}/submit`);
    await me.get(`/api/attempts/${otherView.id}/result`);
    await me.get('/api/bookings');
    await me.get('/api/sittings/open');

    t.clock.advance(10 * MINUTE);
    const submitted = await me.post(`/api/attempts/${attemptId}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    await me.post(`/api/attempts/${attemptId}/submit`);
    await me.get(`/api/attempts/${attemptId}/result`);
    await me.get(`/api/attempts/${attemptId}`);
    await me.get(`/api/bookings/${mine.id}`);
    await me.get('/api/bookings');
    // An appeal against an item of the candidate's own paper, and one against the other's (404).
    const appealed = await me.post(`/api/attempts/${attemptId}/appeals`, {
      versionId: paperItems(paper)[0]!.versionId,
      reason: 'Bu sualın iki doğru cavabı var, izah edirəm.',
    });
    expect(appealed.statusCode, appealed.body).toBeLessThan(500);
    await me.post(`/api/attempts/${otherView.id}/appeals`, {
      versionId: paperItems(otherView)[0]!.versionId,
      reason: 'Başqasının işinə şikayət cəhdi.',
    });
    await me.get('/api/appeals');
    // Results and certificates before the sitting's results are published: the review of one's own
    // paper with its key is for the appeal window only, so here it must be refused, and without a key.
    // (After publication the key and the public pass list are the rules' to show: the results tests' job.)
    const review = await me.get(`/api/attempts/${attemptId}/review`);
    expect(review.statusCode, review.body).toBe(409);
    await me.get(`/api/attempts/${otherView.id}/review`);
    await me.get('/api/results');
    await me.get(`/api/results/${sitting.id}`);
    await me.get(`/api/results/${sitting.id}/reliability`);
    await me.get('/api/certificates');
    await me.get('/api/certificates/00000000-0000-4000-8000-000000000000/pdf');
    await me.get('/api/certificates/verify/AAAA-BBBB-CCCC');
    // Their notices (booked, roster, result, certificate), in each language; the other candidate's is not found.
    expect((await me.put('/api/notices/language', { language: 'ru' })).statusCode).toBe(200);
    for (const lang of ['az', 'ru', 'en']) {
      expect((await me.get(`/api/notices?lang=${lang}`)).json<{ total: number }>().total).toBeGreaterThan(2);
    }
    await me.get('/api/notices/unread');
    const [othersNotice] = await t.database.db.select().from(notices).where(eq(notices.userId, other.id));
    expect((await me.post(`/api/notices/${othersNotice!.id}/read`)).statusCode).toBe(404);
    await me.post('/api/notices/read-all');
    // An administrator annuls the candidate's attempt after the fact; the candidate reads why and appeals,
    // and reaches nothing of the other candidate's attempt.
    okBody(
      await postAs(t, admin, `/api/admin/attempts/${attemptId}/annul`, { reason: 'Telefondan istifadə / phone use' }),
      200,
      'annul',
    );
    const annulment = await me.get(`/api/attempts/${attemptId}/annulment`);
    expect(annulment.statusCode, annulment.body).toBe(200);
    expect(annulment.json<AnnulmentStanding>()).toMatchObject({ annulment: expect.any(Object), canAppeal: true });
    const annulmentAppeal = await me.post(`/api/attempts/${attemptId}/annulment-appeal`, {
      reason: 'Telefonum çantada idi, imtahan zamanı ondan istifadə etmədim.',
    });
    expect(annulmentAppeal.statusCode, annulmentAppeal.body).toBe(201);
    await me.post(`/api/attempts/${attemptId}/annulment-appeal`, {
      reason: 'Telefonum çantada idi, imtahan zamanı ondan istifadə etmədim.',
    });
    await me.get(`/api/attempts/${attemptId}/annulment`);
    await me.get(`/api/attempts/${attemptId}`);
    await me.get(`/api/attempts/${attemptId}/result`);
    expect((await me.get(`/api/attempts/${otherView.id}/annulment`)).statusCode).toBe(404);
    expect(
      (
        await me.post(`/api/attempts/${otherView.id}/annulment-appeal`, {
          reason: 'Başqasının işinə etiraz cəhdi, uzun mətn.',
        })
      ).statusCode,
    ).toBe(404);
    // Competitions and the public register: the candidate holds no certificate, so applying is refused
    // with its reason; every body is scanned like the rest.
    const nobody = '00000000-0000-4000-8000-000000000000';
    await me.get('/api/competitions/rounds');
    await me.get(`/api/competitions/rounds/${nobody}`);
    await me.get(`/api/competitions/rounds/${nobody}/stages`);
    await me.get(`/api/competitions/vacancies/${nobody}`);
    await me.get(`/api/competitions/vacancies/${nobody}/eligibility`);
    await me.post('/api/applications', { vacancyId: nobody });
    await me.get('/api/applications');
    await me.get(`/api/applications/${nobody}`);
    await me.get(`/api/applications/${nobody}/stages`);
    await me.post(`/api/applications/${nobody}/withdraw`);
    await me.get('/api/interviews');
    for (const register of ['appointments', 'results', 'vacancies']) {
      await me.get(`/api/register/${register}`);
      await me.get(`/api/register/${register}.csv`);
      await me.get(`/api/register/${register}.json`);
    }
    await me.get(`/api/register/appointments/${nobody}`);
    await me.get('/api/register/results/ZZZZZZZZ');
    await me.get(`/api/register/vacancies/${nobody}`);
    await me.get('/api/register/statistics');
    // Written work (issue 18): the candidate's own scripts and, once revealed, their markings (none on this paper).
    await me.get(`/api/attempts/${attemptId}/written`);
    // An appeal against a marking (none on this paper: refused, naming the script code, and scanned all the same).
    await me.post(`/api/attempts/${attemptId}/written/appeals`, {
      scriptCode: 'S-ABCDEFGH',
      reason: 'Mənim yazı işim düzgün qiymətləndirilməyib.',
    });
    // Consultations (issue 17): asking about one's own attempt, the thread, a reply, a rating, the public pages.
    await me.get('/api/consultations/standard');
    await me.get('/api/faq?q=imtahan');
    await me.get('/api/consultations/related');
    const asked = await me.post('/api/consultations', {
      topic: 'exam',
      language: 'az',
      subject: 'Cəhdim haqqında',
      question: 'İmtahan cəhdimin nəticəsi haqqında sualım var.',
      related: { type: 'attempt', id: attemptId },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const consultationId = asked.json<{ id: string }>().id;
    await me.get('/api/consultations');
    await me.get(`/api/consultations/${consultationId}`);
    await me.post(`/api/consultations/${consultationId}/reply`, { body: 'Cavab gözləyirəm, təşəkkür edirəm.' });
    await me.get(`/api/ratings?subjectType=attempt&subjectId=${attemptId}`);
    await me.post('/api/ratings', {
      subjectType: 'attempt',
      subjectId: attemptId,
      score: 4,
      comment: 'Yaxşı təşkil olunub',
    });
    await me.post('/api/auth/sign-out');

    // What must never show up.
    const secrets: Secret[] = [];
    for (const [n, question] of bank.questions.entries()) {
      for (const text of question.secretTexts)
        secrets.push({ text, what: `explanation or accepted answer of Q${n + 1}` });
      if (onPaper.has(question.versionId)) continue;
      for (const text of question.texts) secrets.push({ text, what: `text of Q${n + 1}, which is not on this paper` });
      secrets.push({ text: question.versionId, what: `the version id of Q${n + 1}, not on this paper` });
      secrets.push({ text: question.questionId, what: `the question id of Q${n + 1}, not on this paper` });
    }
    secrets.push(
      { text: other.fullName, what: "the other candidate's name" },
      { text: other.nationalId!, what: "the other candidate's national ID" },
      { text: other.email, what: "the other candidate's e-mail" },
      { text: otherBooking.candidateCode, what: "the other candidate's candidate code" },
      { text: otherRow!.ticketToken, what: "the other candidate's ticket token" },
    );
    expect(onPaper.size).toBe(4);
    expect(secrets.length).toBeGreaterThan(20);

    const leaks = me.responses.flatMap((response) => leaksIn(response, secrets));
    expect(leaks).toEqual([]);

    // Every route an applicant may call is in the journey above.
    const missed = t.app.apiRoutes
      .filter((route) => applicantMayCall(route.access))
      .filter((route) => !me.responses.some((r) => r.method === route.method && matchesRoute(route.url, r.url)))
      .map((route) => `${route.method} ${route.url}`);
    expect(missed, 'routes an applicant may call that the journey does not: add them to it').toEqual([]);
    expect(me.responses.length).toBeGreaterThan(50);
  });
});

async function startOther(other: Person, booking: BookingView): Promise<AttemptView> {
  const fresh = await getBooking(t, other, booking.id);
  await start(t, { ...other, booking: fresh, attemptId: fresh.attemptId! });
  const view = await getAttempt(t, other, fresh.attemptId!);
  await answerAll(t, other, view, bank, (question) => question.correct);
  return view;
}
