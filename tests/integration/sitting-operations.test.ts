import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bookings, logEntries, outboxMails, sittingChanges } from '../../db/schema/index';
import { postAs } from '../factories/calls';
import {
  applicant,
  applicants,
  book,
  bookableSitting,
  bookRequest,
  createSitting,
  getBooking,
  readySitting,
  sittingBody,
  start,
  submitRequest,
  type BookingView,
  type ExamBank,
  type Person,
  type SittingView,
} from '../factories/sittings';
import type { TestApp } from '../helpers/app';
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
import type { PublicationReadiness } from '../../server/modules/sittings/sittings.schemas';
import type { RosterEntry } from '../../server/modules/bookings/bookings.schemas';

/** Issue 15, points 2, 3 and 8: sittings that can be changed, accommodations honoured, a truthful panel. */
let t: TestApp, admin: Person, bank: ExamBank;
const { get, post, put } = examSuite((suite) => ({ t, admin, bank } = suite));

const NO_SUCH = '00000000-0000-4000-8000-000000000000';
const iso = (msValue: number) => new Date(msValue).toISOString();

/** A new timetable `hours` later than the factory's, with its booking deadline moved alike. */
function later(sitting: SittingView, hours: number, reason = 'Zal təmir olunur') {
  const shift = (value: string) => iso(ms(value) + hours * HOUR);
  return {
    startsAt: shift(sitting.startsAt),
    entryClosesAt: shift(sitting.entryClosesAt),
    endsAt: shift(sitting.endsAt),
    bookingClosesAt: shift(sitting.bookingClosesAt),
    reason,
  };
}

async function grant(bookingId: string, extraTimePercent: number, extra: Record<string, unknown> = {}) {
  return put(`/api/admin/bookings/${bookingId}/accommodation`, admin.cookie, {
    extraTimePercent,
    reason: 'Tibbi arayış',
    ...extra,
  });
}

/** The mails written to a candidate's address about sitting changes. */
const mailsTo = (who: Person) =>
  t.database.db
    .select()
    .from(outboxMails)
    .where(and(eq(outboxMails.toAddress, who.email), eq(outboxMails.template, 'sitting-changed')));

/** The transparency log's entries of one kind, parsed. */
const logged = async (kind: string) =>
  (await t.database.db.select().from(logEntries).where(eq(logEntries.kind, kind))).map(
    (e) => JSON.parse(Buffer.from(e.entry).toString('utf8')) as Record<string, unknown>,
  );

describe('accommodations: honoured or refused, never cut', () => {
  it('refuses extra time the shift cannot honour, beside the field, and records the other kinds', async () => {
    // The factory's shift leaves exactly the 60-minute test after entry closes.
    const sitting = await bookableSitting(t, admin, bank.blueprintId);
    const who = await applicant(t);
    const booking = await book(t, who, sitting.id);
    const cut = await expectNothingWritten(t, [admin.cookie], () => grant(booking.id, 25));
    expectConflict(cut, 'cuts_accommodation');
    expect(cut.json().error.fields[0].field).toBe('extraTimePercent');

    const granted = await grant(booking.id, 0, {
      accommodations: ['separate_room', 'reader', 'rest_breaks'],
      note: '2 × 10 dəqiqə fasilə',
    });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json<RosterEntry>()).toMatchObject({
      accommodations: ['separate_room', 'reader', 'rest_breaks'],
      accommodationNote: '2 × 10 dəqiqə fasilə',
    });
    const roster = (await get(`/api/admin/sittings/${sitting.id}/roster`, admin.cookie)).json<RosterEntry[]>();
    expect(roster.find((r) => r.bookingId === booking.id)?.accommodations).toEqual([
      'separate_room',
      'reader',
      'rest_breaks',
    ]);
    expect((await getBooking(t, who, booking.id)).accommodations).toEqual(['separate_room', 'reader', 'rest_breaks']);
    const [entry] = (await auditEntries(t, 'booking.accommodation_granted', booking.id)).slice(-1);
    expect(entry!.details).toMatchObject({ accommodations: ['separate_room', 'reader', 'rest_breaks'] });
  });

  it.each([
    ['an unknown kind', { accommodations: ['wheelchair'] }, 'accommodations/0'],
    ['the same kind twice', { accommodations: ['reader', 'reader'] }, 'accommodations'],
    ['a note too long', { note: 'x'.repeat(501) }, 'note'],
  ])('refuses %s, naming the field, and writes nothing', async (_name, extra, field) => {
    const sitting = await bookableSitting(t, admin, bank.blueprintId);
    const booking = await book(t, await applicant(t), sitting.id);
    const response = await expectNothingWritten(t, [admin.cookie], () => grant(booking.id, 0, extra));
    expect(response.statusCode, response.body).toBe(400);
    const fields = response.json<{ error: { fields: { field: string }[] } }>().error.fields.map((f) => f.field);
    expect(
      fields.some((f) => f.replace(/\./g, '/').startsWith(field.replace(/\./g, '/'))),
      response.body,
    ).toBe(true);
  });
});

