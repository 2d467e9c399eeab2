import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/browser';
import type { RunningServer } from '../helpers/server';
import { browserSuite, signInStaff } from './staff-support';

let server: RunningServer;
let browser: Browser;

browserSuite((suite) => ({ server, browser } = suite));

/** Signs the demo examiner in, landing on `target`; the file does so three times, which can be within one code step. */
const signIn = (page: Page, target: string) =>
  signInStaff(page, 'examiner@demo.imtahan.az', 'demo-examiner-2026', target, server.clock);

const facilityColumn = async (page: Page) =>
  (await page.locator('table.items tbody tr td:nth-child(4)').allInnerTexts()).map(Number);

/** Items per page of the item table (paging.ts). */
const ITEMS_PER_PAGE = 25;
/** The item table's pager, by its name; the DIF and positions tables have their own. */
const itemPager = (page: Page) => page.getByRole('navigation', { name: 'Suallar cədvəlinin səhifələri' });
/** The page's size as served and rendered: what a phone parses and axe walks. */
const domSize = (page: Page) => page.evaluate(() => document.documentElement.outerHTML.length);

describe('item statistics in the browser', () => {
  it('an examiner finds the demo sitting’s statistics, sorts the items, opens an item’s options and downloads the CSV', async () => {
    const context = await browser.newContext({ baseURL: server.url, locale: 'az-AZ' });
    const page = await context.newPage();
    await signIn(page, '/statistics');
    expect(await page.locator('h1').innerText()).toBe('Sual statistikası');

    // The run's demo comes with its published sitting's statistics (tests/e2e/global-setup.ts); a server that
    // seeds its own computes them in the background within a few sweeps of the start.
    const ready = page.locator('tr[data-sitting]:has(td[data-status="ready"])').first();
    for (let i = 0; i < 30 && (await ready.count()) === 0; i++) {
      await page.waitForTimeout(1_000);
      await page.reload();
    }
    expect(await ready.count()).toBe(1);
    await expectNoAxeViolations(page);

    await ready.getByRole('link').click();
    await page.waitForURL('**/statistics/*');
    expect(await page.locator('h1').innerText()).toMatch(/^Sual statistikası: /);
    expect(Number(await page.locator('[data-measure="attempts"] dd').innerText())).toBeGreaterThan(0);
    expect(await page.locator('[data-computed-at]').innerText()).toMatch(/hesablanıb/);
    const rows = await page.locator('table.items tbody tr').count();
    expect(rows).toBeGreaterThan(0);
    // The item table is paged: a page of at most 25 items, with the options of those items only.
    const total = Number(await page.locator('table.items').getAttribute('data-total'));
    expect(rows).toBe(Math.min(total, ITEMS_PER_PAGE));
    expect(await page.locator('details.item-details').count()).toBe(rows);
    expect(await domSize(page)).toBeLessThan(250_000);
    await expectNoAxeViolations(page);

    // Sorting is a link: it works without JavaScript, and says which way it sorts.
    await page.locator('a[data-sort-key="facility"]').click();
    await page.waitForURL(/sort=facility&dir=asc/);
    expect(await page.locator('th[aria-sort="ascending"] a[data-sort-key="facility"]').count()).toBe(1);
    const ascending = await facilityColumn(page);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await page.locator('a[data-sort-key="facility"]').click();
    await page.waitForURL(/sort=facility&dir=desc/);
    const descending = await facilityColumn(page);
    if (total <= ITEMS_PER_PAGE) expect(descending).toEqual([...ascending].sort((a, b) => b - a));
    else {
      // The whole table is sorted before it is paged: the first page each way holds the extremes.
      expect(descending).toEqual([...descending].sort((a, b) => b - a));
      if (total >= 2 * ITEMS_PER_PAGE) expect(Math.min(...descending)).toBeGreaterThanOrEqual(Math.max(...ascending));
      // The next page continues the order, and keeps it in the address.
      const first = await page.locator('table.items tbody tr').evaluateAll((r) => r.map((e) => e.dataset.item));
      await itemPager(page).locator('a[data-pager="next"]').click();
      await page.waitForURL(/sort=facility&dir=desc&page=2/);
      const second = await facilityColumn(page);
      expect(second).toEqual([...second].sort((a, b) => b - a));
      expect(Math.max(...second)).toBeLessThanOrEqual(Math.min(...descending));
      const next = await page.locator('table.items tbody tr').evaluateAll((r) => r.map((e) => e.dataset.item));
      expect(next.filter((id) => first.includes(id))).toEqual([]);
    }

    // From the item table to the item's options.
    await page.locator('table.items tbody tr td.question a[href^="#item-"]').first().click();
    // A choice item's (a short-answer item, if the draw put one first, has no options).
    const details = page
      .locator('details.item-details')
      .filter({ has: page.locator('tr[data-option]') })
      .first();
    await details.locator('summary').click();
    expect(await page.locator('details[open] tr[data-option]').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page);

    // From an item to the same question in every sitting.
    const sittingUrl = page.url();
    await page.locator('a[data-question-statistics]').first().click();
    await page.waitForURL('**/statistics/questions/*');
    expect(await page.locator('h1').innerText()).toBe('Sualın sessiyalar üzrə statistikası');
    expect(await page.locator('tr[data-sitting]').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page);
    await page.goto(sittingUrl);

    const href = await page.locator('a[data-csv]').getAttribute('href');
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\n')[0]).toMatch(/^position,item,questionId,section/);
    await context.close();
  });
});

