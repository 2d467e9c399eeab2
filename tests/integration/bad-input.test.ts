import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BODY_LIMIT } from '../../server/app';
import { blueprint as blueprintOf, section } from '../../server/core/paper/test-support';
import { openSession } from '../factories/sessions';
import { applicantInput, insertUser } from '../factories/users';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/app';
import { expectDatabaseUnchanged } from '../helpers/snapshot';

/**
 * Bad input on every route that takes input: a 4xx whose `error.fields` names the field at fault,
 * and a database exactly as it was. A route that takes input and has no row here fails the
 * coverage tests below, so a new route must bring its own bad-input cases.
 */
type Caller =
  'anonymous' | 'applicant' | 'staff-without-two-factor' | 'staff-pending' | 'administrator' | 'invigilator';

interface Case {
  name: string;
  /** A JSON body, or a raw one with its content type. */
  payload?: unknown;
  raw?: { body: string; contentType: string };
  query?: string;
  /** Replaces the path parameter (`:id`, `:index`); a real account's id or index 0 when not given. */
  id?: string;
  status: number;
  code: string;
  /** Every field the error must name (and no other); empty when the error is not about a field. */
  fields: string[];
  /** The problem code reported for the field, when the case is about a specific rule. */
  fieldCode?: string;
}

interface Route {
  caller: Caller;
  /** Whether the route declares a JSON body schema (checked against the OpenAPI document). */
  body: boolean;
  /** The route's own body limit, where it raises the API's default. */
  bodyLimit?: number;
  cases: Case[];
}

const invalid = (name: string, input: Partial<Case>, fields: string[], fieldCode?: string): Case => ({
  name,
  status: 400,
  code: 'VALIDATION_FAILED',
  fields,
  ...(fieldCode ? { fieldCode } : {}),
  ...input,
});

const signUp = (overrides: Record<string, unknown> = {}) => ({
  ...applicantInput({ nationalId: '9ZZ9ZZ9' }),
  ...overrides,
});
const without = (key: string) => {
  const body: Record<string, unknown> = signUp();
  delete body[key];
  return body;
};
const staff = (overrides: Record<string, unknown> = {}) => ({
  fullName: 'New Examiner',
  email: 'new.examiner@example.az',
  role: 'examiner',
  password: 'examiner password 1',
  ...overrides,
});

const BAD_UUID: Partial<Case> = { id: 'not-a-uuid' };

/** A route whose only input is a UUID in its path: a malformed one is refused, naming the parameter. */
const uuidOnly = (caller: Caller, param = 'id', what = 'an id'): Route => ({
  caller,
  body: false,
  cases: [invalid(`${what} that is not a UUID`, BAD_UUID, [param], 'format')],
});

/** A round's stage as the stages form sends it. */
const STAGE = { kind: 'test', weight: 1, ties: 'include' };

/** A question as the public form sends it, anonymously. */
const ASK = (overrides: Record<string, unknown> = {}) => ({
  topic: 'booking',
  language: 'az',
  subject: 'Növbə',
  question: 'Növbəmi dəyişmək mümkündürmü?',
  email: 'asker@example.az',
  ...overrides,
});
const RATE = (overrides: Record<string, unknown> = {}) => ({
  subjectType: 'consultation',
  subjectId: '00000000-0000-4000-8000-000000000000',
  score: 4,
  ...overrides,
});
const FAQ = (overrides: Record<string, unknown> = {}) => ({
  topic: 'booking',
  question: { az: 'Növbəni necə dəyişim?', ru: 'Как сменить смену?', en: 'How do I change shift?' },
  answer: { az: 'Ləğv edib yenidən yazılın.', ru: 'Отмените и запишитесь снова.', en: 'Cancel and book again.' },
  ...overrides,
});
/** A cursor as the register encodes one, with whatever value a forger likes. */
const forgedCursor = (sort: string, value: unknown, id: unknown = 1) =>
  `cursor=${Buffer.from(JSON.stringify([sort, value, id]), 'utf8').toString('base64url')}`;
/** Forged cursors that once reached PostgreSQL (a 500): values a list never hands out. */
const forgedCursorCases = (dateSort: string, numberSort: string, textSort?: string): Case[] => [
  invalid(
    'a cursor at a date before any year (-271821)',
    { query: `sort=${dateSort}&${forgedCursor(dateSort, '-271821-04-20 00:00:00+00')}` },
    ['cursor'],
    'cursor.invalid',
  ),
  invalid(
    'a cursor at the "date" 0',
    { query: `sort=${dateSort}&${forgedCursor(dateSort, '0')}` },
    ['cursor'],
    'cursor.invalid',
  ),
  invalid(
    'a cursor at year 0',
    { query: `sort=${dateSort}&${forgedCursor(dateSort, '0000-01-01 00:00:00+00')}` },
    ['cursor'],
    'cursor.invalid',
  ),
  invalid(
    'a cursor at 1e999 points',
    { query: `sort=${numberSort}&${forgedCursor(numberSort, '1e999')}` },
    ['cursor'],
    'cursor.invalid',
  ),
  invalid(
    'a cursor at Infinity points',
    { query: `sort=${numberSort}&${forgedCursor(numberSort, 'Infinity')}` },
    ['cursor'],
    'cursor.invalid',
  ),
  invalid(
    'a cursor with an id past any bigint',
    { query: `sort=${dateSort}&${forgedCursor(dateSort, '2026-03-01 00:00:00+00', 1e20)}` },
    ['cursor'],
    'cursor.invalid',
  ),
  invalid('a cursor of garbage base64', { query: 'cursor=%2F%2F%2B%2B____' }, ['cursor'], 'cursor.invalid'),
  invalid('a cursor of base64 "0"', { query: 'cursor=MA' }, ['cursor'], 'cursor.invalid'),
  ...(textSort
    ? [
        invalid(
          'a cursor whose name holds a NUL',
          { query: `sort=${textSort}&${forgedCursor(textSort, 'a\u0000b')}` },
          ['cursor'],
          'cursor.invalid',
        ),
        invalid(
          'a cursor whose name holds a lone surrogate',
          { query: `sort=${textSort}&${forgedCursor(textSort, 'a\uD800b')}` },
          ['cursor'],
          'cursor.invalid',
        ),
      ]
    : []),
];
/** Days PostgreSQL cannot hold once Baku's offset is applied, or has no year for. */
const outOfRangeDateCases = (): Case[] => [
  invalid('a day in year 0', { query: 'from=0000-01-01' }, ['from'], 'format'),
  invalid('a day in year 1', { query: 'from=0001-01-01' }, ['from'], 'format'),
  invalid('a day after year 9999', { query: 'to=10000-01-01' }, ['to'], 'format'),
];
const ZERO_ID = '00000000-0000-4000-8000-000000000000';
const CRITERION = { key: 'knowledge', name: { az: 'Bilik' }, maxPoints: 10 };
const round = (overrides: Record<string, unknown> = {}) => ({
  code: 'R-2026-1',
  title: { az: 'Müsabiqə' },
  testWeight: 40,
  interviewWeight: 60,
  rubric: [CRITERION],
  ...overrides,
});
const VACANCY_FIELDS = [
  'code',
  'agencyId',
  'position',
  'categoryCode',
  'places',
  'location',
  'requirements',
  'interviewProgramme',
  'applicationDeadline',
];
const vacancy = (overrides: Record<string, unknown> = {}) => ({
  code: 'V-2026-1',
  agencyId: ZERO_ID,
  position: { az: 'Məsləhətçi' },
  categoryCode: 'AB',
  places: 1,
  location: 'Bakı',
  requirements: { az: 'Ali təhsil' },
  interviewProgramme: { az: 'Qanun' },
  applicationDeadline: '2030-01-01T10:00:00Z',
  ...overrides,
});
const PANEL = [0, 1, 2].map((i) => ({
  userId: ZERO_ID.replace(/0$/, String(i)),
  panelRole: i === 0 ? 'chair' : 'member',
}));
const SAVE = { versionId: '00000000-0000-4000-8000-000000000000', seq: 1, answer: null, flagged: false };
const APPEAL = { versionId: '00000000-0000-4000-8000-000000000000', reason: 'Option b is also right.' };
const DECISION = { outcome: 'reject', reason: 'The key is right as it stands.' };
/** Declining or withdrawing an upheld decision: the reason is all it takes. */
const CLOSE = { reason: 'The key is right as it stands.' };
const ANNULMENT_DECISION = { outcome: 'reject', reason: 'Two invigilators saw the phone.' };
const question = (overrides: Record<string, unknown> = {}) => ({
  subject: 'logic',
  difficulty: 'easy',
  content: {
    type: 'single',
    text: { az: 'Sual?' },
    options: [
      { id: 'a', text: { az: 'A' } },
      { id: 'b', text: { az: 'B' } },
    ],
  },
  key: { type: 'single', correct: ['a'] },
  explanation: {},
  tags: [],
  ...overrides,
});
const QUESTION_FIELDS = ['subject', 'difficulty', 'content', 'key', 'explanation', 'tags'];
const questionCases = (): Case[] => [
  invalid('no fields', { payload: {} }, QUESTION_FIELDS, 'required'),
  invalid('missing subject', { payload: { ...question(), subject: undefined } }, ['subject'], 'required'),
  invalid(
    'a subject that is not a slug',
    { payload: question({ subject: 'Logic & Reasoning' }) },
    ['subject'],
    'pattern',
  ),
  invalid('an unknown difficulty', { payload: question({ difficulty: 'impossible' }) }, ['difficulty']),
  invalid('tags is a string', { payload: question({ tags: 'logic' }) }, ['tags'], 'type'),
  invalid(
    'text in an unknown language',
    { payload: question({ explanation: { fr: 'Non' } }) },
    ['explanation.fr'],
    'additionalProperties',
  ),
  invalid(
    'thirteen options',
    {
      payload: question({
        content: {
          type: 'single',
          text: { az: 'Sual?' },
          options: Array.from({ length: 13 }, (_, i) => ({ id: `o${i}`, text: { az: 'x' } })),
        },
      }),
    },
    ['content.options'],
    'maxItems',
  ),
  invalid('an unknown property', { payload: question({ answer: 'a' }) }, ['answer'], 'additionalProperties'),
  invalid(
    'a NUL deep in an option',
    {
      payload: question({
        content: {
          type: 'single',
          text: { az: 'Sual?' },
          options: [
            { id: 'a', text: { az: 'A' } },
            { id: 'b', text: { az: 'B\u0000' } },
          ],
        },
      }),
    },
    ['content.options.1.text.az'],
    'text.nul',
  ),
  invalid('a lone surrogate in a tag', { payload: question({ tags: ['ok', '\uDC00'] }) }, ['tags.1'], 'text.surrogate'),
  invalid('a NUL in a key', { payload: question({ explanation: { 'a\u0000': 'x' } }) }, ['explanation'], 'text.nul'),
];
/** A valid blueprint body with any field overridden, wrong types included. */
const blueprint = (overrides: Record<string, unknown> = {}) => ({
  ...blueprintOf([section({ title: { az: 'Məntiq' }, count: 30 })], {
    name: 'Civil service test',
    durationMinutes: 180,
    passMark: 50,
  }),
  ...overrides,
});
const blueprintCases = (): Case[] => [
  invalid(
    'no fields',
    { payload: {} },
    ['name', 'language', 'durationMinutes', 'passMark', 'scoring', 'sections'],
    'required',
  ),
  invalid('a duration of 0 minutes', { payload: blueprint({ durationMinutes: 0 }) }, ['durationMinutes'], 'minimum'),
  invalid('a duration as text', { payload: blueprint({ durationMinutes: '180' }) }, ['durationMinutes'], 'type'),
  invalid(
    'a duration over 600 minutes',
    { payload: blueprint({ durationMinutes: 601 }) },
    ['durationMinutes'],
    'maximum',
  ),
  invalid('no sections', { payload: blueprint({ sections: [] }) }, ['sections'], 'minItems'),
  invalid(
    'a section of 0 items',
    { payload: blueprint({ sections: [{ ...blueprint().sections[0], count: 0 }] }) },
    ['sections.0.count'],
    'minimum',
  ),
  invalid(
    'zero points per item',
    { payload: blueprint({ scoring: { pointsPerItem: 0, negativeMarking: 0, annulled: 'remove' } }) },
    ['scoring.pointsPerItem'],
    'exclusiveMinimum',
  ),
  invalid('an unknown language', { payload: blueprint({ language: 'fr' }) }, ['language']),
  invalid('an unknown property', { payload: blueprint({ owner: 'me' }) }, ['owner'], 'additionalProperties'),
];

