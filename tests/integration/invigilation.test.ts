import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/index';
import type { IncidentView, RoomView } from '../../server/modules/invigilation/invigilation.schemas';
import { okBody, postAs } from '../factories/calls';
import {
  atStart,
  readySitting,
  staffMember,
  start,
  type Candidate,
  type ExamBank,
  type Person,
  type SittingView,
} from '../factories/sittings';
import { request, type TestApp } from '../helpers/app';
import { examSuite } from '../helpers/exam-suite';
import { MINUTE } from '../helpers/exam';
import { readPdf } from '../helpers/pdf';

/**
 * Exam day in the rooms: an administrator assigns invigilators to rooms; an invigilator reaches only
 * those rooms, marks attendance at the door (corrections keep the history) and records incidents; an
 * administrator follows an incident up with an extension or an annulment; the room's documents print.
 */
let t: TestApp;
let admin: Person;
let bank: ExamBank;
let sitting: SittingView;
let candidates: Candidate[];
let invigilator: Person;
let examiner: Person;
/** The room the invigilator is assigned to, and one they are not. */
let mine: string;
let other: string;

const get = (who: Person, url: string) => request(t.app, { method: 'GET', url, cookie: who.cookie });
const room = async (who: Person, id: string) =>
  okBody<RoomView>(await get(who, `/api/invigilation/rooms/${id}`), 200, 'room');
const mark = (who: Person, roomId: string, body: Record<string, unknown>) =>
  postAs(t, who, `/api/invigilation/rooms/${roomId}/attendance`, body);
const report = (who: Person, roomId: string, body: Record<string, unknown>) =>
  postAs(t, who, `/api/invigilation/rooms/${roomId}/incidents`, body);
const auditOf = (action: string) =>
  t.database.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(auditLog.id);

examSuite((suite) => ({ t, admin, bank } = suite));
beforeAll(async () => {
  ({ sitting, candidates } = await readySitting(t, admin, bank, {
    candidates: 4,
    overrides: {
      rooms: [
        { name: 'Otaq A', capacity: 2 },
        { name: 'Otaq B', capacity: 2 },
      ],
    },
  }));
  mine = sitting.rooms[0]!.id;
  other = sitting.rooms[1]!.id;
  invigilator = await staffMember(t, 'invigilator');
  examiner = await staffMember(t, 'examiner');
});

/** The candidates seated in a room, by the room's own door list. */
async function seatedIn(roomId: string): Promise<Candidate[]> {
  const view = await room(admin, roomId);
  return view.candidates.map((c) => candidates.find((x) => x.booking.id === c.bookingId)!);
}

