/**
 * Shared steps of the browser tests: every sign-in (staff through the two-factor page or the API, applicants
 * through the sign-in page or the API, and the API contexts a file keeps), the API called with a page's session, a
 * sitting booked and a draft round made through the API, and a stage's publication. One copy of each, so a change
 * to the sign-in or the publish page is made once.
 */
import {
  request,
  type APIRequestContext,
  type APIResponse,
  type Browser,
  type BrowserContext,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { expectNoAxeViolations, launchBrowser } from '../helpers/browser';
import { startServer, type RunningServer, type ServerClock } from '../helpers/server';

/**
 * One browser file's server (with `env` added to its environment) and browser, started together before the file's
 * tests and closed after them; `receive` hands them to the file's own variables. An `afterAll` the file declares
 * after this runs first (hooks unwind in reverse), while both are still up.
 */
export function browserSuite(
  receive: (suite: { server: RunningServer; browser: Browser }) => void,
  env: Record<string, string> = {},
) {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(env), launchBrowser()]);
    receive({ server, browser });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
}

/** The length of a two-factor code's step (RFC 6238's 30 seconds, as the server uses). */
const TOTP_STEP_MS = 30_000;
/** Password hashing is slow on purpose, and slower still on a machine shared with other suites. */
const SIGN_IN_TIMEOUT = 60_000;

export const APPLICANT_PASSWORD = 'demo-applicant-2026';
/** A demo account of staff: its sign-in and the name the pages show. */
export interface DemoStaff {
  email: string;
  password: string;
  name: string;
}
export const ADMIN: DemoStaff = { email: 'admin@demo.imtahan.az', password: 'demo-admin-2026', name: 'Rəşad Məmmədov' };
export const EXAMINERS: readonly [DemoStaff, DemoStaff] = [
  { email: 'examiner@demo.imtahan.az', password: 'demo-examiner-2026', name: 'Günel Həsənova' },
  { email: 'examiner2@demo.imtahan.az', password: 'demo-examiner-2026', name: 'Elçin Quliyev' },
];
export const EXAMINER = EXAMINERS[0];
export const INVIGILATOR = { email: 'invigilator@demo.imtahan.az', password: 'demo-invigilator-2026' };

/**
 * Signs a member of staff in with the code the demo's two-factor page shows, landing on `target`. A page that
 * offers no code (the same account signed in twice within one code step) is asked again a step later on the
 * server's clock (`demoTwoFactorCode`).
 */
export async function signInStaff(
  page: Page,
  email: string,
  password: string,
  target: string,
  clock: ServerClock,
): Promise<void> {
  await page.goto(`/sign-in?redirectTo=${encodeURIComponent(target)}`);
  await page.getByLabel(/^E-poçt və ya şəxsiyyət nömrəsi/).fill(email);
  await page.getByLabel(/^Parol/).fill(password);
  await page.getByRole('button', { name: 'Daxil olun' }).click();
  await page.waitForURL('**/sign-in/two-factor**', { timeout: SIGN_IN_TIMEOUT }).catch(async (error: unknown) => {
    throw new Error(`sign-in as ${email} stayed on ${page.url()}: ${await page.locator('main').innerText()}`, {
      cause: error,
    });
  });
  const code = await demoTwoFactorCode(page, email, clock);
  await page.getByLabel(/^Altırəqəmli kod/).fill(code);
  await page.getByLabel(/^Altırəqəmli kod/).press('Enter');
  await page.waitForURL((url) => url.pathname === target);
}

/**
 * The code the demo's two-factor page offers `email`. It offers the current step's code, or the next one's once that
 * was used; after two sign-ins within one 30-second step it has none until the next step, so the test moves the
 * server's clock a step on (it never waits for real time) and asks the page again.
 */
export async function demoTwoFactorCode(page: Page, email: string, clock: ServerClock): Promise<string> {
  const shown = page.locator(`[data-demo-code="${email}"]`);
  await page.locator('#demo-codes-title').waitFor();
  if ((await shown.count()) === 0) {
    clock.advance(TOTP_STEP_MS);
    await page.reload();
  }
  return (await shown.innerText()).trim();
}

/** Signs a demo applicant in on the sign-in page (the page's own form), landing on `target`. */
export async function signInApplicantOnPage(page: Page, login: string, target: string): Promise<void> {
  await page.goto(`/sign-in?redirectTo=${encodeURIComponent(target)}`);
  await page.getByLabel(/^E-poçt və ya şəxsiyyət nömrəsi/).fill(login);
  await page.getByLabel(/^Parol/).fill(APPLICANT_PASSWORD);
  await page.getByRole('button', { name: 'Daxil olun' }).click();
  await page
    .waitForURL((url) => url.pathname === target, { timeout: SIGN_IN_TIMEOUT })
    .catch(async (error: unknown) => {
      throw new Error(`sign-in as ${login} stayed on ${page.url()}: ${await page.locator('main').innerText()}`, {
        cause: error,
      });
    });
}

