import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/browser';
import type { RunningServer } from '../helpers/server';
import { browserSuite } from './staff-support';

let server: RunningServer;
let browser: Browser;

browserSuite((suite) => ({ server, browser } = suite));

const heading = (page: Page) => page.locator('h1').innerText();
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Presses a control the way a keyboard user does: focus it, then Enter. */
async function press(target: Locator, key = 'Enter'): Promise<void> {
  await target.focus();
  await target.press(key);
}

/** The question on screen, answered by keyboard: Space picks the first (or, with `second`, the next) option. */
async function answerCurrent(page: Page, second = false): Promise<string> {
  const question = page.locator('.room__question');
  const text = question.locator('input[type="text"]');
  if ((await text.count()) > 0) {
    await text.focus();
    await page.keyboard.type('Bakı');
    return 'text';
  }
  const first = question.locator('input[type="radio"], input[type="checkbox"]').first();
  await first.focus();
  if ((await first.getAttribute('type')) === 'radio' && second) await page.keyboard.press('ArrowDown');
  else await page.keyboard.press('Space');
  return (await first.getAttribute('type')) ?? '';
}

const saveState = (page: Page) => page.locator('.room__question [data-save-state]');
const paletteButton = (page: Page, number: number) => page.locator(`.palette button[data-item="${number}"]`);