const TABLE: Record<string, Route> = {
  'POST /api/auth/sign-up': {
    caller: 'anonymous',
    body: true,
    cases: [
      invalid(
        'no fields at all',
        { payload: {} },
        ['nationalIdScheme', 'nationalId', 'fullName', 'email', 'password'],
        'required',
      ),
      ...['nationalIdScheme', 'nationalId', 'fullName', 'email', 'password'].map((field) =>
        invalid(`missing ${field}`, { payload: without(field) }, [field], 'required'),
      ),
      invalid('fullName is a number', { payload: signUp({ fullName: 12345 }) }, ['fullName'], 'type'),
      invalid('nationalId is a number', { payload: signUp({ nationalId: 1234567 }) }, ['nationalId'], 'type'),
      invalid('email is a boolean', { payload: signUp({ email: true }) }, ['email']),
      invalid(
        'password is an array',
        { payload: signUp({ password: ['correct horse battery'] }) },
        ['password'],
        'type',
      ),
      invalid('fullName is null', { payload: signUp({ fullName: null }) }, ['fullName'], 'type'),
      invalid('locale is a number', { payload: signUp({ locale: 1 }) }, ['locale']),
      invalid('an unknown locale', { payload: signUp({ locale: 'fr' }) }, ['locale']),
      invalid('an e-mail that is not one', { payload: signUp({ email: 'not-an-email' }) }, ['email'], 'format'),
      invalid('an e-mail over 254 characters', { payload: signUp({ email: `${'a'.repeat(250)}@example.az` }) }, [
        'email',
      ]),
      invalid('a password under 10 characters', { payload: signUp({ password: 'short' }) }, ['password'], 'minLength'),
      invalid(
        'a password over 128 characters',
        { payload: signUp({ password: 'p'.repeat(129) }) },
        ['password'],
        'maxLength',
      ),
      invalid('an empty full name', { payload: signUp({ fullName: '' }) }, ['fullName'], 'minLength'),
      invalid(
        'a full name of blanks and one letter',
        { payload: signUp({ fullName: '  a  ' }) },
        ['fullName'],
        'too_short',
      ),
      invalid(
        'a full name over 200 characters',
        { payload: signUp({ fullName: 'N'.repeat(201) }) },
        ['fullName'],
        'maxLength',
      ),
      invalid('a common password', { payload: signUp({ password: 'password1234' }) }, ['password'], 'too_common'),
      invalid(
        'a password that is a keyboard row',
        { payload: signUp({ password: 'qwertyuiop[]' }) },
        ['password'],
        'too_guessable',
      ),
      invalid('a role smuggled in', { payload: signUp({ role: 'administrator' }) }, ['role'], 'additionalProperties'),
      invalid('an unknown property', { payload: signUp({ referrer: 'x' }) }, ['referrer'], 'additionalProperties'),
      invalid(
        'a FİN of 6 characters',
        { payload: signUp({ nationalId: '123456' }) },
        ['nationalId'],
        'national_id.length',
      ),
      invalid(
        'a FİN with a letter the FİN never uses',
        { payload: signUp({ nationalId: '1234I67' }) },
        ['nationalId'],
        'national_id.characters',
      ),
      invalid(
        'an IIN with a wrong check digit',
        { payload: signUp({ nationalIdScheme: 'KZ_IIN', nationalId: '950315400017' }) },
        ['nationalId'],
        'national_id.checksum',
      ),
      invalid(
        'an IIN with month 13',
        { payload: signUp({ nationalIdScheme: 'KZ_IIN', nationalId: '951315400016' }) },
        ['nationalId'],
        'national_id.date',
      ),
      invalid(
        'an IIN with letters',
        { payload: signUp({ nationalIdScheme: 'KZ_IIN', nationalId: '95031540001A' }) },
        ['nationalId'],
        'national_id.characters',
      ),
      invalid(
        'an unknown national ID scheme',
        { payload: signUp({ nationalIdScheme: 'XX_ID' }) },
        ['nationalIdScheme'],
        'unsupported',
      ),
      invalid(
        'a national ID over 32 characters',
        { payload: signUp({ nationalId: '1'.repeat(33) }) },
        ['nationalId'],
        'maxLength',
      ),
      invalid(
        'several problems at once, all reported',
        { payload: signUp({ nationalId: '1234I67', fullName: ' x ' }) },
        ['nationalId', 'fullName'],
      ),
    ],
  },
  'POST /api/auth/sign-in': {
    caller: 'anonymous',
    body: true,
    cases: [
      invalid('no fields', { payload: {} }, ['login', 'password'], 'required'),
      invalid('missing password', { payload: { login: 'a@example.az' } }, ['password'], 'required'),
      invalid('login is a number', { payload: { login: 1234567, password: 'whatever password' } }, ['login'], 'type'),
      invalid(
        'password is an object',
        { payload: { login: 'a@example.az', password: { $ne: '' } } },
        ['password'],
        'type',
      ),
      invalid('an empty password', { payload: { login: 'a@example.az', password: '' } }, ['password'], 'minLength'),
      invalid(
        'a login over 254 characters',
        { payload: { login: 'l'.repeat(255), password: 'whatever password' } },
        ['login'],
        'maxLength',
      ),
      invalid(
        'an unknown property',
        { payload: { login: 'a@example.az', password: 'whatever password', remember: true } },
        ['remember'],
        'additionalProperties',
      ),
    ],
  },
  // Takes no body, but must still refuse a broken one before signing anybody out.
  'POST /api/auth/sign-out': { caller: 'applicant', body: false, cases: [] },
  'POST /api/auth/two-factor/setup': { caller: 'staff-without-two-factor', body: false, cases: [] },
  'POST /api/auth/two-factor/enable': {
    caller: 'staff-without-two-factor',
    body: true,
    cases: totpCases(),
  },
  'POST /api/auth/two-factor/verify': {
    caller: 'staff-pending',
    body: true,
    cases: totpCases(),
  },
  'POST /api/account/password': {
    caller: 'applicant',
    body: true,
    cases: [
      invalid('no fields', { payload: {} }, ['currentPassword', 'newPassword'], 'required'),
      invalid(
        'missing the new password',
        { payload: { currentPassword: 'whatever password' } },
        ['newPassword'],
        'required',
      ),
      invalid(
        'the current password is a number',
        { payload: { currentPassword: 1234567890, newPassword: 'a new long password' } },
        ['currentPassword'],
        'type',
      ),
      invalid(
        'an empty current password',
        { payload: { currentPassword: '', newPassword: 'a new long password' } },
        ['currentPassword'],
        'minLength',
      ),
      invalid(
        'a new password under 10 characters',
        { payload: { currentPassword: 'whatever password', newPassword: 'short' } },
        ['newPassword'],
        'minLength',
      ),
      invalid(
        'a new password over 128 characters',
        { payload: { currentPassword: 'whatever password', newPassword: 'p'.repeat(129) } },
        ['newPassword'],
        'maxLength',
      ),
      invalid(
        'an unknown property',
        {
          payload: {
            currentPassword: 'whatever password',
            newPassword: 'a new long password',
            userId: '00000000-0000-4000-8000-000000000001',
          },
        },
        ['userId'],
        'additionalProperties',
      ),
    ],
  },
  // Takes no body, but must still refuse a broken one before ending any session.
  'POST /api/account/sessions/sign-out-others': { caller: 'applicant', body: false, cases: [] },
  'POST /api/auth/password-reset/request': {
    caller: 'anonymous',
    body: true,
    cases: [
      invalid('no e-mail', { payload: {} }, ['email'], 'required'),
      invalid('an e-mail that is not one', { payload: { email: 'not-an-email' } }, ['email'], 'format'),
      invalid('an e-mail as a number', { payload: { email: 42 } }, ['email'], 'type'),
      invalid('an e-mail over 254 characters', { payload: { email: `${'a'.repeat(250)}@example.az` } }, ['email']),
      invalid(
        'an unknown property',
        { payload: { email: 'a@example.az', redirect: 'https://evil.example' } },
        ['redirect'],
        'additionalProperties',
      ),
    ],
  },
  'GET /api/auth/password-reset/:token': {
    caller: 'anonymous',
    body: false,
    cases: [
      invalid('a token too short', { id: 'abc' }, ['token'], 'pattern'),
      invalid('a token with a character links never use', { id: 'abcdefghijklmnopqrstuvw1' }, ['token'], 'pattern'),
    ],
  },
  'POST /api/auth/password-reset': {
    caller: 'anonymous',
    body: true,
    cases: [
      invalid('no fields', { payload: {} }, ['token', 'password'], 'required'),
      invalid('missing password', { payload: { token: 'abcdefghijklmnopqrstuvwx' } }, ['password'], 'required'),
      invalid(
        'a token too short',
        { payload: { token: 'abc', password: 'a new long password' } },
        ['token'],
        'pattern',
      ),
      invalid(
        'a token as a number',
        { payload: { token: 123456789, password: 'a new long password' } },
        ['token'],
        'type',
      ),
      invalid(
        'a password under 10 characters',
        { payload: { token: 'abcdefghijklmnopqrstuvwx', password: 'short' } },
        ['password'],
        'minLength',
      ),
      invalid(
        'an unknown property',
        { payload: { token: 'abcdefghijklmnopqrstuvwx', password: 'a new long password', email: 'a@example.az' } },
        ['email'],
        'additionalProperties',
      ),
      // Past the schema: a well-formed token no link was ever made with.
      invalid(
        'a token no link has',
        { payload: { token: 'abcdefghijklmnopqrstuvwx', password: 'a new long password' } },
        ['token'],
        'invalid_link',
      ),
    ],
  },
  'GET /api/admin/users': {
    caller: 'administrator',
    body: false,
    cases: [
      invalid('limit 0', { query: 'limit=0' }, ['limit'], 'minimum'),
      invalid('limit 101', { query: 'limit=101' }, ['limit'], 'maximum'),
      invalid('limit not a number', { query: 'limit=ten' }, ['limit'], 'type'),
      invalid('limit a fraction', { query: 'limit=2.5' }, ['limit'], 'type'),
      invalid('an unknown role', { query: 'role=superuser' }, ['role']),
      invalid('a search over 100 characters', { query: `q=${'q'.repeat(101)}` }, ['q'], 'maxLength'),
      invalid('a cursor over 254 characters', { query: `after=${'a'.repeat(255)}` }, ['after'], 'maxLength'),
      invalid('an unknown parameter', { query: 'sort=email' }, ['sort'], 'additionalProperties'),
    ],
  },
  'POST /api/admin/users': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no fields', { payload: {} }, ['fullName', 'email', 'role', 'password'], 'required'),
      invalid('missing role', { payload: { ...staff(), role: undefined } }, ['role'], 'required'),
      invalid('an unknown role', { payload: staff({ role: 'superuser' }) }, ['role']),
      invalid('role is a number', { payload: staff({ role: 2 }) }, ['role']),
      invalid('fullName is a number', { payload: staff({ fullName: 42 }) }, ['fullName'], 'type'),
      invalid('a one-letter name', { payload: staff({ fullName: 'A' }) }, ['fullName'], 'minLength'),
      invalid('a bad e-mail', { payload: staff({ email: 'examiner@' }) }, ['email'], 'format'),
      invalid('a short password', { payload: staff({ password: 'short' }) }, ['password'], 'minLength'),
      invalid(
        'an unknown property',
        { payload: staff({ nationalId: '5ZK7A2B' }) },
        ['nationalId'],
        'additionalProperties',
      ),
    ],
  },
  'PATCH /api/admin/users/:id': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('an id that is not a UUID', { id: 'not-a-uuid', payload: { role: 'examiner' } }, ['id'], 'format'),
      invalid('no role', { payload: {} }, ['role'], 'required'),
      invalid('an unknown role', { payload: { role: 'superuser' } }, ['role']),
      invalid('role is an array', { payload: { role: ['examiner', 'administrator'] } }, ['role']),
      invalid(
        'an unknown property',
        { payload: { role: 'examiner', email: 'x@example.az' } },
        ['email'],
        'additionalProperties',
      ),
      {
        name: 'an account that does not exist',
        id: '00000000-0000-4000-8000-000000000000',
        payload: { role: 'examiner' },
        status: 404,
        code: 'NOT_FOUND',
        fields: [],
      },
    ],
  },
  'POST /api/admin/users/:id/disable': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid(
        'an id that is not a UUID',
        { id: 'not-a-uuid', payload: { reason: 'left the centre' } },
        ['id'],
        'format',
      ),
      invalid('no reason', { payload: {} }, ['reason'], 'required'),
      invalid('a reason of two letters', { payload: { reason: 'no' } }, ['reason'], 'minLength'),
      invalid('a reason of blanks', { payload: { reason: '     ' } }, ['reason'], 'pattern'),
      invalid('a reason as a number', { payload: { reason: 12345 } }, ['reason'], 'type'),
      invalid('a reason over 500 characters', { payload: { reason: 'r'.repeat(501) } }, ['reason'], 'maxLength'),
      invalid(
        'an unknown property',
        { payload: { reason: 'left the centre', permanent: true } },
        ['permanent'],
        'additionalProperties',
      ),
      {
        name: 'an account that does not exist',
        id: '00000000-0000-4000-8000-000000000000',
        payload: { reason: 'left the centre' },
        status: 404,
        code: 'NOT_FOUND',
        fields: [],
      },
    ],
  },
  'POST /api/admin/users/:id/enable': {
    caller: 'administrator',
    body: false,
    cases: [
      invalid('an id that is not a UUID', BAD_UUID, ['id'], 'format'),
      {
        name: 'an account that does not exist',
        id: '00000000-0000-4000-8000-000000000000',
        status: 404,
        code: 'NOT_FOUND',
        fields: [],
      },
    ],
  },
  'POST /api/admin/users/:id/two-factor/reset': {
    caller: 'administrator',
    body: false,
    cases: [
      invalid('an id that is not a UUID', BAD_UUID, ['id'], 'format'),
      {
        name: 'an account that does not exist',
        id: '00000000-0000-4000-8000-000000000000',
        status: 404,
        code: 'NOT_FOUND',
        fields: [],
      },
    ],
  },
  'GET /api/admin/audit': {
    caller: 'administrator',
    body: false,
    cases: [
      invalid('before 0', { query: 'before=0' }, ['before'], 'minimum'),
      invalid('before not a number', { query: 'before=latest' }, ['before'], 'type'),
      invalid('before past any bigint', { query: 'before=99999999999999999999' }, ['before'], 'maximum'),
      invalid('limit 201', { query: 'limit=201' }, ['limit'], 'maximum'),
      invalid('a person over 200 characters', { query: `person=${'a'.repeat(201)}` }, ['person'], 'maxLength'),
      invalid('an action nobody writes', { query: 'action=made.up' }, ['action'], 'enum'),
      invalid('a kind of object that does not exist', { query: 'targetType=planet' }, ['targetType'], 'enum'),
      invalid('a day that is not a date', { query: 'from=2026-02-30' }, ['from'], 'format'),
      invalid(
        'a range that ends before it starts',
        { query: 'from=2026-03-05&to=2026-03-04' },
        ['to'],
        'date.before_from',
      ),
      invalid('both cursors', { query: 'before=9&after=5' }, ['after'], 'cursor.both'),
      invalid('an unknown parameter', { query: 'actorId=42' }, ['actorId'], 'additionalProperties'),
    ],
  },
  'POST /api/admin/imports/candidates': {
    caller: 'administrator',
    body: true,
    bodyLimit: 2 * 5 * 1024 * 1024 + 64 * 1024,
    cases: [
      invalid('no content', { payload: { content: '', dryRun: true } }, ['content'], 'minLength'),
      invalid('no dryRun', { payload: { content: 'national_id' } }, ['dryRun'], 'required'),
      invalid('dryRun as text', { payload: { content: 'national_id', dryRun: 'yes' } }, ['dryRun'], 'type'),
      invalid('content as a list', { payload: { content: ['a'], dryRun: true } }, ['content'], 'type'),
      invalid(
        'an unknown field',
        { payload: { content: 'a', dryRun: true, force: true } },
        ['force'],
        'additionalProperties',
      ),
    ],
  },
  'POST /api/admin/imports/bookings': {
    caller: 'administrator',
    body: true,
    bodyLimit: 2 * 5 * 1024 * 1024 + 64 * 1024,
    cases: [
      invalid('no content', { payload: { content: '', dryRun: true } }, ['content'], 'minLength'),
      invalid('no dryRun', { payload: { content: 'national_id' } }, ['dryRun'], 'required'),
      invalid('dryRun as text', { payload: { content: 'national_id', dryRun: 'yes' } }, ['dryRun'], 'type'),
      invalid('content as a list', { payload: { content: ['a'], dryRun: true } }, ['content'], 'type'),
      invalid(
        'an unknown field',
        { payload: { content: 'a', dryRun: true, force: true } },
        ['force'],
        'additionalProperties',
      ),
    ],
  },
  'GET /api/admin/audit.csv': {
    caller: 'administrator',
    body: false,
    cases: [
      invalid('a day that is not a date', { query: 'to=yesterday' }, ['to'], 'format'),
      invalid(
        'a range that ends before it starts',
        { query: 'from=2026-03-05&to=2026-03-04' },
        ['to'],
        'date.before_from',
      ),
      invalid('a cursor, which an export has no use for', { query: 'before=5' }, ['before'], 'additionalProperties'),
    ],
  },
  'GET /api/log/entries': {
    caller: 'anonymous',
    body: false,
    cases: [
      invalid('limit 0', { query: 'limit=0' }, ['limit'], 'minimum'),
      invalid('limit 101', { query: 'limit=101' }, ['limit'], 'maximum'),
      invalid('before that is not a number', { query: 'before=newest' }, ['before'], 'type'),
      invalid('before past any bigint', { query: 'before=99999999999999999999' }, ['before'], 'maximum'),
      invalid('a type over 64 characters', { query: `type=${'t'.repeat(65)}` }, ['type'], 'maxLength'),
      invalid('an unknown parameter', { query: 'after=3' }, ['after'], 'additionalProperties'),
    ],
  },
  'GET /api/log/entries/:index': {
    caller: 'anonymous',
    body: false,
    cases: [
      invalid('an index that is not a number', { id: 'latest' }, ['index'], 'type'),
      invalid('a negative index', { id: '-1' }, ['index'], 'minimum'),
      invalid('a fractional index', { id: '1.5' }, ['index'], 'type'),
      invalid('an index beyond any safe integer', { id: '9007199254740993' }, ['index'], 'maximum'),
    ],
  },
  'GET /api/log/consistency': {
    caller: 'anonymous',
    body: false,
    cases: [
      invalid('no sizes', {}, ['from', 'to'], 'required'),
      invalid('no "to"', { query: 'from=1' }, ['to'], 'required'),
      invalid('a size that is not a number', { query: 'from=one&to=2' }, ['from'], 'type'),
      invalid('a negative size', { query: 'from=-1&to=2' }, ['from'], 'minimum'),
      invalid('an unknown parameter', { query: 'from=0&to=0&tree=1' }, ['tree'], 'additionalProperties'),
    ],
  },
  'GET /api/log/checkpoints': {
    caller: 'anonymous',
    body: false,
    cases: [
      invalid('limit 0', { query: 'limit=0' }, ['limit'], 'minimum'),
      invalid('limit 101', { query: 'limit=101' }, ['limit'], 'maximum'),
      invalid('before 0', { query: 'before=0' }, ['before'], 'minimum'),
      invalid('before past any bigint', { query: 'before=99999999999999999999' }, ['before'], 'maximum'),
      invalid('an unknown parameter', { query: 'after=3' }, ['after'], 'additionalProperties'),
    ],
  },
  'POST /api/subjects/:subjectId/topics': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no fields', { payload: {} }, ['id', 'name'], 'required'),
      invalid('an id that is not a slug', { payload: { id: 'Bad Topic', name: { az: 'Mövzu' } } }, ['id'], 'pattern'),
      invalid('a name that is a string', { payload: { id: 'topic-x', name: 'Mövzu' } }, ['name'], 'type'),
      invalid(
        'a name in an unknown language',
        { payload: { id: 'topic-x', name: { fr: 'Sujet' } } },
        ['name.fr'],
        'additionalProperties',
      ),
      invalid(
        'an unknown property',
        { payload: { id: 'topic-x', name: { az: 'Mövzu' }, position: 1 } },
        ['position'],
        'additionalProperties',
      ),
      invalid(
        'a subject that is not a slug',
        { id: 'Not A Slug', payload: { id: 'topic-x', name: { az: 'Mövzu' } } },
        ['subjectId'],
        'pattern',
      ),
    ],
  },
  'GET /api/questions': {
    caller: 'administrator',
    body: false,
    cases: [
      invalid('limit 0', { query: 'limit=0' }, ['limit'], 'minimum'),
      invalid('an unknown status', { query: 'status=lost' }, ['status']),
      invalid('a subject that is not a slug', { query: 'subject=Not%20A%20Slug' }, ['subject'], 'pattern'),
      invalid('a negative cursor', { query: 'after=-1' }, ['after'], 'minimum'),
      invalid('an unknown parameter', { query: 'author=me' }, ['author'], 'additionalProperties'),
    ],
  },
  'POST /api/questions': { caller: 'administrator', body: true, cases: questionCases() },
  'POST /api/questions/import': {
    caller: 'administrator',
    body: true,
    bodyLimit: 5 * 1024 * 1024,
    cases: [
      invalid('no fields', { payload: {} }, ['format', 'content'], 'required'),
      invalid('an unknown format', { payload: { format: 'docx', content: 'x' } }, ['format']),
      invalid('empty content', { payload: { format: 'gift', content: '' } }, ['content'], 'minLength'),
      invalid('content that is not text', { payload: { format: 'csv', content: 42 } }, ['content'], 'type'),
      invalid(
        'an unknown property',
        { payload: { format: 'csv', content: 'x', dryRun: true } },
        ['dryRun'],
        'additionalProperties',
      ),
    ],
  },
  'POST /api/questions/import/check': {
    caller: 'administrator',
    body: true,
    bodyLimit: 5 * 1024 * 1024,
    cases: [
      invalid('no fields', { payload: {} }, ['format', 'content'], 'required'),
      invalid('an unknown language', { payload: { format: 'gift', content: 'x', language: 'de' } }, ['language']),
      invalid(
        'a category filed under a subject that is not a slug',
        { payload: { format: 'gift', content: 'x', categories: [{ path: 'top/A', subject: 'Not A Slug' }] } },
        ['categories.0.subject'],
        'pattern',
      ),
      invalid(
        'a category without a subject',
        { payload: { format: 'gift', content: 'x', categories: [{ path: 'top/A' }] } },
        ['categories.0.subject'],
        'required',
      ),
      invalid(
        'update that is not a boolean',
        { payload: { format: 'csv', content: 'x', update: 'yes' } },
        ['update'],
        'type',
      ),
    ],
  },
  'GET /api/questions/export': {
    caller: 'administrator',
    body: false,
    cases: [
      invalid('no format', {}, ['format'], 'required'),
      invalid('an unknown format', { query: 'format=docx' }, ['format']),
      invalid('an unknown status', { query: 'format=csv&status=lost' }, ['status']),
      invalid('an unknown parameter', { query: 'format=csv&keys=1' }, ['keys'], 'additionalProperties'),
    ],
  },
  'GET /api/questions/:id': uuidOnly('administrator'),
  'PUT /api/questions/:id': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: question() }, ['id'], 'format'),
      invalid('version 0 expected', { payload: question({ expectedVersion: 0 }) }, ['expectedVersion'], 'minimum'),
      ...questionCases(),
    ],
  },
  'GET /api/questions/:id/preview': {
    caller: 'administrator',
    body: false,
    cases: [
      invalid('no language', {}, ['language'], 'required'),
      invalid('an unknown language', { query: 'language=fr' }, ['language']),
      invalid('version 0', { query: 'language=az&version=0' }, ['version'], 'minimum'),
      invalid('an id that is not a UUID', { ...BAD_UUID, query: 'language=az' }, ['id'], 'format'),
    ],
  },
  'POST /api/questions/:id/submit': uuidOnly('administrator'),
  'POST /api/questions/:id/review': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no decision', { payload: {} }, ['decision'], 'required'),
      invalid('an unknown decision', { payload: { decision: 'maybe' } }, ['decision']),
      invalid('a comment that is not text', { payload: { decision: 'approve', comment: 5 } }, ['comment'], 'type'),
      invalid(
        'a comment over 4000 characters',
        { payload: { decision: 'approve', comment: 'c'.repeat(4001) } },
        ['comment'],
        'maxLength',
      ),
      invalid('an unknown property', { payload: { decision: 'approve', score: 5 } }, ['score'], 'additionalProperties'),
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: { decision: 'approve' } }, ['id'], 'format'),
    ],
  },
  'POST /api/questions/:id/comments': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no comment', { payload: {} }, ['comment'], 'required'),
      invalid('an empty comment', { payload: { comment: '' } }, ['comment'], 'minLength'),
      invalid(
        'an unknown property',
        { payload: { comment: 'ok', private: true } },
        ['private'],
        'additionalProperties',
      ),
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: { comment: 'ok' } }, ['id'], 'format'),
    ],
  },
  'POST /api/questions/:id/retire': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no reason', { payload: {} }, ['reason'], 'required'),
      invalid('an empty reason', { payload: { reason: '' } }, ['reason'], 'minLength'),
      invalid('a reason over 1000 characters', { payload: { reason: 'r'.repeat(1001) } }, ['reason'], 'maxLength'),
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: { reason: 'leaked' } }, ['id'], 'format'),
    ],
  },
  'GET /api/blueprints': {
    caller: 'administrator',
    body: false,
    cases: [
      invalid('archived is not a boolean', { query: 'archived=maybe' }, ['archived'], 'type'),
      invalid('an unknown parameter', { query: 'limit=5' }, ['limit'], 'additionalProperties'),
    ],
  },
  'POST /api/blueprints': { caller: 'administrator', body: true, cases: blueprintCases() },
  'GET /api/blueprints/:id': uuidOnly('administrator'),
  'PUT /api/blueprints/:id': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: blueprint() }, ['id'], 'format'),
      ...blueprintCases(),
    ],
  },
  'POST /api/blueprints/:id/archive': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no flag', { payload: {} }, ['archived'], 'required'),
      invalid('the flag as text', { payload: { archived: 'true' } }, ['archived'], 'type'),
      invalid(
        'an unknown property',
        { payload: { archived: true, reason: 'old' } },
        ['reason'],
        'additionalProperties',
      ),
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: { archived: true } }, ['id'], 'format'),
    ],
  },
  'GET /api/blueprints/:id/feasibility': {
    caller: 'administrator',
    body: false,
    cases: [
      invalid('an unknown language', { query: 'languages=fr' }, ['languages.0']),
      invalid(
        'four languages',
        { query: 'languages=az&languages=ru&languages=en&languages=az' },
        ['languages'],
        'maxItems',
      ),
      invalid('an unknown parameter', { query: 'strict=1' }, ['strict'], 'additionalProperties'),
      invalid('an id that is not a UUID', BAD_UUID, ['id'], 'format'),
    ],
  },
  'GET /api/tickets/:token': {
    caller: 'anonymous',
    body: false,
    cases: [
      invalid('a token too short', { id: 'abc' }, ['token'], 'pattern'),
      invalid('a token with a slash-free but foreign character', { id: 'abcdefghijklmnop$qrs' }, ['token'], 'pattern'),
    ],
  },
  'POST /api/sittings/:id/bookings': uuidOnly('applicant'),
  'GET /api/bookings/:id': uuidOnly('applicant'),
  'POST /api/bookings/:id/cancel': uuidOnly('applicant'),
  'GET /api/bookings/:id/ticket.pdf': {
    caller: 'applicant',
    body: false,
    cases: [
      invalid('an id that is not a UUID', BAD_UUID, ['id'], 'format'),
      invalid('an unknown language', { query: 'lang=fr' }, ['lang']),
      invalid('an unknown parameter', { query: 'size=a5' }, ['size'], 'additionalProperties'),
    ],
  },
  'POST /api/bookings/:id/start': uuidOnly('applicant'),
  'GET /api/attempts/:id': uuidOnly('applicant'),
  'PUT /api/attempts/:id/answers': {
    caller: 'applicant',
    body: true,
    cases: [
      invalid('no fields', { payload: {} }, ['versionId', 'seq', 'answer', 'flagged'], 'required'),
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: SAVE }, ['id'], 'format'),
      invalid('a sequence number of 0', { payload: { ...SAVE, seq: 0 } }, ['seq'], 'minimum'),
      invalid('a fractional sequence number', { payload: { ...SAVE, seq: 1.5 } }, ['seq'], 'type'),
      invalid('a sequence number as text', { payload: { ...SAVE, seq: '2' } }, ['seq'], 'type'),
      invalid('a version id that is not a UUID', { payload: { ...SAVE, versionId: 'q1' } }, ['versionId'], 'format'),
      invalid('an answer of an unknown kind', { payload: { ...SAVE, answer: { kind: 'essay', text: 'x' } } }, [
        'answer.kind',
      ]),
      invalid(
        'a choice answer without options',
        { payload: { ...SAVE, answer: { kind: 'choice' } } },
        ['answer.optionIds'],
        'required',
      ),
      invalid(
        'a text answer without text',
        { payload: { ...SAVE, answer: { kind: 'text', optionIds: ['a'] } } },
        ['answer.text'],
        'required',
      ),
      invalid(
        'the same option twice',
        { payload: { ...SAVE, answer: { kind: 'choice', optionIds: ['a', 'a'] } } },
        ['answer.optionIds'],
        'uniqueItems',
      ),
      invalid(
        // An essay's answer may be 20,000 characters; a short answer's 2,000 is the item's own limit (exam-integrity).
        'a text answer over 20,000 characters',
        { payload: { ...SAVE, answer: { kind: 'text', text: 't'.repeat(20_001) } } },
        ['answer.text'],
        'maxLength',
      ),
      invalid('flagged as text', { payload: { ...SAVE, flagged: 'yes' } }, ['flagged'], 'type'),
      invalid('an unknown property', { payload: { ...SAVE, score: 1 } }, ['score'], 'additionalProperties'),
    ],
  },
  'POST /api/attempts/:id/submit': uuidOnly('applicant'),
  'GET /api/attempts/:id/result': uuidOnly('applicant'),
  'GET /api/attempts/:id/deadline': uuidOnly('applicant'),
  'GET /api/attempts/:id/unsent-key': uuidOnly('applicant'),
  'POST /api/admin/sittings/:id/extend': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no fields', { payload: {} }, ['minutes', 'reason'], 'required'),
      invalid('0 minutes', { payload: { minutes: 0, reason: 'power cut' } }, ['minutes'], 'minimum'),
      invalid('a short reason', { payload: { minutes: 10, reason: 'no' } }, ['reason'], 'minLength'),
    ],
  },
  'POST /api/admin/attempts/:id/unsent-answers/inspect': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no file', { payload: {} }, ['file'], 'required'),
      invalid('a file that is not text', { payload: { file: 42 } }, ['file'], 'type'),
      invalid('an unknown property', { payload: { file: '{}', accept: true } }, ['accept'], 'additionalProperties'),
    ],
  },
  'POST /api/admin/attempts/:id/unsent-answers/accept': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no file and no reason', { payload: {} }, ['file', 'reason'], 'required'),
      invalid('no reason', { payload: { file: '{}' } }, ['reason'], 'required'),
      invalid('a reason of two letters', { payload: { file: '{}', reason: 'no' } }, ['reason'], 'minLength'),
      invalid('a file that is not text', { payload: { file: 42, reason: 'power cut' } }, ['file'], 'type'),
      invalid('a file of one character', { payload: { file: '{', reason: 'power cut' } }, ['file'], 'minLength'),
      invalid(
        'an unknown property',
        { payload: { file: '{}', reason: 'power cut', force: true } },
        ['force'],
        'additionalProperties',
      ),
      invalid(
        'an id that is not a UUID',
        { ...BAD_UUID, payload: { file: '{}', reason: 'power cut' } },
        ['id'],
        'format',
      ),
    ],
  },
  'GET /api/admin/sittings': {
    caller: 'administrator',
    body: false,
    cases: [
      invalid('an unknown status', { query: 'status=running' }, ['status']),
      invalid('an unknown parameter', { query: 'page=2' }, ['page'], 'additionalProperties'),
    ],
  },
  'POST /api/admin/sittings': { caller: 'administrator', body: true, cases: sittingCases() },
  'GET /api/admin/sittings/:id': uuidOnly('administrator'),
  'POST /api/admin/sittings/:id/open-booking': uuidOnly('administrator'),
  'POST /api/admin/sittings/:id/close-booking': uuidOnly('administrator'),
  'GET /api/admin/sittings/:id/roster': uuidOnly('administrator'),
  'GET /api/admin/sittings/:id/board': uuidOnly('administrator'),
  // Issue 15: editing a draft, rescheduling and cancelling with a reason, moving a candidate, the publication panel.
  'PUT /api/admin/sittings/:id': {
    caller: 'administrator',
    body: true,
    cases: [
      ...sittingCases(),
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: sittingBody() }, ['id'], 'format'),
    ],
  },
  'POST /api/admin/sittings/:id/reschedule': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid(
        'no fields',
        { payload: {} },
        ['startsAt', 'entryClosesAt', 'endsAt', 'bookingClosesAt', 'reason'],
        'required',
      ),
      invalid(
        'a start that is not a timestamp',
        { payload: { ...rescheduleBody(), startsAt: 'sabah saat 10' } },
        ['startsAt'],
        'format',
      ),
      invalid('a reason of two letters', { payload: { ...rescheduleBody(), reason: 'no' } }, ['reason'], 'minLength'),
      invalid(
        'an unknown property',
        { payload: { ...rescheduleBody(), rooms: [] } },
        ['rooms'],
        'additionalProperties',
      ),
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: rescheduleBody() }, ['id'], 'format'),
    ],
  },
  'POST /api/admin/sittings/:id/cancel': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no reason', { payload: {} }, ['reason'], 'required'),
      invalid('an empty reason', { payload: { reason: '' } }, ['reason'], 'minLength'),
      invalid('a reason over 1000 characters', { payload: { reason: 'r'.repeat(1001) } }, ['reason'], 'maxLength'),
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: { reason: 'Zal bağlıdır' } }, ['id'], 'format'),
    ],
  },
  'GET /api/admin/sittings/:id/publication-readiness': uuidOnly('administrator'),
  'POST /api/admin/bookings/:id/move': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no room', { payload: {} }, ['roomId'], 'required'),
      invalid('a room id that is not a UUID', { payload: { roomId: 'zal-2' } }, ['roomId'], 'format'),
      invalid('seat 0', { payload: { roomId: ZERO_ID, seat: 0 } }, ['seat'], 'minimum'),
      invalid('a seat as text', { payload: { roomId: ZERO_ID, seat: '3' } }, ['seat'], 'type'),
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: { roomId: ZERO_ID } }, ['id'], 'format'),
    ],
  },
  'PUT /api/admin/bookings/:id/accommodation': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no fields', { payload: {} }, ['extraTimePercent', 'reason'], 'required'),
      invalid(
        'negative extra time',
        { payload: { extraTimePercent: -10, reason: 'dyslexia' } },
        ['extraTimePercent'],
        'minimum',
      ),
      invalid(
        'over 200 % extra time',
        { payload: { extraTimePercent: 250, reason: 'dyslexia' } },
        ['extraTimePercent'],
        'maximum',
      ),
      invalid('no reason', { payload: { extraTimePercent: 25, reason: '' } }, ['reason'], 'minLength'),
      invalid(
        'an unknown accommodation',
        { payload: { extraTimePercent: 0, reason: 'dyslexia', accommodations: ['wheelchair'] } },
        ['accommodations.0'],
      ),
      invalid(
        'a note over 500 characters',
        { payload: { extraTimePercent: 0, reason: 'dyslexia', note: 'n'.repeat(501) } },
        ['note'],
        'maxLength',
      ),
      invalid(
        'an id that is not a UUID',
        { ...BAD_UUID, payload: { extraTimePercent: 25, reason: 'dyslexia' } },
        ['id'],
        'format',
      ),
    ],
  },
  'POST /api/admin/attempts/:id/extend': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no fields', { payload: {} }, ['minutes', 'reason'], 'required'),
      invalid('0 minutes', { payload: { minutes: 0, reason: 'power cut' } }, ['minutes'], 'minimum'),
      invalid('minutes as text', { payload: { minutes: '10', reason: 'power cut' } }, ['minutes'], 'type'),
      invalid(
        'a reason over 500 characters',
        { payload: { minutes: 10, reason: 'r'.repeat(501) } },
        ['reason'],
        'maxLength',
      ),
    ],
  },
  'POST /api/admin/attempts/:id/annul': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no reason', { payload: {} }, ['reason'], 'required'),
      invalid('a reason of two letters', { payload: { reason: 'no' } }, ['reason'], 'minLength'),
      invalid('an unknown property', { payload: { reason: 'phone use', ban: true } }, ['ban'], 'additionalProperties'),
    ],
  },
  'POST /api/admin/attempts/:id/release-hold': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no reason', { payload: {} }, ['reason'], 'required'),
      invalid('a reason of two letters', { payload: { reason: 'no' } }, ['reason'], 'minLength'),
      invalid('a reason as a number', { payload: { reason: 12345 } }, ['reason'], 'type'),
      invalid(
        'an unknown property',
        { payload: { reason: 'legacy answer', all: true } },
        ['all'],
        'additionalProperties',
      ),
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: { reason: 'legacy answer' } }, ['id'], 'format'),
    ],
  },
  'POST /api/admin/sittings/:id/publish-results': uuidOnly('administrator'),
  'GET /api/admin/sittings/:id/results': uuidOnly('administrator'),
  'GET /api/results/:sittingId': uuidOnly('anonymous', 'sittingId', 'a sitting id'),
  'GET /api/results/:sittingId/reliability': uuidOnly('anonymous', 'sittingId', 'a sitting id'),
  'GET /api/statistics/sittings/:id': uuidOnly('administrator'),
  'GET /api/statistics/sittings/:id/items.csv': uuidOnly('administrator'),
  'GET /api/statistics/questions/:questionId': uuidOnly('administrator', 'questionId', 'a question id'),
  'GET /api/statistics/blueprints/:id': uuidOnly('administrator', 'id', 'a blueprint id'),
  'GET /api/attempts/:id/review': uuidOnly('applicant'),
  'GET /api/admin/sittings/:id/results.csv': uuidOnly('administrator'),
  'GET /api/admin/sittings/:id/pass-list.pdf': {
    caller: 'administrator',
    body: false,
    cases: [
      invalid('an id that is not a UUID', BAD_UUID, ['id'], 'format'),
      invalid('an unknown language', { query: 'lang=fr' }, ['lang']),
      invalid('an unknown parameter', { query: 'size=a5' }, ['size'], 'additionalProperties'),
    ],
  },
  'GET /api/certificates/:id/pdf': {
    caller: 'applicant',
    body: false,
    cases: [
      invalid('an id that is not a UUID', BAD_UUID, ['id'], 'format'),
      invalid('an unknown language', { query: 'lang=fr' }, ['lang']),
      invalid('an unknown parameter', { query: 'format=png' }, ['format'], 'additionalProperties'),
    ],
  },
  'GET /api/certificates/verify/:code': {
    caller: 'anonymous',
    body: false,
    cases: [
      invalid('a code without its dashes', { id: 'ACDEFGHJKLMN' }, ['code'], 'pattern'),
      invalid('a code too long', { id: 'ACDE-FGHJ-KLMNP' }, ['code'], 'pattern'),
      invalid('a code with other characters', { id: 'ACDE-FGHJ-KL%3BN' }, ['code'], 'pattern'),
    ],
  },
  'POST /api/attempts/:id/appeals': {
    caller: 'applicant',
    body: true,
    cases: [
      invalid('no fields', { payload: {} }, ['versionId', 'reason'], 'required'),
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: APPEAL }, ['id'], 'format'),
      invalid(
        'a version id that is not a UUID',
        { payload: { ...APPEAL, versionId: 'item-3' } },
        ['versionId'],
        'format',
      ),
      invalid('a reason of a few letters', { payload: { ...APPEAL, reason: 'wrong' } }, ['reason'], 'minLength'),
      invalid(
        'a reason over 4000 characters',
        { payload: { ...APPEAL, reason: 'r'.repeat(4001) } },
        ['reason'],
        'maxLength',
      ),
      invalid('an unknown property', { payload: { ...APPEAL, points: 1 } }, ['points'], 'additionalProperties'),
    ],
  },
  'GET /api/appeals/queue': {
    caller: 'administrator',
    body: false,
    cases: [
      invalid('an unknown status', { query: 'status=open' }, ['status']),
      invalid('an unknown parameter', { query: 'page=2' }, ['page'], 'additionalProperties'),
    ],
  },
  'POST /api/appeals/versions/:versionId/decision': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no fields', { payload: {} }, ['outcome', 'reason'], 'required'),
      invalid('a version id that is not a UUID', { ...BAD_UUID, payload: DECISION }, ['versionId'], 'format'),
      invalid('an unknown outcome', { payload: { ...DECISION, outcome: 'uphold' } }, ['outcome']),
      invalid('a reason of a few letters', { payload: { ...DECISION, reason: 'no' } }, ['reason'], 'minLength'),
      invalid(
        'a key correction without the key',
        { payload: { ...DECISION, outcome: 'correct-key' } },
        ['key'],
        'required',
      ),
      invalid(
        'a rejection with a key',
        { payload: { ...DECISION, key: { type: 'single', correct: ['a'] } } },
        ['key'],
        'not_allowed',
      ),
      invalid('an unknown property', { payload: { ...DECISION, final: true } }, ['final'], 'additionalProperties'),
    ],
  },
  'POST /api/appeal-decisions/:id/confirm': uuidOnly('administrator'),
  'GET /api/admin/rescoring/:id': uuidOnly('administrator'),
  'POST /api/appeal-decisions/:id/decline': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no reason', { payload: {} }, ['reason'], 'required'),
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: CLOSE }, ['id'], 'format'),
      invalid('a reason of a few letters', { payload: { reason: 'no' } }, ['reason'], 'minLength'),
      invalid('a reason that is not text', { payload: { reason: 12 } }, ['reason']),
      invalid('an unknown property', { payload: { ...CLOSE, final: true } }, ['final'], 'additionalProperties'),
    ],
  },
  'POST /api/appeal-decisions/:id/withdraw': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no reason', { payload: {} }, ['reason'], 'required'),
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: CLOSE }, ['id'], 'format'),
      invalid('a reason of a few letters', { payload: { reason: 'no' } }, ['reason'], 'minLength'),
      invalid('a reason that is not text', { payload: { reason: 12 } }, ['reason']),
      invalid('an unknown property', { payload: { ...CLOSE, final: true } }, ['final'], 'additionalProperties'),
    ],
  },
  'GET /api/appeals/versions/:versionId': uuidOnly('administrator', 'versionId', 'a version id'),
  'GET /api/attempts/:id/annulment': uuidOnly('applicant'),
  'POST /api/attempts/:id/annulment-appeal': {
    caller: 'applicant',
    body: true,
    cases: [
      invalid('no reason', { payload: {} }, ['reason'], 'required'),
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: CLOSE }, ['id'], 'format'),
      invalid('a reason of a few letters', { payload: { reason: 'wrong' } }, ['reason'], 'minLength'),
      invalid('a reason over 4000 characters', { payload: { reason: 'r'.repeat(4001) } }, ['reason'], 'maxLength'),
      invalid('an unknown property', { payload: { ...CLOSE, points: 1 } }, ['points'], 'additionalProperties'),
    ],
  },
  'GET /api/admin/annulment-appeals': {
    caller: 'administrator',
    body: false,
    cases: [
      invalid('an unknown status', { query: 'status=open' }, ['status']),
      invalid('an unknown parameter', { query: 'page=2' }, ['page'], 'additionalProperties'),
    ],
  },
  'POST /api/admin/annulment-appeals/:id/decision': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no fields', { payload: {} }, ['outcome', 'reason'], 'required'),
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: ANNULMENT_DECISION }, ['id'], 'format'),
      invalid('an unknown outcome', { payload: { ...ANNULMENT_DECISION, outcome: 'annul' } }, ['outcome']),
      invalid(
        'a reason of a few letters',
        { payload: { ...ANNULMENT_DECISION, reason: 'no' } },
        ['reason'],
        'minLength',
      ),
      invalid(
        'an unknown property',
        { payload: { ...ANNULMENT_DECISION, final: true } },
        ['final'],
        'additionalProperties',
      ),
    ],
  },
  'GET /api/blueprints/:id/preview': {
    caller: 'administrator',
    body: false,
    cases: [
      invalid('no seed', {}, ['seed'], 'required'),
      invalid('a seed over 100 characters', { query: `seed=${'s'.repeat(101)}` }, ['seed'], 'maxLength'),
      invalid('an id that is not a UUID', { ...BAD_UUID, query: 'seed=abc' }, ['id'], 'format'),
    ],
  },
  // Competitions.
  'GET /api/competitions/rounds/:id': uuidOnly('anonymous'),
  'GET /api/competitions/vacancies/:id': uuidOnly('anonymous'),
  'GET /api/competitions/vacancies/:id/eligibility': uuidOnly('applicant'),
  'POST /api/applications': {
    caller: 'applicant',
    body: true,
    cases: [
      invalid('no vacancy', { payload: {} }, ['vacancyId'], 'required'),
      invalid('a vacancy id that is not a UUID', { payload: { vacancyId: 'V-1' } }, ['vacancyId'], 'format'),
      invalid('an unknown property', { payload: { vacancyId: ZERO_ID, rank: 1 } }, ['rank'], 'additionalProperties'),
    ],
  },
  'GET /api/applications/:id': uuidOnly('applicant'),
  'POST /api/applications/:id/withdraw': uuidOnly('applicant'),
  'POST /api/interviews/applications/:id/scores': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no scores', { payload: {} }, ['scores'], 'required'),
      invalid('no criterion scored', { payload: { scores: {} } }, ['scores'], 'minProperties'),
      invalid('a negative score', { payload: { scores: { knowledge: -1 } } }, ['scores.knowledge'], 'minimum'),
      invalid('a score as text', { payload: { scores: { knowledge: 'ten' } } }, ['scores.knowledge'], 'type'),
      invalid('a fractional score', { payload: { scores: { knowledge: 7.5 } } }, ['scores.knowledge'], 'type'),
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: { scores: { knowledge: 5 } } }, ['id'], 'format'),
    ],
  },
  'GET /api/admin/sittings/:id/marking': uuidOnly('administrator'),
  'POST /api/admin/sittings/:id/marking': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid(
        'no markers',
        { payload: { chiefId: BAD_UUID.id, threshold: 3, rule: 'chief' } },
        ['markerIds', 'chiefId'],
        undefined,
      ),
      invalid(
        'one marker only',
        {
          payload: {
            markerIds: ['00000000-0000-4000-8000-000000000001'],
            chiefId: '00000000-0000-4000-8000-000000000002',
            threshold: 3,
            rule: 'chief',
          },
        },
        ['markerIds'],
        'minItems',
      ),
      invalid(
        'a negative threshold',
        {
          payload: {
            markerIds: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000003'],
            chiefId: '00000000-0000-4000-8000-000000000002',
            threshold: -1,
            rule: 'chief',
          },
        },
        ['threshold'],
        'minimum',
      ),
      invalid(
        'an unknown rule',
        {
          payload: {
            markerIds: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000003'],
            chiefId: '00000000-0000-4000-8000-000000000002',
            threshold: 3,
            rule: 'median',
          },
        },
        ['rule'],
      ),
    ],
  },
  'POST /api/admin/sittings/:id/marking/reveal': uuidOnly('administrator'),
  'GET /api/marking/scripts/:code': {
    caller: 'administrator',
    body: false,
    cases: [invalid('a code not in the script form', { id: 'nope' }, ['code'], 'pattern')],
  },
  'POST /api/marking/scripts/:code/marks': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no criteria', { id: 'S-ABCDEFGH', payload: {} }, ['criteria'], 'required'),
      invalid('an empty list', { id: 'S-ABCDEFGH', payload: { criteria: [] } }, ['criteria'], 'minItems'),
      invalid(
        'points above 100',
        { id: 'S-ABCDEFGH', payload: { criteria: [{ criterionId: 'content', points: 101, justification: 'Yaxşı.' }] } },
        ['criteria.0.points'],
        'maximum',
      ),
      invalid(
        'no justification',
        { id: 'S-ABCDEFGH', payload: { criteria: [{ criterionId: 'content', points: 5, justification: '' }] } },
        ['criteria.0.justification'],
        'minLength',
      ),
      invalid(
        'a code not in the script form',
        { id: 'nope', payload: { criteria: [{ criterionId: 'content', points: 5, justification: 'Yaxşı.' }] } },
        ['code'],
        'pattern',
      ),
    ],
  },
  'GET /api/attempts/:id/written': uuidOnly('applicant'),
  'POST /api/admin/sittings/:id/marking/late': uuidOnly('administrator'),
  'POST /api/attempts/:id/written/appeals': {
    caller: 'applicant',
    body: true,
    cases: [
      invalid('no fields', { payload: {} }, ['scriptCode', 'reason'], 'required'),
      invalid('a short reason', { payload: { scriptCode: 'S-ABCDEFGH', reason: 'Unfair.' } }, ['reason'], 'minLength'),
      invalid(
        'a reason too long',
        { payload: { scriptCode: 'S-ABCDEFGH', reason: 'x'.repeat(4_001) } },
        ['reason'],
        'maxLength',
      ),
      invalid(
        'a code not in the script form',
        { payload: { scriptCode: 's-abc', reason: 'The marking ignored my argument.' } },
        ['scriptCode'],
        'pattern',
      ),
      invalid(
        'an id that is not a UUID',
        { ...BAD_UUID, payload: { scriptCode: 'S-ABCDEFGH', reason: 'The marking ignored my argument.' } },
        ['id'],
        'format',
      ),
    ],
  },
  'GET /api/marking/appeals/:code': {
    caller: 'administrator',
    body: false,
    cases: [invalid('a code not in the script form', { id: 'nope' }, ['code'], 'pattern')],
  },
  'POST /api/marking/appeals/:code/decision': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no fields', { id: 'S-ABCDEFGH', payload: {} }, ['outcome', 'reason'], 'required'),
      invalid(
        'an unknown outcome',
        { id: 'S-ABCDEFGH', payload: { outcome: 'partly', reason: 'The marking stands as it is.' } },
        ['outcome'],
      ),
      invalid(
        'a short reason',
        { id: 'S-ABCDEFGH', payload: { outcome: 'rejected', reason: 'No.' } },
        ['reason'],
        'minLength',
      ),
      invalid(
        'points above 100',
        {
          id: 'S-ABCDEFGH',
          payload: {
            outcome: 'upheld',
            reason: 'The content deserves more.',
            criteria: [{ criterionId: 'content', points: 101 }],
          },
        },
        ['criteria.0.points'],
        'maximum',
      ),
      invalid(
        'an empty list of marks',
        { id: 'S-ABCDEFGH', payload: { outcome: 'upheld', reason: 'The content deserves more.', criteria: [] } },
        ['criteria'],
        'minItems',
      ),
      invalid(
        'a code not in the script form',
        { id: 'nope', payload: { outcome: 'rejected', reason: 'The marking stands as it is.' } },
        ['code'],
        'pattern',
      ),
    ],
  },
  'POST /api/admin/agencies': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no fields', { payload: {} }, ['code', 'name'], 'required'),
      invalid('a code in lower case', { payload: { code: 'asan', name: { az: 'ASAN' } } }, ['code'], 'pattern'),
      invalid('no Azerbaijani name', { payload: { code: 'ASAN', name: { en: 'ASAN' } } }, ['name.az'], 'required'),
      invalid('a name in an unknown language', { payload: { code: 'ASAN', name: { az: 'A', fr: 'A' } } }, ['name.fr']),
    ],
  },
  'PUT /api/admin/agencies/:id': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('an empty name', { payload: { code: 'ASAN', name: { az: '' } } }, ['name.az'], 'minLength'),
      invalid(
        'an id that is not a UUID',
        { ...BAD_UUID, payload: { code: 'ASAN', name: { az: 'A' } } },
        ['id'],
        'format',
      ),
    ],
  },
  'DELETE /api/admin/agencies/:id': uuidOnly('administrator'),
  'POST /api/admin/rounds': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no fields', { payload: {} }, ['code', 'title', 'testWeight', 'interviewWeight', 'rubric'], 'required'),
      invalid(
        'both weights zero',
        { payload: round({ testWeight: 0, interviewWeight: 0 }) },
        ['interviewWeight'],
        'weights_zero',
      ),
      invalid('a negative weight', { payload: round({ testWeight: -1 }) }, ['testWeight'], 'minimum'),
      invalid('an empty rubric', { payload: round({ rubric: [] }) }, ['rubric'], 'minItems'),
      invalid(
        'a criterion worth nothing',
        { payload: round({ rubric: [{ key: 'knowledge', name: { az: 'Bilik' }, maxPoints: 0 }] }) },
        ['rubric.0.maxPoints'],
        'minimum',
      ),
      invalid(
        'two criteria with one key',
        { payload: round({ rubric: [CRITERION, CRITERION] }) },
        ['rubric.1.key'],
        'duplicate',
      ),
      invalid(
        'a limit of no applications',
        { payload: round({ applicationLimit: 0 }) },
        ['applicationLimit'],
        'minimum',
      ),
    ],
  },
  'GET /api/admin/rounds/:id': uuidOnly('administrator'),
  'PUT /api/admin/rounds/:id': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: round() }, ['id'], 'format'),
      invalid('weights as text', { payload: round({ testWeight: '40' }) }, ['testWeight'], 'type'),
    ],
  },
  'POST /api/admin/rounds/:id/vacancies': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no fields', { payload: {} }, VACANCY_FIELDS, 'required'),
      invalid('no places', { payload: vacancy({ places: 0 }) }, ['places'], 'minimum'),
      invalid(
        'a deadline that is not a date',
        { payload: vacancy({ applicationDeadline: 'tomorrow' }) },
        ['applicationDeadline'],
        'format',
      ),
      invalid('an agency id that is not a UUID', { payload: vacancy({ agencyId: 'ASAN' }) }, ['agencyId'], 'format'),
      invalid(
        'a category code in lower case',
        { payload: vacancy({ categoryCode: 'ab' }) },
        ['categoryCode'],
        'pattern',
      ),
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: vacancy() }, ['id'], 'format'),
    ],
  },
  'GET /api/competitions/rounds/:id/stages': uuidOnly('anonymous'),
  'GET /api/applications/:id/stages': uuidOnly('applicant'),
  'GET /api/admin/rounds/:id/stages': uuidOnly('administrator'),
  'PUT /api/admin/rounds/:id/stages': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no stages', { payload: {} }, ['stages'], 'required'),
      invalid('a stage of no known kind', { payload: { stages: [{ ...STAGE, kind: 'essay' }] } }, ['stages.0.kind']),
      invalid('a negative weight', { payload: { stages: [{ ...STAGE, weight: -1 }] } }, ['stages.0.weight'], 'minimum'),
      invalid('a minimum above 100', { payload: { stages: [{ ...STAGE, minScore: 101 }] } }, ['stages.0.minScore']),
      invalid(
        'a top share above 100 %',
        { payload: { stages: [{ ...STAGE, top: { kind: 'share', value: 150 } }] } },
        ['stages.0.top.value'],
        'too_large',
      ),
      invalid(
        'written work without its blueprint',
        { payload: { stages: [{ ...STAGE, kind: 'written' }] } },
        ['stages.0.blueprintId'],
        'required',
      ),
      invalid(
        'a blueprint that does not exist',
        { payload: { stages: [{ ...STAGE, blueprintId: ZERO_ID }] } },
        ['stages.0.blueprintId'],
        'unknown',
      ),
      invalid(
        'the commission first',
        { payload: { stages: [{ ...STAGE, kind: 'commission' }] } },
        ['stages.0.kind'],
        'commission_first',
      ),
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: { stages: [STAGE] } }, ['id'], 'format'),
    ],
  },
  // ':position' stays in the URL as sent: a position that is not a number.
  'GET /api/admin/vacancies/:id/stages/:position': {
    caller: 'administrator',
    body: false,
    cases: [
      invalid('a position that is not a number', {}, ['position'], 'type'),
      invalid('an id that is not a UUID', BAD_UUID, ['id', 'position']),
    ],
  },
  'POST /api/admin/vacancies/:id/stages/:position/advance': {
    caller: 'administrator',
    body: false,
    cases: [
      invalid('a position that is not a number', {}, ['position'], 'type'),
      invalid('an id that is not a UUID', BAD_UUID, ['id', 'position']),
    ],
  },
  'POST /api/admin/rounds/:id/announce': uuidOnly('administrator'),
  'GET /api/admin/vacancies/:id': uuidOnly('administrator'),
  'PUT /api/admin/vacancies/:id': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('an empty location', { payload: vacancy({ location: '' }) }, ['location'], 'minLength'),
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: vacancy() }, ['id'], 'format'),
    ],
  },
  'DELETE /api/admin/vacancies/:id': uuidOnly('administrator'),
  'POST /api/admin/vacancies/:id/close': uuidOnly('administrator'),
  'PUT /api/admin/vacancies/:id/panel': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no members', { payload: {} }, ['members'], 'required'),
      invalid('two members', { payload: { members: PANEL.slice(0, 2) } }, ['members'], 'minItems'),
      invalid(
        'an unknown panel role',
        { payload: { members: [...PANEL.slice(0, 2), { userId: ZERO_ID, panelRole: 'observer' }] } },
        ['members.2.panelRole'],
      ),
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: { members: PANEL } }, ['id'], 'format'),
    ],
  },
  'PUT /api/admin/applications/:id/slot': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no fields', { payload: {} }, ['startsAt', 'location'], 'required'),
      invalid(
        'a time that is not a date',
        { payload: { startsAt: 'soon', location: 'Otaq 1' } },
        ['startsAt'],
        'format',
      ),
      invalid(
        'an id that is not a UUID',
        { ...BAD_UUID, payload: { startsAt: '2030-01-01T10:00:00Z', location: 'Otaq 1' } },
        ['id'],
        'format',
      ),
    ],
  },
  'POST /api/admin/applications/:id/absent': uuidOnly('administrator'),
  'POST /api/admin/vacancies/:id/ranking': uuidOnly('administrator'),
  'POST /api/admin/vacancies/:id/appointments': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no application', { payload: {} }, ['applicationId'], 'required'),
      invalid(
        'an application id that is not a UUID',
        { payload: { applicationId: 'first' } },
        ['applicationId'],
        'format',
      ),
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: { applicationId: ZERO_ID } }, ['id'], 'format'),
    ],
  },
  // The public register: its lists, exports, details and statistics take only their query and path.
  'GET /api/register/appointments': {
    caller: 'anonymous',
    body: false,
    cases: [
      invalid('an unknown sort', { query: 'sort=random' }, ['sort']),
      invalid('a page of none', { query: 'limit=0' }, ['limit'], 'minimum'),
      invalid('a page over the maximum', { query: 'limit=201' }, ['limit'], 'maximum'),
      invalid('a date that is not one', { query: 'from=2026-02-30' }, ['from'], 'format'),
      invalid('a range ending before it starts', { query: 'from=2026-03-10&to=2026-03-01' }, ['to'], 'range.reversed'),
      invalid('a cursor it never gave', { query: 'cursor=bm90LWEtY3Vyc29y' }, ['cursor'], 'cursor.invalid'),
      ...forgedCursorCases('-date', '-score', 'name'),
      ...outOfRangeDateCases(),
      invalid('a search over 200 characters', { query: `q=${'a'.repeat(201)}` }, ['q'], 'maxLength'),
      invalid('an agency code with other characters', { query: 'agency=A%3BB' }, ['agency'], 'pattern'),
      invalid('an unknown parameter', { query: 'page=2' }, ['page'], 'additionalProperties'),
    ],
  },
  'GET /api/register/appointments.csv': {
    caller: 'anonymous',
    body: false,
    cases: [
      invalid('a date that is not one', { query: 'to=yesterday' }, ['to'], 'format'),
      invalid('a range ending before it starts', { query: 'from=2026-03-10&to=2026-03-01' }, ['to'], 'range.reversed'),
      invalid('a cursor, which an export does not take', { query: 'cursor=abc' }, ['cursor'], 'additionalProperties'),
      invalid('a byte-order mark asked for with a word', { query: 'bom=yes' }, ['bom']),
    ],
  },
  'GET /api/register/appointments.json': {
    caller: 'anonymous',
    body: false,
    cases: [
      invalid('an unknown sort', { query: 'sort=points' }, ['sort']),
      invalid('a limit, which an export does not take', { query: 'limit=5' }, ['limit'], 'additionalProperties'),
      invalid('a byte-order mark, which only the CSV takes', { query: 'bom=1' }, ['bom'], 'additionalProperties'),
    ],
  },
  'GET /api/register/appointments/:id': uuidOnly('anonymous'),
  'GET /api/register/results': {
    caller: 'anonymous',
    body: false,
    cases: [
      invalid('a sort of appointments', { query: 'sort=-score' }, ['sort']),
      invalid('an agency, which results do not have', { query: 'agency=SN' }, ['agency'], 'additionalProperties'),
      invalid('a limit that is not a number', { query: 'limit=ten' }, ['limit']),
      invalid('a cursor it never gave', { query: 'cursor=WyItZGF0ZSIsIngiLDFd' }, ['cursor'], 'cursor.invalid'),
      ...forgedCursorCases('-date', '-points'),
      ...outOfRangeDateCases(),
    ],
  },
  'GET /api/register/results.csv': {
    caller: 'anonymous',
    body: false,
    cases: [
      invalid('a sitting code with other characters', { query: 'sitting=S%201' }, ['sitting'], 'pattern'),
      invalid('a date that is not one', { query: 'from=01.03.2026' }, ['from'], 'format'),
      ...outOfRangeDateCases(),
    ],
  },
  'GET /api/register/results.json': {
    caller: 'anonymous',
    body: false,
    cases: [invalid('a category code too long', { query: `category=${'A'.repeat(41)}` }, ['category'], 'pattern')],
  },
  'GET /api/register/results/:candidateCode': {
    caller: 'anonymous',
    body: false,
    cases: [
      invalid('a code with other characters', { id: 'ACDE%3BGHJ' }, ['candidateCode'], 'pattern'),
      invalid('a code too long', { id: 'ACDEFGHJACDEFGHJK' }, ['candidateCode'], 'pattern'),
    ],
  },
  'GET /api/register/vacancies': {
    caller: 'anonymous',
    body: false,
    cases: [
      invalid('an unknown status', { query: 'status=hidden' }, ['status']),
      invalid('a sort by name', { query: 'sort=name' }, ['sort']),
      invalid(
        'a cursor for another sort',
        { query: 'sort=deadline&cursor=WyItZGF0ZSIsIngiLDFd' },
        ['cursor'],
        'cursor.invalid',
      ),
      ...forgedCursorCases('deadline', '-date').slice(0, 3),
      ...outOfRangeDateCases(),
    ],
  },
  'GET /api/register/vacancies.csv': {
    caller: 'anonymous',
    body: false,
    cases: [invalid('an unknown status', { query: 'status=draft' }, ['status'])],
  },
  'GET /api/register/vacancies.json': {
    caller: 'anonymous',
    body: false,
    cases: [
      invalid('a range ending before it starts', { query: 'from=2026-03-02&to=2026-03-01' }, ['to'], 'range.reversed'),
      ...outOfRangeDateCases(),
    ],
  },
  'GET /api/register/vacancies/:id': uuidOnly('anonymous'),
  'GET /api/register/statistics': {
    caller: 'anonymous',
    body: false,
    cases: [
      invalid('no sittings', { query: 'sittings=0' }, ['sittings'], 'minimum'),
      invalid('a sitting code with other characters', { query: 'sitting=a%20b' }, ['sitting'], 'pattern'),
      invalid('an unknown parameter', { query: 'year=2026' }, ['year'], 'additionalProperties'),
    ],
  },
  'GET /api/notices': {
    caller: 'applicant',
    body: false,
    cases: [
      invalid('page 0', { query: 'page=0' }, ['page'], 'minimum'),
      invalid('limit 101', { query: 'limit=101' }, ['limit'], 'maximum'),
      invalid('a language the interface lacks', { query: 'lang=fr' }, ['lang']),
      invalid('an unknown parameter', { query: 'unread=true' }, ['unread'], 'additionalProperties'),
    ],
  },
  'POST /api/notices/:id/read': {
    caller: 'applicant',
    body: false,
    cases: [
      invalid('an id that is not a UUID', BAD_UUID, ['id'], 'format'),
      {
        name: 'a notice that does not exist',
        id: '00000000-0000-4000-8000-000000000000',
        status: 404,
        code: 'NOT_FOUND',
        fields: [],
      },
    ],
  },
  // Takes no body, but must still refuse a broken one before marking anything.
  'POST /api/notices/read-all': { caller: 'applicant', body: false, cases: [] },
  'PUT /api/notices/language': {
    caller: 'applicant',
    body: true,
    cases: [
      invalid('no language', { payload: {} }, ['language'], 'required'),
      invalid('a language the interface lacks', { payload: { language: 'fr' } }, ['language']),
      invalid('a language as a number', { payload: { language: 1 } }, ['language']),
      invalid(
        'an unknown property',
        { payload: { language: 'ru', userId: '00000000-0000-4000-8000-000000000001' } },
        ['userId'],
        'additionalProperties',
      ),
    ],
  },
  'GET /api/admin/outbox': {
    caller: 'administrator',
    body: false,
    cases: [
      invalid('page 0', { query: 'page=0' }, ['page'], 'minimum'),
      invalid('limit 101', { query: 'limit=101' }, ['limit'], 'maximum'),
      invalid('limit not a number', { query: 'limit=ten' }, ['limit'], 'type'),
      invalid('an unknown parameter', { query: 'status=failed' }, ['status'], 'additionalProperties'),
    ],
  },
  'GET /api/invigilation/rooms': {
    caller: 'invigilator',
    body: false,
    cases: [
      invalid('page 0', { query: 'page=0' }, ['page'], 'minimum'),
      invalid('a page past 100000', { query: 'page=100001' }, ['page'], 'maximum'),
      invalid('a page of text', { query: 'page=two' }, ['page'], 'type'),
      invalid('an unknown parameter', { query: 'sitting=x' }, ['sitting'], 'additionalProperties'),
    ],
  },
  'GET /api/invigilation/rooms/:id': uuidOnly('administrator'),
  'POST /api/invigilation/rooms/:id/attendance': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid(
        'an id that is not a UUID',
        { id: 'not-a-uuid', payload: { bookingId: '00000000-0000-4000-8000-000000000001', mark: 'present' } },
        ['id'],
      ),
      invalid('no fields', { payload: {} }, ['bookingId', 'mark'], 'required'),
      invalid(
        'a booking id that is not a UUID',
        { payload: { bookingId: 'b-1', mark: 'present' } },
        ['bookingId'],
        'format',
      ),
      invalid('an unknown mark', { payload: { bookingId: '00000000-0000-4000-8000-000000000001', mark: 'late' } }, [
        'mark',
      ]),
      invalid('a mark as a boolean', { payload: { bookingId: '00000000-0000-4000-8000-000000000001', mark: true } }, [
        'mark',
      ]),
      invalid(
        'a reason over 500 characters',
        {
          payload: { bookingId: '00000000-0000-4000-8000-000000000001', mark: 'turned-away', reason: 'r'.repeat(501) },
        },
        ['reason'],
        'maxLength',
      ),
      invalid(
        'an unknown property',
        { payload: { bookingId: '00000000-0000-4000-8000-000000000001', mark: 'present', seat: 'A1' } },
        ['seat'],
        'additionalProperties',
      ),
    ],
  },
  'POST /api/invigilation/rooms/:id/incidents': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('an id that is not a UUID', { id: 'not-a-uuid', payload: { kind: 'other', note: 'a fire alarm' } }, [
        'id',
      ]),
      invalid('no fields', { payload: {} }, ['kind', 'note'], 'required'),
      invalid('an unknown kind', { payload: { kind: 'flood', note: 'a fire alarm' } }, ['kind']),
      invalid('a note of two letters', { payload: { kind: 'other', note: 'no' } }, ['note'], 'minLength'),
      invalid(
        'a note over 2000 characters',
        { payload: { kind: 'other', note: 'n'.repeat(2001) } },
        ['note'],
        'maxLength',
      ),
      invalid('a time that is not one', { payload: { kind: 'other', note: 'a fire alarm', occurredAt: 'at noon' } }, [
        'occurredAt',
      ]),
      invalid(
        'a booking id that is not a UUID',
        { payload: { kind: 'illness', note: 'fainted', bookingId: 'b-1' } },
        ['bookingId'],
        'format',
      ),
      invalid(
        'an unknown property',
        { payload: { kind: 'other', note: 'a fire alarm', severity: 'high' } },
        ['severity'],
        'additionalProperties',
      ),
    ],
  },
  ...Object.fromEntries(
    ['roster.pdf', 'attendance.pdf', 'seat-plan.pdf'].map((document): [string, Route] => [
      `GET /api/invigilation/rooms/:id/${document}`,
      {
        caller: 'administrator',
        body: false,
        cases: [
          invalid('an id that is not a UUID', BAD_UUID, ['id'], 'format'),
          invalid('an unknown language', { query: 'lang=fr' }, ['lang']),
          invalid('an unknown parameter', { query: 'size=a5' }, ['size'], 'additionalProperties'),
        ],
      },
    ]),
  ),
  'GET /api/admin/sittings/:id/invigilators': uuidOnly('administrator'),
  'POST /api/admin/rooms/:id/invigilators': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid(
        'an id that is not a UUID',
        { id: 'not-a-uuid', payload: { userId: '00000000-0000-4000-8000-000000000001' } },
        ['id'],
        'format',
      ),
      invalid('no user', { payload: {} }, ['userId'], 'required'),
      invalid('a user id that is not a UUID', { payload: { userId: 'someone' } }, ['userId'], 'format'),
      invalid('a user id as a number', { payload: { userId: 7 } }, ['userId'], 'type'),
      invalid(
        'an unknown property',
        { payload: { userId: '00000000-0000-4000-8000-000000000001', role: 'lead' } },
        ['role'],
        'additionalProperties',
      ),
    ],
  },
  'DELETE /api/admin/rooms/:id/invigilators/:userId': {
    caller: 'administrator',
    body: false,
    // The bad value goes into both the room's and the person's place in the path.
    cases: [invalid('ids that are not UUIDs', BAD_UUID, ['id', 'userId'], 'format')],
  },
  'GET /api/admin/sittings/:id/incidents': {
    caller: 'administrator',
    body: false,
    cases: [
      invalid('an id that is not a UUID', BAD_UUID, ['id'], 'format'),
      invalid('page 0', { query: 'page=0' }, ['page'], 'minimum'),
      invalid('an unknown parameter', { query: 'kind=other' }, ['kind'], 'additionalProperties'),
    ],
  },
  'POST /api/admin/incidents/:id/extend': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('an id that is not a UUID', { id: 'not-a-uuid', payload: { minutes: 10, reason: 'power cut' } }, ['id']),
      invalid('no fields', { payload: {} }, ['minutes', 'reason'], 'required'),
      invalid('0 minutes', { payload: { minutes: 0, reason: 'power cut' } }, ['minutes'], 'minimum'),
      invalid('over 240 minutes', { payload: { minutes: 241, reason: 'power cut' } }, ['minutes'], 'maximum'),
      invalid('minutes as text', { payload: { minutes: '10', reason: 'power cut' } }, ['minutes'], 'type'),
      invalid('a reason of two letters', { payload: { minutes: 10, reason: 'no' } }, ['reason'], 'minLength'),
      invalid(
        'an unknown property',
        { payload: { minutes: 10, reason: 'power cut', everyone: true } },
        ['everyone'],
        'additionalProperties',
      ),
    ],
  },
  'POST /api/admin/incidents/:id/annul': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('an id that is not a UUID', { id: 'not-a-uuid', payload: { reason: 'phone use' } }, ['id'], 'format'),
      invalid('no reason', { payload: {} }, ['reason'], 'required'),
      invalid('a reason of two letters', { payload: { reason: 'no' } }, ['reason'], 'minLength'),
      invalid('a reason over 1000 characters', { payload: { reason: 'r'.repeat(1001) } }, ['reason'], 'maxLength'),
      invalid('an unknown property', { payload: { reason: 'phone use', ban: true } }, ['ban'], 'additionalProperties'),
    ],
  },
  // Consultations (issue 17)
  'POST /api/consultations': {
    caller: 'anonymous',
    body: true,
    cases: [
      invalid('no fields', { payload: {} }, ['topic', 'language', 'subject', 'question'], 'required'),
      invalid('an unknown topic', { payload: ASK({ topic: 'weather' }) }, ['topic']),
      invalid('an unknown language', { payload: ASK({ language: 'de' }) }, ['language']),
      invalid('a question of a few letters', { payload: ASK({ question: 'why?' }) }, ['question'], 'minLength'),
      invalid(
        'a question over 4000 characters',
        { payload: ASK({ question: 'q'.repeat(4001) }) },
        ['question'],
        'maxLength',
      ),
      invalid('an address that is not one', { payload: ASK({ email: 'not-an-address' }) }, ['email'], 'format'),
      invalid('no address, asked anonymously', { payload: ASK({ email: undefined }) }, ['email'], 'required'),
      invalid('a blank subject', { payload: ASK({ subject: '     ' }) }, ['subject'], 'required'),
      invalid(
        'tied to a booking without an account',
        { payload: ASK({ related: { type: 'booking', id: '00000000-0000-4000-8000-000000000000' } }) },
        ['related'],
        'consultation.related_needs_account',
      ),
      invalid(
        'an unknown kind of thing tied',
        { payload: ASK({ related: { type: 'sitting', id: '00000000-0000-4000-8000-000000000000' } }) },
        ['related.type'],
      ),
      invalid('an unknown property', { payload: ASK({ urgent: true }) }, ['urgent'], 'additionalProperties'),
    ],
  },
  'GET /api/faq': {
    caller: 'anonymous',
    body: false,
    cases: [
      invalid('an unknown topic', { query: 'topic=weather' }, ['topic']),
      invalid('page 0', { query: 'page=0' }, ['page'], 'minimum'),
      invalid('an unknown way to match', { query: 'q=a&match=some' }, ['match']),
      invalid('a search over 200 characters', { query: `q=${'a'.repeat(201)}` }, ['q'], 'maxLength'),
      invalid('an unknown parameter', { query: 'sort=new' }, ['sort'], 'additionalProperties'),
    ],
  },
  'GET /api/consultations/:id': uuidOnly('applicant'),
  'POST /api/consultations/:id/reply': {
    caller: 'applicant',
    body: true,
    cases: [
      invalid('no body', { payload: {} }, ['body'], 'required'),
      invalid(
        'an id that is not a UUID',
        { ...BAD_UUID, payload: { body: 'Cavab məni qane etmədi.' } },
        ['id'],
        'format',
      ),
      invalid('a reply of a few letters', { payload: { body: 'no' } }, ['body'], 'minLength'),
      invalid(
        'an unknown property',
        { payload: { body: 'Cavab məni qane etmədi.', urgent: true } },
        ['urgent'],
        'additionalProperties',
      ),
    ],
  },
  'GET /api/ratings': {
    caller: 'applicant',
    body: false,
    cases: [
      invalid('no parameters', { query: '' }, ['subjectType', 'subjectId'], 'required'),
      invalid(
        'an unknown kind of thing',
        { query: `subjectType=sitting&subjectId=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}` },
        ['subjectType'],
      ),
      invalid('an id that is not a UUID', { query: 'subjectType=attempt&subjectId=x' }, ['subjectId'], 'format'),
    ],
  },
  'POST /api/ratings': {
    caller: 'applicant',
    body: true,
    cases: [
      invalid('no fields', { payload: {} }, ['subjectType', 'subjectId', 'score'], 'required'),
      invalid('a score of 0', { payload: RATE({ score: 0 }) }, ['score'], 'minimum'),
      invalid('a score of 6', { payload: RATE({ score: 6 }) }, ['score'], 'maximum'),
      invalid('a score of 3.5', { payload: RATE({ score: 3.5 }) }, ['score'], 'type'),
      invalid('an unknown kind of thing', { payload: RATE({ subjectType: 'sitting' }) }, ['subjectType']),
      invalid(
        'a comment over 2000 characters',
        { payload: RATE({ comment: 'c'.repeat(2001) }) },
        ['comment'],
        'maxLength',
      ),
      invalid('an unknown property', { payload: RATE({ anonymous: true }) }, ['anonymous'], 'additionalProperties'),
    ],
  },
  'GET /api/admin/consultations': {
    caller: 'administrator',
    body: false,
    cases: [
      invalid('an unknown status', { query: 'status=closed' }, ['status']),
      invalid('an unknown topic', { query: 'topic=weather' }, ['topic']),
      invalid('page 0', { query: 'page=0' }, ['page'], 'minimum'),
      invalid('an unknown parameter', { query: 'holder=me' }, ['holder'], 'additionalProperties'),
    ],
  },
  'GET /api/admin/consultations/:id': uuidOnly('administrator'),
  'POST /api/admin/consultations/:id/take': uuidOnly('administrator'),
  'POST /api/admin/consultations/:id/answer': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no body', { payload: {} }, ['body'], 'required'),
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: { body: 'Cavabımız belədir.' } }, ['id'], 'format'),
      invalid('an answer of a few letters', { payload: { body: 'yes' } }, ['body'], 'minLength'),
      invalid('an answer over 4000 characters', { payload: { body: 'a'.repeat(4001) } }, ['body'], 'maxLength'),
      invalid(
        'an unknown property',
        { payload: { body: 'Cavabımız belədir.', language: 'az' } },
        ['language'],
        'additionalProperties',
      ),
    ],
  },
  'POST /api/admin/consultations/:id/pass': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no note', { payload: {} }, ['note'], 'required'),
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: { note: 'Həmkar baxsın.' } }, ['id'], 'format'),
      invalid('an unknown topic', { payload: { note: 'Həmkar baxsın.', topic: 'weather' } }, ['topic']),
      invalid(
        'an official id that is not a UUID',
        { payload: { note: 'Həmkar baxsın.', toUserId: 'x' } },
        ['toUserId'],
        'format',
      ),
      invalid(
        'an unknown property',
        { payload: { note: 'Həmkar baxsın.', urgent: true } },
        ['urgent'],
        'additionalProperties',
      ),
    ],
  },
  'POST /api/admin/faq': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no fields', { payload: {} }, ['topic', 'question', 'answer'], 'required'),
      invalid(
        'no Russian answer',
        { payload: FAQ({ answer: { az: 'Cavab', en: 'Answer' } }) },
        ['answer.ru'],
        'required',
      ),
      invalid(
        'a blank English question',
        { payload: FAQ({ question: { az: 'Sual?', ru: 'Вопрос?', en: '    ' } }) },
        ['question.en'],
        'required',
      ),
      invalid('an unknown topic', { payload: FAQ({ topic: 'weather' }) }, ['topic']),
      invalid(
        'a consultation id that is not a UUID',
        { payload: FAQ({ consultationId: 'x' }) },
        ['consultationId'],
        'format',
      ),
      invalid(
        'an unknown consultation',
        { payload: FAQ({ consultationId: '00000000-0000-4000-8000-000000000000' }) },
        ['consultationId'],
        'consultation.not_found',
      ),
      invalid('an unknown property', { payload: FAQ({ published: false }) }, ['published'], 'additionalProperties'),
    ],
  },
  'PUT /api/admin/faq/:id': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no fields', { payload: {} }, ['topic', 'question', 'answer'], 'required'),
      invalid('an id that is not a UUID', { ...BAD_UUID, payload: FAQ() }, ['id'], 'format'),
      invalid(
        'an answer in German',
        { payload: FAQ({ answer: { az: 'Cavab', ru: 'Ответ', en: 'Answer', de: 'Antwort' } }) },
        ['answer.de'],
        'additionalProperties',
      ),
    ],
  },
  'POST /api/admin/faq/:id/withdraw': uuidOnly('administrator'),
  'GET /api/admin/ratings': {
    caller: 'administrator',
    body: false,
    cases: [invalid('page 0', { query: 'page=0' }, ['page'], 'minimum')],
  },
  'PUT /api/admin/consultation-topics/:topic': {
    caller: 'administrator',
    body: true,
    cases: [
      invalid('no target', { payload: {} }, ['targetDays'], 'required'),
      invalid('an unknown topic', { id: 'weather', payload: { targetDays: 3 } }, ['topic']),
      invalid('0 days', { payload: { targetDays: 0 } }, ['targetDays'], 'minimum'),
      invalid('61 days', { payload: { targetDays: 61 } }, ['targetDays'], 'maximum'),
      invalid('half a day', { payload: { targetDays: 1.5 } }, ['targetDays'], 'type'),
    ],
  },
};

