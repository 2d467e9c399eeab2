import type { Static } from '@sinclair/typebox';
import { eq } from 'drizzle-orm';
import { attemptAnswers, questionVersions, type User } from '../../db/schema/index';
import type { Blueprint } from '../../server/core/blueprint';
import { optionLabels } from '../../server/core/paper/index';
import { blueprint, section } from '../../server/core/paper/test-support';
import type { Language, QuestionDraft, QuestionKey } from '../../server/core/question';
import type { Answer } from '../../server/core/scoring/index';
import type { AttemptView, ResultView, StartResponse } from '../../server/modules/attempts/attempts.schemas';
import type { BookingView } from '../../server/modules/bookings/bookings.schemas';
import type { SittingBody, SittingView } from '../../server/modules/sittings/sittings.schemas';
import { createTestApp, request, type TestApp } from '../helpers/app';
import { HOUR, MINUTE } from '../helpers/exam';
import { okBody, postAs } from './calls';
import { approvedQuestion } from './questions';
import { openSession } from './sessions';
import { insertUser, uniqueFin } from './users';
import { startsEachFile } from './per-file';

/**
 * Exam delivery factories: a small bank and blueprint (4 items in 2 sections, so drawing is fast and
 * every paper leaves bank questions unused), sittings with rooms, and booked applicants.
 */

export type Start = Static<typeof StartResponse>;
export type { AttemptView, BookingView, ResultView, SittingView };

/**
 * Configuration for exam-delivery test apps: sessions that outlive the clock jumps between booking and
 * the exam, and no background sweeper, so a test decides when `services.attempts.sweep()` runs.
 */
export const EXAM_ENV: Record<string, string> = {
  SESSION_IDLE_MINUTES: '1440',
  SESSION_ABSOLUTE_HOURS: '720',
  ATTEMPT_SWEEP_SECONDS: '0',
};

export interface Person {
  id: string;
  fullName: string;
  nationalId: string | null;
  email: string;
  cookie: string;
}

