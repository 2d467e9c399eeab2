import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, consultations, outboxMails, satisfactionRatings } from '../../db/schema/index';
import { responseTarget } from '../../server/core/working-days';
import { smtpTransport } from '../../server/modules/mail/transport';
import type {
  ConsultationView,
  FaqEntryView,
  ServiceStandard,
  StaffConsultationView,
} from '../../server/modules/consultations/consultations.schemas';
import { okBody, postAs } from '../factories/calls';
import { sit, staffMember, startedSitting, applicant, type ExamBank, type Person } from '../factories/sittings';
import { request, type TestApp } from '../helpers/app';
import { examSuite } from '../helpers/exam-suite';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp';

let t: TestApp, admin: Person, bank: ExamBank, smtp: TestSmtp;

examSuite((suite) => ({ t, admin, bank } = suite));
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(() => smtp?.close());

const get = (who: { cookie: string } | null, url: string) =>
  request(t.app, { method: 'GET', url, ...(who ? { cookie: who.cookie } : {}) });
const anonymousPost = (url: string, payload: unknown) =>
  request(t.app, { method: 'POST', url, payload: payload as object });
const ask = (overrides: Record<string, unknown> = {}) => ({
  topic: 'booking',
  language: 'ru',
  subject: 'Смена смены',
  question: 'Можно ли перенести мою запись на дневную смену?',
  ...overrides,
});
const rows = async () => (await t.database.db.select({ n: count() }).from(consultations))[0]!.n;

describe('asking', () => {
  it('takes an anonymous question with an e-mail and promises an answer within the topic target', async () => {
    const now = t.clock.read();
    const response = await anonymousPost('/api/consultations', ask({ email: 'Visitor@Example.az' }));
    const body = okBody<{ id: string; targetAt: string; inAccount: boolean }>(response, 201, 'ask');
    expect(body.inAccount).toBe(false);
    expect(body.targetAt).toBe(responseTarget(now, 3, new Set(t.config.publicHolidays)).toISOString());
    const [row] = await t.database.db.select().from(consultations).where(eq(consultations.id, body.id));
    expect(row).toMatchObject({ email: 'visitor@example.az', userId: null, status: 'open', language: 'ru' });
  });

  it('refuses an anonymous question without an address, or tied to something, and writes nothing', async () => {
    const before = await rows();
    const noEmail = await anonymousPost('/api/consultations', ask());
    expect(noEmail.statusCode).toBe(400);
    expect(noEmail.json().error.fields).toEqual([expect.objectContaining({ field: 'email', code: 'required' })]);
    const tied = await anonymousPost(
      '/api/consultations',
      ask({ email: 'a@example.az', related: { type: 'booking', id: admin.id } }),
    );
    expect(tied.statusCode).toBe(400);
    expect(tied.json().error.fields[0].field).toBe('related');
    const blank = await anonymousPost('/api/consultations', ask({ email: 'a@example.az', question: ' '.repeat(12) }));
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.fields[0]).toMatchObject({ field: 'question', code: 'required' });
    expect(await rows()).toBe(before);
  });

  it('lets staff answer, not ask', async () => {
    const response = await postAs(t, admin, '/api/consultations', ask());
    expect(response.statusCode).toBe(403);
  });
});

