import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import az from '../../web/messages/register/az.json';
import coreAz from '../../web/messages/az.json';
import en from '../../web/messages/register/en.json';
import { expectNoAxeViolations } from '../helpers/browser';
import type { RunningServer } from '../helpers/server';
import { browserSuite } from './staff-support';

let server: RunningServer;
let browser: Browser;

/** The demo's appointment (server/modules/demo/demo.competitions.ts): Aysel, appointed from the first round. */
const APPOINTEE = 'Aysel Əliyeva';

// The project's hook timeout (600 s), not a shorter one of its own: the first files' servers wait for the run's demo.
browserSuite((suite) => ({ server, browser } = suite));

async function newContext(options: { javaScriptEnabled?: boolean; locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({ baseURL: server.url, locale: 'az-AZ', ...options });
}

/** Visits a page and checks it with axe: with JavaScript off, in its scripting twin. */
async function visit(page: Page, path: string, javaScriptDisabled = false): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await expectNoAxeViolations(page, { javaScriptDisabled });
}

const heading = (page: Page) => page.locator('h1').innerText();
const nav = (page: Page) => page.getByRole('navigation', { name: 'Əsas menyu' });
const appointmentsTable = (page: Page) => page.getByRole('table', { name: az.appointments.caption });

/** Types a name into the appointments search and sends the form, as a visitor would. */
async function searchAppointments(page: Page, q: string, javaScriptDisabled = false): Promise<void> {
  await page.getByRole('searchbox', { name: az.appointments.searchLabel }).fill(q);
  await page.getByRole('button', { name: az.filters.submit }).click();
  await page.waitForURL((url) => url.pathname === '/register/appointments' && url.searchParams.get('q') === q);
  await expectNoAxeViolations(page, { javaScriptDisabled });
}