describe('the exam in the browser', () => {
  it('an applicant books a seat, downloads the ticket, sits an exam through going offline and a reload, submits and sees the result', async () => {
    const context = await browser.newContext({ baseURL: server.url, locale: 'az-AZ' });
    const page = await context.newPage();

    // Sign in by keyboard, landing on the list of open sittings.
    await page.goto('/sign-in?redirectTo=%2Fsittings', { waitUntil: 'networkidle' });
    await page.getByLabel(/^E-poçt və ya şəxsiyyət nömrəsi/).focus();
    await page.keyboard.type('aysel@demo.imtahan.az');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo-applicant-2026');
    await page.keyboard.press('Enter');
    await page
      .waitForURL((url) => url.pathname === '/sittings')
      .catch(async (error: unknown) => {
        throw new Error(`sign-in stayed on ${page.url()}: ${await page.locator('main').innerText()}`, { cause: error });
      });
    await expectNoAxeViolations(page);
    expect(await heading(page)).toBe('Qeydiyyat açıq olan imtahanlar');
    const nav = page.getByRole('navigation', { name: 'Əsas menyu' });
    expect(await nav.getByRole('link', { name: 'İmtahanlar' }).getAttribute('aria-current')).toBe('page');
    expect(await nav.getByRole('link', { name: 'Qeydiyyatlarım' }).count()).toBe(1);

    // Book a seat in the sitting open for booking (not the practice one the demo already booked).
    const row = page
      .locator('tbody tr')
      .filter({ hasNotText: 'DEMO-PRACTICE' })
      .filter({ has: page.locator('button') });
    expect(await row.count()).toBeGreaterThan(0);
    const sittingCode = (await row.first().locator('th .cell-secondary').innerText()).split('·')[1]!.trim();
    await press(row.first().getByRole('button', { name: /^Yer tutun/ }));
    await page.waitForURL(new RegExp(`/bookings/${UUID}\\?booked=1$`));
    const bookingPath = new URL(page.url()).pathname;
    await expectNoAxeViolations(page);
    expect(await heading(page)).toBe(`${sittingCode} imtahanına qeydiyyat`);
    const details = await page.locator('dl.details').innerText();
    expect(details).toMatch(/Namizəd kodu\s+\S+/);
    expect(details).toMatch(/Otaq\s+Zal A-10[12]/);
    expect(details).toMatch(/Yer\s+\d+/);
    expect(details).toMatch(/Gəlmə vaxtı \(ən gec\)\s+\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}/);
    expect(await page.locator('.notice--success').innerText()).toContain('Yeriniz ayrıldı');

    // The admission ticket downloads as a PDF, through the page's own address.
    const ticketLink = page.getByRole('link', { name: 'Buraxılış vərəqəsini yükləyin (PDF)' });
    const downloading = page.waitForEvent('download');
    await press(ticketLink);
    const download = await downloading;
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const ticket = await context.request.get((await ticketLink.getAttribute('href'))!);
    expect(ticket.status()).toBe(200);
    expect(ticket.headers()['content-type']).toContain('application/pdf');

    // Cancelling asks first; "No, keep it" keeps the booking.
    await press(page.getByRole('button', { name: 'Qeydiyyatı ləğv edin…' }));
    const confirm = page.getByRole('region', { name: 'Bu qeydiyyat ləğv edilsin?' });
    await confirm.waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('confirm'))).toBe(true);
    await expectNoAxeViolations(page);
    await press(confirm.getByRole('link', { name: 'Xeyr, saxlayın' }));
    await page.waitForURL((url) => url.pathname === bookingPath && url.search === '');
    expect(await page.locator('dl.details').innerText()).toContain('Yer ayrılıb');

    // My bookings: the practice sitting the demo booked is open for entry now.
    await page.goto('/bookings');
    await expectNoAxeViolations(page);
    expect(await heading(page)).toBe('Qeydiyyatlarım');
    await press(page.getByRole('link', { name: 'DEMO-PRACTICE' }));
    await page.waitForURL(new RegExp(`/bookings/${UUID}$`));
    await expectNoAxeViolations(page);
    expect(await page.locator('dl.details').innerText()).toContain('sizə verilmiş 25 % əlavə vaxt');
    await press(page.getByRole('button', { name: 'İmtahana başlayın' }));
    await page.waitForURL(new RegExp(`/exam/${UUID}$`));
    const examPath = new URL(page.url()).pathname;
    const attemptId = examPath.split('/').pop()!;

    // The room: question 1 of the paper, the countdown by the server's deadline.
    await page.locator('#question-heading').waitFor();
    expect(await page.locator('#question-heading').innerText()).toMatch(/^Sual 1 \/ \d+$/);
    const total = Number(/\/ (\d+)$/.exec(await page.locator('#question-heading').innerText())![1]);
    expect(total).toBeGreaterThan(5);
    expect(await page.getByRole('timer').innerText()).toMatch(/^\d:\d{2}:\d{2}$/);
    const deadline = await page.locator('.countdown__deadline').innerText();
    await expectNoAxeViolations(page);

    // Answer question 1, then go on by the documented shortcut and answer and flag question 2.
    await answerCurrent(page);
    await page.locator('.room__question [data-save-state="saved"]').waitFor();
    expect(await saveState(page).innerText()).toBe('Saxlanılıb');
    await page.keyboard.press('Alt+Shift+N');
    await page.getByRole('heading', { name: `Sual 2 / ${total}` }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('question-heading');
    await answerCurrent(page, true);
    await page.keyboard.press('Alt+Shift+F');
    expect(await page.getByRole('button', { name: 'Yenidən baxmaq üçün qeyd edin' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await page.locator('.room__question [data-save-state="saved"]').waitFor();
    expect(await paletteButton(page, 2).innerText()).toContain('yenidən baxmaq üçün qeyd edilib');
    expect(await paletteButton(page, 1).innerText()).toContain('cavab verilib');

    // Offline: the page says so, and the answers wait on this device.
    await context.setOffline(true);
    await press(page.getByRole('button', { name: 'Növbəti sual' }));
    await page.getByRole('heading', { name: `Sual 3 / ${total}` }).waitFor();
    await answerCurrent(page);
    await page.locator('.room__question [data-save-state="unsaved"]').waitFor();
    expect(await saveState(page).innerText()).toBe('Hələ saxlanılmayıb — internet bağlantısı yoxdur');
    await page.keyboard.press('Alt+Shift+N');
    await page.getByRole('heading', { name: `Sual 4 / ${total}` }).waitFor();
    await answerCurrent(page);
    const status = page.locator('.room__connection[role="status"]');
    await status.getByText('İnternet bağlantısı yoxdur').waitFor();
    expect(await status.innerText()).toContain('Hələ saxlanılmamış cavablar: 2');
    expect(await paletteButton(page, 3).innerText()).toContain('hələ saxlanılmayıb');
    const stored = await page.evaluate((id) => localStorage.getItem(`imtahan.exam.${id}`), attemptId);
    expect(Object.keys((JSON.parse(stored!) as { pending: object }).pending)).toHaveLength(2);
    await expectNoAxeViolations(page);

    // Back online: the queue is flushed and the page says everything is saved.
    await context.setOffline(false);
    await status.getByText('Bağlantı bərpa olundu').waitFor({ timeout: 40_000 });
    expect(await page.locator('.room__saved').innerText()).toBe('Bütün cavablarınız saxlanılıb.');
    expect(await saveState(page).innerText()).toBe('Saxlanılıb');
    const saved = await context.request.get(`/api/attempts/${attemptId}`);
    const view = (await saved.json()) as { answers: { answer: unknown; flagged: boolean }[]; deadline: string };
    expect(view.answers.filter((a) => a.answer !== null)).toHaveLength(4);
    expect(view.answers.filter((a) => a.flagged)).toHaveLength(1);

    // A reload resumes with every answer and the same deadline.
    await page.reload();
    await page.locator('#question-heading').waitFor();
    await expectNoAxeViolations(page);
    expect(await page.locator('.countdown__deadline').innerText()).toBe(deadline);
    for (const number of [1, 2, 3, 4]) expect(await paletteButton(page, number).innerText()).toContain('cavab verilib');
    expect(await paletteButton(page, 5).innerText()).toContain('cavab verilməyib');
    expect(await paletteButton(page, 2).innerText()).toContain('yenidən baxmaq üçün qeyd edilib');
    expect(await page.locator('.palette__counts').innerText()).toBe(`Cavab verilib: 4 / ${total}`);
    expect(await page.evaluate((id) => localStorage.getItem(`imtahan.exam.${id}`), attemptId)).toContain(
      '"pending":{}',
    );
    // At 200 % zoom (half the CSS width) the room reflows into one column with nothing cut off sideways.
    const viewport = page.viewportSize()!;
    await page.setViewportSize({ width: Math.round(viewport.width / 2), height: Math.round(viewport.height / 2) });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const [question, palette] = await Promise.all([
      page.locator('.room__question').boundingBox(),
      page.locator('.palette').boundingBox(),
    ]);
    expect(palette!.y).toBeGreaterThan(question!.y + question!.height - 1);
    await expectNoAxeViolations(page);
    await page.setViewportSize(viewport);

    // The palette goes straight to a question.
    await press(paletteButton(page, 4));
    await page.getByRole('heading', { name: `Sual 4 / ${total}` }).waitFor();
    expect(await saveState(page).innerText()).toBe('Saxlanılıb');

    // Submit: a summary of what is unanswered and flagged, then confirmation.
    await page.keyboard.press('Alt+Shift+S');
    const dialog = page.getByRole('dialog', { name: 'İmtahan təhvil verilsin?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(`${total} sualdan 4 sualına cavab vermisiniz.`);
    expect(await dialog.innerText()).toContain(`Cavab verilməyib: ${total - 4}`);
    expect(await dialog.innerText()).toContain('Yenidən baxmaq üçün qeyd edilib: 1');
    await expectNoAxeViolations(page);
    // A link in the summary goes to the flagged question; the summary opens again from there.
    await press(dialog.getByRole('button', { name: 'Suala keçin: 2' }).last());
    await page.getByRole('heading', { name: `Sual 2 / ${total}` }).waitFor();
    expect(await dialog.isVisible()).toBe(false);
    await press(page.getByRole('button', { name: 'Bitirin və təhvil verin…' }));
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Suallara qayıdın');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Bəli, indi təhvil verin');
    await page.keyboard.press('Enter');

    // The result, at once and politely, by section and in total.
    await page.waitForURL((url) => url.pathname === `${examPath}/result`);
    await expectNoAxeViolations(page);
    expect(await heading(page)).toBe('İmtahan nəticəniz');
    const result = await page.locator('main').innerText();
    // Points may be fractional (partial credit on a multiple-choice item), with Azerbaijani's decimal comma.
    expect(result).toMatch(/\d+ baldan \d+(,\d+)? bal/);
    expect(result).toMatch(/Keçdiniz|Keçmədiniz/);
    expect(result).toContain('İmtahan DEMO-PRACTICE');
    const sections = page.getByRole('table', { name: 'Bölmələr üzrə bal' });
    expect(await sections.locator('tbody tr').count()).toBeGreaterThan(0);
    const answeredCells = await sections.locator('tbody tr td:nth-child(3)').allInnerTexts();
    const wrongCells = await sections.locator('tbody tr td:nth-child(4)').allInnerTexts();
    const unansweredCells = await sections.locator('tbody tr td:nth-child(5)').allInnerTexts();
    const sum = (cells: string[]) => cells.reduce((n, cell) => n + Number(cell), 0);
    // Four answered: each right, wrong, or (on a partial-credit item, as the draw decides) partly right.
    expect(sum(unansweredCells)).toBe(total - 4);
    expect(sum(answeredCells) + sum(wrongCells)).toBeLessThanOrEqual(4);

    // The room of a submitted attempt leads to its result; no write is accepted any more.
    await page.goto(examPath);
    await page.waitForURL((url) => url.pathname === `${examPath}/result`);
    expect(await heading(page)).toBe('İmtahan nəticəniz');

    // Finally cancel the seat booked above, confirming the step.
    await page.goto(bookingPath);
    await press(page.getByRole('button', { name: 'Qeydiyyatı ləğv edin…' }));
    await press(page.getByRole('button', { name: 'Bəli, qeydiyyatı ləğv edin' }));
    await page.getByText('Qeydiyyatınız ləğv edildi.').waitFor();
    expect(await page.locator('dl.details').innerText()).toContain('Ləğv edilib');
    await expectNoAxeViolations(page);
    await context.close();
  });
});