describe('a signed-in applicant’s question, answered by a named official', () => {
  let asker: Person, other: Person, examiner: Person, second: Person;
  let id: string;

  beforeAll(async () => {
    const { candidates } = await startedSitting(t, admin, bank, 1);
    asker = candidates[0]!;
    await sit(t, candidates[0]!, bank, (q) => q.correct);
    other = await applicant(t, { fullName: 'Başqa Namizədova' });
    examiner = await staffMember(t, 'examiner');
    second = await staffMember(t, 'examiner');
    const related = okBody<{ type: string; id: string; label: string }[]>(
      await get(asker, '/api/consultations/related'),
      200,
      'related',
    );
    expect(related.map((r) => r.type).sort()).toEqual(['attempt', 'booking']);
    const created = await postAs(
      t,
      asker,
      '/api/consultations',
      ask({
        topic: 'exam',
        language: 'az',
        subject: 'Nəticəm',
        question: 'Nəticəmin hesablanması haqqında sualım var.',
        related: { type: related[0]!.type, id: related[0]!.id },
      }),
    );
    id = okBody<{ id: string }>(created, 201, 'ask').id;
  });

  it('refuses to tie a question to someone else’s booking, as if it did not exist', async () => {
    const theirs = await postAs(
      t,
      other,
      '/api/consultations',
      ask({ related: { type: 'booking', id: (await get(asker, `/api/consultations/${id}`)).json().related.id } }),
    );
    expect(theirs.statusCode).toBe(400);
    expect(theirs.json().error.fields[0]).toMatchObject({
      field: 'related.id',
      code: 'consultation.related_not_yours',
    });
  });

  it('shows the thread to its asker only', async () => {
    const mine = okBody<ConsultationView>(await get(asker, `/api/consultations/${id}`), 200, 'read');
    expect(mine.messages.map((m) => m.kind)).toEqual(['question']);
    expect(mine.related?.type).toBe('booking');
    expect((await get(other, `/api/consultations/${id}`)).statusCode).toBe(404);
    expect(
      (await postAs(t, other, `/api/consultations/${id}/reply`, { body: 'Bu mənim sualım deyil amma.' })).statusCode,
    ).toBe(404);
    expect(okBody<unknown[]>(await get(other, '/api/consultations'), 200, 'own')).toEqual([]);
  });

  it('queues it by age, shows who took it, and keeps others from answering it', async () => {
    const queue = okBody<{ items: { id: string; holder: unknown }[] }>(
      await get(examiner, '/api/admin/consultations?topic=exam'),
      200,
      'queue',
    );
    expect(queue.items.map((i) => i.id)).toContain(id);
    const taken = okBody<StaffConsultationView>(
      await postAs(t, examiner, `/api/admin/consultations/${id}/take`),
      200,
      'take',
    );
    expect(taken.holder?.id).toBe(examiner.id);
    expect(taken.asker).toMatchObject({ name: asker.fullName, anonymous: false });
    const refused = await postAs(t, second, `/api/admin/consultations/${id}/answer`, {
      body: 'Mən də cavab vermək istəyirəm.',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.fields[0].code).toBe('consultation.held');
    expect((await postAs(t, second, `/api/admin/consultations/${id}/take`)).statusCode).toBe(409);
  });

  it('passes it on with a note the asker never sees', async () => {
    const passed = okBody<StaffConsultationView>(
      await postAs(t, examiner, `/api/admin/consultations/${id}/pass`, {
        note: 'Nəticələr üzrə həmkar cavab versin.',
        topic: 'results',
        toUserId: second.id,
      }),
      200,
      'pass',
    );
    expect(passed.holder?.id).toBe(second.id);
    expect(passed.topic).toBe('results');
    expect(passed.messages.at(-1)).toMatchObject({ kind: 'note', official: { id: examiner.id } });
    const mine = okBody<ConsultationView>(await get(asker, `/api/consultations/${id}`), 200, 'read');
    expect(JSON.stringify(mine)).not.toContain('həmkar');
  });

  it('carries the answering official’s name and role, lets the asker reply once, and continues', async () => {
    const answer = 'Nəticəniz açar üzrə avtomatik hesablanır; apellyasiya verə bilərsiniz.';
    okBody(await postAs(t, second, `/api/admin/consultations/${id}/answer`, { body: answer }), 200, 'answer');
    const mine = okBody<ConsultationView>(await get(asker, `/api/consultations/${id}`), 200, 'read');
    expect(mine.status).toBe('answered');
    const [user] = await t.services.repositories.users.findById(second.id).then((u) => [u!]);
    expect(mine.messages.at(-1)).toMatchObject({
      kind: 'answer',
      body: answer,
      official: { name: user!.fullName, role: 'examiner' },
    });
    expect(mine.canReply).toBe(true);
    expect(mine.canRate).toBe(true);

    const replied = okBody<ConsultationView>(
      await postAs(t, asker, `/api/consultations/${id}/reply`, { body: 'Bəs apellyasiya müddəti nə qədərdir?' }),
      200,
      'reply',
    );
    expect(replied).toMatchObject({ status: 'open', canReply: false });
    const again = await postAs(t, asker, `/api/consultations/${id}/reply`, { body: 'Yenə bir sualım var idi.' });
    expect(again.statusCode).toBe(409);
    okBody(
      await postAs(t, second, `/api/admin/consultations/${id}/answer`, { body: 'Apellyasiya üç gün ərzində verilir.' }),
      200,
      'answer again',
    );
    const after = okBody<ConsultationView>(await get(asker, `/api/consultations/${id}`), 200, 'read');
    expect(after.messages.map((m) => m.kind)).toEqual(['question', 'answer', 'reply', 'answer']);
    expect(after.canReply).toBe(false);
  });

  it('audits every staff step', async () => {
    const entries = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'consultation'), eq(auditLog.targetId, id)));
    expect(entries.map((e) => e.action).sort()).toEqual(
      ['consultation.answered', 'consultation.answered', 'consultation.passed', 'consultation.taken'].sort(),
    );
  });

  it('takes one rating per answered question and per submitted exam; the comment stays with staff', async () => {
    const rated = await postAs(t, asker, '/api/ratings', {
      subjectType: 'consultation',
      subjectId: id,
      score: 4,
      comment: 'Şərh yalnız əməkdaşlar üçündür',
    });
    expect(rated.statusCode, rated.body).toBe(201);
    expect(
      (await postAs(t, asker, '/api/ratings', { subjectType: 'consultation', subjectId: id, score: 1 })).statusCode,
    ).toBe(409);
    expect(
      (await postAs(t, other, '/api/ratings', { subjectType: 'consultation', subjectId: id, score: 1 })).statusCode,
    ).toBe(404);
    const exam = await postAs(t, asker, '/api/ratings', {
      subjectType: 'attempt',
      subjectId: (asker as unknown as { attemptId: string }).attemptId,
      score: 5,
    });
    expect(exam.statusCode, exam.body).toBe(201);
    expect(
      okBody<{ canRate: boolean }>(
        await get(asker, `/api/ratings?subjectType=consultation&subjectId=${id}`),
        200,
        'standing',
      ).canRate,
    ).toBe(false);
    const staffList = okBody<{ items: { comment: string | null }[] }>(
      await get(examiner, '/api/admin/ratings'),
      200,
      'ratings',
    );
    expect(staffList.items.map((r) => r.comment)).toContain('Şərh yalnız əməkdaşlar üçündür');
    const standard = await get(null, '/api/consultations/standard');
    expect(standard.body).not.toContain('Şərh');
    expect((await t.database.db.select({ n: count() }).from(satisfactionRatings))[0]!.n).toBe(2);
  });

  it('publishes figures per topic and month: counts, times, share and satisfaction', async () => {
    const standard = okBody<ServiceStandard>(await get(null, '/api/consultations/standard'), 200, 'standard');
    expect(standard.topics).toHaveLength(8);
    expect(standard.topics.every((x) => x.targetDays === 3)).toBe(true);
    const results = standard.figures.filter((f) => f.topic === 'results');
    expect(results.reduce((s, f) => s + f.received, 0)).toBe(1);
    expect(results.reduce((s, f) => s + f.answered, 0)).toBe(1);
    const exam = standard.figures.filter((f) => f.topic === 'exam');
    expect(exam.reduce((s, f) => s + f.ratings, 0)).toBe(1);
    const rated = standard.figures.find((f) => f.topic === 'results' && f.ratings > 0);
    expect(rated?.satisfaction).toBe(4);
  });
});

