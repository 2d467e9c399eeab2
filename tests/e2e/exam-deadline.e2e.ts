/**
 * Issue 13, points 3 and 6, on a short sitting of its own: an administrator extends everyone's time
 * from the sitting's page and the open exam room shows the new deadline without a reload; a
 * candidate offline across the deadline is told which answers did not reach the server and what they
 * chose, on the room and on the result page, and downloads them as a file the administrator can check.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/browser';
import type { RunningServer } from '../helpers/server';
import { paletteButton, startAttempt } from './exam-support';
import { ADMIN, browserSuite, signInApplicant, signInStaff } from './staff-support';

let server: RunningServer;
let browser: Browser;

// Sessions outlive the three hours the clock jumps to reach a 180-minute test's deadline.
browserSuite((suite) => ({ server, browser } = suite), { SESSION_IDLE_MINUTES: '1440', SESSION_ABSOLUTE_HOURS: '720' });

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
/** How often an open exam room re-reads its deadline (web/src/lib/exam/room.svelte.ts). */
const REFRESH_MS = 20 * SECOND;

/** Answers the question on screen with its first option (or a short text) and returns what was chosen. */
async function answer(page: Page): Promise<void> {
  const text = page.locator('.room__question input[type="text"]');
  if ((await text.count()) > 0) await text.fill('Bakı');
  else
    await page.locator('.room__question input[type="radio"], .room__question input[type="checkbox"]').first().check();
}

