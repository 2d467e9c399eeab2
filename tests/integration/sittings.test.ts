import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attempts, questionVersions, sittings } from '../../db/schema/index';
import { CURRENT_LABEL_SCHEME, generatePaper } from '../../server/core/paper/index';
import { approvedQuestion } from '../factories/questions';
import {
  applicant,
  applicants,
  atStart,
  book,
  bookableSitting,
  closeBooking,
  createBlueprint,
  createSitting,
  examBlueprint,
  getAttempt,
  getBooking,
  openBooking,
  readySitting,
  sittingBody,
  staffMember,
  start,
  submitRequest,
  type ExamBank,
  type Person,
  type BookingView,
  type SittingView,
} from '../factories/sittings';
import { request, type TestApp } from '../helpers/app';
import { examSuite } from '../helpers/exam-suite';
import {
  auditEntries,
  expectConflict,
  expectInvalid,
  expectNothingWritten,
  expectNotFound,
  HOUR,
  MINUTE,
  ms,
} from '../helpers/exam';

let t: TestApp, admin: Person, bank: ExamBank;
const { get, post } = examSuite((suite) => ({ t, admin, bank } = suite));

describe('categories', () => {
  it('lists the test categories to anyone', async () => {
    const response = await request(t.app, { method: 'GET', url: '/api/categories' });
    expect(response.statusCode).toBe(200);
    const codes = response.json<{ code: string; parentCode: string | null }[]>();
    expect(codes.map((c) => c.code)).toEqual(expect.arrayContaining(['A', 'AA', 'AB', 'AC', 'B', 'BA', 'BB']));
    expect(codes.find((c) => c.code === 'AB')?.parentCode).toBe('A');
  });
});

