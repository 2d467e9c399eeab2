import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp';

let smtp: TestSmtp;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  smtp = await startTestSmtp();
  // Sending every second, so the mail is not waited for long; it goes through the real SMTP server above.
  [server, browser] = await Promise.all([
    startServer({ SMTP_URL: smtp.url, ATTEMPT_SWEEP_SECONDS: '1' }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

/** The reset link in the newest mail to `to`, once the server's sender has delivered it. */
async function resetLinkMailedTo(to: string): Promise<string> {
  for (let waited = 0; waited < 30_000; waited += 250) {
    const mail = smtp.received.findLast((m) => m.to.includes(to));
    const link = mail && /https?:\/\/\S+\/reset-password\/[a-z2-9]{24}/.exec(mail.text)?.[0];
    if (link) return link;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no reset mail reached ${to}:\n${server.output()}`);
}

describe('a forgotten password, in the browser', () => {
  it('is reset through the mailed link, which then works no more, and the new password signs in', async () => {
    const email = `reset-${Date.now()}@example.az`;
    const signUp = await fetch(`${server.url}/api/auth/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({
        nationalIdScheme: 'AZ_FIN',
        nationalId: String(Date.now()).slice(-7),
        fullName: 'Aysel Nəsirova',
        email,
        password: 'the first long passphrase',
        locale: 'en',
      }),
    });
    expect(signUp.status, await signUp.clone().text()).toBe(201);

    const context = await browser.newContext({ baseURL: server.url, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL('**/forgot-password');
    await expectNoAxeViolations(page);
    await page.getByLabel(/^E-mail address/).fill(email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.locator('[data-reset-sent]').waitFor();
    await expectNoAxeViolations(page);

    const link = await resetLinkMailedTo(email);
    expect(smtp.received.findLast((m) => m.to.includes(email))!.subject).toBe('Resetting your password');
    await page.goto(link);
    await expectNoAxeViolations(page);
    expect(await page.locator('h1').innerText()).toBe('Set a new password');
    // Two different passwords are refused beside the second field, and nothing is used up.
    await page.getByLabel(/^New password(?! again)/).fill('my recovered passphrase');
    await page.getByLabel(/^New password again/).fill('my recovered passphrasE');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText('The two passwords are not the same.').first().waitFor();
    await page.getByLabel(/^New password(?! again)/).fill('my recovered passphrase');
    await page.getByLabel(/^New password again/).fill('my recovered passphrase');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.waitForURL('**/sign-in?passwordReset');
    await expect(page.getByText('Your new password is set. Sign in with it.').isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page);

    await page.getByLabel(/^E-mail or national ID/).fill(email);
    await page.getByLabel(/^Password/).fill('the first long passphrase');
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.getByText('The e-mail, national ID or password is not correct.').first().waitFor();
    await page.getByLabel(/^Password/).fill('my recovered passphrase');
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.waitForURL('**/account');

    // The link was used: opening it again says so.
    await page.goto(link);
    await page.locator('[data-reset-invalid]').waitFor();
    expect(await page.getByRole('button', { name: 'Set the new password' }).count()).toBe(0);
    await context.close();
  });
});