describe('an anonymous asker gets the answer by e-mail', () => {
  it('sends the answer, signed by the official, in the question’s language through SMTP', async () => {
    const examiner = await staffMember(t, 'examiner');
    const created = okBody<{ id: string }>(
      await anonymousPost(
        '/api/consultations',
        ask({
          email: 'guest@example.az',
          language: 'en',
          subject: 'Seats',
          question: 'How many seats does a sitting have?',
        }),
      ),
      201,
      'ask',
    );
    const answer = 'Each room has its own capacity; the sitting page shows the seats left.';
    okBody(await postAs(t, examiner, `/api/admin/consultations/${created.id}/answer`, { body: answer }), 200, 'answer');
    const [mail] = await t.database.db.select().from(outboxMails).where(eq(outboxMails.toAddress, 'guest@example.az'));
    expect(mail).toMatchObject({
      template: 'consultation-answered',
      locale: 'en',
      subject: 'An answer to your question: Seats',
    });
    const transport = smtpTransport(smtp.url, t.config.mail.from);
    try {
      await t.services.outbox.sendDue(transport);
    } finally {
      transport.close();
    }
    const received = smtp.received.find((m) => m.to.includes('guest@example.az'));
    expect(received?.text).toContain(answer);
    expect(received?.text).toMatch(/examiner/);
  });
});