describe('the deadline under real conditions', () => {
  it('a room-wide extension reaches the open room; answers unsent at the deadline are told and kept', async () => {
    const admin = await browser.newContext({ baseURL: server.url, locale: 'az-AZ' });
    const adminPage = await admin.newPage();
    await signInStaff(adminPage, ADMIN.email, ADMIN.password, '/admin/sittings', server.clock);
    const api = admin.request;
    const origin = { origin: server.url };
    const sittings = (await (await api.get('/api/admin/sittings')).json()) as {
      code: string;
      blueprintId: string;
    }[];
    const { blueprintId } = sittings.find((s) => s.code === 'DEMO-PRACTICE')!;
    // Entry is open for 10 minutes; the shift then leaves the 180-minute test whole (a shift that would cut
    // it is refused), so each candidate's deadline is their own start plus the test. Booking stays open for five
    // minutes of the server's time, which the two sign-ins and bookings never outlast (5 seconds, as before, ran
    // out on a loaded machine: 409 booking.closed); the server's clock then moves to the start.
    const startsAt = server.clock.now() + 5 * MINUTE;
    const entryClosesAt = startsAt + 10 * MINUTE;
    const endsAt = entryClosesAt + 180 * MINUTE;
    const iso = (ms: number) => new Date(ms).toISOString();
    const created = await api.post('/api/admin/sittings', {
      headers: origin,
      data: {
        code: `E2E-DEADLINE-${startsAt}`,
        categoryCode: 'BA',
        blueprintId,
        mode: 'online',
        startsAt: iso(startsAt),
        bookingClosesAt: iso(startsAt),
        entryClosesAt: iso(entryClosesAt),
        endsAt: iso(endsAt),
        rooms: [{ name: 'Onlayn', capacity: 10 }],
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const sitting = (await created.json()) as { id: string; code: string };
    expect((await api.post(`/api/admin/sittings/${sitting.id}/open-booking`, { headers: origin, data: {} })).ok()).toBe(
      true,
    );

    const candidates: Record<'aysel' | 'timur', BrowserContext> = {
      aysel: await browser.newContext({ baseURL: server.url, locale: 'az-AZ', viewport: { width: 360, height: 740 } }),
      timur: await browser.newContext({ baseURL: server.url, locale: 'az-AZ', viewport: { width: 360, height: 740 } }),
    };
    // Time passes for the server and for the candidates' pages together, so each room's idea of the
    // server's time stays right; the rooms' own timers run on as they would.
    await Promise.all(Object.values(candidates).map((context) => context.clock.install()));
    const passTime = async (ms: number) => {
      server.clock.advance(ms);
      await Promise.all(Object.values(candidates).map((context) => context.clock.fastForward(ms)));
    };
    for (const [name, context] of Object.entries(candidates)) {
      await signInApplicant(context, server.url, `${name}@demo.imtahan.az`);
      const booked = await context.request.post(`/api/sittings/${sitting.id}/bookings`, { headers: origin, data: {} });
      expect(booked.status(), await booked.text()).toBe(201);
    }
    expect(
      (await api.post(`/api/admin/sittings/${sitting.id}/close-booking`, { headers: origin, data: {} })).ok(),
    ).toBe(true);
    server.clock.advanceTo(startsAt + 300);

    // Aysel is sitting when the power goes: the administrator gives everyone sitting 5 more minutes.
    const ayselAttempt = await startAttempt(candidates.aysel.request, server.url, sitting.code);
    const aysel = await candidates.aysel.newPage();
    await aysel.goto(`/exam/${ayselAttempt}`);
    await aysel.locator('.room__saved[data-live="true"]').waitFor();
    const deadlineBefore = await aysel.locator('.countdown__deadline').innerText();
    await adminPage.goto(`/admin/sittings/${sitting.id}`);
    const panel = adminPage.getByRole('region', { name: 'Hamının vaxtını uzadın' });
    await panel.getByLabel(/^Əlavə olunan dəqiqələr/).fill('5');
    await panel.getByLabel(/^Səbəb/).fill('Zalda elektrik kəsildi');
    await panel.getByRole('button', { name: 'Hamının vaxtını uzadın' }).click();
    await adminPage.getByText('İmtahan verən 1 namizədin vaxtı 5 dəqiqə uzadıldı.').waitFor();
    await expectNoAxeViolations(adminPage);
    const audit = (await (await api.get(`/api/admin/audit?action=sitting.extended`)).json()) as unknown;
    expect(JSON.stringify(audit)).toContain('Zalda elektrik kəsildi');

    // Aysel's open room learns the new deadline by itself at its next re-read, without a reload.
    await passTime(REFRESH_MS);
    await aysel.getByText('İmtahan mərkəzi vaxtınızı 5 dəqiqə uzatdı.', { exact: false }).waitFor({ timeout: 25_000 });
    expect(await aysel.locator('.countdown__deadline').innerText()).not.toBe(deadlineBefore);
    await expectNoAxeViolations(aysel);

    // Timur starts after the extension, just before entry closes: he will be offline at his deadline.
    await passTime(entryClosesAt - 50 * SECOND - server.clock.now());
    const timurAttempt = await startAttempt(candidates.timur.request, server.url, sitting.code);
    const { deadline } = (await (
      await candidates.timur.request.get(`/api/attempts/${timurAttempt}/deadline`)
    ).json()) as { deadline: string };
    const timurDeadline = Date.parse(deadline);
    expect(timurDeadline).toBeLessThanOrEqual(endsAt);
    const timur = await candidates.timur.newPage();
    await timur.goto(`/exam/${timurAttempt}`);
    await timur.locator('.room__saved[data-live="true"]').waitFor();
    await answer(timur);
    await timur.locator('.room__question [data-save-state="saved"]').waitFor();

    // Timur loses the line, answers two more questions, and the deadline passes.
    await candidates.timur.setOffline(true);
    for (const number of [2, 3]) {
      await paletteButton(timur, number).click();
      await timur.getByRole('heading', { name: new RegExp(`^Sual ${number} /`) }).waitFor();
      await answer(timur);
    }
    await passTime(Math.max(0, timurDeadline + SECOND - server.clock.now()));
    await timur.getByRole('timer').getByText('Vaxt bitdi').waitFor({ timeout: 40_000 });
    // Past the grace period, the line comes back: the room tries, the server refuses, and it says so.
    await passTime(Math.max(0, timurDeadline + 7 * SECOND - server.clock.now()));
    await candidates.timur.setOffline(false);
    const unsent = timur.getByRole('region', { name: 'Serverə çatmayan cavablar' });
    await unsent.waitFor({ timeout: 30_000 });
    expect(
      await unsent
        .locator('[data-unsent-item]')
        .evaluateAll((items) => items.map((i) => i.getAttribute('data-unsent-item'))),
    ).toEqual(['2', '3']);
    expect(await unsent.innerText()).toMatch(/Sual 2: (A\) |Bakı)/);
    await timur.getByText('İmtahanınız başa çatdı. Nəticəniz budur.').waitFor({ timeout: 30_000 });
    await expectNoAxeViolations(timur);

    // The result page says it too, and the file downloads, signed for this attempt.
    await timur.goto(`/exam/${timurAttempt}/result`);
    const again = timur.getByRole('region', { name: 'Serverə çatmayan cavablar' });
    await again.waitFor();
    const downloading = timur.waitForEvent('download');
    await again.getByRole('button', { name: 'Göndərilməmiş cavabları yükləyin (fayl)' }).click();
    const file = readFileSync(await (await downloading).path(), 'utf8');
    await expectNoAxeViolations(timur);

    // The administrator checks the file: it is this attempt's, unaltered; the answers were never stored.
    const inspect = (body: string) =>
      api.post(`/api/admin/attempts/${timurAttempt}/unsent-answers/inspect`, { headers: origin, data: { file: body } });
    const checked = (await (await inspect(file)).json()) as {
      valid: boolean;
      answers: { number: number; stored: unknown }[];
    };
    expect(checked.valid).toBe(true);
    expect(checked.answers.map((a) => [a.number, a.stored])).toEqual([
      [2, null],
      [3, null],
    ]);
    const forged = (await (await inspect(file.replace('"seq\\":', '"seq\\": 1'))).json()) as { valid: boolean };
    expect(forged.valid).toBe(false);
    const other = (await (
      await api.post(`/api/admin/attempts/${ayselAttempt}/unsent-answers/inspect`, { headers: origin, data: { file } })
    ).json()) as { valid: boolean; reason: string };
    expect(other).toMatchObject({ valid: false, reason: 'other-attempt' });
    await Promise.all([admin.close(), candidates.aysel.close(), candidates.timur.close()]);
  });
});