const STAFF_TOTP = { totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' };

async function person(t: TestApp, user: User): Promise<Person> {
  return {
    id: user.id,
    fullName: user.fullName,
    nationalId: user.nationalId,
    email: user.email,
    cookie: await openSession(t, user.id, { twoFactorVerified: true }),
  };
}

let sequence = 0;
startsEachFile(() => (sequence = 0));

/** A fully signed-in staff account (two-factor enrolled and passed), made straight in the database. */
export async function staffMember(t: TestApp, role: 'examiner' | 'administrator' | 'invigilator'): Promise<Person> {
  const user = await insertUser(t, { role, ...STAFF_TOTP, totpEnabledAt: t.clock.read() });
  return person(t, user);
}

/** An applicant with a national ID and a session; the name is unique so leaks of it can be searched for. */
export async function applicant(t: TestApp, overrides: { fullName?: string; nationalId?: string } = {}) {
  sequence += 1;
  const user = await insertUser(t, {
    role: 'applicant',
    nationalIdScheme: 'AZ_FIN',
    nationalId: overrides.nationalId ?? uniqueFin(),
    fullName: overrides.fullName ?? `Namizəd Test${sequence}ov`,
  });
  return person(t, user);
}

/** Many applicants at once; sessions are cheap and users share one password hash. */
export async function applicants(t: TestApp, n: number): Promise<Person[]> {
  const people: Person[] = [];
  for (let i = 0; i < n; i++) people.push(await applicant(t));
  return people;
}

/** One question of the bank, with what the factory knows about it: its key and answers right and wrong. */
export interface BankQuestion {
  questionId: string;
  versionId: string;
  subject: string;
  draft: QuestionDraft;
  key: QuestionKey;
  correct: Answer;
  wrong: Answer;
  /** Every text of the version in every language: stem, options, explanation. */
  texts: string[];
  /** Texts that are secret from the candidate even on their own paper: explanation and accepted answers. */
  secretTexts: string[];
}

export interface ExamBank {
  tag: string;
  blueprintId: string;
  blueprint: Blueprint;
  questions: BankQuestion[];
  byVersion: Map<string, BankQuestion>;
  examiner: Person;
  reviewer: Person;
}

const LANGS: Language[] = ['az', 'ru', 'en'];
const each = (make: (lang: Language) => string) =>
  Object.fromEntries(LANGS.map((l) => [l, make(l)])) as Record<Language, string>;

function draftsFor(tag: string): QuestionDraft[] {
  const choice = (
    n: number,
    subject: string,
    type: 'single' | 'multiple',
    key: QuestionKey,
    topic?: string,
  ): QuestionDraft => ({
    subject,
    ...(topic ? { topic } : {}),
    difficulty: 'easy',
    content: {
      type,
      text: each((l) => `Sual ${tag}-${n} (${l}): hansı variant doğrudur?`),
      options: ['a', 'b', 'c', 'd'].map((id) => ({ id, text: each((l) => `Variant ${tag}-${n}${id} ${l}`) })),
    },
    key,
    explanation: each((l) => `İzah ${tag}-${n} ${l}`),
    tags: ['delivery'],
  });
  return [
    choice(1, 'logic', 'single', { type: 'single', correct: ['a'] }),
    choice(2, 'logic', 'single', { type: 'single', correct: ['c'] }),
    choice(3, 'logic', 'single', { type: 'single', correct: ['d'] }),
    choice(4, 'legislation', 'single', { type: 'single', correct: ['b'] }, 'constitution'),
    choice(
      5,
      'legislation',
      'multiple',
      { type: 'multiple', correct: ['a', 'c'], scoring: 'all-or-nothing' },
      'constitution',
    ),
    {
      subject: 'legislation',
      topic: 'constitution',
      difficulty: 'easy',
      content: { type: 'short', text: each((l) => `Sual ${tag}-6 (${l}): paytaxt hansı şəhərdir?`), options: [] },
      key: { type: 'short', accepted: [each((l) => `Cavab${tag}${l}`)], match: 'normalised' },
      explanation: each((l) => `İzah ${tag}-6 ${l}`),
      tags: ['delivery'],
    },
  ];
}

function answersFor(key: QuestionKey): { correct: Answer; wrong: Answer } {
  switch (key.type) {
    case 'single':
      return {
        correct: { kind: 'choice', optionIds: [...key.correct] },
        wrong: { kind: 'choice', optionIds: [['a', 'b', 'c', 'd'].find((o) => o !== key.correct[0])!] },
      };
    case 'multiple':
      return {
        correct: { kind: 'choice', optionIds: [...key.correct] },
        wrong: { kind: 'choice', optionIds: [key.correct[0]!] },
      };
    case 'short':
      return { correct: { kind: 'text', text: key.accepted[0]!.az! }, wrong: { kind: 'text', text: 'bilmirəm' } };
    case 'essay':
      return { correct: { kind: 'text', text: 'Esse mətni.' }, wrong: { kind: 'text', text: '' } };
  }
}

function textsOf(draft: QuestionDraft): { texts: string[]; secretTexts: string[] } {
  const values = (localised: Partial<Record<Language, string>>) => Object.values(localised).filter(Boolean);
  const secretTexts = [
    ...values(draft.explanation),
    ...(draft.key.type === 'short' ? draft.key.accepted.flatMap(values) : []),
  ];
  return {
    texts: [...values(draft.content.text), ...draft.content.options.flatMap((o) => values(o.text)), ...secretTexts],
    secretTexts,
  };
}

/** The blueprint papers are drawn from: 2 logic items of 3, 2 legislation items of 3; 60 minutes; pass at 3 of 4. */
export function examBlueprint(overrides: Partial<Blueprint> = {}): Blueprint {
  return blueprint(
    [
      section({ title: { az: 'Məntiq', ru: 'Логика', en: 'Logic' }, count: 2, minCorrect: 1 }),
      section({
        title: { az: 'Qanunvericilik', ru: 'Законодательство', en: 'Legislation' },
        subject: 'legislation',
        count: 2,
        minCorrect: 1,
      }),
    ],
    { name: 'Delivery test', passMark: 3, ...overrides },
  );
}

/**
 * The exam blueprint with every section's minimum at 0 and a pass at 1 of 4, so that every candidate who gets one
 * item right holds a certificate: the start of a competition's test stage, which ranks them by score.
 */
export function lenientBlueprint(name: string): Blueprint {
  const strict = examBlueprint({ name, passMark: 1 });
  return { ...strict, sections: strict.sections.map((s) => ({ ...s, minCorrect: 0 })) };
}

/** Creates a blueprint through the API as an examiner and returns its id. */
export async function createBlueprint(t: TestApp, cookie: string, blueprint: Blueprint): Promise<string> {
  const response = await request(t.app, { method: 'POST', url: '/api/blueprints', cookie, payload: blueprint });
  if (response.statusCode !== 201) throw new Error(`create blueprint failed: ${response.body}`);
  return response.json<{ id: string }>().id;
}

/**
 * Six approved questions (3 logic, 3 legislation: single, multiple and short answer) written and
 * approved through the API, and the blueprint that draws 4 of them.
 */
export async function examBank(t: TestApp, blueprint: Blueprint = examBlueprint()): Promise<ExamBank> {
  sequence += 1;
  const tag = `B${sequence}x${Date.now().toString(36)}`;
  const examiner = await staffMember(t, 'examiner');
  const reviewer = await staffMember(t, 'examiner');
  const drafts = draftsFor(tag);
  const ids: string[] = [];
  for (const draft of drafts) ids.push(await approvedQuestion(t, examiner.cookie, reviewer.cookie, draft));
  const pool = await t.services.questions.pool();
  const questions = drafts.map((draft, i): BankQuestion => {
    const item = pool.find((p) => p.questionId === ids[i]);
    if (!item) throw new Error(`question ${ids[i]} is not in the approved pool`);
    return {
      questionId: item.questionId,
      versionId: item.versionId,
      subject: draft.subject,
      draft,
      key: draft.key,
      ...answersFor(draft.key),
      ...textsOf(draft),
    };
  });
  const blueprintId = await createBlueprint(t, examiner.cookie, blueprint);
  return {
    tag,
    blueprintId,
    blueprint,
    questions,
    byVersion: new Map(questions.map((q) => [q.versionId, q])),
    examiner,
    reviewer,
  };
}

/**
 * The usual start of an exam-delivery test file: an app configured with EXAM_ENV, a signed-in
 * administrator, and the small bank with its blueprint. The caller closes `t` after its tests.
 */
export async function examApp(): Promise<{ t: TestApp; admin: Person; bank: ExamBank }> {
  const t = await createTestApp(EXAM_ENV);
  const admin = await staffMember(t, 'administrator');
  return { t, admin, bank: await examBank(t) };
}

let codes = 0;
startsEachFile(() => (codes = 0));

/**
 * A valid sitting body relative to the test clock: booking closes in 2 hours, the start is in 3,
 * entry closes 30 minutes after the start, and the sitting ends 90 minutes after it (the blueprint
 * takes 60), so a plain attempt is never capped and a 50% accommodation is.
 */
export function sittingBody(t: TestApp, blueprintId: string, overrides: Partial<SittingBody> = {}): SittingBody {
  codes += 1;
  const now = t.clock.read().getTime();
  const startsAt = now + 3 * HOUR;
  return {
    code: `T-${codes}-${Date.now().toString(36)}`,
    categoryCode: 'AB',
    blueprintId,
    mode: 'centre',
    bookingClosesAt: new Date(now + 2 * HOUR).toISOString(),
    startsAt: new Date(startsAt).toISOString(),
    entryClosesAt: new Date(startsAt + 30 * MINUTE).toISOString(),
    endsAt: new Date(startsAt + 90 * MINUTE).toISOString(),
    arrivalMinutes: 30,
    rooms: [{ name: 'Otaq 1', capacity: 10 }],
    ...overrides,
  };
}

export async function createSitting(t: TestApp, admin: Person, body: SittingBody): Promise<SittingView> {
  return okBody<SittingView>(await postAs(t, admin, '/api/admin/sittings', body), 201, 'create sitting');
}

export async function openBooking(t: TestApp, admin: Person, sittingId: string): Promise<SittingView> {
  const response = await postAs(t, admin, `/api/admin/sittings/${sittingId}/open-booking`, {});
  return okBody<SittingView>(response, 200, 'open booking');
}

export async function closeBooking(t: TestApp, admin: Person, sittingId: string): Promise<SittingView> {
  const response = await postAs(t, admin, `/api/admin/sittings/${sittingId}/close-booking`, {});
  return okBody<SittingView>(response, 200, 'close booking');
}

export function bookRequest(t: TestApp, who: Person, sittingId: string) {
  return postAs(t, who, `/api/sittings/${sittingId}/bookings`, {});
}

export async function book(t: TestApp, who: Person, sittingId: string): Promise<BookingView> {
  return okBody<BookingView>(await bookRequest(t, who, sittingId), 201, 'book');
}

export async function getBooking(t: TestApp, who: Person, bookingId: string): Promise<BookingView> {
  const response = await request(t.app, { method: 'GET', url: `/api/bookings/${bookingId}`, cookie: who.cookie });
  return okBody<BookingView>(response, 200, 'get booking');
}

/** A sitting open for booking. */
export async function bookableSitting(
  t: TestApp,
  admin: Person,
  blueprintId: string,
  overrides: Partial<SittingBody> = {},
): Promise<SittingView> {
  const sitting = await createSitting(t, admin, sittingBody(t, blueprintId, overrides));
  return openBooking(t, admin, sitting.id);
}

export interface Candidate extends Person {
  booking: BookingView;
  attemptId: string;
}

export interface ReadySitting {
  sitting: SittingView;
  candidates: Candidate[];
}

/**
 * A sitting whose papers are drawn: created, opened, booked by `n` new applicants (or the ones given),
 * the clock moved just past the booking deadline, and booking closed. The clock is left there, an hour
 * before the start.
 */
export async function readySitting(
  t: TestApp,
  admin: Person,
  bank: ExamBank,
  options: { candidates?: number; people?: Person[]; overrides?: Partial<SittingBody> } = {},
): Promise<ReadySitting> {
  const sitting = await bookableSitting(t, admin, bank.blueprintId, options.overrides);
  const people = options.people ?? (await applicants(t, options.candidates ?? 1));
  const bookings: BookingView[] = [];
  for (const who of people) bookings.push(await book(t, who, sitting.id));
  t.clock.set(new Date(new Date(sitting.bookingClosesAt).getTime() + MINUTE));
  const closed = await closeBooking(t, admin, sitting.id);
  const candidates: Candidate[] = [];
  for (const [i, who] of people.entries()) {
    const booking = await getBooking(t, who, bookings[i]!.id);
    if (!booking.attemptId) throw new Error(`booking ${booking.id} has no attempt after booking closed`);
    candidates.push({ ...who, booking, attemptId: booking.attemptId });
  }
  return { sitting: closed, candidates };
}

/** Moves the test clock to the sitting's start plus `offsetMs`. */
export function atStart(t: TestApp, sitting: Pick<SittingView, 'startsAt'>, offsetMs = 0): Date {
  const at = new Date(new Date(sitting.startsAt).getTime() + offsetMs);
  t.clock.set(at);
  return at;
}

/** A ready sitting of `n` candidates, the clock `offsetMs` after its start, and every candidate's attempt started. */
export async function startedSitting(t: TestApp, admin: Person, bank: ExamBank, n: number, offsetMs = MINUTE) {
  const { sitting, candidates } = await readySitting(t, admin, bank, { candidates: n });
  atStart(t, sitting, offsetMs);
  const starts: Start[] = [];
  for (const candidate of candidates) starts.push(await start(t, candidate));
  return { sitting, candidates, starts };
}

export function startRequest(t: TestApp, who: Person, bookingId: string) {
  return postAs(t, who, `/api/bookings/${bookingId}/start`, {});
}

export async function start(t: TestApp, candidate: Candidate): Promise<Start> {
  return okBody<Start>(await startRequest(t, candidate, candidate.booking.id), 200, 'start');
}

export async function getAttempt(t: TestApp, who: Person, attemptId: string): Promise<AttemptView> {
  const response = await request(t.app, { method: 'GET', url: `/api/attempts/${attemptId}`, cookie: who.cookie });
  return okBody<AttemptView>(response, 200, 'get attempt');
}

/**
 * An answer the factory knows in the bank's own option ids, under the labels the candidate sees on
 * this attempt's paper (as a candidate who knows the right option picks it by its text). Ids that are
 * not the item's own (already labels, or deliberately wrong) pass unchanged.
 */
export async function asShown(t: TestApp, attemptId: string, versionId: string, answer: Answer): Promise<Answer>;
export async function asShown(
  t: TestApp,
  attemptId: string,
  versionId: string,
  answer: Answer | null,
): Promise<Answer | null>;
export async function asShown(t: TestApp, attemptId: string, versionId: string, answer: Answer | null) {
  if (answer?.kind !== 'choice') return answer;
  const [version] = await t.database.db
    .select({ content: questionVersions.content })
    .from(questionVersions)
    .where(eq(questionVersions.id, versionId));
  if (!version) return answer;
  const own = version.content.options.map((o) => o.id);
  const key = await t.services.attempts.labelKeyFor(attemptId);
  const labels = optionLabels(key.seed, versionId, own, key.scheme);
  return { kind: 'choice', optionIds: answer.optionIds.map((id) => (own.includes(id) ? labels.shown(id) : id)) };
}

/**
 * Stores, behind the API's back, an answer that does not fit its item (an option `zz`), as answers were
 * saved before they were checked at the door: what makes an attempt impossible to score.
 */
export async function plantLegacyAnswer(t: TestApp, attemptId: string, versionId: string): Promise<void> {
  const answer: Answer = { kind: 'choice', optionIds: ['zz'] };
  await t.database.db
    .insert(attemptAnswers)
    .values({ attemptId, versionId, answer, flagged: false, seq: 99, savedAt: t.clock.read() })
    .onConflictDoUpdate({ target: [attemptAnswers.attemptId, attemptAnswers.versionId], set: { answer, seq: 99 } });
}

/** The autosave, with a bank answer turned into the paper's labels (see `asShown`). */
export async function saveRequest(
  t: TestApp,
  who: Person,
  attemptId: string,
  body: { versionId: string; seq: number; answer: Answer | null; flagged?: boolean },
) {
  return request(t.app, {
    method: 'PUT',
    url: `/api/attempts/${attemptId}/answers`,
    cookie: who.cookie,
    payload: { flagged: false, ...body, answer: await asShown(t, attemptId, body.versionId, body.answer) },
  });
}

export function submitRequest(t: TestApp, who: Person, attemptId: string) {
  return request(t.app, { method: 'POST', url: `/api/attempts/${attemptId}/submit`, cookie: who.cookie, payload: {} });
}

/** The paper's items in paper order, as the candidate sees them. */
/** The candidate reads their started paper and answers every item by `pick`, then submits unless `submit` is false. */
export async function sit(
  t: TestApp,
  candidate: Candidate,
  bank: ExamBank,
  pick: (q: BankQuestion, index: number) => Answer | null,
  submit = true,
): Promise<void> {
  await answerAll(t, candidate, await getAttempt(t, candidate, candidate.attemptId), bank, pick);
  if (submit) okBody(await submitRequest(t, candidate, candidate.attemptId), 200, 'submit');
}

export function paperItems(view: AttemptView) {
  return view.sections.flatMap((s) => s.items);
}

/** Saves one answer per paper item (seq 1 unless given) and checks each was acknowledged as applied. */
export async function answerAll(
  t: TestApp,
  who: Person,
  view: AttemptView,
  bank: ExamBank,
  pick: (q: BankQuestion, index: number) => Answer | null,
  seq = 1,
): Promise<void> {
  for (const [index, item] of paperItems(view).entries()) {
    const question = bank.byVersion.get(item.versionId);
    if (!question) throw new Error(`version ${item.versionId} on the paper is not from the bank`);
    const response = await saveRequest(t, who, view.id, {
      versionId: item.versionId,
      seq,
      answer: pick(question, index),
    });
    const ack = okBody<{ applied: boolean }>(response, 200, 'save answer');
    if (!ack.applied) throw new Error(`save of ${item.versionId} was not applied`);
  }
}
