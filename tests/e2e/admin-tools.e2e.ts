import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/browser';
import type { RunningServer } from '../helpers/server';
import { ADMIN, browserSuite, signInStaff } from './staff-support';

let server: RunningServer;
let browser: Browser;
/** The demo administrator's signed-in cookies: one sign-in, since a two-factor code is not accepted twice. */
let signedIn: Awaited<ReturnType<BrowserContext['storageState']>>;

browserSuite((suite) => ({ server, browser } = suite));

// Declared after browserSuite, so it runs once the server and browser are up.
beforeAll(async () => {
  const context = await browser.newContext({ baseURL: server.url, locale: LOCALES.az });
  await signInStaff(await context.newPage(), ADMIN.email, ADMIN.password, '/admin/audit', server.clock);
  signedIn = await context.storageState();
  await context.close();
});

const LOCALES = { az: 'az-AZ', ru: 'ru-RU', en: 'en-GB' } as const;

async function newContext(language: keyof typeof LOCALES = 'az', width = 1280): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: server.url,
    locale: LOCALES[language],
    viewport: { width, height: 900 },
    storageState: signedIn,
  });
}

/** The administrator, already signed in, on `target`. */
async function open(page: Page, target: string): Promise<void> {
  await page.goto(target);
  await page.waitForURL((url) => url.pathname === target);
}

/** The element ends within the window: nothing of it to scroll sideways at this width. */
const fitsWidth = (page: Page, selector: string) =>
  page.locator(selector).evaluate((e) => e.getBoundingClientRect().right <= window.innerWidth + 1);

describe('the audit log in the browser', () => {
  it.each(['az', 'ru', 'en'] as const)(
    'labels every action in %s, filters, and says which date is wrong',
    async (language) => {
      const context = await newContext(language);
      const page = await context.newPage();
      await open(page, '/admin/audit');
      // Every option of the action filter has a label, none the raw code.
      const options = await page
        .locator('select[name="action"] option')
        .evaluateAll((els) =>
          els.map((e) => ({ value: (e as HTMLOptionElement).value, label: e.textContent?.trim() ?? '' })),
        );
      expect(options.length).toBeGreaterThan(60);
      for (const { value, label } of options.slice(1)) expect(label, value).not.toBe(value);
      const signIns = options.find((o) => o.value === 'sign-in')!;
      expect(signIns.label).toBe({ az: 'Giriş', ru: 'Вход', en: 'Signed in' }[language]);
      await expectNoAxeViolations(page);

      await page.selectOption('select[name="action"]', 'sign-in');
      await page.locator('form.filters button[type="submit"]').click();
      await page.waitForURL((url) => url.searchParams.get('action') === 'sign-in');
      const actions = await page
        .locator('[data-audit-log] tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
      expect(actions.length).toBeGreaterThan(0);
      expect(new Set(actions)).toEqual(new Set(['sign-in']));
      expect(await page.locator('[data-audit-export]').getAttribute('href')).toContain('action=sign-in');

      await page.goto('/admin/audit?from=2026-03-05&to=2026-03-04');
      const error = page.locator('#field-to-error');
      await error.waitFor({ timeout: 60_000 });
      expect(await error.innerText()).toBe(
        {
          az: 'Son tarix başlanğıc tarixindən əvvəl ola bilməz.',
          ru: 'Конечная дата не может быть раньше начальной.',
          en: 'The last day cannot be before the first day.',
        }[language],
      );
      expect(await page.locator('#field-to').getAttribute('aria-invalid')).toBe('true');
      await expectNoAxeViolations(page);
      await context.close();
    },
  );

  it('downloads the filtered log as CSV and fits a 320 px screen', async () => {
    const context = await newContext('az');
    const page = await context.newPage();
    await open(page, '/admin/audit');
    await page.setViewportSize({ width: 320, height: 800 });
    // The search form and the download fit; the wide table scrolls inside its own focusable region.
    expect(await fitsWidth(page, 'form.filters')).toBe(true);
    expect(await fitsWidth(page, '[data-audit-export]')).toBe(true);
    expect(await page.locator('[data-audit-log]').evaluate((t) => t.closest('[tabindex="0"]') !== null)).toBe(true);
    const href = (await page.locator('[data-audit-export]').getAttribute('href'))!;
    const response = await page.request.get(href);
    expect(response.status()).toBe(200);
    const text = await response.text();
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFFid,at,actorId,actorName,actorEmail,action,targetType,targetId,targetName,ip,details',
    );
    expect(text).toContain(',audit.exported,');
    await context.close();
  });
});