/** Signs a demo applicant in through the API; the context's pages share the session cookie. */
export async function signInApplicant(context: BrowserContext, baseURL: string, login: string): Promise<void> {
  const response = await context.request.post('/api/auth/sign-in', {
    data: { login, password: APPLICANT_PASSWORD },
    headers: { origin: baseURL },
    timeout: SIGN_IN_TIMEOUT,
  });
  expect(response.status(), await response.text()).toBe(200);
}

/**
 * How a file keeps the API contexts it signs in (`applicantApi`, `staffApi`): the function returned waits for one
 * and keeps it, and each kept context is disposed of after the file's tests. Called after `browserSuite`, its
 * `afterAll` runs first, while the browser and server are still up.
 */
export function apisDisposedAfterFile(): (signingIn: Promise<APIRequestContext>) => Promise<APIRequestContext> {
  const apis: APIRequestContext[] = [];
  afterAll(() => Promise.all(apis.map((api) => api.dispose())));
  return async (signingIn) => {
    const api = await signingIn;
    apis.push(api);
    return api;
  };
}

/**
 * A demo applicant talking to the API directly, as the applicant pages' browser would, signed in; the caller
 * disposes of it.
 */
export async function applicantApi(baseURL: string, login: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  await json(
    await api.post('/api/auth/sign-in', { data: { login, password: APPLICANT_PASSWORD }, timeout: SIGN_IN_TIMEOUT }),
  );
  return api;
}

/**
 * A member of staff talking to the API directly, as the pages' server does, signed in with the demo's current
 * two-factor code (`/api/demo/accounts`); when it offers none (two sign-ins within one step), a step later on the
 * server's clock. The caller disposes of it.
 */
export async function staffApi(
  baseURL: string,
  email: string,
  password: string,
  clock: ServerClock,
): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  await json(await api.post('/api/auth/sign-in', { data: { login: email, password }, timeout: SIGN_IN_TIMEOUT }));
  const currentCode = async () =>
    (await json<{ email: string; currentCode: string | null }[]>(await api.get('/api/demo/accounts'))).find(
      (a) => a.email === email,
    )?.currentCode;
  let code = await currentCode();
  if (code === null) {
    clock.advance(TOTP_STEP_MS);
    code = await currentCode();
  }
  expect(code, `no demo code for ${email}`).toBeTruthy();
  await json(await api.post('/api/auth/two-factor/verify', { data: { code } }));
  return api;
}

/** The body of a response that must have `status`; otherwise the test fails with the body. */
export async function json<T>(response: APIResponse, status = 200): Promise<T> {
  expect(response.status(), `${response.url()}: ${await response.text()}`).toBe(status);
  return (await response.json()) as T;
}

/**
 * The API called with a page's session, on the server at `origin()` (read at each call, since the server starts
 * in `beforeAll`), whose origin the CSRF check wants in the header; any 2xx gives its body.
 */
export function pageApi(origin: () => string) {
  return async function api<T>(page: Page, method: 'GET' | 'POST' | 'PUT', url: string, data?: unknown): Promise<T> {
    const response = await page.request.fetch(url, {
      method,
      ...(data === undefined ? {} : { data }),
      headers: { origin: origin() },
    });
    if (!response.ok()) throw new Error(`${method} ${url}: ${response.status()} ${await response.text()}`);
    return (await response.json()) as T;
  };
}

/** A sitting made by `bookedLogicSitting`: its times on the server's clock, and each candidate's booking in order. */
export interface BookedSitting {
  id: string;
  code: string;
  start: number;
  end: number;
  bookings: { id: string; candidateCode: string }[];
}

/**
 * A short online sitting in category BA of `items` of the demo's logic questions, annulled items awarded to all,
 * set up through the API as an administrator would (`post` sends as one): it starts 12 s from the server clock's now,
 * entry closes 15 s after the start and the shift leaves the test's 30 minutes after that (never cut). Each of
 * `candidates` books it, in order, and booking closes; the clock is left before the start.
 */
