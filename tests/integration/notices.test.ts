import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { attempts, notices, outboxMails } from '../../db/schema/index';
import { transaction } from '../../db/transaction';
import type { MailTransport } from '../../server/modules/mail/transport';
import type { NoticesResponse } from '../../server/modules/notices/notices.schemas';
import { REMINDER_HOURS } from '../../server/modules/notices/notices.service';
import { fileAppeal, satSitting, upheld, decideRequest, type Pick as AnswerPick } from '../factories/appeals';
import { postAs } from '../factories/calls';
import {
  DAY,
  HOUR,
  announcedRound,
  appointRequest,
  apply,
  applyRequest,
  certifiedApplicants,
  rankingRequest,
  score,
  setPanel,
  setSlot,
  slotRequest,
} from '../factories/competitions';
import { signedInAgain } from '../factories/results';
import {
  EXAM_ENV,
  applicant,
  bookRequest,
  bookableSitting,
  examBank,
  readySitting,
  staffMember,
  type ExamBank,
  type Person,
} from '../factories/sittings';
import { request, type TestApp } from '../helpers/app';
import { expectNotFound, expectOkJson } from '../helpers/exam';
import { mailSuite } from '../helpers/mail-suite';
import type { TestSmtp } from '../helpers/smtp';

let t: TestApp, smtp: TestSmtp, transport: MailTransport;
let admin: Person;
let bank: ExamBank;

mailSuite({ ...EXAM_ENV, MAIL_FROM: 'Centre <centre@example.az>' }, (suite) => ({ t, smtp, transport } = suite));
beforeAll(async () => {
  admin = await staffMember(t, 'administrator');
  bank = await examBank(t);
});
beforeEach(async () => {
  // Earlier tests move the clock by days: the administrator signs in again at its now.
  admin = await signedInAgain(t, admin);
  await t.services.outbox.sendDue(transport);
  smtp.received.length = 0;
  smtp.refuse(false);
});

/** The notices stored for one account, oldest first. */
async function noticesOf(who: { id: string }, kind?: string) {
  return t.database.db
    .select()
    .from(notices)
    .where(and(eq(notices.userId, who.id), kind ? eq(notices.kind, kind) : undefined))
    .orderBy(asc(notices.createdAt), asc(notices.id));
}

async function noticeMails(who: { id: string }) {
  return t.database.db
    .select()
    .from(outboxMails)
    .where(and(eq(outboxMails.userId, who.id), eq(outboxMails.template, 'notice')));
}

function inbox(who: Person, query = ''): Promise<NoticesResponse> {
  return expectOkJson<NoticesResponse>(t, who, `/api/notices${query}`);
}