function sittingBody(overrides: Record<string, unknown> = {}) {
  return {
    code: '2027-01-15-10',
    categoryCode: 'AB',
    blueprintId: '00000000-0000-4000-8000-000000000000',
    mode: 'centre',
    startsAt: '2027-01-15T06:00:00.000Z',
    entryClosesAt: '2027-01-15T06:30:00.000Z',
    endsAt: '2027-01-15T09:30:00.000Z',
    bookingClosesAt: '2027-01-14T20:00:00.000Z',
    rooms: [{ name: 'Zal 1', capacity: 30 }],
    ...overrides,
  };
}

/** A new timetable for a sitting, with the reason its candidates are given. */
function rescheduleBody() {
  const { startsAt, entryClosesAt, endsAt, bookingClosesAt } = sittingBody();
  return { startsAt, entryClosesAt, endsAt, bookingClosesAt, reason: 'Zal təmir olunur' };
}

function sittingCases(): Case[] {
  return [
    invalid(
      'no fields',
      { payload: {} },
      [
        'code',
        'categoryCode',
        'blueprintId',
        'mode',
        'startsAt',
        'entryClosesAt',
        'endsAt',
        'bookingClosesAt',
        'rooms',
      ],
      'required',
    ),
    invalid('a code with spaces', { payload: sittingBody({ code: 'morning shift' }) }, ['code'], 'pattern'),
    invalid('a start that is not a time', { payload: sittingBody({ startsAt: 'tomorrow' }) }, ['startsAt'], 'format'),
    invalid('an unknown mode', { payload: sittingBody({ mode: 'postal' }) }, ['mode']),
    invalid('no rooms', { payload: sittingBody({ rooms: [] }) }, ['rooms'], 'minItems'),
    invalid(
      'a room of 0 seats',
      { payload: sittingBody({ rooms: [{ name: 'Zal 1', capacity: 0 }] }) },
      ['rooms.0.capacity'],
      'minimum',
    ),
    invalid(
      'a blueprint id that is not a UUID',
      { payload: sittingBody({ blueprintId: 'dim' }) },
      ['blueprintId'],
      'format',
    ),
    // Past the schema: the service names each field at fault, and writes nothing.
    invalid(
      'an entry window that closes before the start, and an unknown blueprint and category',
      {
        payload: sittingBody({ entryClosesAt: '2027-01-15T05:00:00.000Z', categoryCode: 'ZZ' }),
      },
      ['entryClosesAt', 'categoryCode', 'blueprintId'],
    ),
    invalid(
      'booking that closes after the start',
      { payload: sittingBody({ bookingClosesAt: '2027-01-15T07:00:00.000Z', categoryCode: 'A' }) },
      ['bookingClosesAt', 'categoryCode', 'blueprintId'],
    ),
    invalid('an unknown property', { payload: sittingBody({ seats: 10 }) }, ['seats'], 'additionalProperties'),
  ];
}

