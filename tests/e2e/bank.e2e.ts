import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/browser';
import type { RunningServer } from '../helpers/server';
import { ADMIN, browserSuite, type DemoStaff, EXAMINERS, signInStaff } from './staff-support';

let server: RunningServer;
let browser: Browser;

browserSuite((suite) => ({ server, browser } = suite));

async function newContext(): Promise<BrowserContext> {
  return browser.newContext({ baseURL: server.url, locale: 'az-AZ' });
}

async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expectNoAxeViolations(page);
}

const heading = (page: Page) => page.locator('h1').innerText();
const main = (page: Page) => page.locator('main').innerText();

/** Signs a demo member of staff in (an examiner unless told), landing on `target`. */
const signIn = (page: Page, target: string, { email, password }: DemoStaff = EXAMINERS[0]) =>
  signInStaff(page, email, password, target, server.clock);

/** The total the list states, e.g. "Tapılan suallar: 7" → 7. */
async function listTotal(page: Page): Promise<number> {
  const text = await page.locator('.result-count').innerText();
  return Number(/(\d+)\s*$/.exec(text.trim())?.[1]);
}

const CSV_HEADER =
  'external_id,subject,topic,type,difficulty,text_az,option_1_id,option_1_az,option_2_id,option_2_az,correct';

describe('the question bank in the browser', () => {
  it('an examiner searches, writes a question, cannot approve it; a colleague approves it; import reports rows', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const stamp = Date.now();

    await signIn(page, '/bank');
    await expectNoAxeViolations(page);
    expect(await heading(page)).toBe('Sual bankı');
    expect(await listTotal(page)).toBeGreaterThan(150);

    // Search for a word the demo's legislation questions use, then narrow by subject.
    const filters = page.getByRole('region', { name: 'Axtarış və filtrlər' });
    await filters.getByLabel('Mətndə, teqlərdə və ya xarici identifikatorda axtarış').fill('Konstitusiya');
    await filters.getByRole('button', { name: 'Göstərin' }).click();
    await page.waitForURL(/\/bank\?q=Konstitusiya/);
    const found = await listTotal(page);
    expect(found).toBeGreaterThan(0);
    expect(await page.locator('tbody').innerText()).toContain('Konstitusiya');
    await filters.getByLabel('Bölmə').selectOption('legislation');
    await filters.getByRole('button', { name: 'Göstərin' }).click();
    await page.waitForURL(/subject=legislation/);
    const subjects = await page.locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(subjects.length).toBeGreaterThan(0);
    expect(subjects.every((cell) => cell.startsWith('Qanunvericilik'))).toBe(true);
    await expectNoAxeViolations(page);

    // The demo's edited question has two versions; compare them.
    await visit(page, '/bank?q=logic-sequence-01');
    await page.locator('tbody a').first().click();
    await page.waitForURL(/\/bank\/[0-9a-f-]{36}$/);
    await expectNoAxeViolations(page);
    const history = page.locator('table').filter({ hasText: 'Kim yaradıb' });
    expect(await history.locator('tbody tr').count()).toBe(2);
    const comparison = page.locator('table.compare');
    expect(await comparison.locator('thead').innerText()).toMatch(/v1[\s\S]*v2/);
    expect(await comparison.locator('tr.compare__changed').innerText()).toContain('revised');

    // A new single-choice question: first without a correct answer, then whole.
    await visit(page, '/bank/new');
    const text = `E2E sual ${stamp}: 2 + 2 neçədir?`;
    await page.getByLabel('Mətn (Azərbaycanca)').fill(text);
    await page.getByRole('group', { name: 'Variant A' }).getByLabel('Azərbaycanca').fill('3');
    await page.getByRole('group', { name: 'Variant B' }).getByLabel('Azərbaycanca').fill('4');
    expect(await page.locator('.editor__preview').innerText()).toContain(text);
    await page.getByRole('button', { name: 'Sualı saxlayın' }).click();
    const correctError = page.locator('#field-correct-error');
    await correctError.waitFor();
    expect(await correctError.innerText()).toBe('Düzgün cavabı qeyd edin.');
    expect(await page.locator('#field-options').getAttribute('aria-describedby')).toContain('field-correct-error');
    expect(await page.locator('.error-summary a[href="#field-correct"]').count()).toBe(1);
    expect(await page.getByLabel('Mətn (Azərbaycanca)').inputValue()).toBe(text);
    await expectNoAxeViolations(page);

    await page.getByLabel('B düzgün cavabdır').check();
    await page.getByRole('button', { name: 'Sualı saxlayın' }).click();
    await page.waitForURL(/\/bank\/[0-9a-f-]{36}\?saved=1$/);
    const questionPath = new URL(page.url()).pathname;
    expect(await main(page)).toContain('Versiya 1 saxlanıldı.');
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Yoxlamaya göndərin' }).click();
    await page.getByText('Sual yoxlamaya göndərildi.').waitFor();
    expect(await page.locator('.details .status-badge').innerText()).toBe('Yoxlamada');

    // The four-eyes rule: the author is refused, with the reason in Azerbaijani.
    await page.getByRole('button', { name: 'Təsdiqləyin' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('.error-summary').innerText()).toContain('«Dörd göz» qaydası');
    expect(await page.locator('.details .status-badge').innerText()).toBe('Yoxlamada');
    await expectNoAxeViolations(page);

    await page.getByRole('navigation').getByRole('button', { name: 'Çıxış' }).click();
    await page.waitForURL('**/sign-in?signedOut=1');

    await signIn(page, questionPath, EXAMINERS[1]);
    await expectNoAxeViolations(page);
    await page.getByLabel('Rəy').fill('Yoxladım, düzgündür.');
    await page.getByRole('button', { name: 'Təsdiqləyin' }).click();
    await page.getByText('Sual təsdiqləndi.').waitFor();
    expect(await page.locator('.details .status-badge').innerText()).toBe('Təsdiqlənib');
    const trail = await page.locator('table').filter({ hasText: 'Nə edib' }).innerText();
    expect(trail).toContain('Elçin Quliyev');
    expect(trail).toContain('Yoxladım, düzgündür.');

    // Import: two good rows are added; a file with one bad row adds nothing and says which row.
    await visit(page, '/bank?status=draft');
    const draftsBefore = await listTotal(page);
    await visit(page, '/bank/import');
    const good = [
      CSV_HEADER,
      `e2e-${stamp}-1,logic,,single,easy,E2E idxal bir ${stamp},a,Bəli,b,Xeyr,a`,
      `e2e-${stamp}-2,informatics,,single,medium,E2E idxal iki ${stamp},a,Bəli,b,Xeyr,b`,
    ].join('\n');
    await page.getByLabel('Format').selectOption('csv');
    await page.getByLabel('Və ya mətni buraya yapışdırın').fill(good);
    await page.getByRole('button', { name: 'İdxal edin' }).click();
    await page.getByText('İdxal olunan suallar: 2.', { exact: false }).waitFor();
    await expectNoAxeViolations(page);

    const bad = [
      CSV_HEADER,
      `e2e-${stamp}-3,logic,,single,easy,E2E idxal üç ${stamp},a,Bəli,b,Xeyr,a`,
      `e2e-${stamp}-4,logic,,single,easy,E2E idxal dörd ${stamp},a,Bəli,b,Xeyr,z`,
    ].join('\n');
    await page.getByLabel('Və ya mətni buraya yapışdırın').fill(bad);
    await page.getByRole('button', { name: 'İdxal edin' }).click();
    await page.getByRole('heading', { name: 'Heç nə idxal olunmadı' }).waitFor();
    const report = page.locator('table').filter({ hasText: 'Sətir' });
    const rows = await report.locator('tbody tr').allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.startsWith('3'))).toBe(true);
    expect(rows.join('\n')).toContain('correct');
    // The text stays, so it can be corrected and sent again.
    expect(await page.getByLabel('Və ya mətni buraya yapışdırın').inputValue()).toBe(bad);
    await expectNoAxeViolations(page);

    await visit(page, '/bank?status=draft');
    expect(await listTotal(page)).toBe(draftsBefore + 2);
    await visit(page, `/bank?q=${encodeURIComponent(`E2E idxal üç ${stamp}`)}`);
    expect(await listTotal(page)).toBe(0);
    await context.close();
  });

  it('the DİM blueprint is feasible and a seed always draws the same 100-item paper', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, '/blueprints');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'DİM dövlət qulluğu testi (100 sual, 180 dəqiqə)' }).click();
    await page.waitForURL(/\/blueprints\/[0-9a-f-]{36}$/);
    await expectNoAxeViolations(page);

    const feasibility = page.locator('table.feasibility');
    const results = await feasibility.locator('td.feasibility__result').allInnerTexts();
    expect(results.length).toBe(12); // three languages × four sections
    expect(results.every((cell) => cell.includes('✓'))).toBe(true);
    expect(await main(page)).toContain('kifayət qədər təsdiqlənmiş sual var');

    const draw = async () => {
      await page.getByLabel('Açar söz (seed)').fill('demo');
      await page.getByRole('button', { name: 'Vərəqi tərtib edin' }).click();
      await page.waitForURL(/\?seed=demo/);
      await page.locator('.paper-item').first().waitFor();
      return {
        count: await page.locator('.paper-item').count(),
        first: await page.locator('.paper-item').first().getAttribute('data-question'),
        firstText: await page.locator('.paper-item').first().innerText(),
      };
    };
    const once = await draw();
    expect(once.count).toBe(100);
    expect(await main(page)).toContain('100 sual var');
    await expectNoAxeViolations(page);

    await page.goto(new URL(page.url()).pathname);
    const twice = await draw();
    expect(twice).toEqual(once);
    await context.close();
  });

  const FORM_ANSWER = { timeout: 20_000 };

  it('staff add a topic to a subject, and a missing name is refused beside its field', async () => {
    const context = await newContext();
    const page = await context.newPage();
    // The administrator, because the examiners' codes of this half-minute may already be used (no replays).
    await signIn(page, '/bank', ADMIN);
    await page.getByRole('link', { name: 'Fənlər və mövzular' }).click();
    await page.waitForURL('**/bank/topics');
    await expectNoAxeViolations(page);
    expect(await page.locator('caption').first().innerText()).toBe('Məntiq: mövzular');

    await page.getByLabel('Fənn').selectOption('legislation');
    await page.getByLabel(/^Mövzunun identifikatoru/).fill('labor-code');
    await page.getByRole('button', { name: 'Mövzunu əlavə et' }).click();
    const nameField = page.getByLabel(/^Ad \(azərbaycanca\)/);
    // The form's answer, waited for as long as a loaded machine takes (expect.poll gives up after 1 s by default).
    await expect.poll(() => nameField.getAttribute('aria-invalid'), FORM_ANSWER).toBe('true');
    await expectNoAxeViolations(page);

    await nameField.fill('Əmək Məcəlləsi');
    await page.getByLabel(/^Ad \(rusca\)/).fill('Трудовой кодекс');
    await page.getByRole('button', { name: 'Mövzunu əlavə et' }).click();
    await expect.poll(() => main(page), FORM_ANSWER).toContain('«Əmək Məcəlləsi» mövzusu əlavə olundu.');
    const legislation = page.locator('table', { has: page.locator('caption', { hasText: 'Qanunvericilik' }) });
    expect(await legislation.locator('tbody').innerText()).toContain('labor-code');
    await context.close();
  });
});
