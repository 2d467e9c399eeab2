import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bookings } from '../../db/schema/index';
import { postAs } from '../factories/calls';
import {
  applicant,
  applicants,
  book,
  bookableSitting,
  bookRequest,
  createSitting,
  getBooking,
  sittingBody,
  startRequest,
  type BookingView,
  type ExamBank,
  type Person,
  type SittingView,
} from '../factories/sittings';
import { request, type TestApp } from '../helpers/app';
import { examSuite } from '../helpers/exam-suite';
import { expectConflict, expectInvalid, expectNothingWritten, expectNotFound, MINUTE, ms } from '../helpers/exam';

let t: TestApp, admin: Person, bank: ExamBank;

examSuite((suite) => ({ t, admin, bank } = suite));

const cancel = (who: Person, id: string) => postAs(t, who, `/api/bookings/${id}/cancel`, {});
const ticket = (who: Person, id: string, query = '') =>
  request(t.app, { method: 'GET', url: `/api/bookings/${id}/ticket.pdf${query}`, cookie: who.cookie });
const adminSitting = async (id: string) =>
  (await request(t.app, { method: 'GET', url: `/api/admin/sittings/${id}`, cookie: admin.cookie })).json<SittingView>();

describe('seats', () => {
  it('gives 10 seats to exactly 10 of 50 applicants booking at once, never one seat twice', async () => {
    const sitting = await bookableSitting(t, admin, bank.blueprintId, {
      rooms: [
        { name: 'Zal A', capacity: 4 },
        { name: 'Zal B', capacity: 6 },
      ],
    });
    const people = await applicants(t, 50);
    const responses = await Promise.all(people.map((who) => bookRequest(t, who, sitting.id)));
    const won = responses.filter((r) => r.statusCode === 201).map((r) => r.json<BookingView>());
    const lost = responses.filter((r) => r.statusCode !== 201);
    expect(won).toHaveLength(10);
    expect(lost).toHaveLength(40);
    for (const response of lost) expectConflict(response, 'sitting.full');

    const seats = won.map((b) => `${b.room}#${b.seat}`);
    expect(new Set(seats).size).toBe(10);
    expect(won.filter((b) => b.room === 'Zal A')).toHaveLength(4);
    expect(won.filter((b) => b.room === 'Zal B')).toHaveLength(6);
    for (const b of won) {
      expect(b.seat).toBeGreaterThanOrEqual(1);
      expect(b.seat).toBeLessThanOrEqual(b.room === 'Zal A' ? 4 : 6);
    }
    expect(new Set(won.map((b) => b.candidateCode)).size).toBe(10);

    const rows = await t.database.db
      .select()
      .from(bookings)
      .where(and(eq(bookings.sittingId, sitting.id), eq(bookings.status, 'active')));
    expect(rows).toHaveLength(10);
    const after = await adminSitting(sitting.id);
    expect(after.booked).toBe(10);
    expect(after.rooms.map((r) => r.booked)).toEqual([4, 6]);
    const open = (await request(t.app, { method: 'GET', url: '/api/sittings/open', cookie: people[0]!.cookie })).json<
      { id: string; seatsLeft: number }[]
    >();
    expect(open.find((s) => s.id === sitting.id)?.seatsLeft ?? 0).toBe(0);
  });

  it('books one applicant once, however many requests arrive together', async () => {
    const sitting = await bookableSitting(t, admin, bank.blueprintId);
    const who = await applicant(t);
    const responses = await Promise.all(Array.from({ length: 6 }, () => bookRequest(t, who, sitting.id)));
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
    for (const response of responses.filter((r) => r.statusCode !== 201)) expectConflict(response, 'booking.exists');
    expectConflict(await bookRequest(t, who, sitting.id), 'booking.exists');

    const mine = (await request(t.app, { method: 'GET', url: '/api/bookings', cookie: who.cookie })).json<
      BookingView[]
    >();
    expect(mine.filter((b) => b.sittingId === sitting.id)).toHaveLength(1);
    expect((await adminSitting(sitting.id)).booked).toBe(1);
  });

  it('frees a cancelled seat before the deadline, and refuses cancelling after it', async () => {
    const sitting = await bookableSitting(t, admin, bank.blueprintId, { rooms: [{ name: 'Kiçik otaq', capacity: 1 }] });
    const [first, second] = await applicants(t, 2);
    const booking = await book(t, first!, sitting.id);
    expect(booking.canCancel).toBe(true);
    expectConflict(await bookRequest(t, second!, sitting.id), 'sitting.full');

    const cancelled = await cancel(first!, booking.id);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ id: booking.id, status: 'cancelled', canCancel: false, canStart: false });
    expectConflict(await cancel(first!, booking.id), 'booking.cancelled');

    const rebooked = await book(t, second!, sitting.id);
    expect(rebooked.seat).toBe(booking.seat);
    expect(rebooked.room).toBe(booking.room);
    expectConflict(await bookRequest(t, first!, sitting.id), 'sitting.full');

    t.clock.set(new Date(ms(sitting.bookingClosesAt) + MINUTE));
    const late = await expectNothingWritten(t, [second!.cookie], () => cancel(second!, rebooked.id));
    expectConflict(late, 'booking.deadline_passed');
    const still = await getBooking(t, second!, rebooked.id);
    expect(still.status).toBe('active');
    expect(still.canCancel).toBe(false);
    expectConflict(await bookRequest(t, await applicant(t), sitting.id), 'booking.closed');
  });

  it('does not book a sitting that is not open', async () => {
    const draft = await createSitting(t, admin, sittingBody(t, bank.blueprintId));
    const who = await applicant(t);
    const response = await expectNothingWritten(t, [who.cookie], () => bookRequest(t, who, draft.id));
    expect([404, 409], response.body).toContain(response.statusCode);
    if (response.statusCode === 409) expectConflict(response, 'booking.closed');
    expectNotFound(await bookRequest(t, who, '00000000-0000-4000-8000-000000000000'));
    expectInvalid(await bookRequest(t, who, 'not-a-uuid'), 'id');
  });
});

