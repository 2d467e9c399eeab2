/**
 * Shared steps of the browser tests that staff drive (appeals, competitions, stages, the written stage): the
 * sign-in pages, the API called with a page's session, and a stage's publication. One copy of each, so a change
 * to the sign-in or the publish page is made once.
 */
import type { APIResponse, Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectNoAxeViolations } from '../helpers/browser';
import type { ServerClock } from '../helpers/server';

/** The length of a two-factor code's step (RFC 6238's 30 seconds, as the server uses). */
const TOTP_STEP_MS = 30_000;

export const APPLICANT_PASSWORD = 'demo-applicant-2026';

/**
 * Signs a member of staff in with the code the demo's two-factor page shows, landing on `target`. Given the server's
 * clock, a page that offers no code (the same account signed in twice within one code step) is asked again a step
 * later (`demoTwoFactorCode`).
 */
export async function signInStaff(
  page: Page,
  email: string,
  password: string,
  target: string,
  clock?: ServerClock,
): Promise<void> {
  await page.goto(`/sign-in?redirectTo=${encodeURIComponent(target)}`, { waitUntil: 'networkidle' });
  await page.getByLabel(/^E-poçt və ya şəxsiyyət nömrəsi/).fill(email);
  await page.getByLabel(/^Parol/).fill(password);
  await page.getByRole('button', { name: 'Daxil olun' }).click();
  await page.waitForURL('**/sign-in/two-factor**').catch(async (error: unknown) => {
    throw new Error(`sign-in stayed on ${page.url()}: ${await page.locator('main').innerText()}`, { cause: error });
  });
  const code = clock
    ? await demoTwoFactorCode(page, email, clock)
    : (await page.locator(`[data-demo-code="${email}"]`).innerText()).trim();
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
  await page.goto(`/sign-in?redirectTo=${encodeURIComponent(target)}`, { waitUntil: 'networkidle' });
  await page.getByLabel(/^E-poçt və ya şəxsiyyət nömrəsi/).fill(login);
  await page.getByLabel(/^Parol/).fill(APPLICANT_PASSWORD);
  await page.getByRole('button', { name: 'Daxil olun' }).click();
  await page.waitForURL((url) => url.pathname === target);
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
  const confirm = admin.getByRole('region', { name: `Mərhələ ${position} siyahısı dərc olunsun?` });
  await confirm.waitFor();
  expect(await confirm.innerText()).toContain(`${through} nəfər keçir`);
  expect(await confirm.innerText()).toContain('geri qaytarmaq olmaz');
  await expectNoAxeViolations(admin);
  await confirm.getByRole('button', { name: 'Birdəfəlik dərc et' }).click();
  await admin.getByText('Siyahı dərc olundu.').waitFor();
  expect(await admin.getByRole('button', { name: 'Keçənlərin siyahısını dərc et' }).count()).toBe(0);
  await expectNoAxeViolations(admin);
}
