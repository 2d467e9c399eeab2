import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/browser';
import type { RunningServer } from '../helpers/server';
import { browserSuite, EXAMINER, signInStaff } from './staff-support';

/** Issue 20 in the browser: check a Moodle file, file its category, import it, re-import it as an update. */

let server: RunningServer;
let browser: Browser;

browserSuite((suite) => ({ server, browser } = suite));

const gift = readFileSync(
  join(import.meta.dirname, '../../server/modules/imports/fixtures/moodle-multilang.gift'),
  'utf8',
);

describe('importing a Moodle GIFT file', () => {
  it('checks the file, files its category as chosen, imports it, and re-imports it as unchanged', async () => {
    const context = await browser.newContext({ baseURL: server.url, locale: 'az-AZ' });
    const page = await context.newPage();
    await signInStaff(page, EXAMINER.email, EXAMINER.password, '/bank/import', server.clock);
    await expectNoAxeViolations(page);

    await page.getByLabel('Format').selectOption('gift');
    await page.getByLabel('Və ya mətni buraya yapışdırın').fill(gift);
    await page.getByLabel('İşarəsiz mətnin dili').selectOption('az');
    await page.getByRole('button', { name: 'Faylı yoxlayın' }).click();

    // The category's own name is not a subject of the bank: the check says so and offers a choice.
    await page.getByRole('heading', { name: 'İdxal nə edəcək' }).waitFor();
    expect(await page.locator('main').innerText()).toContain('Yeni suallar: 5.');
    const filing = page.getByLabel('$course$/top/Riyaziyyat/Cüt ədədlər üçün fənn və ya mövzu');
    expect(await filing.locator('option:checked').innerText()).toContain('bankda yoxdur');
    const report = page.locator('[data-import-report]');
    expect(await report.locator('tbody tr').count()).toBe(5);
    await expectNoAxeViolations(page);

    await filing.selectOption('logic');
    await page.getByRole('button', { name: 'Bu seçimlərlə yenidən yoxlayın' }).click();
    await page.getByText('Faylda problem yoxdur.').waitFor();
    expect(await page.locator('[data-import-report]').count()).toBe(0);
    expect(await filing.locator('option:checked').innerText()).toBe('Məntiq');
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'İdxal edin' }).click();
    await page.getByText('İdxal olunan suallar: 5.', { exact: false }).waitFor();
    await expectNoAxeViolations(page);

    // The three languages of the multilang question landed in their own fields.
    await page.goto(`/bank?q=${encodeURIComponent('Hansı ədəd cütdür')}`);
    await page
      .getByRole('link', { name: /Hansı ədəd cütdür/ })
      .first()
      .click();
    await page.waitForURL(/\/bank\/[0-9a-f-]{36}/);
    const question = await page.locator('main').innerText();
    expect(question).toContain('Hansı ədəd cütdür?');
    expect(question).toContain('Какое число чётное?');
    expect(question).toContain('Which number is even?');
    await expectNoAxeViolations(page);

    // The same file again: refused as taken, until "update existing questions" finds nothing changed.
    await page.goto('/bank/import');
    await page.getByLabel('Format').selectOption('gift');
    await page.getByLabel('Və ya mətni buraya yapışdırın').fill(gift);
    await page.getByRole('button', { name: 'Faylı yoxlayın' }).click();
    await page.getByRole('heading', { name: 'İdxal nə edəcək' }).waitFor();
    await page.getByLabel('$course$/top/Riyaziyyat/Cüt ədədlər üçün fənn və ya mövzu').selectOption('logic');
    await page.getByLabel('Mövcud sualları xarici identifikatora görə yeniləyin').check();
    await page.getByRole('button', { name: 'Bu seçimlərlə yenidən yoxlayın' }).click();
    await page.getByText('Dəyişməyənlər: 5.', { exact: false }).waitFor();
    await expectNoAxeViolations(page);

    // At 320 px the page reflows: nothing but the category table's own region scrolls sideways.
    await page.setViewportSize({ width: 320, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