describe('bookings', () => {
  it('tells a booking confirmed and cancelled once each, however often the action is tried', async () => {
    const sitting = await bookableSitting(t, admin, bank.blueprintId);
    const who = await applicant(t);
    const booked = await bookRequest(t, who, sitting.id);
    expect(booked.statusCode, booked.body).toBe(201);
    expect((await bookRequest(t, who, sitting.id)).statusCode).toBe(409);
    const bookingId = booked.json<{ id: string }>().id;
    const confirmed = await noticesOf(who, 'booking-confirmed');
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0]).toMatchObject({ ref: bookingId, readAt: null });
    expect(confirmed[0]!.params).toMatchObject({ bookingId, sittingCode: sitting.code, startsAt: sitting.startsAt });

    expect((await postAs(t, who, `/api/bookings/${bookingId}/cancel`, {})).statusCode).toBe(200);
    expect((await postAs(t, who, `/api/bookings/${bookingId}/cancel`, {})).statusCode).toBe(409);
    expect((await noticesOf(who)).map((n) => n.kind).sort()).toEqual(['booking-cancelled', 'booking-confirmed']);
    expect(await noticeMails(who)).toHaveLength(2);
  });

  it('tells each candidate their room and seat when the roster is fixed, and reminds them once a day before', async () => {
    const { sitting, candidates } = await readySitting(t, admin, bank, { candidates: 3 });
    for (const candidate of candidates) {
      const fixed = await noticesOf(candidate, 'roster-fixed');
      expect(fixed).toHaveLength(1);
      expect(fixed[0]!.params).toMatchObject({
        room: 'Otaq 1',
        seat: candidate.booking.seat,
        sittingCode: sitting.code,
      });
    }
    // readySitting leaves the clock an hour before the start: within the reminder's day.
    expect(new Date(sitting.startsAt).getTime() - t.clock.read().getTime()).toBeLessThan(REMINDER_HOURS * HOUR);
    expect(await t.services.notices.remindUpcoming()).toBeGreaterThanOrEqual(3);
    expect(await t.services.notices.remindUpcoming()).toBe(0);
    for (const candidate of candidates) {
      const reminded = await noticesOf(candidate, 'exam-approaching');
      expect(reminded).toHaveLength(1);
      expect(reminded[0]!.params).toMatchObject({ seat: candidate.booking.seat, room: 'Otaq 1' });
    }
  });

  it('puts a sitting the centre cancelled in the inbox, beside its own mail and not as a second one', async () => {
    const sitting = await bookableSitting(t, admin, bank.blueprintId);
    const who = await applicant(t);
    expect((await bookRequest(t, who, sitting.id)).statusCode).toBe(201);
    const reason = 'Binada elektrik kəsintisi / power cut';
    const cancelled = await postAs(t, admin, `/api/admin/sittings/${sitting.id}/cancel`, { reason });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const told = await noticesOf(who, 'sitting-changed');
    expect(told).toHaveLength(1);
    expect(told[0]!.params).toMatchObject({ kind: 'cancelled', nextStartsAt: null, reason });
    expect((await inbox(who, '?lang=en')).items.find((n) => n.kind === 'sitting-changed')).toMatchObject({
      title: `Your sitting has been cancelled: ${sitting.code}`,
    });
    const mails = await t.database.db.select().from(outboxMails).where(eq(outboxMails.userId, who.id));
    expect(mails.map((m) => m.template).sort()).toEqual(['notice', 'sitting-changed']);
  });

  it('does not remind of a sitting more than a day away', async () => {
    const far = await bookableSitting(t, admin, bank.blueprintId, {
      bookingClosesAt: new Date(t.clock.read().getTime() + HOUR).toISOString(),
      startsAt: new Date(t.clock.read().getTime() + 3 * DAY).toISOString(),
      entryClosesAt: new Date(t.clock.read().getTime() + 3 * DAY + HOUR).toISOString(),
      endsAt: new Date(t.clock.read().getTime() + 3 * DAY + 2 * HOUR).toISOString(),
    });
    const who = await applicant(t);
    expect((await bookRequest(t, who, far.id)).statusCode).toBe(201);
    t.clock.advance(2 * HOUR);
    await postAs(t, admin, `/api/admin/sittings/${far.id}/close-booking`, {});
    expect(await noticesOf(who, 'roster-fixed')).toHaveLength(1);
    await t.services.notices.remindUpcoming();
    expect(await noticesOf(who, 'exam-approaching')).toHaveLength(0);
    t.clock.set(new Date(new Date(far.startsAt).getTime() - 23 * HOUR));
    await t.services.notices.remindUpcoming();
    expect(await noticesOf(who, 'exam-approaching')).toHaveLength(1);
  });
});