describe('the demo population’s statistics in the browser', () => {
  it('an examiner reaches the statistics from the menu, finds the planted faults across both sittings and opens a ruling', async () => {
    const context = await browser.newContext({ baseURL: server.url, locale: 'az-AZ' });
    const page = await context.newPage();
    await signIn(page, '/bank');
    // The menu has the statistics for examiners.
    await page.getByRole('navigation').getByRole('link', { name: 'Sual statistikası' }).click();
    await page.waitForURL((url) => url.pathname === '/statistics');

    // Across the az and ru sittings of the population's blueprint: the item harder in Russian is class C.
    const blueprint = page.locator('tr[data-blueprint]:has(td[data-status="ready"])').first();
    expect(await blueprint.count()).toBe(1);
    await blueprint.getByRole('link').click();
    await page.waitForURL('**/statistics/blueprints/*');
    expect(await page.locator('h1').innerText()).toMatch(/^Sessiyalar üzrə sual statistikası: /);
    // Class C first in the DIF table, which is paged too.
    expect(await page.locator('tr[data-dif-class="C"]').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('tr[data-dif-class]').first().getAttribute('data-dif-class')).toBe('C');
    expect(await page.locator('tr[data-form]').count()).toBe(2);
    // Hundreds of items, a page of them rendered (the whole analysis was a 1.4 MB page).
    const total = Number(await page.locator('table.items').getAttribute('data-total'));
    expect(total).toBeGreaterThan(4 * ITEMS_PER_PAGE);
    expect(await page.locator('table.items tbody tr').count()).toBe(ITEMS_PER_PAGE);
    expect(await page.locator('details.item-details').count()).toBe(ITEMS_PER_PAGE);
    expect(await domSize(page)).toBeLessThan(400_000);
    const blueprintUrl = page.url();
    await expectNoAxeViolations(page);

    // A C-class row leads to its item, on the item table's page that holds it: flagged there as DIF.
    const translated = await page.locator('tr[data-dif-class="C"]').first().getAttribute('data-item');
    await page.locator('tr[data-dif-class="C"] a[data-dif-item]').first().click();
    await page.waitForURL(new RegExp(`#item-${translated}$`));
    expect(await page.locator(`table.items tr[data-item="${translated}"][data-flags~="dif-c"]`).count()).toBe(1);
    expect(await page.locator(`details#item-${translated}`).count()).toBe(1);

    // Every item is a page away, by keyboard too: the last page holds the rest, and the first one is back.
    const pages = Math.ceil(total / ITEMS_PER_PAGE);
    await page.goto(blueprintUrl);
    const last = itemPager(page).locator('a[data-pager="last"]');
    await last.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`[?&]page=${pages}#items$`));
    expect(await page.locator('table.items tbody tr').count()).toBe(total - (pages - 1) * ITEMS_PER_PAGE);
    expect(await itemPager(page).innerText()).toContain(`${total}`);
    expect(await itemPager(page).locator('a[data-pager="next"]').count()).toBe(0);
    await itemPager(page).locator('a[data-pager="previous"]').click();
    await page.waitForURL(new RegExp(`[?&]page=${pages - 1}#items$`));
    expect(await page.locator('table.items tbody tr').count()).toBe(ITEMS_PER_PAGE);

    // The pages are plain links: without JavaScript a page is served whole, and the next page is a click away.
    const plain = await browser.newContext({
      baseURL: server.url,
      locale: 'az-AZ',
      javaScriptEnabled: false,
      storageState: await context.storageState(),
    });
    const plainPage = await plain.newPage();
    await plainPage.goto(`${blueprintUrl}?page=2`);
    expect(await plainPage.locator('table.items tbody tr').count()).toBe(ITEMS_PER_PAGE);
    await itemPager(plainPage).locator('a[data-pager="next"]').click();
    await plainPage.waitForURL(/[?&]page=3#items$/);
    expect(await plainPage.locator('table.items tbody tr').count()).toBe(ITEMS_PER_PAGE);
    await plain.close();

    // The miskeyed item discriminates negatively, the most of all: first when the table is sorted by the
    // discrimination index; one step leads to the commission's ruling on that version.
    await page.goto(blueprintUrl);
    await page.locator('a[data-sort-key="discriminationIndex"]').click();
    await page.waitForURL(/sort=discriminationIndex&dir=asc/);
    const miskeyed = page.locator('table.items tr[data-flags~="negative-discrimination"]').first();
    expect(await miskeyed.count()).toBe(1);
    const versionId = await miskeyed.getAttribute('data-item');
    await miskeyed.locator('a[data-ruling]').click();
    await page.waitForURL(`**/commission/${versionId}`);
    expect(await page.locator('h1').count()).toBe(1);
    await expectNoAxeViolations(page);

    // The question's own page shows its statistics in the sittings it appeared in.
    await page.goBack();
    await page.waitForURL('**/statistics/blueprints/*');
    await page.locator(`table.items tr[data-item="${versionId}"] td.question a`, { hasText: 'Suala keçin' }).click();
    await page.waitForURL('**/bank/*');
    const panel = page.locator('[data-question-statistics-panel]');
    expect(await panel.locator('tr[data-sitting]').count()).toBeGreaterThanOrEqual(2);
    expect(await panel.locator('[data-flag="negative-discrimination"]').count()).toBeGreaterThanOrEqual(1);
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('the public sees a published sitting’s reliability and its score histogram, as a chart and a table', async () => {
    const staff = await browser.newContext({ baseURL: server.url, locale: 'az-AZ' });
    const examinerPage = await staff.newPage();
    await signIn(examinerPage, '/statistics');
    const row = examinerPage.locator('tr[data-sitting]', { hasText: '-10-AZ' }).first();
    const sittingId = await row.getAttribute('data-sitting');
    await staff.close();

    const context = await browser.newContext({ baseURL: server.url, locale: 'az-AZ' });
    const page = await context.newPage();
    await page.goto(`/results/${sittingId}`);
    expect(await page.locator('[data-reliability]').count()).toBe(1);
    expect(Number(await page.locator('[data-reliability]').getAttribute('data-reliability'))).toBeGreaterThan(70);
    expect(await page.locator('figure[data-histogram] figcaption').count()).toBe(1);
    const table = page.getByRole('table', { name: /^Faiz balı intervalları üzrə namizədlər \(500 namizəd\)/ });
    const counts = (await table.locator('tbody td').allInnerTexts()).map(Number);
    expect(counts).toHaveLength(10);
    expect(counts.reduce((s, c) => s + c, 0)).toBe(500);
    await expectNoAxeViolations(page);
    // At 320 px nothing scrolls the page sideways.
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await context.close();
  });
});
