import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/browser';
import type { RunningServer } from '../helpers/server';
import { browserSuite } from './staff-support';

let server: RunningServer;
let browser: Browser;

browserSuite((suite) => ({ server, browser } = suite));

/** A FİN nobody else has: the FİN alphabet leaves out I and O. */
function randomFin(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  return Array.from({ length: 7 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
}

async function newContext(options: { javaScriptEnabled?: boolean; locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: server.url,
    locale: options.locale ?? 'az-AZ',
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
}

async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expectNoAxeViolations(page);
}

const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');
const heading = (page: Page) => page.locator('h1').innerText();

describe('accounts in the browser', () => {
  it('an applicant signs up, signs out, signs in by keyboard, switches language and signs out', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const email = `e2e-${Date.now()}@example.az`;
    const password = 'uzun-və-gizli-parol';

    await visit(page, '/');
    expect(await htmlLang(page)).toBe('az');
    await expect(page.getByText('Nümayiş', { exact: true }).first().isVisible()).resolves.toBe(true);

    await page.getByRole('navigation', { name: 'Əsas menyu' }).getByRole('link', { name: 'Qeydiyyat' }).click();
    await page.waitForURL('**/sign-up');
    await expectNoAxeViolations(page);
    expect(await heading(page)).toBe('Namizəd hesabı yaradın');

    // A FİN never contains the letter I: the error must appear beside the field, in Azerbaijani.
    await page.getByLabel('Şəxsiyyət nömrəsinin növü').selectOption('AZ_FIN');
    await page.getByLabel(/^Şəxsiyyət nömrəsi\b/).fill('12I4567');
    await page.getByLabel(/^Soyad, ad, ata adı/).fill('Leyla Quliyeva');
    await page.getByLabel(/^E-poçt ünvanı/).fill(email);
    await page.getByLabel(/^Parol/).fill(password);
    await page.getByRole('button', { name: 'Hesab yaradın' }).click();

    const idError = page.locator('#field-nationalId-error');
    await idError.waitFor();
    expect(await idError.innerText()).toContain('yolverilməz simvollar');
    const idInput = page.locator('#field-nationalId');
    expect(await idInput.getAttribute('aria-invalid')).toBe('true');
    expect(await idInput.getAttribute('aria-describedby')).toContain('field-nationalId-error');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(await page.locator('.error-summary a[href="#field-nationalId"]').count()).toBe(1);
    // Entered values survive the refusal.
    expect(await page.locator('#field-fullName').inputValue()).toBe('Leyla Quliyeva');
    await expectNoAxeViolations(page);

    await idInput.fill(randomFin());
    await page.getByLabel(/^Parol/).fill(password);
    await page.getByRole('button', { name: 'Hesab yaradın' }).click();
    await page.waitForURL('**/account?welcome=1');
    expect(await heading(page)).toBe('Şəxsi kabinet');
    expect(await page.locator('main').innerText()).toContain('Leyla Quliyeva');
    await expectNoAxeViolations(page);

    await page.getByRole('navigation').getByRole('button', { name: 'Çıxış' }).click();
    await page.waitForURL('**/sign-in?signedOut=1');
    expect(await page.locator('main').innerText()).toContain('Sistemdən çıxdınız');
    await expectNoAxeViolations(page);

    // Keyboard only: the skip link, then Tab to the first field, type, Tab, type, Enter.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('skip-link'))).toBe(true);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-login');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-password');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/account');
    expect(await heading(page)).toBe('Şəxsi kabinet');

    await page.getByRole('button', { name: 'Русский' }).click();
    await page.waitForURL('**/account');
    expect(await htmlLang(page)).toBe('ru');
    expect(await heading(page)).toBe('Личный кабинет');
    expect(await page.getByRole('button', { name: 'Русский' }).getAttribute('lang')).toBe('ru');
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForURL('**/account');
    expect(await htmlLang(page)).toBe('en');
    expect(await heading(page)).toBe('My account');
    await expectNoAxeViolations(page);

    // The choice is remembered on the next page.
    await visit(page, '/');
    expect(await htmlLang(page)).toBe('en');
    expect(await page.title()).toContain('Civil-service examinations');

    await page.getByRole('navigation').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in?signedOut=1');
    expect(await htmlLang(page)).toBe('en');
    await visit(page, '/account');
    expect(page.url()).toContain('/sign-in?redirectTo=%2Faccount');
    await context.close();
  });

  it('the demo administrator signs in with the code the demo shows, and manages accounts', async () => {
    const context = await newContext();
    const page = await context.newPage();

    await visit(page, '/sign-in');
    await page.getByLabel(/^E-poçt və ya şəxsiyyət nömrəsi/).fill('admin@demo.imtahan.az');
    await page.getByLabel(/^Parol/).fill('wrong-password');
    await page.getByRole('button', { name: 'Daxil olun' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('.error-summary').innerText()).toContain('düzgün deyil');
    await expectNoAxeViolations(page);

    await page.getByLabel(/^Parol/).fill('demo-admin-2026');
    await page.getByRole('button', { name: 'Daxil olun' }).click();
    await page.waitForURL('**/sign-in/two-factor**');
    expect(await heading(page)).toBe('Şəxsiyyətinizi təsdiqləyin');
    await expectNoAxeViolations(page);

    const code = (await page.locator('[data-demo-code="admin@demo.imtahan.az"]').innerText()).trim();
    expect(code).toMatch(/^\d{6}$/);
    const codeInput = page.getByLabel(/^Altırəqəmli kod/);
    expect(await codeInput.getAttribute('inputmode')).toBe('numeric');
    expect(await codeInput.getAttribute('autocomplete')).toBe('one-time-code');
    await codeInput.fill(code);
    await codeInput.press('Enter');
    await page.waitForURL('**/account');
    await expectNoAxeViolations(page);

    await page.getByRole('navigation').getByRole('link', { name: 'Hesablar' }).click();
    await page.waitForURL('**/admin/users');
    expect(await heading(page)).toBe('Hesablar');
    expect(await page.locator('table').innerText()).toContain('aysel@demo.imtahan.az');
    await expectNoAxeViolations(page);

    // Create a staff account, with one refusal first.
    const create = page.locator('form[action="?/create"]');
    await create.getByLabel(/^Soyad, ad, ata adı/).fill('Nərmin Kazımova');
    await create.getByLabel(/^E-poçt ünvanı/).fill('nermin@example.az');
    await create.getByLabel(/^İlkin parol/).fill('short');
    await create.getByRole('button', { name: 'Hesab yaradın' }).click();
    await page.locator('#field-password-error').waitFor();
    expect(await page.locator('#field-password-error').innerText()).toContain('ən azı 10 simvol');
    await expectNoAxeViolations(page);
    await create.getByLabel(/^İlkin parol/).fill('ilkin-parol-2026');
    await create.getByRole('button', { name: 'Hesab yaradın' }).click();
    await page.getByText('Nərmin Kazımova üçün hesab yaradıldı.').waitFor();

    // A role change asks for confirmation first.
    await page.goto('/admin/users?q=nermin');
    await page.getByLabel('Nərmin Kazımova üçün yeni rol').selectOption('administrator');
    await page.getByRole('button', { name: 'Dəyişin' }).click();
    await page.getByRole('heading', { name: 'Rolun dəyişdirilməsini təsdiqləyin' }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Bəli, rolu dəyişin' }).click();
    await page.getByText('Nərmin Kazımova istifadəçisinin yeni rolu: Administrator.').waitFor();

    await page.getByRole('navigation').getByRole('link', { name: 'Audit jurnalı' }).click();
    await page.waitForURL('**/admin/audit');
    const log = await page.locator('table').innerText();
    expect(log).toContain('Rol dəyişdirildi');
    expect(log).toContain('Hesab yaradıldı');
    // Who acted is named, not given as an id.
    expect(log).toContain('Rəşad Məmmədov');
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('signs in and switches language with JavaScript turned off', async () => {
    const context = await newContext({ javaScriptEnabled: false, locale: 'en-GB' });
    const page = await context.newPage();
    const noScripts = { javaScriptDisabled: true };

    await page.goto('/sign-in');
    await expectNoAxeViolations(page, noScripts);
    expect(await htmlLang(page)).toBe('en');
    await page.getByLabel(/^E-mail or national ID number/).fill('5ZK7A2B');
    await page.getByLabel(/^Password/).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.waitForLoadState();
    expect(await page.locator('.error-summary').innerText()).toContain('not correct');
    expect(await page.getByLabel(/^E-mail or national ID number/).inputValue()).toBe('5ZK7A2B');
    await expectNoAxeViolations(page, noScripts);

    await page.getByLabel(/^Password/).fill('demo-applicant-2026');
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.waitForURL('**/account');
    expect(await heading(page)).toBe('My account');
    expect(await page.locator('main').innerText()).toContain('Aysel Əliyeva');

    await page.getByRole('button', { name: 'Azərbaycanca' }).click();
    await page.waitForURL('**/account');
    expect(await htmlLang(page)).toBe('az');
    expect(await heading(page)).toBe('Şəxsi kabinet');
    await expectNoAxeViolations(page, noScripts);
    await context.close();
  });

  it('shows a translated 404 page', async () => {
    const context = await newContext({ locale: 'ru-RU' });
    const page = await context.newPage();
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    expect(await htmlLang(page)).toBe('ru');
    expect(await heading(page)).toBe('Страница не найдена');
    expect(response?.headers()['x-frame-options']).toBe('DENY');
    await expectNoAxeViolations(page);
    await context.close();
  });
});