function totpCases(): Case[] {
  return [
    invalid('no code', { payload: {} }, ['code'], 'required'),
    invalid('five digits', { payload: { code: '12345' } }, ['code'], 'pattern'),
    invalid('seven digits', { payload: { code: '1234567' } }, ['code'], 'pattern'),
    invalid('letters', { payload: { code: 'abcdef' } }, ['code'], 'pattern'),
    invalid('digits with a space', { payload: { code: '123 456' } }, ['code'], 'pattern'),
    invalid('a number, not a string', { payload: { code: 123456 } }, ['code'], 'type'),
    invalid('an unknown property', { payload: { code: '123456', trust: true } }, ['trust'], 'additionalProperties'),
  ];
}

/** What goes wrong with any body, on every route that reads one. */
function bodyCases(schemaForBody: boolean, bodyLimit = API_BODY_LIMIT): Case[] {
  const oversized = JSON.stringify({ padding: 'x'.repeat(bodyLimit) });
  return [
    {
      name: 'invalid JSON',
      raw: { body: '{"login": "a@example.az",', contentType: 'application/json' },
      status: 400,
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      fields: ['body'],
    },
    {
      name: 'an empty JSON body',
      raw: { body: '', contentType: 'application/json' },
      status: 400,
      code: 'FST_ERR_CTP_EMPTY_JSON_BODY',
      fields: ['body'],
    },
    {
      name: "a body over the route's limit (64 KiB unless raised)",
      raw: { body: oversized, contentType: 'application/json' },
      status: 413,
      code: 'BODY_TOO_LARGE',
      fields: ['body'],
    },
    {
      name: 'a prototype-poisoning body',
      raw: { body: '{"__proto__": {"role": "administrator"}}', contentType: 'application/json' },
      status: 400,
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      fields: ['body'],
    },
    {
      name: 'a form instead of JSON',
      raw: { body: 'login=a&password=b', contentType: 'application/x-www-form-urlencoded' },
      status: 415,
      code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
      fields: ['body'],
    },
    ...(schemaForBody
      ? [
          invalid('a JSON array', { raw: { body: '[]', contentType: 'application/json' } }, ['body'], 'type'),
          invalid('a JSON string', { raw: { body: '"hello"', contentType: 'application/json' } }, ['body'], 'type'),
          invalid('JSON null', { raw: { body: 'null', contentType: 'application/json' } }, ['body'], 'type'),
        ]
      : []),
  ];
}