describe('editing a draft', () => {
  it('changes everything, rooms included, audited; an opened sitting is no longer a draft', async () => {
    const draft = await createSitting(t, admin, sittingBody(t, bank.blueprintId));
    const body = sittingBody(t, bank.blueprintId, {
      code: `${draft.code}-B`,
      rooms: [
        { name: 'Zal C', capacity: 3 },
        { name: 'Zal D', capacity: 2 },
      ],
    });
    const response = await put(`/api/admin/sittings/${draft.id}`, admin.cookie, body);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<SittingView>()).toMatchObject({
      code: body.code,
      capacity: 5,
      rooms: [expect.objectContaining({ name: 'Zal C' }), expect.objectContaining({ name: 'Zal D' })],
    });
    expect(await auditEntries(t, 'sitting.updated', draft.id)).toHaveLength(1);

    const bad = await expectNothingWritten(t, [admin.cookie], () =>
      put(`/api/admin/sittings/${draft.id}`, admin.cookie, { ...body, endsAt: body.startsAt }),
    );
    expectInvalid(bad, 'endsAt');
    expectNotFound(await put(`/api/admin/sittings/${NO_SUCH}`, admin.cookie, body));

    await post(`/api/admin/sittings/${draft.id}/open-booking`, admin.cookie, {});
    expectConflict(
      await expectNothingWritten(t, [admin.cookie], () => put(`/api/admin/sittings/${draft.id}`, admin.cookie, body)),
      'sitting.not_draft',
    );
  });
});

