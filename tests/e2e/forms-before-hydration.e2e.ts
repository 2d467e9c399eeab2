/**
 * What someone types into a form before the page comes alive is kept (issue 13's first finding, for
 * every form, not only the exam room): the page's JavaScript is held back, the sign-in form is filled
 * from the server-rendered HTML, and after hydration the text is still there and is what gets sent.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../helpers/server';
import { browserSuite } from './staff-support';

let server: RunningServer;
let browser: Browser;

browserSuite((suite) => ({ server, browser } = suite));

/** A page of its own whose every script is held back for two seconds: a slow line, where the form shows long before it is live. */
async function pageWithScriptsHeldBack() {
  const context = await browser.newContext({ baseURL: server.url, locale: 'az-AZ' });
  const page = await context.newPage();
  await page.route('**/_app/immutable/**/*.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await route.continue();
  });
  return { context, page };
}

describe('typing before the page is live', () => {
  it('keeps the sign-in form’s text through hydration and sends it', async () => {
    const { context, page } = await pageWithScriptsHeldBack();
    await page.goto('/sign-in', { waitUntil: 'domcontentloaded' });
    const login = page.getByLabel(/^E-poçt və ya şəxsiyyət nömrəsi/);
    const password = page.getByLabel(/^Parol/);
    await login.fill('admin@demo.imtahan.az');
    await password.fill('wrong-password');
    await page.waitForLoadState('networkidle');
    // The scripts have loaded and run: give hydration a moment to finish.
    await page.waitForTimeout(500);
    expect(await login.inputValue()).toBe('admin@demo.imtahan.az');
    expect(await password.inputValue()).toBe('wrong-password');
    await page.getByRole('button', { name: 'Daxil olun' }).click();
    await page.locator('.error-summary').waitFor();
    // The server judged what was typed (wrong password), not an empty form.
    expect(await page.locator('.error-summary').innerText()).toContain('düzgün deyil');
    await context.close();
  });

  it('keeps a question typed into a text area through hydration and sends it', async () => {
    // A text area's value was set from the page's data as the page came alive, which wiped what was typed
    // (a consultation question, on a loaded machine, arrived empty); an input's default survived.
    const { context, page } = await pageWithScriptsHeldBack();
    await page.goto('/consultations', { waitUntil: 'domcontentloaded' });
    const form = page.locator('[data-ask-form]');
    const subject = form.getByLabel(/^Mövzu başlığı/);
    const question = form.getByLabel(/^Sualınız/);
    const typed = 'Qəbul olunduğum vakansiyaya nə vaxt təyin ediləcəm?';
    await subject.fill('Təyinat');
    await question.fill(typed);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    expect(await subject.inputValue()).toBe('Təyinat');
    expect(await question.inputValue()).toBe(typed);
    // No topic chosen: the form comes back refused or with suggestions, and in either case with the question the
    // server received, which is what was typed.
    await form.getByRole('button', { name: 'Sualı göndər' }).click();
    await page.locator('.error-summary, [data-suggestions]').first().waitFor();
    expect(await question.inputValue()).toBe(typed);
    await context.close();
  });
});