let t: TestApp;
let targetId: string;
let subjectId: string;
let cookieFor: (caller: Caller) => Promise<string | undefined>;
/** The routes whose OpenAPI operation declares a request body or parameters: the routes that take input. */
let takesInput: Map<string, { body: boolean; parameters: boolean }>;

beforeAll(async () => {
  t = await createTestApp();
  const applicant = await insertUser(t, { role: 'applicant', nationalIdScheme: 'AZ_FIN', nationalId: '5ZK7A2B' });
  const newStaff = await insertUser(t, { role: 'examiner' });
  const enrolledStaff = await insertUser(t, {
    role: 'examiner',
    totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    totpEnabledAt: t.clock.read(),
  });
  const administrator = await insertUser(t, {
    role: 'administrator',
    totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    totpEnabledAt: t.clock.read(),
  });
  const invigilator = await insertUser(t, {
    role: 'invigilator',
    totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    totpEnabledAt: t.clock.read(),
  });
  targetId = applicant.id;
  subjectId = (await t.services.questions.taxonomy())[0]!.id;
  // One session per caller for the whole file: a refused request changes nothing (each case checks that), so
  // a session outlives every case; a new one per case grew the sessions table that every snapshot reads.
  const opened = new Map<Caller, Promise<string | undefined>>();
  cookieFor = (caller) => {
    let cookie = opened.get(caller);
    if (!cookie) opened.set(caller, (cookie = openFor(caller)));
    return cookie;
  };
  const openFor = async (caller: Caller): Promise<string | undefined> => {
    switch (caller) {
      case 'anonymous':
        return undefined;
      case 'applicant':
        return openSession(t, applicant.id);
      case 'staff-without-two-factor':
        return openSession(t, newStaff.id, { twoFactorVerified: false });
      case 'staff-pending':
        return openSession(t, enrolledStaff.id, { twoFactorVerified: false });
      case 'administrator':
        return openSession(t, administrator.id);
      case 'invigilator':
        return openSession(t, invigilator.id);
    }
  };
  // Start the enrolment the enable cases would complete, so that only their bad input stops them.
  await t.services.repositories.users.update(newStaff.id, { totpSecret: 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU' });

  const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
    paths: Record<string, Record<string, { requestBody?: unknown; parameters?: unknown[] }>>;
  };
  takesInput = new Map();
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      takesInput.set(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, {
        body: operation.requestBody !== undefined,
        parameters: (operation.parameters?.length ?? 0) > 0,
      });
    }
  }
});
afterAll(() => t.close());

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('bad input: coverage', () => {
  it('has a row for every route that takes a body or parameters, and every write route', () => {
    const needed = t.app.apiRoutes
      .map((r) => `${r.method} ${r.url}`)
      .filter((key) => {
        const input = takesInput.get(key);
        return WRITE_METHODS.has(key.split(' ')[0]!) || input?.body || input?.parameters;
      });
    expect(needed.length).toBeGreaterThan(0);
    expect(needed.filter((key) => !(key in TABLE))).toEqual([]);
  });

  it('has no row for a route the app lacks', () => {
    const routes = new Set(t.app.apiRoutes.map((r) => `${r.method} ${r.url}`));
    expect(Object.keys(TABLE).filter((key) => !routes.has(key))).toEqual([]);
  });

  it('has explicit cases for every route with a body or parameters schema', () => {
    for (const [key, route] of Object.entries(TABLE)) {
      const input = takesInput.get(key);
      if (input?.body || input?.parameters) expect(route.cases.length, key).toBeGreaterThan(0);
    }
  });

  it('declares a body exactly where the route has a body schema', () => {
    for (const [key, route] of Object.entries(TABLE)) expect(route.body, key).toBe(takesInput.get(key)?.body ?? false);
  });
});