export async function bookedLogicSitting(
  clock: ServerClock,
  post: (path: string, data?: unknown) => Promise<APIResponse>,
  sitting: { codePrefix: string; name: string; items: number; passMark: number },
  candidates: APIRequestContext[],
): Promise<BookedSitting> {
  const code = `${sitting.codePrefix}-${Date.now().toString(36).toUpperCase()}`;
  const blueprint = await json<{ id: string }>(
    await post('/api/blueprints', {
      name: `${sitting.name} ${code}`,
      language: 'az',
      durationMinutes: 30,
      passMark: sitting.passMark,
      scoring: { pointsPerItem: 1, negativeMarking: 0, annulled: 'award-all' },
      sections: [
        {
          title: { az: 'Məntiq', ru: 'Логика', en: 'Logic' },
          subject: 'logic',
          topics: [],
          count: sitting.items,
          minCorrect: 0,
          shuffleQuestions: true,
          shuffleOptions: true,
        },
      ],
    }),
    201,
  );
  const start = clock.now() + 12_000;
  const entryCloses = start + 15_000;
  const end = entryCloses + 31 * 60_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const { id } = await json<{ id: string }>(
    await post('/api/admin/sittings', {
      code,
      categoryCode: 'BA',
      blueprintId: blueprint.id,
      mode: 'online',
      startsAt: iso(start),
      entryClosesAt: iso(entryCloses),
      endsAt: iso(end),
      bookingClosesAt: iso(start),
      arrivalMinutes: 5,
      rooms: [{ name: 'Onlayn', capacity: 10 }],
    }),
    201,
  );
  await json(await post(`/api/admin/sittings/${id}/open-booking`));
  const bookings: BookedSitting['bookings'] = [];
  for (const candidate of candidates)
    bookings.push(await json(await candidate.post(`/api/sittings/${id}/bookings`, { data: {} }), 201));
  await json(await post(`/api/admin/sittings/${id}/close-booking`));
  return { id, code, start, end, bookings };
}

/**
 * A draft round of one vacancy (the first demo agency's, category AB, one place, in Baku) made through the API with
 * the administrator's page session (the round's own pages have their own test), weighing the test and the interview
 * alike with one criterion. Applications close on the first whole minute two minutes or more after the server
 * clock's now: that `deadline` is returned with the round and the vacancy.
 */
export async function draftRoundWithVacancy(
  admin: Page,
  server: RunningServer,
  names: { roundCode: string; title: string; vacancyCode: string },
): Promise<{ round: { id: string }; vacancy: { id: string }; deadline: number }> {
  const api = pageApi(() => server.url);
  const minute = 60_000;
  const agencies = await api<{ id: string }[]>(admin, 'GET', '/api/admin/agencies');
  const round = await api<{ id: string }>(admin, 'POST', '/api/admin/rounds', {
    code: names.roundCode,
    title: { az: names.title },
    testWeight: 1,
    interviewWeight: 1,
    rubric: [{ key: 'knowledge', name: { az: 'Bilik' }, maxPoints: 10 }],
  });
  const deadline = Math.ceil((server.clock.now() + 2 * minute) / minute) * minute;
  const vacancy = await api<{ id: string }>(admin, 'POST', `/api/admin/rounds/${round.id}/vacancies`, {
    code: names.vacancyCode,
    agencyId: agencies[0]!.id,
    position: { az: 'Məsləhətçi' },
    categoryCode: 'AB',
    places: 1,
    location: 'Bakı',
    requirements: { az: 'Ali təhsil' },
    interviewProgramme: { az: 'Qanunvericilik' },
    applicationDeadline: new Date(deadline).toISOString(),
  });
  return { round, vacancy, deadline };
}

/**
 * A decision confirmed on a page (the pages' Confirm, shown before anything is sent): waits for the region that asks
 * `question`, expects it to say each of `says` and the page to pass axe, then presses its button `answer`.
 */
export async function expectConfirmationThenAnswer(
  page: Page,
  question: string,
  says: string[],
  answer: string | RegExp,
): Promise<void> {
  const confirm = page.getByRole('region', { name: question });
  await confirm.waitFor();
  for (const text of says) expect(await confirm.innerText()).toContain(text);
  await expectNoAxeViolations(page);
  await confirm.getByRole('button', { name: answer }).click();
}

/**
 * Opens a stage's page from the vacancy's page, checks it, and publishes its list after the confirmation, which
 * names how many pass and that it cannot be undone; once published, there is no button to publish it again.
 */
export async function publishStage(admin: Page, roundId: string, vacancyId: string, position: number, through: number) {
  await admin.goto(`/admin/rounds/${roundId}/vacancies/${vacancyId}`);
  await admin.getByRole('link', { name: new RegExp(`^Mərhələ ${position}-i aç`) }).click();
  await admin.waitForURL(`**/stages/${position}`);
  await expectNoAxeViolations(admin);
  await admin.getByRole('button', { name: 'Keçənlərin siyahısını dərc et' }).click();
  await expectConfirmationThenAnswer(
    admin,
    `Mərhələ ${position} siyahısı dərc olunsun?`,
    [`${through} nəfər keçir`, 'geri qaytarmaq olmaz'],
    'Birdəfəlik dərc et',
  );
  await admin.getByText('Siyahı dərc olundu.').waitFor();
  expect(await admin.getByRole('button', { name: 'Keçənlərin siyahısını dərc et' }).count()).toBe(0);
  await expectNoAxeViolations(admin);
}