describe('the public register in the browser', () => {
  it('finds the demo appointee across scripts, filters, opens the row’s receipt and downloads the set', async () => {
    const context = await newContext();
    const page = await context.newPage();

    await page.goto('/');
    await nav(page).getByRole('link', { name: az.nav }).click();
    await page.waitForURL((url) => url.pathname === '/register');
    await expectNoAxeViolations(page);
    expect(await heading(page)).toBe(az.overview.title);
    expect(await nav(page).getByRole('link', { name: az.nav }).getAttribute('aria-current')).toBe('page');

    await page.getByRole('link', { name: az.appointments.title, exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/register/appointments');
    await expectNoAxeViolations(page);
    expect(await heading(page)).toBe(az.appointments.title);
    const table = appointmentsTable(page);
    expect(await table.locator('thead th').allInnerTexts()).toEqual([
      az.appointments.name,
      az.appointments.position,
      az.appointments.agency,
      az.appointments.category,
      az.appointments.date,
      az.appointments.testScore,
      az.appointments.interviewScore,
      az.appointments.finalScore,
      az.appointments.rank,
      az.receipt,
    ]);
    const aysel = table.getByRole('row').filter({ hasText: APPOINTEE });
    expect(await aysel.count()).toBe(1);
    const id = await aysel.getAttribute('data-appointment');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    // Her surname in Cyrillic, and in Latin without the schwa, in other cases: the same row.
    for (const q of ['Алиева', 'aliyeva', 'ƏLIYEVA', 'aysel']) {
      await searchAppointments(page, q);
      expect(await page.locator('[data-count]').getAttribute('data-count'), q).toBe('1');
      expect(await table.locator(`tr[data-appointment="${id}"]`).count(), q).toBe(1);
    }
    await searchAppointments(page, 'Məmmədov');
    expect(await page.locator('[data-empty]').innerText()).toBe(az.appointments.empty);
    expect(await table.count()).toBe(0);

    // Filters: her agency and category keep her; another category, or a date range before, leaves nobody.
    await page.getByRole('searchbox', { name: az.appointments.searchLabel }).fill('');
    await page.getByLabel(az.filters.agency).selectOption('ADLIYYE');
    await page.getByLabel(az.filters.category).selectOption('AB');
    await page.getByRole('button', { name: az.filters.submit }).click();
    await page.waitForURL((url) => url.searchParams.get('agency') === 'ADLIYYE');
    await expectNoAxeViolations(page);
    expect(await table.locator(`tr[data-appointment="${id}"]`).count()).toBe(1);
    await page.getByLabel(az.filters.category).selectOption('AA');
    await page.getByRole('button', { name: az.filters.submit }).click();
    await page.waitForURL((url) => url.searchParams.get('category') === 'AA');
    expect(await page.locator('[data-empty]').count()).toBe(1);
    await page.goto('/register/appointments?from=2020-01-01&to=2020-12-31');
    expect(await page.locator('[data-empty]').count()).toBe(1);

    // A range the wrong way round is refused by field, in Azerbaijani, and lists nothing.
    await visit(page, '/register/appointments?from=2026-05-01&to=2026-04-01');
    expect(await page.locator('#filter-to-error').innerText()).toBe(
      az.filters.errors.order.replace('{{field}}', az.filters.to),
    );
    expect(await page.getByLabel(az.filters.to).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.error-summary a[href="#filter-to"]').count()).toBe(1);
    expect(await table.count()).toBe(0);

    // Sorting by name, then the row's own page with its log receipt, checked on the verify page.
    await page.goto('/register/appointments');
    await page.getByLabel(az.filters.sort).selectOption('name');
    await page.getByRole('button', { name: az.filters.submit }).click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'name');
    await table.getByRole('link', { name: APPOINTEE }).click();
    await page.waitForURL((url) => url.pathname === `/register/appointments/${id}`);
    await expectNoAxeViolations(page);
    expect(await heading(page)).toBe(az.appointment.title.replace('{{name}}', APPOINTEE));
    expect(await page.locator('[data-name]').innerText()).toBe(APPOINTEE);
    const receipt = page.locator('dl.receipt');
    const index = await receipt.getAttribute('data-log-index');
    expect(await receipt.locator('code').innerText()).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const main = await page.locator('main').innerText();
    expect(main).not.toContain('@demo.imtahan.az');
    await page.getByRole('link', { name: 'Bu qəbzi yoxlayın' }).click();
    await page.waitForURL((url) => url.pathname === '/verify' && url.searchParams.get('index') === index);
    await page.locator('[data-check="server"] [data-verdict]').waitFor();
    expect(await page.locator('[data-check="server"] [data-verdict]').getAttribute('data-verdict')).toBe('ok');
    await expectNoAxeViolations(page);
    const entry = await (await context.request.get(`/api/log/entries/${index}`)).json();
    expect(entry.entry).toMatchObject({ type: 'appointment.made' });

    // The downloads are the filtered set, straight from the API, with each row's receipt.
    await visit(page, '/register/appointments?q=Алиева');
    const csvHref = await page.locator('a[data-export="csv"]').getAttribute('href');
    expect(csvHref).toBe(`/api/register/appointments.csv?q=${encodeURIComponent('Алиева')}&sort=-date`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[data-export="csv"]').click()]);
    expect(download.suggestedFilename()).toBe('imtahan-register-appointments.csv');
    const csv = await (await context.request.get(csvHref!)).text();
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('logIndex');
    expect(lines[1]).toContain(APPOINTEE);
    const json = (await (
      await context.request.get((await page.locator('a[data-export="json"]').getAttribute('href'))!)
    ).json()) as { id: string; logIndex: number }[];
    expect(json.map((row) => [row.id, String(row.logIndex)])).toEqual([[id, index]]);
    // The second CSV link is the same file for Excel: a byte-order mark, then the same bytes.
    const excelLink = page.getByRole('link', { name: az.downloads.csvExcel.replace('{{what}}', az.appointments.what) });
    const excelHref = await excelLink.getAttribute('href');
    expect(excelHref).toBe(`${csvHref}&bom=1`);
    const [excelDownload] = await Promise.all([page.waitForEvent('download'), excelLink.click()]);
    expect(excelDownload.suggestedFilename()).toBe('imtahan-register-appointments.csv');
    const excel = Buffer.from(await (await context.request.get(excelHref!)).body());
    expect(excel.subarray(0, 3).toString('hex')).toBe('efbbbf');
    expect(excel.subarray(3).toString('utf8')).toBe(csv);
    await context.close();
  });

  it('lists every vacancy with its round and timeline, pages through them, and opens one', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await visit(page, '/register/vacancies');
    expect(await heading(page)).toBe(az.vacancies.title);
    const table = page.getByRole('table', { name: az.vacancies.caption });
    const codes = await table
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-vacancy')));
    expect(codes.length).toBeGreaterThanOrEqual(3);
    const appointed = table.locator('tr[data-vacancy="DEMO-2026-1-001"]');
    expect(
      await appointed.locator('li[data-event]').evaluateAll((items) => items.map((i) => i.getAttribute('data-event'))),
    ).toEqual(expect.arrayContaining(['announced', 'applications_closed', 'ranking_published', 'appointed']));

    // One a page: next, next, then back again, each page by the API's cursor.
    await visit(page, '/register/vacancies?limit=1');
    const shown = async () => (await table.locator('tbody tr').getAttribute('data-vacancy')) ?? '';
    expect(await shown()).toBe(codes[0]);
    expect(await page.locator('a[data-pager="previous"]').count()).toBe(0);
    await page.locator('a[data-pager="next"]').click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    await expectNoAxeViolations(page);
    expect(await shown()).toBe(codes[1]);
    expect(await page.getByRole('navigation', { name: coreAz.pager.label }).locator('p').innerText()).toBe(
      az.pager.where.replace('{{page}}', '2').replace('{{from}}', '2').replace('{{to}}', '2'),
    );
    await page.locator('a[data-pager="next"]').click();
    await page.waitForURL((url) => url.searchParams.get('page') === '3');
    expect(await shown()).toBe(codes[2]);
    await page.locator('a[data-pager="previous"]').click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    expect(await shown()).toBe(codes[1]);
    await page.locator('a[data-pager="previous"]').click();
    await page.waitForURL((url) => !url.searchParams.has('page'));
    expect(await shown()).toBe(codes[0]);

    // A vacancy's page: the timeline with the log entries, the reserve list and the announcement's receipt.
    await visit(page, '/register/vacancies');
    await appointed.locator('th a').click();
    await page.waitForURL((url) => url.pathname.startsWith('/register/vacancies/'));
    await expectNoAxeViolations(page);
    expect(await heading(page)).toContain('DEMO-2026-1-001');
    expect(await page.locator('main ol li[data-event="appointed"] a').count()).toBeGreaterThan(0);
    expect(await page.locator('dl.receipt').getAttribute('data-log-index')).toMatch(/^\d+$/);
    await context.close();
  });

  it('shows results by candidate code, searched and filtered, each with its page', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await visit(page, '/register/results');
    expect(await heading(page)).toBe(az.results.title);
    const table = page.getByRole('table', { name: az.results.caption });
    const first = table.locator('tbody tr').first();
    const code = (await first.getAttribute('data-candidate'))!;
    const sitting = (await first.locator('td').first().innerText()).trim();
    expect(await page.locator('main').innerText()).not.toContain('Aysel');

    await page.getByRole('searchbox', { name: az.results.searchLabel }).fill(code.toLowerCase());
    await page.getByLabel(az.filters.sitting).fill(sitting);
    await page.getByRole('button', { name: az.filters.submit }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === code.toLowerCase());
    await expectNoAxeViolations(page);
    expect(await table.locator('tbody tr').count()).toBe(1);
    expect(await table.locator('tbody tr').getAttribute('data-candidate')).toBe(code);

    await page.getByLabel(az.filters.sitting).fill('NO-SUCH-SITTING');
    await page.getByRole('button', { name: az.filters.submit }).click();
    await page.waitForURL((url) => url.searchParams.get('sitting') === 'NO-SUCH-SITTING');
    expect(await page.locator('[data-empty]').innerText()).toBe(az.results.empty);

    await visit(page, `/register/results/${code}`);
    expect(await heading(page)).toBe(az.result.title.replace('{{code}}', code));
    expect(await page.locator('dl.receipt').getAttribute('data-log-index')).toMatch(/^\d+$/);
    const missing = await page.goto('/register/results/ZZZZ9999');
    expect(missing?.status()).toBe(404);
    expect(await heading(page)).toBe(az.notFound.title);
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('charts the statistics as server-rendered SVG images, each beside its table', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await visit(page, '/register/statistics');
    expect(await heading(page)).toBe(az.statistics.title);
    const charts = page.locator('figure svg[role="img"]');
    expect(await charts.count()).toBeGreaterThanOrEqual(3);
    for (const label of await charts.evaluateAll((svgs) => svgs.map((s) => s.getAttribute('aria-label'))))
      expect(label?.length).toBeGreaterThan(10);
    // Vega drew them: its marks, not a hand-made path.
    expect(await page.locator('figure svg g.mark-rect').count()).toBeGreaterThanOrEqual(3);

    const rates = page.getByRole('table', { name: az.statistics.passRatesTable });
    expect(await rates.locator('thead th').allInnerTexts()).toEqual([
      az.appointments.category,
      az.statistics.month,
      az.statistics.candidates,
      az.statistics.sat,
      az.statistics.passed,
      az.statistics.passRate,
    ]);
    expect(await rates.locator('tbody tr').count()).toBeGreaterThan(0);
    const agencies = page.getByRole('table', { name: az.statistics.agenciesTable });
    expect((await agencies.locator('tr[data-agency="ADLIYYE"] td').innerText()).trim()).toBe('1');
    const histogram = page.locator('article[data-sitting]').first();
    const sitting = (await histogram.getAttribute('data-sitting'))!;
    expect(await histogram.getByRole('table').count()).toBe(1);

    // One sitting by its code.
    await page.getByRole('textbox', { name: az.filters.sitting, exact: true }).fill(sitting);
    await page.getByRole('button', { name: az.filters.submit }).click();
    await page.waitForURL((url) => url.searchParams.get('sitting') === sitting);
    await expectNoAxeViolations(page);
    expect(await page.locator('article[data-sitting]').count()).toBe(1);

    // In English, the charts are named in English.
    const english = await newContext({ locale: 'en-GB' });
    const enPage = await english.newPage();
    await visit(enPage, '/register/statistics');
    expect(await enPage.locator('figure svg[role="img"]').last().getAttribute('aria-label')).toBe(
      en.statistics.agenciesChart.replace('{{count}}', '1'),
    );
    await english.close();
    await context.close();
  });

  it('works without JavaScript: search across scripts, paging, a receipt and the statistics', async () => {
    const context = await newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await visit(page, '/register', true);
    await page.getByRole('link', { name: az.appointments.title, exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/register/appointments');
    await expectNoAxeViolations(page, { javaScriptDisabled: true });

    await searchAppointments(page, 'алиева', true);
    const row = appointmentsTable(page).getByRole('row').filter({ hasText: APPOINTEE });
    expect(await row.count()).toBe(1);
    await searchAppointments(page, 'Aliyeva', true);
    expect(await row.count()).toBe(1);
    await row.getByRole('link', { name: APPOINTEE }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/register/appointments/'));
    await expectNoAxeViolations(page, { javaScriptDisabled: true });
    expect(await page.locator('dl.receipt').getAttribute('data-log-index')).toMatch(/^\d+$/);

    await visit(page, '/register/vacancies?limit=1', true);
    const first = await page.locator('tbody tr').getAttribute('data-vacancy');
    await page.locator('a[data-pager="next"]').click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    expect(await page.locator('tbody tr').getAttribute('data-vacancy')).not.toBe(first);
    await page.locator('a[data-pager="previous"]').click();
    await page.waitForURL((url) => !url.searchParams.has('page'));
    expect(await page.locator('tbody tr').getAttribute('data-vacancy')).toBe(first);

    await visit(page, '/register/results', true);
    await visit(page, '/register/statistics', true);
    expect(await page.locator('figure svg[role="img"]').count()).toBeGreaterThanOrEqual(3);
    await context.close();
  });
});