describe('an applicant’s bookings', () => {
  it('describes the booking, lists the applicant’s own newest first, and nobody else’s', async () => {
    const first = await bookableSitting(t, admin, bank.blueprintId, { arrivalMinutes: 45 });
    const second = await bookableSitting(t, admin, bank.blueprintId);
    const [who, other] = await applicants(t, 2);
    const older = await book(t, who!, first.id);
    t.clock.advance(MINUTE);
    const newer = await book(t, who!, second.id);
    await book(t, other!, first.id);

    expect(older).toMatchObject({
      status: 'active',
      sittingId: first.id,
      sittingCode: first.code,
      categoryCode: first.categoryCode,
      mode: 'centre',
      language: 'az',
      durationMinutes: 60,
      room: 'Otaq 1',
      extraTimePercent: 0,
      attemptId: null,
      attemptStatus: null,
      canCancel: true,
      canStart: false,
    });
    expect(older.candidateCode).toMatch(/\S/);
    expect(older.seat).toBeGreaterThanOrEqual(1);
    expect(ms(older.arrivalAt)).toBe(ms(first.startsAt) - 45 * MINUTE);
    expect(ms(older.startsAt)).toBe(ms(first.startsAt));
    expect(older.categoryName.az).toBeTruthy();

    const list = await request(t.app, { method: 'GET', url: '/api/bookings', cookie: who!.cookie });
    expect(list.statusCode).toBe(200);
    expect(list.json<BookingView[]>().map((b) => b.id)).toEqual([newer.id, older.id]);
    expect(await getBooking(t, who!, older.id)).toEqual(older);
  });

  it('hides one applicant’s booking from another: not seen, not cancelled, no ticket, no start', async () => {
    const sitting = await bookableSitting(t, admin, bank.blueprintId);
    const [owner, intruder] = await applicants(t, 2);
    const booking = await book(t, owner!, sitting.id);
    await expectNothingWritten(t, [intruder!.cookie], async () => {
      expectNotFound(
        await request(t.app, { method: 'GET', url: `/api/bookings/${booking.id}`, cookie: intruder!.cookie }),
      );
      expectNotFound(await cancel(intruder!, booking.id));
      expectNotFound(await ticket(intruder!, booking.id));
      expectNotFound(await startRequest(t, intruder!, booking.id));
    });
    const list = (await request(t.app, { method: 'GET', url: '/api/bookings', cookie: intruder!.cookie })).json<
      BookingView[]
    >();
    expect(list).toEqual([]);
    expect((await getBooking(t, owner!, booking.id)).status).toBe('active');
  });
});

describe('admission tickets', () => {
  it('gives the owner a PDF in each language, and the public check names the candidate without their ID', async () => {
    const sitting = await bookableSitting(t, admin, bank.blueprintId);
    const who = await applicant(t);
    const booking = await book(t, who, sitting.id);
    for (const query of ['', '?lang=az', '?lang=ru', '?lang=en']) {
      const response = await ticket(who, booking.id, query);
      expect(response.statusCode, `${query}: ${response.body.slice(0, 200)}`).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/pdf/);
      expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
    expectInvalid(await ticket(who, booking.id, '?lang=fr'), 'lang');
    expectNotFound(await ticket(who, '00000000-0000-4000-8000-000000000000'));

    const [row] = await t.database.db.select().from(bookings).where(eq(bookings.id, booking.id));
    const check = await request(t.app, { method: 'GET', url: `/api/tickets/${row!.ticketToken}` });
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json()).toMatchObject({
      valid: true,
      status: 'active',
      candidateCode: booking.candidateCode,
      fullName: who.fullName,
      sittingCode: sitting.code,
      room: booking.room,
      seat: booking.seat,
    });
    expect(check.body).not.toContain(who.nationalId!);
    expect(check.body).not.toContain(who.email);
    expectNotFound(await request(t.app, { method: 'GET', url: `/api/tickets/${'x'.repeat(32)}` }));

    expect((await cancel(who, booking.id)).statusCode).toBe(200);
    const after = await request(t.app, { method: 'GET', url: `/api/tickets/${row!.ticketToken}` });
    expect(after.json()).toMatchObject({ valid: false, status: 'cancelled' });
  });
});
