import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../../server/modules/auth/access';
import { openSession } from '../factories/sessions';
import { insertUser } from '../factories/users';
import { createTestApp, request, type TestApp } from '../helpers/app';

/**
 * Who may call what: every API route × every kind of caller → the status the caller gets.
 *
 * Allowed callers send an empty body, so "allowed" shows as the route's own answer (200, or 400 from
 * body validation, or a domain error) rather than 401/403 from the auth layer. The table is written
 * out by hand on purpose: a new route fails this test until someone decides who may call it.
 */
type Caller = 'anonymous' | 'applicant' | 'examiner' | 'administrator' | 'invigilator' | 'pending-2fa';
const CALLERS: readonly Caller[] = [
  'anonymous',
  'applicant',
  'examiner',
  'administrator',
  'invigilator',
  'pending-2fa',
];

/** A status, or a status with the error code the body must carry. */
type Expected = number | readonly [number, string];

const UNAUTHENTICATED = [401, 'UNAUTHENTICATED'] as const;
const FORBIDDEN = [403, 'FORBIDDEN'] as const;
const TWO_FACTOR_REQUIRED = [403, 'TWO_FACTOR_REQUIRED'] as const;
/** The route's own validation answering (an empty body or a missing query): the caller got past the auth layer. */
const INVALID_BODY = [400, 'VALIDATION_FAILED'] as const;

interface Row {
  access: Access;
  expected: Record<Caller, Expected>;
}

const everyone = (status: Expected): Record<Caller, Expected> =>
  Object.fromEntries(CALLERS.map((c) => [c, status])) as Record<Caller, Expected>;

const administratorsOnly = (allowed: Expected): Record<Caller, Expected> => ({
  anonymous: UNAUTHENTICATED,
  applicant: FORBIDDEN,
  examiner: FORBIDDEN,
  administrator: allowed,
  invigilator: FORBIDDEN,
  'pending-2fa': TWO_FACTOR_REQUIRED,
});

const staffOnly = (allowed: Expected): Record<Caller, Expected> => ({
  anonymous: UNAUTHENTICATED,
  applicant: FORBIDDEN,
  examiner: allowed,
  administrator: allowed,
  // An invigilator is staff with a second factor, but reaches only its rooms, not the bank or the commission.
  invigilator: FORBIDDEN,
  'pending-2fa': TWO_FACTOR_REQUIRED,
});
const STAFF: Access = ['examiner', 'administrator'];
const APPLICANTS: Access = ['applicant'];
const ADMINISTRATORS: Access = ['administrator'];

/** Exam delivery's candidate routes: applicants only; staff accounts cannot book or sit an exam. */
const applicantsOnly = (allowed: Expected): Record<Caller, Expected> => ({
  anonymous: UNAUTHENTICATED,
  applicant: allowed,
  examiner: FORBIDDEN,
  administrator: FORBIDDEN,
  invigilator: FORBIDDEN,
  'pending-2fa': TWO_FACTOR_REQUIRED,
});
/** A row's access and what each caller gets follow from who may call the route. */
const anyone = (status: Expected): Row => ({ access: 'public', expected: everyone(status) });
const administrators = (allowed: Expected): Row => ({ access: ADMINISTRATORS, expected: administratorsOnly(allowed) });
const staff = (allowed: Expected): Row => ({ access: STAFF, expected: staffOnly(allowed) });
const applicants = (allowed: Expected): Row => ({ access: APPLICANTS, expected: applicantsOnly(allowed) });
/** Exam-day room routes: an administrator, or an invigilator (its own rooms only, checked by the route). */
const roomStaff = (allowed: Expected): Row => ({
  access: ['invigilator', 'administrator'],
  expected: { ...administratorsOnly(allowed), invigilator: allowed },
});
/** An invigilator's own list of rooms: nobody else has rooms assigned. */
const invigilators = (allowed: Expected): Row => ({
  access: ['invigilator'],
  expected: { ...administratorsOnly(allowed), administrator: FORBIDDEN, invigilator: allowed },
});
/** The route's own "no such thing": the id in the URL names no question or blueprint. */
const NOT_FOUND = [404, 'NOT_FOUND'] as const;

