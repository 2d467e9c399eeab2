/**
 * Issue 13, points 1 and 4: a click made before the page is live is kept and saved, on a slow line at
 * 360 px; the focused room (question and countdown on the first screen, no site menu, sticky
 * countdown), reflow at 320 px and 200 % zoom, enlarged text and the screen-reader timer mode.
 */
import type { Browser, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/browser';
import type { RunningServer } from '../helpers/server';
import { readAttempt, saveState, slowLine, startAttempt } from './exam-support';
import { browserSuite, signInApplicant } from './staff-support';

let server: RunningServer;
let browser: Browser;

browserSuite((suite) => ({ server, browser } = suite));

describe('the exam room on a phone and a slow line', () => {
  it('keeps and saves a choice made before the page is live, and says it is not saved until then', async () => {
    const context = await browser.newContext({
      baseURL: server.url,
      locale: 'az-AZ',
      viewport: { width: 360, height: 740 },
    });
    await signInApplicant(context, server.url, 'aysel@demo.imtahan.az');
    const attemptId = await startAttempt(context.request, server.url, 'DEMO-PRACTICE');
    const page = await context.newPage();
    await slowLine(page);

    // The page's scripts are held back until the candidate has clicked: the server-rendered page only.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const held = async (route: Route) => {
      await released;
      await route.continue();
    };
    await page.route('**/_app/immutable/**/*.js', held);
    await page.goto(`/exam/${attemptId}`, { waitUntil: 'commit' });
    await page.locator('#question-heading').waitFor();
    expect(await page.locator('[data-room-loading]').innerText()).toContain('Səhifə hələ yüklənir');
    expect(await page.locator('.room__saved').innerText()).toBe('Səhifə yüklənir: cavablar hələ saxlanılmayıb.');
    // The first question is a choice or a short answer, as the paper was drawn.
    const options = page.locator('.room__question input[type="radio"], .room__question input[type="checkbox"]');
    const text = page.locator('.room__question input[type="text"]');
    const isText = (await text.count()) > 0;
    const chosen = isText ? 'Bakı' : await options.nth(1).getAttribute('value');
    if (isText) await text.fill('Bakı');
    else await options.nth(1).check();

    release();
    // Live: the choice is still there, marked as saving until the server acknowledged it.
    await page.locator('[data-room-loading]').waitFor({ state: 'detached', timeout: 30_000 });
    await page
      .locator('.room__question [data-save-state="saved"]')
      .waitFor({ timeout: 40_000 })
      .catch(async (error: unknown) => {
        throw new Error(`not saved: ${await page.locator('.room').innerText()}`, { cause: error });
      });
    if (isText) expect(await text.inputValue()).toBe('Bakı');
    else expect(await options.nth(1).isChecked()).toBe(true);
    expect(await saveState(page).innerText()).toBe('Saxlanılıb');
    expect(await page.locator('.room__saved').innerText()).toBe('Bütün cavablarınız saxlanılıb.');
    const view = await readAttempt(context.request, attemptId);
    const first = view.sections[0]!.items[0]!;
    const stored = view.answers.find((a) => a.versionId === first.versionId)?.answer;
    expect(isText ? stored?.text : stored?.optionIds).toEqual(isText ? chosen : [chosen]);
    await page.unroute('**/_app/immutable/**/*.js', held);

    // The focused room at 360 px: the question heading and the countdown on the first screen, no
    // site menu and no sign-out.
    const [headingBox, timerBox] = await Promise.all([
      page.locator('#question-heading').boundingBox(),
      page.getByRole('timer').boundingBox(),
    ]);
    expect(headingBox!.y + headingBox!.height).toBeLessThan(740);
    expect(timerBox!.y + timerBox!.height).toBeLessThan(740);
    expect(await page.getByRole('navigation', { name: 'Əsas menyu' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Çıxış' }).count()).toBe(0);
    expect(await page.locator('.demo-banner__badge').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectNoAxeViolations(page);

    // The countdown stays in view at the bottom of the page; the palette is one link away.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const stuck = await page.getByRole('timer').boundingBox();
    expect(stuck!.y).toBeGreaterThanOrEqual(0);
    expect(stuck!.y + stuck!.height).toBeLessThan(740);
    await page.getByRole('link', { name: 'Sualların siyahısı' }).click();
    expect(await page.locator('.palette').isVisible()).toBe(true);

    // Larger text from the room itself, kept across a reload; 320 px and 200 % zoom reflow.
    await page.getByRole('button', { name: 'Böyük mətn' }).click();
    await page.getByRole('button', { name: 'Böyük mətn' }).click();
    expect(await page.evaluate(() => document.documentElement.style.fontSize)).toBe('150%');
    await page.setViewportSize({ width: 320, height: 740 });
    // Named in the failure: the elements that reach past the screen's right edge.
    const overflowing = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
          .slice(0, 5)
          .map(
            (e) =>
              `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}: ${(e.textContent ?? '').slice(0, 60)}`,
          ),
      );
    // Polled: on a loaded machine the new layout may take a few frames after the viewport changes.
    await expect.poll(overflowing, { timeout: 5_000 }).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 640, height: 370 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.setViewportSize({ width: 360, height: 740 });

    // Screen-reader timer mode: warnings not spoken; the time read on demand with Alt+Shift+T.
    await page.getByLabel('Vaxt xəbərdarlıqlarını səsləndirin').uncheck();
    expect(await page.locator('.countdown__warning').getAttribute('aria-live')).toBe('off');
    await page.locator('#question-heading').focus();
    await page.keyboard.press('Alt+Shift+T');
    const spoken = page.locator('.room__spoken');
    await expect.poll(() => spoken.innerText()).toMatch(/^Qalan vaxt: \d+ saat \d+ dəq \d+ san\.$/);
    await page.reload();
    await page.locator('[data-room-loading]').waitFor({ state: 'detached', timeout: 30_000 });
    expect(await page.evaluate(() => document.documentElement.style.fontSize)).toBe('150%');
    expect(await page.getByLabel('Vaxt xəbərdarlıqlarını səsləndirin').isChecked()).toBe(false);
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('the register and the sign-in page do not scroll sideways at 320 px', async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    for (const path of ['/register', '/register/results', '/sign-in', '/results', '/log']) {
      await page.goto(path);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(`${path}: ${wide}`).toBe(`${path}: 320`);
    }
    await context.close();
  });
});
