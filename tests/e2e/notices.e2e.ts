import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/browser';
import type { RunningServer } from '../helpers/server';
import { browserSuite, signInApplicant } from './staff-support';

let server: RunningServer;
let browser: Browser;

browserSuite((suite) => ({ server, browser } = suite));

/** A machine shared with other suites is slow at times: generous waits, as the other suites give. */
const SLOW = 120_000;

/** The unread count the header shows beside "Notices" (0 when none is shown). */
async function headerCount(page: Page): Promise<number> {
  return Number(await page.locator('[data-unread-notices]').getAttribute('data-unread-notices'));
}

describe('the notices inbox, in the browser', () => {
  it('shows the demo applicant what happened to her, counts the unread in the header, and marks them read', async () => {
    const context = await browser.newContext({ baseURL: server.url, locale: 'en-GB' });
    context.setDefaultTimeout(SLOW);
    await signInApplicant(context, server.url, 'aysel@demo.imtahan.az');
    const page = await context.newPage();
    await page.goto('/account');
    // The demo booked her, fixed the rosters, published her result and appointed her: each told her.
    const unread = await headerCount(page);
    expect(unread).toBeGreaterThan(3);
    const link = page.getByRole('link', { name: new RegExp(`^Notices.*Unread: ${unread}`) });
    await link.click();
    await page.waitForURL('**/account/notices');
    await expectNoAxeViolations(page);
    expect(await page.locator('h1').innerText()).toBe('Notices');
    expect(await page.locator('[data-notices-summary]').innerText()).toContain(`Unread: ${unread}`);
    const titles = await page.locator('[data-notice] h2').allInnerTexts();
    expect(titles.some((t) => t.includes('Booking confirmed'))).toBe(true);
    expect(titles.some((t) => t.includes('Your result is published'))).toBe(true);
    expect(await page.locator('[data-notice="appointed"]').count()).toBe(1);

    // One marked read: the header counts one fewer, and that notice offers no button any more.
    await page
      .locator('[data-notice][data-read="false"]')
      .first()
      .getByRole('button', { name: /^Mark as read/ })
      .click();
    await page.getByText('The notice is marked as read.').waitFor();
    expect(await headerCount(page)).toBe(unread - 1);
    expect(await page.locator('[data-notice][data-read="true"]').count()).toBe(1);
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page.getByText(`Marked as read: ${unread - 1}.`).waitFor();
    expect(await headerCount(page)).toBe(0);
    expect(await page.locator('[data-notice][data-read="false"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Mark all as read' }).count()).toBe(0);

    // The same notices read in Russian once she switches: the text is written when read, not when told.
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.waitForURL('**/account/notices');
    await page.locator('h1', { hasText: 'Уведомления' }).waitFor();
    const russian = await page.locator('[data-notice] h2').allInnerTexts();
    expect(russian.some((t) => t.includes('Запись подтверждена'))).toBe(true);
    await expectNoAxeViolations(page);
    await context.close();
  }, 300_000);

  it('works without JavaScript, and an applicant with no notices sees why the page is empty', async () => {
    const context = await browser.newContext({ baseURL: server.url, locale: 'en-GB', javaScriptEnabled: false });
    context.setDefaultTimeout(SLOW);
    const email = `notices-${Date.now()}@example.az`;
    const signUp = await context.request.post('/api/auth/sign-up', {
      headers: { origin: server.url },
      timeout: SLOW,
      data: {
        nationalIdScheme: 'AZ_FIN',
        nationalId: String(Date.now()).slice(-7),
        fullName: 'Nigar Əliyeva',
        email,
        password: 'a long enough passphrase',
        locale: 'en',
      },
    });
    expect(signUp.status(), await signUp.text()).toBe(201);
    const page = await context.newPage();
    await page.goto('/account/notices');
    await page.locator('[data-notices-empty]').waitFor();
    expect(await headerCount(page)).toBe(0);
    await expectNoAxeViolations(page, { javaScriptDisabled: true });
    await page.setViewportSize({ width: 320, height: 640 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);

    // Timur's inbox without JavaScript: a plain form marks a notice read.
    const timur = await browser.newContext({ baseURL: server.url, locale: 'en-GB', javaScriptEnabled: false });
    timur.setDefaultTimeout(SLOW);
    await signInApplicant(timur, server.url, 'timur@demo.imtahan.az');
    const inbox = await timur.newPage();
    await inbox.goto('/account/notices');
    const before = await headerCount(inbox);
    expect(before).toBeGreaterThan(0);
    await inbox
      .getByRole('button', { name: /^Mark as read/ })
      .first()
      .click();
    await inbox.getByText('The notice is marked as read.').waitFor();
    expect(await headerCount(inbox)).toBe(before - 1);
    await expectNoAxeViolations(inbox, { javaScriptDisabled: true });
    await timur.close();
    await context.close();
  }, 300_000);
});