describe('assigning invigilators', () => {
  it('assigns an invigilator to one room, once, and refuses anyone who is not an invigilator', async () => {
    const url = `/api/admin/rooms/${mine}/invigilators`;
    const [first, second] = await Promise.all([
      postAs(t, admin, url, { userId: invigilator.id }),
      postAs(t, admin, url, { userId: invigilator.id }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    const refused = await postAs(t, admin, url, { userId: examiner.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0]).toMatchObject({ field: 'userId', code: 'not_invigilator' });
    const bad = await postAs(t, admin, url, { userId: 'nobody' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('userId');

    const view = okBody<{ rooms: { id: string; invigilators: { id: string }[] }[] }>(
      await get(admin, `/api/admin/sittings/${sitting.id}/invigilators`),
      200,
      'invigilators',
    );
    expect(view.rooms.map((r) => r.invigilators.map((p) => p.id))).toEqual([[invigilator.id], []]);
    expect(await auditOf('invigilator.assigned')).toHaveLength(1);
  });

  it("lists only the invigilator's own rooms", async () => {
    const list = okBody<{ items: { id: string }[]; total: number }>(
      await get(invigilator, '/api/invigilation/rooms'),
      200,
      'my rooms',
    );
    expect(list.items.map((r) => r.id)).toEqual([mine]);
    expect(list.total).toBe(1);
  });

  it('keeps an invigilator out of every room that is not theirs: not found, nothing written', async () => {
    const [someone] = await seatedIn(other);
    expect((await get(invigilator, `/api/invigilation/rooms/${other}`)).statusCode).toBe(404);
    expect((await mark(invigilator, other, { bookingId: someone!.booking.id, mark: 'present' })).statusCode).toBe(404);
    expect((await report(invigilator, other, { kind: 'other', note: 'not my room' })).statusCode).toBe(404);
    for (const document of ['roster.pdf', 'attendance.pdf', 'seat-plan.pdf'])
      expect((await get(invigilator, `/api/invigilation/rooms/${other}/${document}`)).statusCode).toBe(404);
    // The admin pages stay closed to an invigilator.
    expect((await get(invigilator, `/api/admin/sittings/${sitting.id}/incidents`)).statusCode).toBe(403);
    expect((await room(admin, other)).candidates.every((c) => c.attendance === null)).toBe(true);
  });
});

describe('attendance at the door', () => {
  it('marks present, absent, and turned away with a reason; a candidate of another room is refused', async () => {
    const [a, b] = await seatedIn(mine);
    const [elsewhere] = await seatedIn(other);
    expect((await mark(invigilator, mine, { bookingId: a!.booking.id, mark: 'present' })).statusCode).toBe(200);
    const noReason = await mark(invigilator, mine, { bookingId: b!.booking.id, mark: 'turned-away' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0]).toMatchObject({ field: 'reason', code: 'required' });
    const blank = await mark(invigilator, mine, { bookingId: b!.booking.id, mark: 'turned-away', reason: '   ' });
    expect(blank.statusCode).toBe(400);
    const foreign = await mark(invigilator, mine, { bookingId: elsewhere!.booking.id, mark: 'present' });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields[0]).toMatchObject({ field: 'bookingId', code: 'not_in_room' });
    for (const body of [{}, { bookingId: b!.booking.id, mark: 'late' }, { bookingId: 'x', mark: 'present' }]) {
      const response = await mark(invigilator, mine, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
    const turned = await mark(invigilator, mine, {
      bookingId: b!.booking.id,
      mark: 'turned-away',
      reason: 'No identity document',
    });
    const view = okBody<RoomView>(turned, 200, 'turned away');
    const row = view.candidates.find((c) => c.bookingId === b!.booking.id)!;
    expect(row.attendance).toMatchObject({ mark: 'turned-away', reason: 'No identity document' });
    expect(view.counts).toMatchObject({ booked: 2, present: 1, turnedAway: 1, unmarked: 0 });
  });

  it('corrects a mistake: the last mark wins, the earlier ones stay as history, each audited', async () => {
    const [, b] = await seatedIn(mine);
    const view = okBody<RoomView>(
      await mark(invigilator, mine, { bookingId: b!.booking.id, mark: 'present', reason: 'ID brought late' }),
      200,
      'correct',
    );
    const row = view.candidates.find((c) => c.bookingId === b!.booking.id)!;
    expect(row.attendance?.mark).toBe('present');
    expect(row.history.map((h) => h.mark)).toEqual(['turned-away']);
    const corrected = await auditOf('attendance.corrected');
    expect(corrected.at(-1)!.details).toMatchObject({ previous: 'turned-away', mark: 'present' });
    expect(corrected.at(-1)!.actorId).toBe(invigilator.id);
  });

  it('keeps both of two marks made at once, and one of them is current', async () => {
    const [a] = await seatedIn(mine);
    const before = (await room(admin, mine)).candidates.find((c) => c.bookingId === a!.booking.id)!;
    const responses = await Promise.all([
      mark(invigilator, mine, { bookingId: a!.booking.id, mark: 'absent' }),
      mark(admin, mine, { bookingId: a!.booking.id, mark: 'present' }),
    ]);
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200]);
    const after = (await room(admin, mine)).candidates.find((c) => c.bookingId === a!.booking.id)!;
    expect(after.history).toHaveLength(before.history.length + 2);
    expect(['absent', 'present']).toContain(after.attendance?.mark);
  });

  it('never rewrites a mark: the database refuses an update', async () => {
    await expect(t.database.db.execute(sql`update attendance_marks set mark = 'absent'`)).rejects.toThrow();
  });
});

describe('incidents', () => {
  let incident: IncidentView;

  it('records an incident about a candidate, refusing one ahead of time or about another room', async () => {
    const [a] = await seatedIn(mine);
    const [elsewhere] = await seatedIn(other);
    atStart(t, sitting, 5 * MINUTE);
    // The two marks made at once above may have left "absent" current, which would refuse the start.
    expect((await mark(invigilator, mine, { bookingId: a!.booking.id, mark: 'present' })).statusCode).toBe(200);
    await start(t, a!);
    const future = await report(invigilator, mine, {
      kind: 'illness',
      note: 'Felt unwell',
      occurredAt: new Date(t.clock.read().getTime() + 10 * MINUTE).toISOString(),
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields[0].field).toBe('occurredAt');
    const foreign = await report(invigilator, mine, {
      kind: 'illness',
      note: 'Felt unwell',
      bookingId: elsewhere!.booking.id,
    });
    expect(foreign.statusCode).toBe(400);
    expect((await report(invigilator, mine, { kind: 'flood', note: 'water' })).statusCode).toBe(400);
    expect((await report(invigilator, mine, { kind: 'other', note: '' })).statusCode).toBe(400);

    const response = await report(invigilator, mine, {
      kind: 'illness',
      note: 'Felt unwell and left the room for 10 minutes',
      bookingId: a!.booking.id,
      occurredAt: new Date(t.clock.read().getTime() - 2 * MINUTE).toISOString(),
    });
    incident = okBody<IncidentView>(response, 201, 'incident');
    expect(incident).toMatchObject({
      kind: 'illness',
      candidateCode: a!.booking.candidateCode,
      attemptState: 'in-progress',
    });
    expect(await auditOf('incident.reported')).toHaveLength(1);
    expect((await room(invigilator, mine)).incidents.map((i) => i.id)).toEqual([incident.id]);
  });

  it("lists the sitting's incidents for administrators, a page at a time", async () => {
    const page = okBody<{ items: IncidentView[]; total: number }>(
      await get(admin, `/api/admin/sittings/${sitting.id}/incidents?page=1`),
      200,
      'incidents',
    );
    expect(page.items.map((i) => i.id)).toEqual([incident.id]);
    expect(page.total).toBe(1);
    expect((await get(admin, `/api/admin/sittings/${sitting.id}/incidents?page=0`)).statusCode).toBe(400);
  });

  it("leads to an extension of the candidate's attempt, audited with the incident", async () => {
    const [a] = await seatedIn(mine);
    const url = `/api/admin/incidents/${incident.id}/extend`;
    expect((await postAs(t, admin, url, { minutes: 0, reason: 'x' })).statusCode).toBe(400);
    expect((await postAs(t, invigilator, url, { minutes: 10, reason: 'Illness' })).statusCode).toBe(403);
    const result = okBody<{ attempts: number }>(
      await postAs(t, admin, url, { minutes: 10, reason: 'Time lost to illness' }),
      200,
      'extend',
    );
    expect(result.attempts).toBe(1);
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'attempt.extended'), eq(auditLog.targetId, a!.attemptId)));
    expect(entry!.details).toMatchObject({ minutes: 10, incidentId: incident.id });
    const listed = okBody<{ items: IncidentView[] }>(
      await get(admin, `/api/admin/sittings/${sitting.id}/incidents`),
      200,
      'incidents',
    );
    expect(listed.items[0]!.followUps.map((f) => f.action)).toEqual(['attempt.extended']);
  });

  it('extends every running attempt of the room after a room-wide incident, and refuses annulling without a candidate', async () => {
    const [, b] = await seatedIn(mine);
    await start(t, b!);
    const powerCut = okBody<IncidentView>(
      await report(admin, mine, { kind: 'power-cut', note: 'Lights out for five minutes' }),
      201,
      'power cut',
    );
    const result = okBody<{ attempts: number }>(
      await postAs(t, admin, `/api/admin/incidents/${powerCut.id}/extend`, { minutes: 5, reason: 'Power cut' }),
      200,
      'room extend',
    );
    expect(result.attempts).toBe(2);
    const annul = await postAs(t, admin, `/api/admin/incidents/${powerCut.id}/annul`, { reason: 'no one to annul' });
    expect(annul.statusCode).toBe(409);
    expect(annul.json().error.fields[0].code).toBe('incident.no_candidate');
  });

  it('leads to an annulment of the candidate it names', async () => {
    const [, b] = await seatedIn(mine);
    for (const body of [{}, { reason: '' }, { reason: 'ok', extra: 1 }]) {
      const refused = await postAs(t, admin, `/api/admin/incidents/${incident.id}/annul`, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(refused.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect(
      (await postAs(t, admin, `/api/admin/incidents/not-an-id/annul`, { reason: 'Used a phone' })).statusCode,
    ).toBe(400);
    const cheating = okBody<IncidentView>(
      await report(invigilator, mine, { kind: 'suspected-cheating', note: 'Phone in hand', bookingId: b!.booking.id }),
      201,
      'cheating',
    );
    okBody(
      await postAs(t, admin, `/api/admin/incidents/${cheating.id}/annul`, { reason: 'Used a phone' }),
      200,
      'annul',
    );
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'attempt.annulled'), eq(auditLog.targetId, b!.attemptId)));
    expect(entry!.details).toMatchObject({ incidentId: cheating.id });
    const row = (await room(invigilator, mine)).candidates.find((c) => c.bookingId === b!.booking.id)!;
    expect(row.state).toBe('annulled');
    // Marking someone who has started as absent is refused: they are in the room.
    const [a] = await seatedIn(mine);
    const absent = await mark(invigilator, mine, { bookingId: a!.booking.id, mark: 'absent' });
    expect(absent.statusCode).toBe(409);
  });
});

describe("the room's documents", () => {
  it('prints the roster with codes, names, national IDs and seats, the attendance sheet and the seat plan', async () => {
    const seated = await seatedIn(mine);
    const roster = await get(invigilator, `/api/invigilation/rooms/${mine}/roster.pdf?lang=en`);
    expect(roster.statusCode).toBe(200);
    expect(roster.headers['content-type']).toBe('application/pdf');
    const rosterText = readPdf(roster.rawPayload).text;
    expect(rosterText).toContain('Room roster');
    for (const c of seated) {
      expect(rosterText).toContain(c.booking.candidateCode);
      expect(rosterText).toContain(c.fullName);
      expect(rosterText).toContain(c.nationalId!);
    }
    // Another room's candidates are not on this room's roster.
    for (const c of await seatedIn(other)) expect(rosterText).not.toContain(c.booking.candidateCode);

    const sheet = readPdf(
      (await get(invigilator, `/api/invigilation/rooms/${mine}/attendance.pdf?lang=az`)).rawPayload,
    );
    expect(sheet.text).toContain('Davamiyyət vərəqəsi');
    expect(sheet.text).toContain('İmza');
    expect(sheet.text).toContain(seated[0]!.fullName);

    const plan = readPdf((await get(admin, `/api/invigilation/rooms/${mine}/seat-plan.pdf?lang=ru`)).rawPayload);
    expect(plan.text).toContain('План рассадки');
    expect(plan.text).toContain('Место 1');
    expect(plan.text).toContain('Место 2');

    expect((await get(invigilator, `/api/invigilation/rooms/${mine}/roster.pdf?lang=de`)).statusCode).toBe(400);
    expect((await get(examiner, `/api/invigilation/rooms/${mine}/roster.pdf`)).statusCode).toBe(403);
    const printed = await auditOf('room.document_printed');
    expect(printed.map((p) => (p.details as { document: string }).document)).toEqual([
      'roster',
      'attendance',
      'seat-plan',
    ]);
  });
});

describe('taking an invigilator off a room', () => {
  it('closes the room to them at once, audited; twice is not found', async () => {
    const url = `/api/admin/rooms/${mine}/invigilators/${invigilator.id}`;
    expect((await request(t.app, { method: 'DELETE', url, cookie: admin.cookie })).statusCode).toBe(200);
    expect((await request(t.app, { method: 'DELETE', url, cookie: admin.cookie })).statusCode).toBe(404);
    expect((await get(invigilator, `/api/invigilation/rooms/${mine}`)).statusCode).toBe(404);
    expect(await auditOf('invigilator.unassigned')).toHaveLength(1);
  });
});