const allCases = Object.entries(TABLE).flatMap(([key, route]) => {
  const [method, url] = key.split(' ') as ['GET' | 'POST' | 'PATCH', string];
  const cases = [...route.cases, ...(WRITE_METHODS.has(method) ? bodyCases(route.body, route.bodyLimit) : [])];
  return cases.map((c) => ({ key, method, url, caller: route.caller, c, name: c.name }));
});

describe('bad input', () => {
  it.each(allCases)('$key: $name → 4xx naming the field, nothing changed', async ({ method, url, caller, c }) => {
    const cookie = await cookieFor(caller);
    const headers: Record<string, string> = { origin: ORIGIN, ...(cookie ? { cookie } : {}) };
    if (c.raw) headers['content-type'] = c.raw.contentType;
    const response = await expectDatabaseUnchanged(t.database.db, () =>
      t.app.inject({
        method,
        url:
          url
            .replace(':id', c.id ?? targetId)
            .replace(':userId', c.id ?? targetId)
            .replace(':index', c.id ?? '0')
            .replace(':subjectId', c.id ?? subjectId)
            .replace(':token', c.id ?? 'abcdefghijklmnopqrstuvwx')
            .replace(':sittingId', c.id ?? targetId)
            .replace(':questionId', c.id ?? targetId)
            .replace(':versionId', c.id ?? targetId)
            .replace(':candidateCode', c.id ?? 'ACDEFGHJ')
            .replace(':topic', c.id ?? 'exam')
            .replace(':code', c.id ?? 'ACDE-FGHJ-KLMN') + (c.query ? `?${c.query}` : ''),
        headers,
        ...(c.raw ? { payload: c.raw.body } : c.payload !== undefined ? { payload: c.payload as object } : {}),
      }),
    );
    expect(response.statusCode, response.body.slice(0, 400)).toBe(c.status);
    const error = response.json().error as {
      code: string;
      message: string;
      fields?: { field: string; code: string; message: string }[];
    };
    expect(error.code).toBe(c.code);
    expect(error.message.length).toBeGreaterThan(0);
    const named = [...new Set((error.fields ?? []).map((f) => f.field))].sort();
    expect(named).toEqual([...c.fields].sort());
    for (const f of error.fields ?? []) expect(f.message.length).toBeGreaterThan(0);
    if (c.fieldCode) expect(error.fields!.map((f) => f.code)).toContain(c.fieldCode);
  });
});