const MATRIX: Record<string, Row> = {
  'GET /api/health': anyone(200),
  'GET /api/meta': anyone(200),
  'GET /api/auth/session': anyone(200),
  'POST /api/auth/sign-up': anyone(INVALID_BODY),
  'POST /api/auth/sign-in': anyone(INVALID_BODY),
  'POST /api/auth/sign-out': {
    access: 'session',
    expected: { ...everyone(200), anonymous: UNAUTHENTICATED },
  },
  'POST /api/auth/two-factor/setup': {
    access: 'session',
    expected: {
      anonymous: UNAUTHENTICATED,
      // Two-factor is for staff; an applicant enrolling a factor that sign-in never asks for would be false comfort.
      applicant: FORBIDDEN,
      // Every staff caller here has enrolled already, so the route itself answers 409.
      examiner: [409, 'CONFLICT'],
      administrator: [409, 'CONFLICT'],
      invigilator: [409, 'CONFLICT'],
      'pending-2fa': [409, 'CONFLICT'],
    },
  },
  'GET /api/auth/notice': {
    access: ['applicant', 'examiner', 'administrator', 'invigilator'],
    expected: { ...everyone(200), anonymous: UNAUTHENTICATED, 'pending-2fa': TWO_FACTOR_REQUIRED },
  },
  'POST /api/auth/two-factor/enable': {
    access: 'session',
    expected: { ...everyone(INVALID_BODY), anonymous: UNAUTHENTICATED },
  },
  'POST /api/auth/two-factor/verify': {
    access: 'session',
    expected: { ...everyone(INVALID_BODY), anonymous: UNAUTHENTICATED },
  },
  'GET /api/admin/users': administrators(200),
  'POST /api/admin/users': administrators(INVALID_BODY),
  'PATCH /api/admin/users/:id': administrators(INVALID_BODY),
  'GET /api/admin/audit': administrators(200),
  'GET /api/admin/audit.csv': administrators(200),
  'POST /api/admin/imports/candidates': administrators(INVALID_BODY),
  'POST /api/admin/imports/bookings': administrators(INVALID_BODY),
  'GET /api/admin/outbox': administrators(200),
  'POST /api/admin/users/:id/disable': administrators(INVALID_BODY),
  // ':id' is an applicant's account here: enabling an enabled one is a no-op; it has no two-factor to reset.
  'POST /api/admin/users/:id/enable': administrators(200),
  'POST /api/admin/users/:id/two-factor/reset': administrators([409, 'CONFLICT']),
  // One's own account: every signed-in role, past two-factor.
  'POST /api/account/password': {
    access: ['applicant', 'examiner', 'administrator', 'invigilator'],
    expected: { ...everyone(INVALID_BODY), anonymous: UNAUTHENTICATED, 'pending-2fa': TWO_FACTOR_REQUIRED },
  },
  'POST /api/account/sessions/sign-out-others': {
    access: ['applicant', 'examiner', 'administrator', 'invigilator'],
    expected: { ...everyone(200), anonymous: UNAUTHENTICATED, 'pending-2fa': TWO_FACTOR_REQUIRED },
  },
  // One's own notices (issue 17): every signed-in role, past two-factor; ':id' is nobody's notice here.
  'GET /api/notices': {
    access: ['applicant', 'examiner', 'administrator', 'invigilator'],
    expected: { ...everyone(200), anonymous: UNAUTHENTICATED, 'pending-2fa': TWO_FACTOR_REQUIRED },
  },
  'GET /api/notices/unread': {
    access: ['applicant', 'examiner', 'administrator', 'invigilator'],
    expected: { ...everyone(200), anonymous: UNAUTHENTICATED, 'pending-2fa': TWO_FACTOR_REQUIRED },
  },
  'POST /api/notices/:id/read': {
    access: ['applicant', 'examiner', 'administrator', 'invigilator'],
    expected: { ...everyone(NOT_FOUND), anonymous: UNAUTHENTICATED, 'pending-2fa': TWO_FACTOR_REQUIRED },
  },
  'POST /api/notices/read-all': {
    access: ['applicant', 'examiner', 'administrator', 'invigilator'],
    expected: { ...everyone(200), anonymous: UNAUTHENTICATED, 'pending-2fa': TWO_FACTOR_REQUIRED },
  },
  'PUT /api/notices/language': {
    access: ['applicant', 'examiner', 'administrator', 'invigilator'],
    expected: { ...everyone(INVALID_BODY), anonymous: UNAUTHENTICATED, 'pending-2fa': TWO_FACTOR_REQUIRED },
  },
  // A forgotten password is everyone's business; ':token' left in the URL is no token.
  'POST /api/auth/password-reset/request': anyone(INVALID_BODY),
  'GET /api/auth/password-reset/:token': anyone(INVALID_BODY),
  'POST /api/auth/password-reset': anyone(INVALID_BODY),
  'GET /api/log': anyone(200),
  // The log is empty here: "no such entry" is the route's own answer, given to everyone alike.
  'GET /api/log/entries': anyone(200),
  'GET /api/log/entries/:index': anyone([404, 'NOT_FOUND']),
  'GET /api/log/consistency': anyone(INVALID_BODY),
  'GET /api/log/checkpoints': anyone(200),
  'GET /api/subjects': staff(200),
  'POST /api/subjects/:subjectId/topics': staff(INVALID_BODY),
  'GET /api/questions': staff(200),
  'POST /api/questions': staff(INVALID_BODY),
  'POST /api/questions/import': staff(INVALID_BODY),
  'POST /api/questions/import/check': staff(INVALID_BODY),
  'GET /api/questions/export': staff(INVALID_BODY),
  'GET /api/questions/:id': staff(NOT_FOUND),
  'PUT /api/questions/:id': staff(INVALID_BODY),
  'GET /api/questions/:id/preview': staff(INVALID_BODY),
  'POST /api/questions/:id/submit': staff(NOT_FOUND),
  'POST /api/questions/:id/review': staff(INVALID_BODY),
  'POST /api/questions/:id/comments': staff(INVALID_BODY),
  'POST /api/questions/:id/retire': staff(INVALID_BODY),
  'GET /api/blueprints': staff(200),
  'POST /api/blueprints': staff(INVALID_BODY),
  'GET /api/blueprints/:id': staff(NOT_FOUND),
  'PUT /api/blueprints/:id': staff(INVALID_BODY),
  'POST /api/blueprints/:id/archive': staff(INVALID_BODY),
  'GET /api/blueprints/:id/feasibility': staff(NOT_FOUND),
  'GET /api/blueprints/:id/preview': staff(INVALID_BODY),
  'GET /api/categories': anyone(200),
  // ':token' is left in the URL, which is no ticket token: the route's own validation answers everyone.
  'GET /api/tickets/:token': anyone(INVALID_BODY),
  'GET /api/sittings/open': applicants(200),
  'POST /api/sittings/:id/bookings': applicants(NOT_FOUND),
  'GET /api/bookings': applicants(200),
  'GET /api/bookings/:id': applicants(NOT_FOUND),
  'POST /api/bookings/:id/cancel': applicants(NOT_FOUND),
  'GET /api/bookings/:id/ticket.pdf': applicants(NOT_FOUND),
  'POST /api/bookings/:id/start': applicants(NOT_FOUND),
  'GET /api/attempts/:id': applicants(NOT_FOUND),
  'PUT /api/attempts/:id/answers': applicants(INVALID_BODY),
  'POST /api/attempts/:id/submit': applicants(NOT_FOUND),
  'GET /api/attempts/:id/result': applicants(NOT_FOUND),
  // Issue 13: the room's light deadline re-read and its key for signing unsent answers.
  'GET /api/attempts/:id/deadline': applicants(NOT_FOUND),
  'GET /api/attempts/:id/unsent-key': applicants(NOT_FOUND),
  'POST /api/admin/sittings/:id/extend': administrators(INVALID_BODY),
  'POST /api/admin/attempts/:id/unsent-answers/inspect': administrators(INVALID_BODY),
  'POST /api/admin/attempts/:id/unsent-answers/accept': administrators(INVALID_BODY),
  'GET /api/admin/sittings': administrators(200),
  'POST /api/admin/sittings': administrators(INVALID_BODY),
  'GET /api/admin/sittings/:id': administrators(NOT_FOUND),
  'POST /api/admin/sittings/:id/open-booking': administrators(NOT_FOUND),
  'POST /api/admin/sittings/:id/close-booking': administrators(NOT_FOUND),
  'GET /api/admin/sittings/:id/roster': administrators(NOT_FOUND),
  'GET /api/admin/sittings/:id/board': administrators(NOT_FOUND),
  // Issue 15: editing a draft, rescheduling and cancelling, moving a candidate, the publication panel.
  'PUT /api/admin/sittings/:id': administrators(INVALID_BODY),
  'POST /api/admin/sittings/:id/reschedule': administrators(INVALID_BODY),
  'POST /api/admin/sittings/:id/cancel': administrators(INVALID_BODY),
  'GET /api/admin/sittings/:id/publication-readiness': administrators(NOT_FOUND),
  'POST /api/admin/bookings/:id/move': administrators(INVALID_BODY),
  'PUT /api/admin/bookings/:id/accommodation': administrators(INVALID_BODY),
  'POST /api/admin/attempts/:id/extend': administrators(INVALID_BODY),
  'POST /api/admin/attempts/:id/annul': administrators(INVALID_BODY),
  'POST /api/admin/sittings/:id/publish-results': administrators(NOT_FOUND),
  'POST /api/admin/attempts/:id/release-hold': administrators(INVALID_BODY),
  'GET /api/admin/sittings/:id/results': administrators(NOT_FOUND),
  'GET /api/admin/sittings/:id/results.csv': administrators(NOT_FOUND),
  'GET /api/admin/sittings/:id/pass-list.pdf': administrators(NOT_FOUND),
  'GET /api/results': anyone(200),
  'GET /api/results/:sittingId': anyone(NOT_FOUND),
  // Item statistics: examiners and administrators read them; the public part travels with the results.
  'GET /api/statistics/sittings': staff(200),
  'GET /api/statistics/sittings/:id': staff(NOT_FOUND),
  'GET /api/statistics/sittings/:id/items.csv': staff(NOT_FOUND),
  'GET /api/statistics/questions/:questionId': staff(NOT_FOUND),
  'GET /api/statistics/blueprints': staff(200),
  'GET /api/statistics/blueprints/:id': staff(NOT_FOUND),
  'GET /api/results/:sittingId/reliability': anyone(NOT_FOUND),
  'GET /api/attempts/:id/review': applicants(NOT_FOUND),
  'GET /api/certificates': applicants(200),
  'GET /api/certificates/:id/pdf': applicants(NOT_FOUND),
  // A code of the right shape that no certificate has: the public check's own "no such certificate".
  'GET /api/certificates/verify/:code': anyone(NOT_FOUND),
  // Appeals: candidates file and read their own; examiners and administrators decide and follow re-scoring.
  'POST /api/attempts/:id/appeals': applicants(INVALID_BODY),
  'GET /api/appeals': applicants(200),
  'GET /api/appeals/queue': staff(200),
  'POST /api/appeals/versions/:versionId/decision': staff(INVALID_BODY),
  'POST /api/appeal-decisions/:id/confirm': staff(NOT_FOUND),
  'POST /api/appeal-decisions/:id/decline': staff(INVALID_BODY),
  'POST /api/appeal-decisions/:id/withdraw': staff(INVALID_BODY),
  'GET /api/appeals/versions/:versionId': staff(NOT_FOUND),
  // Appeals against an annulment: the candidate files on their own attempt; an administrator decides.
  'GET /api/attempts/:id/annulment': applicants(NOT_FOUND),
  'POST /api/attempts/:id/annulment-appeal': applicants(INVALID_BODY),
  'GET /api/admin/annulment-appeals': administrators(200),
  'POST /api/admin/annulment-appeals/:id/decision': administrators(INVALID_BODY),
  'GET /api/admin/rescoring': staff(200),
  'GET /api/admin/rescoring/:id': staff(NOT_FOUND),
  // Competitions: announced rounds and vacancies are public; applicants apply and read their own; panel members
  // (staff) score; the administrator runs the rest.
  'GET /api/competitions/rounds': anyone(200),
  'GET /api/competitions/rounds/:id': anyone(NOT_FOUND),
  'GET /api/competitions/vacancies/:id': anyone(NOT_FOUND),
  'GET /api/competitions/vacancies/:id/eligibility': applicants(NOT_FOUND),
  'POST /api/applications': applicants(INVALID_BODY),
  'GET /api/applications': applicants(200),
  'GET /api/applications/:id': applicants(NOT_FOUND),
  'POST /api/applications/:id/withdraw': applicants(NOT_FOUND),
  'GET /api/interviews': staff(200),
  // Written work (issue 18): blind marking by staff, the plan and reveal by administrators, the script's writer.
  'GET /api/admin/sittings/:id/marking': administrators(NOT_FOUND),
  'POST /api/admin/sittings/:id/marking': administrators(INVALID_BODY),
  'POST /api/admin/sittings/:id/marking/reveal': administrators(NOT_FOUND),
  'GET /api/marking/scripts': staff(200),
  'GET /api/marking/scripts/:code': staff(NOT_FOUND),
  'POST /api/marking/scripts/:code/marks': staff(INVALID_BODY),
  'GET /api/attempts/:id/written': applicants(NOT_FOUND),
  // Late scripts handed out by administrators; appeals against a marking by the candidate, decided by staff.
  'POST /api/admin/sittings/:id/marking/late': administrators(NOT_FOUND),
  'POST /api/attempts/:id/written/appeals': applicants(INVALID_BODY),
  'GET /api/marking/appeals': staff(200),
  'GET /api/marking/appeals/:code': staff(NOT_FOUND),
  'POST /api/marking/appeals/:code/decision': staff(INVALID_BODY),
  'POST /api/interviews/applications/:id/scores': staff(INVALID_BODY),
  'GET /api/admin/agencies': administrators(200),
  'POST /api/admin/agencies': administrators(INVALID_BODY),
  'PUT /api/admin/agencies/:id': administrators(INVALID_BODY),
  'DELETE /api/admin/agencies/:id': administrators(NOT_FOUND),
  'GET /api/admin/rounds': administrators(200),
  'POST /api/admin/rounds': administrators(INVALID_BODY),
  'GET /api/admin/rounds/:id': administrators(NOT_FOUND),
  'PUT /api/admin/rounds/:id': administrators(INVALID_BODY),
  'POST /api/admin/rounds/:id/vacancies': administrators(INVALID_BODY),
  'POST /api/admin/rounds/:id/announce': administrators(NOT_FOUND),
  'GET /api/admin/vacancies/:id': administrators(NOT_FOUND),
  'PUT /api/admin/vacancies/:id': administrators(INVALID_BODY),
  'DELETE /api/admin/vacancies/:id': administrators(NOT_FOUND),
  'POST /api/admin/vacancies/:id/close': administrators(NOT_FOUND),
  'PUT /api/admin/vacancies/:id/panel': administrators(INVALID_BODY),
  'PUT /api/admin/applications/:id/slot': administrators(INVALID_BODY),
  'POST /api/admin/applications/:id/absent': administrators(NOT_FOUND),
  'POST /api/admin/vacancies/:id/ranking': administrators(NOT_FOUND),
  'POST /api/admin/vacancies/:id/appointments': administrators(INVALID_BODY),
  // Stages (issue 18): the round's stages and published lists are public once announced; an applicant reads their
  // own stage results; the administrator sets stages, previews a gate and advances.
  'GET /api/competitions/rounds/:id/stages': anyone(NOT_FOUND),
  'GET /api/applications/:id/stages': applicants(NOT_FOUND),
  'GET /api/admin/rounds/:id/stages': administrators(NOT_FOUND),
  'PUT /api/admin/rounds/:id/stages': administrators(INVALID_BODY),
  'GET /api/admin/vacancies/:id/stages/:position': administrators(NOT_FOUND),
  'POST /api/admin/vacancies/:id/stages/:position/advance': administrators(NOT_FOUND),
  // The public register and its open data: anyone, signed in or not.
  'GET /api/register/appointments': anyone(200),
  'GET /api/register/appointments.csv': anyone(200),
  'GET /api/register/appointments.json': anyone(200),
  'GET /api/register/appointments/:id': anyone(NOT_FOUND),
  'GET /api/register/results': anyone(200),
  'GET /api/register/results.csv': anyone(200),
  'GET /api/register/results.json': anyone(200),
  'GET /api/register/results/:candidateCode': anyone(NOT_FOUND),
  'GET /api/register/vacancies': anyone(200),
  'GET /api/register/vacancies.csv': anyone(200),
  'GET /api/register/vacancies.json': anyone(200),
  'GET /api/register/vacancies/:id': anyone(NOT_FOUND),
  'GET /api/register/statistics': anyone(200),
  // Exam-day rooms (issue 15 point 4): an invigilator reaches only the rooms assigned to it, so the
  // unassigned room in the URL is "not found" to it as to an administrator; assignments and the
  // follow-ups of incidents are the administrator's.
  'GET /api/invigilation/rooms': invigilators(200),
  'GET /api/invigilation/rooms/:id': roomStaff(NOT_FOUND),
  'POST /api/invigilation/rooms/:id/attendance': roomStaff(INVALID_BODY),
  'POST /api/invigilation/rooms/:id/incidents': roomStaff(INVALID_BODY),
  'GET /api/invigilation/rooms/:id/roster.pdf': roomStaff(NOT_FOUND),
  'GET /api/invigilation/rooms/:id/attendance.pdf': roomStaff(NOT_FOUND),
  'GET /api/invigilation/rooms/:id/seat-plan.pdf': roomStaff(NOT_FOUND),
  'GET /api/admin/sittings/:id/invigilators': administrators(NOT_FOUND),
  'POST /api/admin/rooms/:id/invigilators': administrators(INVALID_BODY),
  'DELETE /api/admin/rooms/:id/invigilators/:userId': administrators(NOT_FOUND),
  'GET /api/admin/sittings/:id/incidents': administrators(NOT_FOUND),
  'POST /api/admin/incidents/:id/extend': administrators(INVALID_BODY),
  'POST /api/admin/incidents/:id/annul': administrators(INVALID_BODY),
  // Consultations (issue 17): anyone asks and reads the FAQ and the standard; the asker reads their own; staff answer.
  'POST /api/consultations': anyone(INVALID_BODY),
  'GET /api/consultations/standard': anyone(200),
  'GET /api/faq': anyone(200),
  'GET /api/consultations': applicants(200),
  'GET /api/consultations/related': applicants(200),
  'GET /api/consultations/:id': applicants(NOT_FOUND),
  'POST /api/consultations/:id/reply': applicants(INVALID_BODY),
  'GET /api/ratings': applicants(INVALID_BODY),
  'POST /api/ratings': applicants(INVALID_BODY),
  'GET /api/admin/consultations': staff(200),
  'GET /api/admin/consultations/:id': staff(NOT_FOUND),
  'POST /api/admin/consultations/:id/take': staff(NOT_FOUND),
  'POST /api/admin/consultations/:id/answer': staff(INVALID_BODY),
  'POST /api/admin/consultations/:id/pass': staff(INVALID_BODY),
  'POST /api/admin/faq': staff(INVALID_BODY),
  'PUT /api/admin/faq/:id': staff(INVALID_BODY),
  'POST /api/admin/faq/:id/withdraw': staff(NOT_FOUND),
  'GET /api/admin/ratings': staff(200),
  'PUT /api/admin/consultation-topics/:topic': administrators(INVALID_BODY),
};