describe('rescheduling', () => {
  it('moves the bookings with the sitting, tells each candidate why, and is audited and logged', async () => {
    const startsAt = t.clock.read().getTime() + 3 * HOUR;
    // Room for +50 % after entry closes, so an accommodation can bind the new shift.
    const sitting = await bookableSitting(t, admin, bank.blueprintId, {
      endsAt: iso(startsAt + 30 * MINUTE + 90 * MINUTE),
    });
    const [aysel, timur] = await applicants(t, 2);
    const ayselBooking = await book(t, aysel!, sitting.id);
    await book(t, timur!, sitting.id);
    expect((await grant(ayselBooking.id, 50)).statusCode).toBe(200);

    // A new shift that would cut Aysel's +50 % is refused beside the end.
    const tight = { ...later(sitting, 24), endsAt: iso(ms(later(sitting, 24).entryClosesAt) + 60 * MINUTE) };
    const cut = await expectNothingWritten(t, [admin.cookie], () =>
      post(`/api/admin/sittings/${sitting.id}/reschedule`, admin.cookie, tight),
    );
    expectInvalid(cut, 'endsAt', 'cuts_accommodation');
    const past = await expectNothingWritten(t, [admin.cookie], () =>
      post(`/api/admin/sittings/${sitting.id}/reschedule`, admin.cookie, later(sitting, -4)),
    );
    expectInvalid(past, 'startsAt', 'in_past');

    const next = later(sitting, 24);
    const response = await post(`/api/admin/sittings/${sitting.id}/reschedule`, admin.cookie, next);
    expect(response.statusCode, response.body).toBe(200);
    const moved = response.json<SittingView>();
    expect(moved).toMatchObject({ status: 'booking', booked: 2 });
    expect(ms(moved.startsAt)).toBe(ms(next.startsAt));
    expect(moved.changes).toEqual([expect.objectContaining({ kind: 'rescheduled', reason: next.reason, bookings: 2 })]);

    const seen = await getBooking(t, aysel!, ayselBooking.id);
    expect(seen.status).toBe('active');
    expect(ms(seen.startsAt)).toBe(ms(next.startsAt));
    expect(seen.sittingChange).toMatchObject({ kind: 'rescheduled', reason: next.reason });
    expect(ms(seen.sittingChange!.previous.startsAt)).toBe(ms(sitting.startsAt));
    expect(ms(seen.sittingChange!.next!.startsAt)).toBe(ms(next.startsAt));

    // Someone who books afterwards booked the new timetable: nothing changed for them.
    const late = await applicant(t);
    expect((await book(t, late, sitting.id)).sittingChange).toBeNull();

    // Each booked candidate is also sent an e-mail through the outbox, with the reason and a link to the booking.
    for (const who of [aysel!, timur!]) {
      const [mail, ...more] = await mailsTo(who);
      expect(more).toHaveLength(0);
      expect(mail!.body).toContain(next.reason);
      expect(mail!.body).toContain(sitting.code);
      expect(mail!.subject).toContain(sitting.code);
    }
    expect((await mailsTo(aysel!))[0]!.body).toContain(`/bookings/${ayselBooking.id}`);
    expect(await mailsTo(late)).toHaveLength(0);

    const [audit] = await auditEntries(t, 'sitting.rescheduled', sitting.id);
    expect(audit!.actorId).toBe(admin.id);
    expect(audit!.details).toMatchObject({ reason: next.reason, bookings: 2 });
    const entry = (await logged('sitting.rescheduled')).find((e) => e.sittingCode === sitting.code);
    expect(entry).toMatchObject({ reason: next.reason, bookings: 2, next: { startsAt: moved.startsAt } });
    // The public log names no candidate.
    expect(JSON.stringify(entry)).not.toContain(aysel!.fullName);
  });

  it.each([
    ['no reason', (s: SittingView) => ({ ...later(s, 1), reason: undefined }), 'reason'],
    ['a reason too short', (s: SittingView) => later(s, 1, 'x'), 'reason'],
    ['a start that is not a timestamp', (s: SittingView) => ({ ...later(s, 1), startsAt: 'sabah' }), 'startsAt'],
    ['an end before the start', (s: SittingView) => ({ ...later(s, 1), endsAt: later(s, 0).startsAt }), 'endsAt'],
    ['an unknown property', (s: SittingView) => ({ ...later(s, 1), rooms: [] }), 'rooms'],
  ])('refuses %s, naming the field, and writes nothing', async (_name, body, field) => {
    const sitting = await bookableSitting(t, admin, bank.blueprintId);
    const response = await expectNothingWritten(t, [admin.cookie], () =>
      post(`/api/admin/sittings/${sitting.id}/reschedule`, admin.cookie, body(sitting)),
    );
    expectInvalid(response, field);
  });

  it('refuses a draft (edit it instead) and a sitting under way', async () => {
    const draft = await createSitting(t, admin, sittingBody(t, bank.blueprintId));
    expectConflict(
      await post(`/api/admin/sittings/${draft.id}/reschedule`, admin.cookie, later(draft, 1)),
      'sitting.not_reschedulable',
    );
    const { sitting } = await readySitting(t, admin, bank);
    t.clock.set(new Date(ms(sitting.startsAt) + MINUTE));
    expectConflict(
      await expectNothingWritten(t, [admin.cookie], () =>
        post(`/api/admin/sittings/${sitting.id}/reschedule`, admin.cookie, later(sitting, 2)),
      ),
      'sitting.not_reschedulable',
    );
    expectNotFound(await post(`/api/admin/sittings/${NO_SUCH}/reschedule`, admin.cookie, later(sitting, 2)));
  });

  it('twice at once: both apply in turn, and the history chains without a lost step', async () => {
    const sitting = await bookableSitting(t, admin, bank.blueprintId);
    await book(t, await applicant(t), sitting.id);
    const [a, b] = await Promise.all([
      post(`/api/admin/sittings/${sitting.id}/reschedule`, admin.cookie, later(sitting, 24, 'Birinci səbəb')),
      post(`/api/admin/sittings/${sitting.id}/reschedule`, admin.cookie, later(sitting, 48, 'İkinci səbəb')),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const changes = await t.database.db.select().from(sittingChanges).where(eq(sittingChanges.sittingId, sitting.id));
    expect(changes.map((c) => c.position).sort()).toEqual([1, 2]);
    const first = changes.find((c) => c.position === 1)!;
    const second = changes.find((c) => c.position === 2)!;
    expect(ms(first.previous.startsAt)).toBe(ms(sitting.startsAt));
    expect(second.previous).toEqual(first.next);
    const now = (await get(`/api/admin/sittings/${sitting.id}`, admin.cookie)).json<SittingView>();
    expect(ms(now.startsAt)).toBe(ms(second.next!.startsAt));
  });
});

describe('cancelling', () => {
  it('releases every booking, tells each candidate why, is audited and logged, and takes no new booking', async () => {
    const sitting = await bookableSitting(t, admin, bank.blueprintId);
    const [aysel, timur] = await applicants(t, 2);
    const ayselBooking = await book(t, aysel!, sitting.id);
    await book(t, timur!, sitting.id);
    const reason = 'Binada elektrik yoxdur';

    expectInvalid(
      await expectNothingWritten(t, [admin.cookie], () =>
        post(`/api/admin/sittings/${sitting.id}/cancel`, admin.cookie, { reason: '' }),
      ),
      'reason',
    );
    const response = await post(`/api/admin/sittings/${sitting.id}/cancel`, admin.cookie, { reason });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<SittingView>()).toMatchObject({ status: 'cancelled', phase: 'cancelled', booked: 0 });

    const seen = await getBooking(t, aysel!, ayselBooking.id);
    expect(seen).toMatchObject({ status: 'cancelled', canCancel: false, canStart: false });
    const [mail] = await mailsTo(aysel!);
    expect(mail).toMatchObject({ locale: 'az', subject: expect.stringContaining('ləğv') });
    expect(mail!.body).toContain(reason);
    expect(seen.sittingChange).toMatchObject({ kind: 'cancelled', reason, next: null, bookings: 2 });
    const open = (await get('/api/sittings/open', aysel!.cookie)).json<{ id: string }[]>();
    expect(open.map((s) => s.id)).not.toContain(sitting.id);
    expectConflict(await bookRequest(t, await applicant(t), sitting.id), 'booking.closed');

    const [audit] = await auditEntries(t, 'sitting.cancelled', sitting.id);
    expect(audit!.details).toMatchObject({ reason, previousStatus: 'booking' });
    expect((await logged('sitting.cancelled')).map((e) => e.sittingCode)).toContain(sitting.code);

    expectConflict(
      await expectNothingWritten(t, [admin.cookie], () =>
        post(`/api/admin/sittings/${sitting.id}/cancel`, admin.cookie, { reason }),
      ),
      'sitting.cancelled',
    );
  });

  it('cancels a closed sitting before its start, so nobody can start it; not once it has begun', async () => {
    const { sitting, candidates } = await readySitting(t, admin, bank, { candidates: 1 });
    const response = await post(`/api/admin/sittings/${sitting.id}/cancel`, admin.cookie, {
      reason: 'Zal yararsızdır',
    });
    expect(response.statusCode, response.body).toBe(200);
    t.clock.set(new Date(ms(sitting.startsAt) + MINUTE));
    const refused = await postAs(t, candidates[0]!, `/api/bookings/${candidates[0]!.booking.id}/start`, {});
    expectConflict(refused, 'booking.cancelled');

    const running = await readySitting(t, admin, bank, { candidates: 1 });
    t.clock.set(new Date(ms(running.sitting.startsAt) + MINUTE));
    expectConflict(
      await expectNothingWritten(t, [admin.cookie], () =>
        post(`/api/admin/sittings/${running.sitting.id}/cancel`, admin.cookie, { reason: 'Gecdir' }),
      ),
      'sitting.not_cancellable',
    );
  });

  it('a draft nobody saw is cancelled without a public log entry', async () => {
    const draft = await createSitting(t, admin, sittingBody(t, bank.blueprintId));
    const before = (await logged('sitting.cancelled')).length;
    expect(
      (await post(`/api/admin/sittings/${draft.id}/cancel`, admin.cookie, { reason: 'Səhv yaradılıb' })).statusCode,
    ).toBe(200);
    expect((await logged('sitting.cancelled')).length).toBe(before);
  });

  it('while a candidate books at the same moment: the booking is refused, or made and released', async () => {
    for (let round = 0; round < 3; round++) {
      const sitting = await bookableSitting(t, admin, bank.blueprintId);
      const who = await applicant(t);
      const [cancelled, booked] = await Promise.all([
        post(`/api/admin/sittings/${sitting.id}/cancel`, admin.cookie, { reason: 'Təcili ləğv' }),
        bookRequest(t, who, sitting.id),
      ]);
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      const live = await t.database.db
        .select()
        .from(bookings)
        .where(and(eq(bookings.sittingId, sitting.id), eq(bookings.status, 'active')));
      expect(live).toHaveLength(0);
      if (booked.statusCode === 201) {
        const mine = await getBooking(t, who, booked.json<BookingView>().id);
        expect(mine).toMatchObject({ status: 'cancelled', sittingChange: { kind: 'cancelled' } });
      } else expectConflict(booked, 'booking.closed');
    }
  });
});

describe('moving a candidate', () => {
  it('to another room or seat of the sitting, audited; a taken or missing seat is refused', async () => {
    const sitting = await bookableSitting(t, admin, bank.blueprintId, {
      rooms: [
        { name: 'Zal 1', capacity: 2 },
        { name: 'Zal 2', capacity: 2 },
      ],
    });
    const [aysel, timur] = await applicants(t, 2);
    const a = await book(t, aysel!, sitting.id);
    const b = await book(t, timur!, sitting.id);
    const room2 = sitting.rooms[1]!.id;
    const move = (bookingId: string, body: unknown) =>
      post(`/api/admin/bookings/${bookingId}/move`, admin.cookie, body);

    const moved = await move(a.id, { roomId: room2, seat: 2 });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json<RosterEntry>()).toMatchObject({ room: 'Zal 2', roomId: room2, seat: 2 });
    expect(await getBooking(t, aysel!, a.id)).toMatchObject({ room: 'Zal 2', seat: 2 });
    const [audit] = await auditEntries(t, 'booking.moved', a.id);
    expect(audit!.details).toMatchObject({ from: { room: 'Zal 1', seat: 1 }, to: { room: 'Zal 2', seat: 2 } });

    expectConflict(
      await expectNothingWritten(t, [admin.cookie], () => move(b.id, { roomId: room2, seat: 2 })),
      'seat.taken',
    );
    expectConflict(
      await expectNothingWritten(t, [admin.cookie], () => move(b.id, { roomId: room2, seat: 3 })),
      'seat.beyond_capacity',
    );
    const other = await bookableSitting(t, admin, bank.blueprintId);
    expectConflict(
      await expectNothingWritten(t, [admin.cookie], () => move(b.id, { roomId: other.rooms[0]!.id })),
      'unknown',
    );
    // Without a seat: the first free one.
    expect((await move(b.id, { roomId: room2 })).json<RosterEntry>()).toMatchObject({ room: 'Zal 2', seat: 1 });
    expectNotFound(await move(NO_SUCH, { roomId: room2 }));
  });

  it.each([
    ['a room id that is not a uuid', { roomId: 'zal-2' }, 'roomId'],
    ['seat 0', { roomId: NO_SUCH, seat: 0 }, 'seat'],
    ['no room', { seat: 2 }, 'roomId'],
    ['an unknown property', { roomId: NO_SUCH, floor: 2 }, 'floor'],
  ])('refuses %s, naming the field, and writes nothing', async (_name, body, field) => {
    const sitting = await bookableSitting(t, admin, bank.blueprintId);
    const booking = await book(t, await applicant(t), sitting.id);
    const response = await expectNothingWritten(t, [admin.cookie], () =>
      post(`/api/admin/bookings/${booking.id}/move`, admin.cookie, body),
    );
    expectInvalid(response, field);
  });
});