/**
 * Text no column can hold: a NUL (PostgreSQL refuses it in text and jsonb, which was a 500) or a lone
 * surrogate (stored as U+FFFD, a different value than sent). Tried in every top-level text field of every
 * route's body, query and path, as the OpenAPI document declares them, so a new route is covered at once.
 */
interface TextField {
  part: 'body' | 'query' | 'path';
  name: string;
}

interface OpenApiSchema {
  type?: string | string[];
  anyOf?: OpenApiSchema[];
  properties?: Record<string, OpenApiSchema>;
}

const isText = (schema: OpenApiSchema | undefined): boolean =>
  !!schema &&
  (schema.type === 'string' ||
    (Array.isArray(schema.type) && schema.type.includes('string')) ||
    (schema.anyOf ?? []).some(isText));

describe('bad input: unreadable text in every text field', () => {
  let textFields: Map<string, TextField[]>;

  beforeAll(async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: { content?: Record<string, { schema?: OpenApiSchema }> };
            parameters?: { in: string; name: string; schema?: OpenApiSchema }[];
          }
        >
      >;
    };
    textFields = new Map();
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const fields: TextField[] = [];
        const body = operation.requestBody?.content?.['application/json']?.schema;
        for (const [name, schema] of Object.entries(body?.properties ?? {}))
          if (isText(schema)) fields.push({ part: 'body', name });
        for (const parameter of operation.parameters ?? [])
          if ((parameter.in === 'query' || parameter.in === 'path') && isText(parameter.schema))
            fields.push({ part: parameter.in, name: parameter.name });
        textFields.set(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, fields);
      }
    }
  });

  const urlFor = (url: string, field: TextField | undefined, value: string) =>
    url
      .replace(/:(\w+)/g, (_, name: string) => {
        if (field?.part === 'path' && field.name === name) return encodeURIComponent(value);
        return (
          { index: '0', subjectId, token: 'abcdefghijklmnopqrstuvwx', candidateCode: 'ACDEFGHJ' }[name] ?? targetId
        );
      })
      .replace(/:code\b/, 'ACDE-FGHJ-KLMN') +
    (field?.part === 'query' ? `?${field.name}=${encodeURIComponent(value)}` : '');

  /** Sign-in is the one route that writes on this refusal: the failed attempt is audited (tested below). */
  const routes = Object.keys(TABLE).filter((key) => key !== 'POST /api/auth/sign-in');

  it('finds text fields to try on most routes', () => {
    const withText = routes.filter((key) => (textFields.get(key) ?? []).length > 0);
    expect(withText.length).toBeGreaterThan(40);
    expect(textFields.get('POST /api/auth/sign-up')?.map((f) => f.name)).toContain('fullName');
    expect(textFields.get('GET /api/register/appointments')?.map((f) => f.name)).toContain('q');
    expect(textFields.get('GET /api/register/appointments/:id')?.map((f) => f.name)).toEqual(['id']);
  });

  it.each(routes)('%s: a NUL or a lone surrogate in any text field → 400 naming it, nothing changed', async (key) => {
    const [method, url] = key.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', string];
    const fields = textFields.get(key) ?? [];
    const cookie = await cookieFor(TABLE[key]!.caller);
    const tries = fields.flatMap((field) => [
      { field, value: 'a\u0000b', code: 'text.nul' },
      // Only JSON can carry a lone surrogate: percent-decoding turns one into U+FFFD before we see it.
      ...(field.part === 'body' ? [{ field, value: 'a\uD800b', code: 'text.surrogate' }] : []),
      ...(field.part === 'body' ? [{ field, value: '\uDFFF', code: 'text.surrogate' }] : []),
    ]);
    expect.hasAssertions();
    await expectDatabaseUnchanged(t.database.db, async () => {
      for (const attempt of tries) {
        const response = await t.app.inject({
          method,
          url: urlFor(url, attempt.field, attempt.value),
          headers: { origin: ORIGIN, ...(cookie ? { cookie } : {}) },
          ...(attempt.field.part === 'body' ? { payload: { [attempt.field.name]: attempt.value } } : {}),
        });
        const label = `${attempt.field.part} ${attempt.field.name} ${JSON.stringify(attempt.value)}`;
        expect(response.statusCode, `${label}: ${response.body.slice(0, 300)}`).toBe(400);
        const error = response.json().error as { code: string; fields: { field: string; code: string }[] };
        expect(error.code, label).toBe('VALIDATION_FAILED');
        expect(error.fields, label).toEqual([
          expect.objectContaining({ field: attempt.field.name, code: attempt.code }),
        ]);
      }
    });
  });

  it('a sign-in whose login or password is not text is refused by field and audited as a failed sign-in', async () => {
    const user = await insertUser(t, { role: 'applicant' });
    const failures = async () =>
      (await t.services.repositories.audit.list({ action: 'sign-in.failed' }, { limit: 100 })).length;
    const before = await failures();
    for (const [payload, field, code] of [
      [{ login: `${user.email}\u0000`, password: 'whatever password' }, 'login', 'text.nul'],
      [{ login: user.email, password: 'whatever\uD800 password' }, 'password', 'text.surrogate'],
    ] as const) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        headers: { origin: ORIGIN },
        payload,
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.fields).toEqual([expect.objectContaining({ field, code })]);
      expect(response.cookies).toEqual([]);
    }
    expect(await failures()).toBe(before + 2);
  });
});