describe('results, appeals, re-scoring and certificates', () => {
  it('tells each result, each final appeal decision, a re-scoring that changed a result, and certificates', async () => {
    const examiner = await staffMember(t, 'examiner');
    const second = await staffMember(t, 'examiner');
    const q0 = bank.questions[0]!.versionId;
    // Everyone wrong on question 0; the odd candidates also wrong on the third item: 3 points (a pass) or 2.
    const pick: AnswerPick = (q, index, candidate) =>
      q.versionId === q0 || (candidate % 2 === 1 && index === 2) ? q.wrong : q.correct;
    const { candidates } = await satSitting(t, admin, bank, { candidates: 4, pick });
    const papers = new Map((await t.database.db.select().from(attempts)).map((a) => [a.id, a.versionIds] as const));
    const carries = (c: { attemptId: string }, versionId: string) => papers.get(c.attemptId)!.includes(versionId);
    for (const candidate of candidates) {
      const published = await noticesOf(candidate, 'result-published');
      expect(published).toHaveLength(1);
      expect(published[0]!.ref).toBe(candidate.attemptId);
      const passed = published[0]!.params.passed as boolean;
      expect(await noticesOf(candidate, 'certificate-issued')).toHaveLength(passed ? 1 : 0);
    }

    // A rejected appeal on another item, then an upheld one that annuls question 0 for every paper carrying it.
    const other = bank.questions.find((q) => q.versionId !== q0 && candidates.some((c) => carries(c, q.versionId)))!;
    const rejectedBy = candidates.find((c) => carries(c, other.versionId))!;
    await fileAppeal(t, rejectedBy, rejectedBy.attemptId, other.versionId);
    const rejected = await decideRequest(t, examiner, other.versionId, {
      outcome: 'reject',
      reason: 'The key is right as published.',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const rejection = await noticesOf(rejectedBy, 'appeal-decided');
    expect(rejection).toHaveLength(1);
    expect(rejection[0]!.params).toEqual({ upheld: false });

    const appellant = candidates.find((c) => carries(c, q0))!;
    await fileAppeal(t, appellant, appellant.attemptId, q0);
    await upheld(t, examiner, second, q0, { outcome: 'annul', reason: 'Two options are right: annulled for all.' });
    const decided = await noticesOf(appellant, 'appeal-decided');
    expect(decided.map((n) => n.params.upheld)).toContain(true);

    // Run twice: a repeated job tells nobody twice.
    await t.services.rescoring.runPending();
    await t.services.rescoring.runPending();
    let rescored = 0;
    for (const candidate of candidates) {
      const changed = await noticesOf(candidate, 'result-rescored');
      if (!carries(candidate, q0)) {
        expect(changed).toHaveLength(0);
        continue;
      }
      // Everyone had question 0 wrong: annulled and awarded, their result moved up by a point.
      expect(changed).toHaveLength(1);
      expect(changed[0]!.params.points).toBe((changed[0]!.params.previousPoints as number) + 1);
      rescored += 1;
      // A carrier now has 3 or 4 points, a pass: a certificate issued, by publication or by the re-scoring.
      expect(await noticesOf(candidate, 'certificate-issued')).toHaveLength(1);
    }
    expect(rescored).toBeGreaterThan(0);
  });
});

describe('competitions', () => {
  it('tells an application accepted, its interview (again when moved), the appointment and the others refused', async () => {
    const people = await certifiedApplicants(t, admin, bank, [{ correct: 4 }, { correct: 3 }]);
    const freshAdmin = await signedInAgain(t, admin);
    const examiners = [await staffMember(t, 'examiner'), await staffMember(t, 'examiner')];
    const round = await announcedRound(t, freshAdmin, [{ places: 1 }]);
    const vacancyId = round.vacancies[0]!.id;
    const applications = [];
    for (const who of people) applications.push(await apply(t, who, vacancyId));
    expect((await applyRequest(t, people[0]!, vacancyId)).statusCode).toBe(409);
    for (const [i, who] of people.entries()) {
      const accepted = await noticesOf(who, 'application-accepted');
      expect(accepted).toHaveLength(1);
      expect(accepted[0]!.params).toMatchObject({
        applicationId: applications[i]!.id,
        vacancyCode: round.vacancies[0]!.code,
      });
    }

    const panel = [freshAdmin, ...examiners];
    await setPanel(t, freshAdmin, vacancyId, panel);
    const interviewAt = new Date(new Date(round.vacancies[0]!.applicationDeadline).getTime() + DAY);
    t.clock.set(new Date(new Date(round.vacancies[0]!.applicationDeadline).getTime() + HOUR));
    const [admin2, ...examiners2] = await Promise.all(panel.map((p) => signedInAgain(t, p)));
    for (const [i, a] of applications.entries())
      await setSlot(t, admin2!, a.id, new Date(interviewAt.getTime() + i * HOUR));
    // The same slot again tells nothing new; a moved one tells again.
    await setSlot(t, admin2!, applications[0]!.id, interviewAt);
    expect(await noticesOf(people[0]!, 'interview-scheduled')).toHaveLength(1);
    const moved = new Date(interviewAt.getTime() + 3 * HOUR);
    expect((await slotRequest(t, admin2!, applications[0]!.id, moved, 'Otaq 7')).statusCode).toBe(200);
    const slots = await noticesOf(people[0]!, 'interview-scheduled');
    expect(slots.map((n) => n.params.place).sort()).toEqual(['Otaq 12', 'Otaq 7']);

    t.clock.set(new Date(interviewAt.getTime() + 5 * HOUR));
    const scorers = await Promise.all([admin2!, ...examiners2].map((p) => signedInAgain(t, p)));
    for (const member of scorers) for (const a of applications) await score(t, member, a.id, 8, 8);
    const ranked = await rankingRequest(t, scorers[0]!, vacancyId);
    expect(ranked.statusCode, ranked.body).toBe(200);
    const first = ranked.json<{ ranking: { candidateCode: string }[] }>().ranking[0]!.candidateCode;
    const winner = applications.findIndex((a) => a.candidateCode === first);
    const appointed = await appointRequest(t, scorers[0]!, vacancyId, applications[winner]!.id);
    expect(appointed.statusCode, appointed.body).toBe(200);
    expect(await noticesOf(people[winner]!, 'appointed')).toHaveLength(1);
    expect(await noticesOf(people[winner]!, 'application-refused')).toHaveLength(0);
    expect(await noticesOf(people[1 - winner]!, 'application-refused')).toHaveLength(1);
    expect(await noticesOf(people[1 - winner]!, 'appointed')).toHaveLength(0);
  });
});

describe('the inbox', () => {
  /** An applicant with `n` booking notices, the newest last. */
  async function withNotices(n: number) {
    const who = await applicant(t);
    for (let i = 0; i < n; i++) {
      t.clock.advance(1000);
      await transaction(t.database.db, () =>
        t.services.notices.notify({
          userId: who.id,
          kind: 'booking-confirmed',
          ref: `test-${i}`,
          params: { bookingId: `b${i}`, sittingCode: `S-${i}`, startsAt: '2026-12-20T06:00:00.000Z' },
        }),
      );
    }
    return who;
  }

  it('lists the owner’s notices newest first, a page at a time, in the language asked for', async () => {
    const who = await withNotices(3);
    const first = await inbox(who, '?limit=2');
    expect(first).toMatchObject({ total: 3, unread: 3 });
    expect(first.items.map((n) => n.title)).toEqual(['Qeydiyyat təsdiqləndi: S-2', 'Qeydiyyat təsdiqləndi: S-1']);
    expect(first.items[0]).toMatchObject({ kind: 'booking-confirmed', link: '/bookings/b2', read: false });
    // Baku time (UTC+4) in the reader's language.
    expect(first.items[0]!.text).toContain('10:00');
    const second = await inbox(who, '?limit=2&page=2&lang=ru');
    expect(second.items.map((n) => n.title)).toEqual(['Запись подтверждена: S-0']);
    expect((await inbox(who, '?lang=en')).items[0]!.title).toBe('Booking confirmed: S-2');
  });

  it('marks one read, then all, and counts the unread', async () => {
    const who = await withNotices(3);
    const [newest] = (await inbox(who)).items;
    const marked = await postAs(t, who, `/api/notices/${newest!.id}/read`, {});
    expect(marked.json()).toEqual({ marked: 1, unread: 2 });
    expect((await postAs(t, who, `/api/notices/${newest!.id}/read`, {})).json()).toEqual({ marked: 0, unread: 2 });
    const unread = await request(t.app, { method: 'GET', url: '/api/notices/unread', cookie: who.cookie });
    expect(unread.json()).toEqual({ unread: 2 });
    expect((await inbox(who)).items.map((n) => n.read)).toEqual([true, false, false]);
    expect((await postAs(t, who, '/api/notices/read-all', {})).json()).toEqual({ marked: 2, unread: 0 });
    expect((await inbox(who)).unread).toBe(0);
  });

  it('is private: another account’s notice is not found, and nothing of it changes', async () => {
    const owner = await withNotices(1);
    const other = await withNotices(1);
    const [theirs] = (await inbox(owner)).items;
    expectNotFound(await postAs(t, other, `/api/notices/${theirs!.id}/read`, {}));
    expect((await postAs(t, other, '/api/notices/read-all', {})).json()).toEqual({ marked: 1, unread: 0 });
    expect((await inbox(owner)).unread).toBe(1);
    expect((await inbox(other)).items.map((n) => n.id)).not.toContain(theirs!.id);
    const anonymous = await request(t.app, { method: 'GET', url: '/api/notices' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('keeps nothing when the action that told it rolls back', async () => {
    const who = await applicant(t);
    await expect(
      transaction(t.database.db, async () => {
        await t.services.notices.notify({
          userId: who.id,
          kind: 'booking-cancelled',
          ref: 'rolled-back',
          params: { bookingId: 'x', sittingCode: 'S', startsAt: '2026-12-20T06:00:00.000Z' },
        });
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    expect(await noticesOf(who)).toHaveLength(0);
    expect(await noticeMails(who)).toHaveLength(0);
  });
});

describe('the mail', () => {
  it('arrives at the SMTP server in each account’s language, with the link to the page', async () => {
    const sitting = await bookableSitting(t, admin, bank.blueprintId);
    const people: Record<string, Person> = {};
    for (const language of ['az', 'ru', 'en'] as const) {
      const who = await applicant(t);
      const chosen = await request(t.app, {
        method: 'PUT',
        url: '/api/notices/language',
        cookie: who.cookie,
        payload: { language },
      });
      expect(chosen.statusCode, chosen.body).toBe(200);
      expect((await bookRequest(t, who, sitting.id)).statusCode).toBe(201);
      people[language] = who;
    }
    await t.services.outbox.sendDue(transport);
    const to = (who: Person) => smtp.received.find((m) => m.to[0] === who.email)!;
    expect(to(people.az!).subject).toBe(`Qeydiyyat təsdiqləndi: ${sitting.code}`);
    expect(to(people.az!).text).toContain(`Hörmətli ${people.az!.fullName}`);
    expect(to(people.ru!).subject).toBe(`Запись подтверждена: ${sitting.code}`);
    expect(to(people.ru!).text).toContain('время Баку');
    expect(to(people.en!).subject).toBe(`Booking confirmed: ${sitting.code}`);
    expect(to(people.en!).text).toMatch(new RegExp(`${t.config.publicUrl}/bookings/[0-9a-f-]{36}`));
    // The inbox follows the account's language when the page asks for none.
    expect((await inbox(people.ru!)).items[0]!.title).toBe(`Запись подтверждена: ${sitting.code}`);
  });

  it('never fails the action when the mail server refuses: the notice is kept and the mail retried', async () => {
    const sitting = await bookableSitting(t, admin, bank.blueprintId);
    const who = await applicant(t);
    smtp.refuse(true);
    expect((await bookRequest(t, who, sitting.id)).statusCode).toBe(201);
    const sent = await t.services.outbox.sendDue(transport);
    expect(sent.failed).toBeGreaterThan(0);
    expect(await noticesOf(who, 'booking-confirmed')).toHaveLength(1);
    const [mail] = await noticeMails(who);
    expect(mail).toMatchObject({ sentAt: null, attempts: 1 });
    smtp.refuse(false);
    t.clock.advance(60_000);
    await t.services.outbox.sendDue(transport);
    expect(smtp.received.filter((m) => m.to[0] === who.email)).toHaveLength(1);
  });

  it('refuses a language it does not know, naming the field', async () => {
    const who = await applicant(t);
    const bad = await request(t.app, {
      method: 'PUT',
      url: '/api/notices/language',
      cookie: who.cookie,
      payload: { language: 'fr' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('language');
  });
});