describe('the publication panel', () => {
  it('lists who is still writing and until when, never counts them absent, and says when publication is possible', async () => {
    const { sitting, candidates } = await readySitting(t, admin, bank, { candidates: 3 });
    const [done, extended, absent] = candidates;
    t.clock.set(new Date(ms(sitting.startsAt) + MINUTE));
    await start(t, done!);
    await start(t, extended!);
    expect((await submitRequest(t, done!, done!.attemptId)).statusCode).toBe(200);
    const extension = await post(`/api/admin/attempts/${extended!.attemptId}/extend`, admin.cookie, {
      minutes: 60,
      reason: 'Elektrik kəsildi',
    });
    expect(extension.statusCode, extension.body).toBe(200);

    // Past the shift's end, the extended candidate writes on.
    t.clock.set(new Date(ms(sitting.endsAt) + 5 * MINUTE));
    const readiness = async () =>
      (await get(`/api/admin/sittings/${sitting.id}/publication-readiness`, admin.cookie)).json<PublicationReadiness>();
    const panel = await readiness();
    expect(panel.counts).toMatchObject({ booked: 3, writing: 1, submitted: 1, absent: 1 });
    expect(panel.writing.map((c) => c.candidateCode)).toEqual([extended!.booking.candidateCode]);
    expect(panel.absent.map((c) => c.candidateCode)).toEqual([absent!.booking.candidateCode]);
    const deadline = ms(panel.writing[0]!.deadline);
    expect(deadline).toBeGreaterThan(ms(sitting.endsAt));
    expect(ms(panel.publishableAt)).toBeGreaterThan(deadline);
    expect(panel.publishable).toBe(false);

    // The results' statistics agree: the one still writing is not absent.
    const results = (await get(`/api/admin/sittings/${sitting.id}/results`, admin.cookie)).json<{
      statistics: { absent: number; writing?: number };
    }>();
    expect(results.statistics.absent).toBe(1);
    expect(results.statistics.writing).toBe(1);
    expectConflict(
      await post(`/api/admin/sittings/${sitting.id}/publish-results`, admin.cookie, {}),
      'sitting.not_finished',
    );

    t.clock.set(new Date(ms(panel.publishableAt)));
    const after = await readiness();
    expect(after).toMatchObject({ publishable: true, writing: [] });
    expect(after.counts.timeUp).toBe(1);
  });

  it('404s an unknown sitting', async () => {
    expectNotFound(await get(`/api/admin/sittings/${NO_SUCH}/publication-readiness`, admin.cookie));
  });
});