describe('creating a sitting', () => {
  it('stores a draft with its rooms, shows the blueprint figures, and audits it', async () => {
    const body = sittingBody(t, bank.blueprintId, {
      rooms: [
        { name: 'Zal A', capacity: 4 },
        { name: 'Zal B', capacity: 6 },
      ],
    });
    const response = await post('/api/admin/sittings', admin.cookie, body);
    expect(response.statusCode, response.body).toBe(201);
    const sitting = response.json<SittingView>();
    expect(sitting).toMatchObject({
      code: body.code,
      categoryCode: 'AB',
      blueprintId: bank.blueprintId,
      blueprintName: bank.blueprint.name,
      language: 'az',
      durationMinutes: 60,
      questionCount: 4,
      mode: 'centre',
      status: 'draft',
      phase: 'draft',
      arrivalMinutes: 30,
      papersDrawnAt: null,
      capacity: 10,
      booked: 0,
    });
    expect(sitting.categoryName.az).toBeTruthy();
    for (const field of ['startsAt', 'entryClosesAt', 'endsAt', 'bookingClosesAt'] as const) {
      expect(ms(sitting[field]), field).toBe(ms(body[field]));
    }
    expect(sitting.rooms.map((r) => [r.name, r.capacity, r.booked])).toEqual([
      ['Zal A', 4, 0],
      ['Zal B', 6, 0],
    ]);

    const audit = await auditEntries(t, 'sitting.created', sitting.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(admin.id);

    const read = await get(`/api/admin/sittings/${sitting.id}`, admin.cookie);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(sitting);

    const drafts = (await get('/api/admin/sittings?status=draft', admin.cookie)).json<SittingView[]>();
    expect(drafts.map((s) => s.id)).toContain(sitting.id);
    const booking = (await get('/api/admin/sittings?status=booking', admin.cookie)).json<SittingView[]>();
    expect(booking.map((s) => s.id)).not.toContain(sitting.id);
    const all = (await get('/api/admin/sittings', admin.cookie)).json<SittingView[]>();
    expect(all.map((s) => s.id)).toContain(sitting.id);

    // A draft is invisible to applicants.
    const someone = await applicant(t);
    const open = (await get('/api/sittings/open', someone.cookie)).json<{ id: string }[]>();
    expect(open.map((s) => s.id)).not.toContain(sitting.id);
  });

  it('404s an unknown sitting', async () => {
    expectNotFound(await get('/api/admin/sittings/00000000-0000-4000-8000-000000000000', admin.cookie));
  });

  const hour = (h: number) => new Date(t.clock.read().getTime() + h * HOUR).toISOString();
  const cases: { name: string; body: () => Record<string, unknown>; field: string }[] = [
    { name: 'no code', body: () => ({ ...sittingBody(t, bank.blueprintId), code: undefined }), field: 'code' },
    { name: 'a code with spaces', body: () => sittingBody(t, bank.blueprintId, { code: 'a b c' }), field: 'code' },
    {
      name: 'an unknown category',
      body: () => sittingBody(t, bank.blueprintId, { categoryCode: 'ZZ' }),
      field: 'categoryCode',
    },
    {
      name: 'a malformed category',
      body: () => sittingBody(t, bank.blueprintId, { categoryCode: 'ab1' }),
      field: 'categoryCode',
    },
    {
      name: 'an unknown blueprint',
      body: () => sittingBody(t, '00000000-0000-4000-8000-000000000000'),
      field: 'blueprintId',
    },
    { name: 'a blueprint id that is not a uuid', body: () => sittingBody(t, 'blueprint-1'), field: 'blueprintId' },
    {
      name: 'an unknown mode',
      body: () => ({ ...sittingBody(t, bank.blueprintId), mode: 'hybrid' }),
      field: 'mode',
    },
    {
      name: 'a start that is not a timestamp',
      body: () => ({ ...sittingBody(t, bank.blueprintId), startsAt: 'tomorrow' }),
      field: 'startsAt',
    },
    {
      name: 'entry closing before the start',
      body: () => sittingBody(t, bank.blueprintId, { startsAt: hour(5), entryClosesAt: hour(4), endsAt: hour(7) }),
      field: 'entryClosesAt',
    },
    {
      name: 'entry closing at the start',
      body: () => sittingBody(t, bank.blueprintId, { startsAt: hour(5), entryClosesAt: hour(5), endsAt: hour(7) }),
      field: 'entryClosesAt',
    },
    {
      name: 'the end before entry closes',
      body: () => sittingBody(t, bank.blueprintId, { startsAt: hour(5), entryClosesAt: hour(6), endsAt: hour(5.5) }),
      field: 'endsAt',
    },
    {
      name: 'the end before the start (never read as the next day)',
      body: () => sittingBody(t, bank.blueprintId, { startsAt: hour(5), entryClosesAt: hour(5.5), endsAt: hour(4) }),
      field: 'endsAt',
    },
    {
      name: 'a shift shorter than the test (16 minutes after entry closes for a 60-minute test)',
      body: () =>
        sittingBody(t, bank.blueprintId, {
          startsAt: hour(5),
          entryClosesAt: hour(5.5),
          endsAt: new Date(new Date(hour(5.5)).getTime() + 16 * MINUTE).toISOString(),
        }),
      field: 'endsAt',
    },
    {
      name: 'booking closing after the start',
      body: () =>
        sittingBody(t, bank.blueprintId, {
          bookingClosesAt: hour(6),
          startsAt: hour(5),
          entryClosesAt: hour(5.5),
          endsAt: hour(7),
        }),
      field: 'bookingClosesAt',
    },
    { name: 'no rooms', body: () => sittingBody(t, bank.blueprintId, { rooms: [] }), field: 'rooms' },
    {
      name: 'a room without seats',
      body: () => sittingBody(t, bank.blueprintId, { rooms: [{ name: 'Boş', capacity: 0 }] }),
      field: 'rooms.0.capacity',
    },
    {
      name: 'a room without a name',
      body: () => sittingBody(t, bank.blueprintId, { rooms: [{ name: '', capacity: 3 }] }),
      field: 'rooms.0.name',
    },
    {
      name: 'an online sitting with two rooms',
      body: () =>
        sittingBody(t, bank.blueprintId, {
          mode: 'online',
          rooms: [
            { name: 'Onlayn 1', capacity: 5 },
            { name: 'Onlayn 2', capacity: 5 },
          ],
        }),
      field: 'rooms',
    },
    {
      name: 'arrival too early',
      body: () => sittingBody(t, bank.blueprintId, { arrivalMinutes: 241 }),
      field: 'arrivalMinutes',
    },
    {
      name: 'an unknown property',
      body: () => ({ ...sittingBody(t, bank.blueprintId), seats: 10 }),
      field: 'seats',
    },
  ];

  it.each(cases)('refuses $name, naming $field, and writes nothing', async ({ body, field }) => {
    const response = await expectNothingWritten(t, [admin.cookie], () =>
      post('/api/admin/sittings', admin.cookie, body()),
    );
    expectInvalid(response, field);
  });

  it('refuses a code already taken, naming it, and writes nothing', async () => {
    const first = await createSitting(t, admin, sittingBody(t, bank.blueprintId));
    const response = await expectNothingWritten(t, [admin.cookie], () =>
      post('/api/admin/sittings', admin.cookie, sittingBody(t, bank.blueprintId, { code: first.code })),
    );
    expect(response.statusCode, response.body).toBe(409);
    expect(response.json().error.code).toBe('CONFLICT');
    expect(response.json().error.fields[0].field).toBe('code');
  });
});

describe('booking windows', () => {
  it('opens booking once, audited, and shows the sitting to applicants', async () => {
    const draft = await createSitting(t, admin, sittingBody(t, bank.blueprintId));
    expectConflict(await post(`/api/admin/sittings/${draft.id}/close-booking`, admin.cookie), 'sitting.not_booking');

    const opened = await openBooking(t, admin, draft.id);
    expect(opened.status).toBe('booking');
    expect(opened.phase).toBe('booking');
    const audit = await auditEntries(t, 'sitting.booking_opened', draft.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(admin.id);
    expectConflict(await post(`/api/admin/sittings/${draft.id}/open-booking`, admin.cookie), 'sitting.not_draft');
    expect(await auditEntries(t, 'sitting.booking_opened', draft.id)).toHaveLength(1);

    const someone = await applicant(t);
    const open = (await get('/api/sittings/open', someone.cookie)).json<
      { id: string; seatsLeft: number; myBookingId: string | null; questionCount: number }[]
    >();
    const listed = open.find((s) => s.id === draft.id);
    expect(listed).toMatchObject({ seatsLeft: 10, myBookingId: null, questionCount: 4 });
    const booking = await book(t, someone, draft.id);
    const after = (await get('/api/sittings/open', someone.cookie)).json<
      { id: string; seatsLeft: number; myBookingId: string | null }[]
    >();
    expect(after.find((s) => s.id === draft.id)).toMatchObject({ seatsLeft: 9, myBookingId: booking.id });

    // Once the booking deadline passes, the sitting leaves the list and its phase says so.
    t.clock.set(new Date(ms(draft.bookingClosesAt) + MINUTE));
    const late = (await get('/api/sittings/open', someone.cookie)).json<{ id: string }[]>();
    expect(late.map((s) => s.id)).not.toContain(draft.id);
    const ended = (await get(`/api/admin/sittings/${draft.id}`, admin.cookie)).json<SittingView>();
    expect(ended.phase).toBe('booking-ended');
    expect(ended.booked).toBe(1);
  });

  it('closing booking draws and stores a reproducible paper for every active booking, and only those', async () => {
    const sitting = await bookableSitting(t, admin, bank.blueprintId);
    const people = await applicants(t, 3);
    const bookings: BookingView[] = [];
    for (const who of people) bookings.push(await book(t, who, sitting.id));
    const cancelled = await post(`/api/bookings/${bookings[2]!.id}/cancel`, people[2]!.cookie);
    expect(cancelled.statusCode, cancelled.body).toBe(200);

    t.clock.set(new Date(ms(sitting.bookingClosesAt) + MINUTE));
    const closed = await closeBooking(t, admin, sitting.id);
    expect(closed.status).toBe('closed');
    expect(closed.phase).toBe('scheduled');
    expect(closed.papersDrawnAt).not.toBeNull();
    const audit = await auditEntries(t, 'sitting.booking_closed', sitting.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(admin.id);
    expectConflict(await post(`/api/admin/sittings/${sitting.id}/close-booking`, admin.cookie), 'sitting.not_booking');

    const rows = await t.database.db.select().from(attempts).where(eq(attempts.sittingId, sitting.id));
    expect(rows.map((r) => r.bookingId).sort()).toEqual([bookings[0]!.id, bookings[1]!.id].sort());
    const [stored] = await t.database.db.select().from(sittings).where(eq(sittings.id, sitting.id));
    expect(stored!.blueprint).toBeTruthy();
    const pool = await t.services.questions.pool();
    for (const row of rows) {
      expect(row.status).toBe('ready');
      expect(row.startedAt).toBeNull();
      expect(row.deadline).toBeNull();
      expect(row.paper.sections.map((s) => s.items.length)).toEqual([2, 2]);
      const onPaper = row.paper.sections.flatMap((s) => s.items.map((i) => i.versionId));
      expect([...row.versionIds].sort()).toEqual([...onPaper].sort());
      for (const [index, section] of row.paper.sections.entries()) {
        for (const item of section.items) {
          expect(bank.byVersion.get(item.versionId)?.subject).toBe(bank.blueprint.sections[index]!.subject);
        }
      }
      // DESIGN.md rule 4: the seed comes from the server's secret and the attempt id, and the same
      // blueprint, bank and seed give the same paper. The paper also records the option-label scheme it is
      // shown under (issue 16), the current one for a paper drawn now.
      expect(await t.services.attempts.seedFor(row.id)).toBe(row.seed);
      expect({ ...generatePaper(stored!.blueprint!, pool, row.seed), labels: CURRENT_LABEL_SCHEME }).toEqual(row.paper);
      const versions = await t.database.db
        .select({ usedAt: questionVersions.usedAt })
        .from(questionVersions)
        .where(inArray(questionVersions.id, onPaper));
      expect(versions.every((v) => v.usedAt !== null)).toBe(true);
    }
    expect(new Set(rows.map((r) => r.seed)).size).toBe(rows.length);

    const mine = await getBooking(t, people[0]!, bookings[0]!.id);
    expect(mine.attemptId).toBe(rows.find((r) => r.bookingId === bookings[0]!.id)!.id);
    expect(mine.attemptStatus).toBe('ready');
    const gone = await getBooking(t, people[2]!, bookings[2]!.id);
    expect(gone.attemptId).toBeNull();

    // The roster is fixed: no new bookings.
    expectConflict(await post(`/api/sittings/${sitting.id}/bookings`, (await applicant(t)).cookie), 'booking.closed');

    const roster = await get(`/api/admin/sittings/${sitting.id}/roster`, admin.cookie);
    expect(roster.statusCode).toBe(200);
    const entries = roster.json<{ bookingId: string; fullName: string; status: string; candidateCode: string }[]>();
    for (const [i, who] of people.slice(0, 2).entries()) {
      expect(entries.find((e) => e.bookingId === bookings[i]!.id)).toMatchObject({
        fullName: who.fullName,
        status: 'active',
        candidateCode: bookings[i]!.candidateCode,
      });
    }
    expect(entries.filter((e) => e.status === 'active')).toHaveLength(2);
  });

  it('refuses to close a sitting whose blueprint the bank cannot fill, and draws nothing', async () => {
    // Feasible when the sitting is made; the only informatics question is retired before booking closes.
    const informatics = await approvedQuestion(t, bank.examiner.cookie, bank.reviewer.cookie, {
      ...bank.questions[0]!.draft,
      subject: 'informatics',
      content: {
        ...bank.questions[0]!.draft.content,
        text: { az: 'İnformatika sualı?', ru: 'Вопрос по информатике?', en: 'An informatics question?' },
      },
    });
    const blueprintId = await createBlueprint(
      t,
      bank.examiner.cookie,
      examBlueprint({
        name: 'Informatics',
        sections: [
          {
            title: { az: 'İnformatika' },
            subject: 'informatics',
            topics: [],
            count: 1,
            minCorrect: 0,
            shuffleQuestions: false,
            shuffleOptions: false,
          },
        ],
        passMark: 1,
      }),
    );
    const sitting = await bookableSitting(t, admin, blueprintId);
    await book(t, await applicant(t), sitting.id);
    const retired = await post(`/api/questions/${informatics}/retire`, bank.examiner.cookie, { reason: 'Köhnəlib' });
    expect(retired.statusCode, retired.body).toBe(200);
    t.clock.set(new Date(ms(sitting.bookingClosesAt) + MINUTE));

    expectConflict(await post(`/api/admin/sittings/${sitting.id}/close-booking`, admin.cookie), 'sitting.infeasible');
    const after = (await get(`/api/admin/sittings/${sitting.id}`, admin.cookie)).json<SittingView>();
    expect(after.status).toBe('booking');
    expect(after.papersDrawnAt).toBeNull();
    expect(await t.database.db.select().from(attempts).where(eq(attempts.sittingId, sitting.id))).toHaveLength(0);
    expect(await auditEntries(t, 'sitting.booking_closed', sitting.id)).toHaveLength(0);
  });
});

describe('accommodations', () => {
  it('grants extra time with a reason until the attempt starts, audited', async () => {
    // Entry closes 30 minutes after the start; 90 minutes from then honour the 60-minute test with +50 %.
    const startsAt = t.clock.read().getTime() + 3 * HOUR;
    const sitting = await bookableSitting(t, admin, bank.blueprintId, {
      endsAt: new Date(startsAt + 30 * MINUTE + 90 * MINUTE).toISOString(),
    });
    const who = await applicant(t);
    const booking = await book(t, who, sitting.id);
    const url = `/api/admin/bookings/${booking.id}/accommodation`;
    const put = (payload: unknown) =>
      request(t.app, { method: 'PUT', url, cookie: admin.cookie, payload: payload as Record<string, unknown> });

    expectInvalid(
      await expectNothingWritten(t, [admin.cookie], () => put({ extraTimePercent: 201, reason: 'Görmə' })),
      'extraTimePercent',
    );
    expectInvalid(
      await expectNothingWritten(t, [admin.cookie], () => put({ extraTimePercent: -1, reason: 'Görmə' })),
      'extraTimePercent',
    );
    expectInvalid(
      await expectNothingWritten(t, [admin.cookie], () => put({ extraTimePercent: 50, reason: 'x' })),
      'reason',
    );
    expectInvalid(await expectNothingWritten(t, [admin.cookie], () => put({ extraTimePercent: 50 })), 'reason');
    expectNotFound(
      await request(t.app, {
        method: 'PUT',
        url: '/api/admin/bookings/00000000-0000-4000-8000-000000000000/accommodation',
        cookie: admin.cookie,
        payload: { extraTimePercent: 50, reason: 'Görmə məhdudiyyəti' },
      }),
    );

    const granted = await put({ extraTimePercent: 50, reason: 'Görmə məhdudiyyəti' });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json()).toMatchObject({
      bookingId: booking.id,
      fullName: who.fullName,
      extraTimePercent: 50,
      accommodationReason: 'Görmə məhdudiyyəti',
      status: 'active',
    });
    const audit = await auditEntries(t, 'booking.accommodation_granted', booking.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(admin.id);
    expect((await getBooking(t, who, booking.id)).extraTimePercent).toBe(50);
    const roster = (await get(`/api/admin/sittings/${sitting.id}/roster`, admin.cookie)).json<
      { bookingId: string; extraTimePercent: number }[]
    >();
    expect(roster.find((e) => e.bookingId === booking.id)?.extraTimePercent).toBe(50);

    t.clock.set(new Date(ms(sitting.bookingClosesAt) + MINUTE));
    await closeBooking(t, admin, sitting.id);
    // Still allowed after the papers are drawn, before the start.
    const changed = await put({ extraTimePercent: 25, reason: 'Yenidən baxıldı' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().extraTimePercent).toBe(25);

    atStart(t, sitting);
    const mine = await getBooking(t, who, booking.id);
    const started = await start(t, { ...who, booking: mine, attemptId: mine.attemptId! });
    expect(ms(started.deadline) - ms(started.startedAt)).toBe(75 * MINUTE);
    const late = await expectNothingWritten(t, [admin.cookie], () =>
      put({ extraTimePercent: 100, reason: 'Gec müraciət' }),
    );
    expectConflict(late, 'attempt.started');
  });
});

describe('exam day for administrators', () => {
  it('extends and annuls running attempts, audited, and the board counts every state', async () => {
    const { sitting, candidates } = await readySitting(t, admin, bank, { candidates: 4 });
    const [a, b, c, d] = candidates as [
      (typeof candidates)[0],
      (typeof candidates)[0],
      (typeof candidates)[0],
      (typeof candidates)[0],
    ];
    const board = async () => {
      const response = await get(`/api/admin/sittings/${sitting.id}/board`, admin.cookie);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{
        phase: string;
        questionCount: number;
        counts: Record<string, number>;
        candidates: {
          bookingId: string;
          attemptId: string | null;
          state: string;
          fullName: string;
          deadline: string | null;
        }[];
      }>();
    };
    const before = await board();
    expect(before.phase).toBe('scheduled');
    expect(before.questionCount).toBe(4);
    expect(before.counts).toEqual({ booked: 4, notStarted: 4, inProgress: 0, submitted: 0, annulled: 0 });
    expect(before.candidates.map((x) => x.fullName).sort()).toEqual(candidates.map((x) => x.fullName).sort());

    // Extending an attempt that has not started is refused.
    expectConflict(
      await post(`/api/admin/attempts/${a.attemptId}/extend`, admin.cookie, {
        minutes: 10,
        reason: 'Texniki nasazlıq',
      }),
      'attempt.not_in_progress',
    );

    atStart(t, sitting, 5 * MINUTE);
    const startedA = await start(t, a);
    await start(t, b);
    await start(t, c);
    const submitted = await submitRequest(t, b, b.attemptId);
    expect(submitted.statusCode, submitted.body).toBe(200);

    expectInvalid(
      await post(`/api/admin/attempts/${a.attemptId}/extend`, admin.cookie, { minutes: 0, reason: 'Texniki' }),
      'minutes',
    );
    expectInvalid(
      await post(`/api/admin/attempts/${a.attemptId}/extend`, admin.cookie, { minutes: 10, reason: '' }),
      'reason',
    );
    const extended = await post(`/api/admin/attempts/${a.attemptId}/extend`, admin.cookie, {
      minutes: 10,
      reason: 'Texniki nasazlıq',
    });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json()).toMatchObject({ attemptId: a.attemptId, state: 'in-progress', extraMinutes: 10 });
    expect(ms(extended.json().deadline)).toBe(ms(startedA.deadline) + 10 * MINUTE);
    const extendAudit = await auditEntries(t, 'attempt.extended', a.attemptId);
    expect(extendAudit).toHaveLength(1);
    expect(extendAudit[0]!.actorId).toBe(admin.id);
    // The candidate's own view follows the server's deadline.
    expect(ms((await getAttempt(t, a, a.attemptId)).deadline)).toBe(ms(startedA.deadline) + 10 * MINUTE);
    expectConflict(
      await post(`/api/admin/attempts/${b.attemptId}/extend`, admin.cookie, {
        minutes: 10,
        reason: 'Texniki nasazlıq',
      }),
      'attempt.not_in_progress',
    );

    expectInvalid(await post(`/api/admin/attempts/${c.attemptId}/annul`, admin.cookie, { reason: 'x' }), 'reason');
    const annulled = await post(`/api/admin/attempts/${c.attemptId}/annul`, admin.cookie, {
      reason: 'Telefondan istifadə',
    });
    expect(annulled.statusCode, annulled.body).toBe(200);
    expect(annulled.json()).toMatchObject({ attemptId: c.attemptId, state: 'annulled' });
    const annulAudit = await auditEntries(t, 'attempt.annulled', c.attemptId);
    expect(annulAudit).toHaveLength(1);
    expect(annulAudit[0]!.actorId).toBe(admin.id);
    expectConflict(
      await post(`/api/admin/attempts/${c.attemptId}/annul`, admin.cookie, { reason: 'Telefondan istifadə' }),
      'attempt.annulled',
    );
    expect(await auditEntries(t, 'attempt.annulled', c.attemptId)).toHaveLength(1);

    const during = await board();
    expect(during.phase).toBe('entry');
    expect(during.counts).toEqual({ booked: 4, notStarted: 1, inProgress: 1, submitted: 1, annulled: 1 });
    const state = (id: string) => during.candidates.find((x) => x.attemptId === id)?.state;
    expect([state(a.attemptId), state(b.attemptId), state(c.attemptId), state(d.attemptId)]).toEqual([
      'in-progress',
      'submitted',
      'annulled',
      'not-started',
    ]);
    expectNotFound(
      await post('/api/admin/attempts/00000000-0000-4000-8000-000000000000/annul', admin.cookie, {
        reason: 'Telefondan istifadə',
      }),
    );
  });
});

describe('administrator routes', () => {
  it('refuse applicants and examiners, and change nothing', async () => {
    const { sitting, candidates } = await readySitting(t, admin, bank, { candidates: 1 });
    const draft = await createSitting(t, admin, sittingBody(t, bank.blueprintId));
    const [who] = candidates;
    const examiner = await staffMember(t, 'examiner');
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/admin/sittings'],
      ['POST', '/api/admin/sittings', sittingBody(t, bank.blueprintId)],
      ['GET', `/api/admin/sittings/${sitting.id}`],
      ['POST', `/api/admin/sittings/${draft.id}/open-booking`, {}],
      ['POST', `/api/admin/sittings/${draft.id}/close-booking`, {}],
      ['GET', `/api/admin/sittings/${sitting.id}/roster`],
      ['GET', `/api/admin/sittings/${sitting.id}/board`],
      ['PUT', `/api/admin/bookings/${who!.booking.id}/accommodation`, { extraTimePercent: 50, reason: 'Özümə' }],
      ['POST', `/api/admin/attempts/${who!.attemptId}/extend`, { minutes: 30, reason: 'Özümə vaxt' }],
      ['POST', `/api/admin/attempts/${who!.attemptId}/annul`, { reason: 'Rəqibi çıxarmaq' }],
    ];
    for (const caller of [who!, examiner]) {
      await expectNothingWritten(t, [caller.cookie], async () => {
        for (const [method, url, payload] of routes) {
          const response = await request(t.app, {
            method: method as 'GET',
            url,
            cookie: caller.cookie,
            ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
          });
          expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(403);
          expect(response.json().error.code).toBe('FORBIDDEN');
        }
      });
      for (const [method, url] of routes) {
        const anonymous = await request(t.app, {
          method: method as 'GET',
          url,
          payload: method === 'GET' ? undefined : {},
        });
        expect(anonymous.statusCode, `${method} ${url}`).toBe(401);
      }
    }
  });
});