describe('the FAQ', () => {
  let entry: FaqEntryView;
  const body = {
    topic: 'booking',
    question: { az: 'Növbəni necə dəyişmək olar?', ru: 'Как поменять смену записи?', en: 'How do I change my shift?' },
    answer: {
      az: 'Qeydiyyat bağlanana qədər ləğv edib yenidən yazılın.',
      ru: 'Отмените запись и запишитесь заново до закрытия.',
      en: 'Cancel and book again before booking closes.',
    },
  };

  it('is published by staff in three languages and searched by the public in any of them', async () => {
    const examiner = await staffMember(t, 'examiner');
    entry = okBody<FaqEntryView>(await postAs(t, examiner, '/api/admin/faq', body), 201, 'publish');
    const found = okBody<{ entries: FaqEntryView[]; total: number }>(
      await get(null, '/api/faq?q=%D1%81%D0%BC%D0%B5%D0%BD%D1%83'),
      200,
      'search',
    );
    expect(found.entries.map((e) => e.id)).toEqual([entry.id]);
    expect((await get(null, '/api/faq?q=nothing-like-this')).json().total).toBe(0);
    // A question's words suggest the entry when any of them matches.
    const suggested = await get(null, `/api/faq?match=any&q=${encodeURIComponent('Можно ли сменить смену записи?')}`);
    expect(suggested.json().entries.map((e: FaqEntryView) => e.id)).toEqual([entry.id]);
    expect((await get(null, '/api/faq?match=any&q=ab')).json().total).toBe(0);
    const missing = await postAs(t, examiner, '/api/admin/faq', { ...body, answer: { ...body.answer, ru: '  ' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields[0].field).toBe('answer.ru');
  });

  it('is corrected and withdrawn, each step audited', async () => {
    const examiner = await staffMember(t, 'examiner');
    const edited = okBody<FaqEntryView>(
      await request(t.app, {
        method: 'PUT',
        url: `/api/admin/faq/${entry.id}`,
        cookie: examiner.cookie,
        payload: { ...body, topic: 'exam' },
      }),
      200,
      'edit',
    );
    expect(edited.topic).toBe('exam');
    okBody(await postAs(t, examiner, `/api/admin/faq/${entry.id}/withdraw`), 200, 'withdraw');
    expect((await get(null, '/api/faq')).json().entries.map((e: FaqEntryView) => e.id)).not.toContain(entry.id);
    expect((await postAs(t, examiner, `/api/admin/faq/${entry.id}/withdraw`)).statusCode).toBe(404);
    const actions = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.targetId, entry.id));
    expect(actions.map((a) => a.action).sort()).toEqual(['faq.edited', 'faq.published', 'faq.withdrawn']);
  });
});

describe('privacy', () => {
  it('puts no question text, answer or asker identity into any anonymous response', async () => {
    const examiner = await staffMember(t, 'examiner');
    const who = await applicant(t, { fullName: 'Gizli Soruşanova' });
    const secrets = [
      'Gizli mövzu başlığı',
      'Gizli sualın mətni burada yazılıb',
      'Gizli cavabın mətni',
      'hidden.asker@example.az',
      who.fullName,
      who.email,
    ];
    const mine = okBody<{ id: string }>(
      await postAs(t, who, '/api/consultations', ask({ language: 'az', subject: secrets[0], question: secrets[1] })),
      201,
      'ask',
    );
    okBody(
      await anonymousPost('/api/consultations', ask({ email: secrets[3], question: `${secrets[1]} (2)` })),
      201,
      'ask anonymously',
    );
    okBody(
      await postAs(t, examiner, `/api/admin/consultations/${mine.id}/answer`, { body: secrets[2] }),
      200,
      'answer',
    );
    okBody(
      await postAs(t, who, '/api/ratings', {
        subjectType: 'consultation',
        subjectId: mine.id,
        score: 2,
        comment: 'Gizli şərh',
      }),
      201,
      'rate',
    );
    secrets.push('Gizli şərh');

    const publicGets = t.app.apiRoutes.filter((r) => r.access === 'public' && r.method === 'GET');
    expect(publicGets.map((r) => r.url)).toEqual(expect.arrayContaining(['/api/faq', '/api/consultations/standard']));
    for (const route of publicGets) {
      const url = route.url.replace(/:[a-zA-Z]+/g, mine.id);
      const response = await get(null, url);
      for (const secret of secrets) expect(response.body, `${url} leaks ${secret}`).not.toContain(secret);
    }
    // The asker's own thread is not reachable without their session.
    expect((await get(null, `/api/consultations/${mine.id}`)).statusCode).toBe(401);
  });
});