describe('bulk import in the browser', () => {
  /** FİNs no demo applicant holds: digits and capital letters without I and O. */
  const stamp = Date.now().toString(36).toUpperCase().replace(/[IO]/g, 'X').slice(-4);
  const fin = (n: number) => `Z${stamp}${n}${n}`.slice(0, 7);

  it('reports a broken file by line, then checks and imports a good one after confirmation', async () => {
    const context = await newContext('az');
    const page = await context.newPage();
    await open(page, '/admin/import');
    await expectNoAxeViolations(page);

    const bad = [
      'national_id,full_name,email,language',
      `${fin(1)},Aysel Quliyeva,aysel.${stamp}@example.az,az`,
      `${fin(1)},Təkrar,tekrar.${stamp}@example.az,xx`,
    ].join('\n');
    await page.locator('#import-content').fill(bad);
    await page.locator('form[action="?/check"] button[type="submit"]').click();
    const report = page.locator('[data-import-report]');
    await report.waitFor({ timeout: 60_000 });
    const rows = await report.locator('tbody tr').allInnerTexts();
    expect(
      rows.some((r) => r.startsWith('3') && r.includes('national_id') && r.includes('Faylda təkrarlanır.')),
      JSON.stringify(rows),
    ).toBe(true);
    expect(rows.some((r) => r.startsWith('3') && r.includes('language'))).toBe(true);
    await expectNoAxeViolations(page);

    const good = [
      'national_id,full_name,email,language',
      `${fin(1)},Aysel Quliyeva,aysel.${stamp}@example.az,az`,
      `${fin(2)},Ruslan Ismayilov,ruslan.${stamp}@example.az,ru`,
    ].join('\n');
    await page.locator('#import-content').fill(good);
    await page.locator('form[action="?/check"] button[type="submit"]').click();
    const confirm = page.locator('section.confirm');
    await confirm.waitFor({ timeout: 60_000 });
    expect(await confirm.locator('h2').innerText()).toBe('2 namizəd hesabı yaradılmağa hazırdır');
    await expectNoAxeViolations(page);
    await confirm.locator('button[type="submit"]').click();
    const done = page.locator('[data-import-done]');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.innerText()).toBe('2 namizəd hesabı yaradıldı.');

    // The import is in the log, labelled.
    await page.goto('/admin/audit?action=candidates.imported');
    expect(await page.locator('[data-audit-log] tbody tr').first().innerText()).toContain('Namizədlər idxal edildi');
    await context.close();
  });
});

describe('results export in the browser', () => {
  it('offers the CSV and the pass list of a published sitting', async () => {
    const context = await newContext('en');
    const page = await context.newPage();
    const published = (await (await page.request.get('/api/results')).json()) as { sittingId: string }[];
    expect(published.length).toBeGreaterThan(0);
    const target = `/admin/sittings/${published[0]!.sittingId}/results`;
    await open(page, target);
    const section = page.locator('[data-results-exports]');
    expect(await section.locator('h2').innerText()).toBe('Downloads');
    await expectNoAxeViolations(page);
    const links = await section.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    const csv = await page.request.get(links[0]!);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split('\r\n')[0]).toContain('fullName,nationalIdScheme,nationalId');
    const pdf = await page.request.get(links[1]!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await context.close();
  });
});