let t: TestApp;
let target: string;
let subjectId: string;
/** Each request gets a fresh session for its caller, so sign-out in one cell cannot disturb another. */
let sessionFor: (caller: Caller) => Promise<string | undefined>;

beforeAll(async () => {
  t = await createTestApp();
  const enrolled = { totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', totpEnabledAt: t.clock.read() };
  const applicant = await insertUser(t, { role: 'applicant', nationalIdScheme: 'AZ_FIN', nationalId: '5ZK7A2B' });
  const examiner = await insertUser(t, { role: 'examiner', ...enrolled });
  const administrator = await insertUser(t, { role: 'administrator', ...enrolled });
  const invigilator = await insertUser(t, { role: 'invigilator', ...enrolled });
  target = (await insertUser(t, { role: 'applicant' })).id;
  const subjects = await t.services.questions.taxonomy();
  subjectId = subjects[0]!.id;
  const users = { applicant, examiner, administrator, invigilator };
  sessionFor = async (caller) => {
    if (caller === 'anonymous') return undefined;
    if (caller === 'pending-2fa') return openSession(t, administrator.id, { twoFactorVerified: false });
    return openSession(t, users[caller].id, { twoFactorVerified: true });
  };
});
afterAll(() => t.close());

const withParams = (url: string) =>
  url
    .replace(':id', target)
    .replace(':index', '0')
    .replace(':subjectId', subjectId)
    .replace(':sittingId', target)
    .replace(':questionId', target)
    .replace(':versionId', target)
    .replace(':userId', target)
    .replace(':position', '1')
    .replace(':code', 'ACDE-FGHJ-KLMN')
    .replace(':candidateCode', 'ACDEFGHJ');

describe('authorization matrix', () => {
  it('has a row for every API route, and no row for a route the app lacks', () => {
    const inApp = t.app.apiRoutes.map((r) => `${r.method} ${r.url}`).sort();
    expect(inApp).toEqual(Object.keys(MATRIX).sort());
    expect(new Set(inApp).size).toBe(inApp.length);
  });

  it('declares the access the table expects on every route', () => {
    for (const route of t.app.apiRoutes) {
      expect(route.access, `${route.method} ${route.url}`).toEqual(MATRIX[`${route.method} ${route.url}`]?.access);
    }
  });

  const cells = Object.entries(MATRIX).flatMap(([route, row]) =>
    CALLERS.map((caller) => ({ route, caller, expected: row.expected[caller] })),
  );

  it.each(cells)('$route as $caller → $expected', async ({ route, caller, expected }) => {
    const [method, url] = route.split(' ') as [string, string];
    const cookie = await sessionFor(caller);
    const response = await request(t.app, {
      method: method as 'GET',
      url: withParams(url),
      cookie,
      ...(method === 'GET' ? {} : { payload: {} }),
    });
    const [status, code] = typeof expected === 'number' ? [expected, undefined] : expected;
    expect(response.statusCode, response.body).toBe(status);
    if (code) expect(response.json().error.code).toBe(code);
    if (status === 401 || status === 403) expect(response.json().error.fields).toBeUndefined();
  });

  it('lets nothing through on a session whose secret is wrong', async () => {
    const real = await sessionFor('administrator');
    const forged = real!.replace(/\.[a-z2-9]+$/, `.${'a'.repeat(24)}`);
    for (const [route, row] of Object.entries(MATRIX)) {
      if (row.access === 'public') continue;
      const [method, url] = route.split(' ') as [string, string];
      const response = await request(t.app, {
        method: method as 'GET',
        url: withParams(url),
        cookie: forged,
        payload: method === 'GET' ? undefined : {},
      });
      expect(response.statusCode, route).toBe(401);
    }
  });

  it('serves the API documentation to everyone', async () => {
    for (const caller of CALLERS) {
      const cookie = await sessionFor(caller);
      const ui = await request(t.app, { method: 'GET', url: '/api/docs', cookie });
      expect(ui.statusCode, caller).toBe(200);
      expect(ui.headers['content-type']).toMatch(/^text\/html/);
      const json = await request(t.app, { method: 'GET', url: '/api/docs/json', cookie });
      expect(json.statusCode, caller).toBe(200);
      expect(json.json().openapi).toBe('3.1.0');
    }
  });

  it('changed nothing on the target of the administrator-only write routes', async () => {
    const row = await t.services.repositories.users.findById(target);
    expect(row?.role).toBe('applicant');
  });
});
