/**
 * Issue 13, point 2: two devices and two tabs on one attempt. A write the server did not apply is a
 * conflict with the server's answer, never "saved"; tabs know about each other; submitting in one
 * tab stops the timer and the saving in the other, which shows the result without a reload.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/browser';
import type { RunningServer } from '../helpers/server';
import { paletteButton, readAttempt, saveState, startAttempt } from './exam-support';
import { browserSuite, signInApplicant } from './staff-support';

let server: RunningServer;
let browser: Browser;

browserSuite((suite) => ({ server, browser } = suite));

/** Opens the room and waits until it is live. */
async function openRoom(page: Page, attemptId: string): Promise<void> {
  await page.goto(`/exam/${attemptId}`);
  await page.locator('.room__saved[data-live="true"]').waitFor();
}

/** Goes to the first choice question of the paper and returns its number. */
async function firstChoiceQuestion(page: Page): Promise<number> {
  for (let number = 1; ; number += 1) {
    await paletteButton(page, number).click();
    await page.getByRole('heading', { name: new RegExp(`^Sual ${number} /`) }).waitFor();
    if ((await page.locator('.room__question input[type="radio"]').count()) > 1) return number;
  }
}

describe('one attempt in two places', () => {
  it('shows a losing write as a conflict with the server’s answer, and lets the candidate choose', async () => {
    const phone = await browser.newContext({
      baseURL: server.url,
      locale: 'az-AZ',
      viewport: { width: 360, height: 740 },
    });
    const laptop = await browser.newContext({ baseURL: server.url, locale: 'az-AZ' });
    await Promise.all([
      signInApplicant(phone, server.url, 'aysel@demo.imtahan.az'),
      signInApplicant(laptop, server.url, 'aysel@demo.imtahan.az'),
    ]);
    const attemptId = await startAttempt(phone.request, server.url, 'DEMO-PRACTICE');
    const [a, b] = await Promise.all([phone.newPage(), laptop.newPage()]);
    await Promise.all([openRoom(a, attemptId), openRoom(b, attemptId)]);
    const number = await firstChoiceQuestion(a);
    await paletteButton(b, number).click();
    await b.getByRole('heading', { name: new RegExp(`^Sual ${number} /`) }).waitFor();

    // The laptop saves the first option; the phone, which has not heard of it, then the second.
    const radios = (page: Page) => page.locator('.room__question input[type="radio"]');
    await radios(b).nth(0).check();
    await b.locator('.room__question [data-save-state="saved"]').waitFor();
    await radios(a).nth(1).check();

    // The phone's write was not applied: a conflict, naming both answers; never "saved".
    await a.locator('.room__question [data-save-state="conflict"]').waitFor();
    expect(await saveState(a).innerText()).toBe('Saxlanılmayıb: başqa tabdan və ya cihazdan fərqli cavab saxlanılıb');
    const conflict = a.locator('.conflict');
    await conflict.getByText(/^Serverdə saxlanılan: A\) /).waitFor();
    expect(await conflict.innerText()).toMatch(/Burada seçiminiz: B\) /);
    expect(await a.locator('.room__saved').innerText()).not.toBe('Bütün cavablarınız saxlanılıb.');
    expect(await paletteButton(a, number).innerText()).toContain('saxlanılmayıb: ziddiyyət');
    await expectNoAxeViolations(a);

    // The candidate keeps their own choice: sent above the server's number, and saved.
    await conflict.getByRole('button', { name: 'Əvəzinə mənim seçimimi saxlayın' }).click();
    await a.locator('.room__question [data-save-state="saved"]').waitFor();
    const view = await readAttempt(phone.request, attemptId);
    const versionId = view.sections.flatMap((s) => s.items).find((i) => i.number === number)!.versionId;
    const option = await radios(a).nth(1).getAttribute('value');
    expect(view.answers.find((x) => x.versionId === versionId)?.answer?.optionIds).toEqual([option]);
    expect(await a.locator('.room__saved').innerText()).toBe('Bütün cavablarınız saxlanılıb.');
    await Promise.all([phone.close(), laptop.close()]);
  });

  it('tabs of one attempt know each other; a submission in one stops the other', async () => {
    const context = await browser.newContext({ baseURL: server.url, locale: 'az-AZ' });
    await signInApplicant(context, server.url, 'aysel@demo.imtahan.az');
    const attemptId = await startAttempt(context.request, server.url, 'DEMO-PRACTICE');
    const first = await context.newPage();
    await openRoom(first, attemptId);
    const second = await context.newPage();
    await openRoom(second, attemptId);
    const elsewhere = 'Bu imtahan başqa tabda və ya pəncərədə də açıqdır';
    await first.getByText(elsewhere).waitFor();
    await second.getByText(elsewhere).waitFor();
    await expectNoAxeViolations(second);

    // An answer saved in one tab shows as saved in the other.
    const number = await firstChoiceQuestion(first);
    await first.locator('.room__question input[type="radio"]').nth(0).check();
    await first.locator('.room__question [data-save-state="saved"]').waitFor();
    await paletteButton(second, number).click();
    await second.locator('.room__question [data-save-state="saved"]').waitFor();
    expect(await second.locator('.room__question input[type="radio"]').nth(0).isChecked()).toBe(true);

    // Submitted in the first tab: the second stops its clock and its saving, and shows the result.
    await first.keyboard.press('Alt+Shift+S');
    await first.getByRole('button', { name: 'Bəli, indi təhvil verin' }).click();
    await first.waitForURL((url) => url.pathname.endsWith('/result'));
    await second.getByText('İmtahanınız başa çatdı. Nəticəniz budur.').waitFor();
    expect(await second.getByRole('timer').innerText()).toBe('Bitib');
    expect(await second.locator('.countdown__warning').innerText()).toBe('');
    expect(await second.locator('.room__question').count()).toBe(0);
    expect(await second.getByRole('button', { name: 'Bitirin və təhvil verin…' }).count()).toBe(0);
    await expectNoAxeViolations(second);
    await context.close();
  });
});
