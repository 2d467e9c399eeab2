import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/browser';
import type { RunningServer } from '../helpers/server';
import {
  ADMIN,
  applicantApi,
  browserSuite,
  expectConfirmationThenAnswer,
  signInApplicant,
  signInStaff,
} from './staff-support';

let server: RunningServer;
let browser: Browser;

// Sessions outlive a jump of the clock to a shift that may start after Baku's midnight.
browserSuite((suite) => ({ server, browser } = suite), { SESSION_IDLE_MINUTES: '1440', SESSION_ABSOLUTE_HOURS: '720' });

async function newContext(options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({ baseURL: server.url, locale: 'az-AZ', ...options });
}

const heading = (page: Page) => page.locator('h1').innerText();
const notice = (page: Page) => page.locator('.notice--success').innerText();

/** Signs the demo administrator in, landing on `target`. */
const signIn = (page: Page, target: string) => signInStaff(page, ADMIN.email, ADMIN.password, target, server.clock);
/** A demo applicant talking to the API directly, as the applicant pages' browser would. */
const applicant = (login: string) => applicantApi(server.url, login);

/** Baku's calendar date and clock time of an instant (UTC+4, no daylight saving). */
function baku(ms: number): { date: string; time: string } {
  const shifted = new Date(ms + 4 * 3_600_000).toISOString();
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

/** The board row of one candidate, by name. */
const boardRow = (page: Page, name: string) =>
  page.getByRole('table', { name: 'Namizədlər və onların cəhdləri' }).getByRole('row').filter({ hasText: name });

describe('sitting administration in the browser', () => {
  it('an administrator creates a sitting, runs booking, grants extra time and acts on the live board', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const stamp = Date.now().toString(36).toUpperCase();
    const code = `E2E-${stamp}`;

    await signIn(page, '/admin/sittings');
    await expectNoAxeViolations(page);
    expect(await heading(page)).toBe('İmtahan sessiyaları');
    expect(await page.getByRole('navigation').getByRole('link', { name: 'İmtahan sessiyaları' }).count()).toBe(1);

    // The shift starts at a whole minute far enough ahead to book it; entry closes 10 minutes later, and
    // the end leaves the 180-minute test with +25 % after that (225 minutes), on the same Baku day: a shift
    // that would run past midnight starts just after it instead (an end before the start is refused).
    const SHIFT_MS = (10 + 225) * 60_000;
    let startMs = Math.ceil((server.clock.now() + 75_000) / 60_000) * 60_000;
    if (baku(startMs).date !== baku(startMs + SHIFT_MS).date)
      startMs = Date.parse(`${baku(startMs + SHIFT_MS).date}T00:01:00+04:00`);
    const start = baku(startMs);
    const end = baku(startMs + SHIFT_MS);

    await page.getByRole('link', { name: 'Sessiya yaradın' }).click();
    await page.waitForURL('**/admin/sittings/new');
    await expectNoAxeViolations(page);

    // First with a code the API refuses: the error is named beside the field and in the summary, in Azerbaijani.
    await page.getByLabel(/^Sessiyanın kodu/).fill('bad code!');
    await page.getByLabel(/^Test kateqoriyası/).selectOption('AA');
    const blueprint = page.getByLabel(/^Test strukturu/);
    await blueprint.selectOption(
      (await blueprint.locator('option', { hasText: /^DİM dövlət qulluğu testi \(/ }).getAttribute('value'))!,
    );
    await page.getByLabel(/^Tarix/).fill(start.date);
    await page.getByLabel(/^Növbənin başlanğıcı/).fill(start.time);
    await page.getByLabel(/^Girişin bağlanması/).fill('10');
    await page.getByLabel(/^Növbənin sonu/).fill(start.time);
    await page.getByLabel(/^Qeydiyyatın son müddəti/).fill(`${start.date}T${start.time}`);
    const firstRoom = page.getByRole('group', { name: 'Otaq 1' });
    await firstRoom.getByLabel('Adı').fill('Zal A');
    await firstRoom.getByLabel('Yerlər').fill('2');
    await page.getByRole('button', { name: 'Sessiyanı yaradın' }).click();

    const codeError = page.locator('#field-code-error');
    await codeError.waitFor();
    expect(await codeError.innerText()).toBe('3–40 latın hərfi, rəqəm və tire istifadə edin, məsələn 2026-12-15-AM.');
    expect(await page.locator('#field-code').getAttribute('aria-describedby')).toContain('field-code-error');
    expect(await page.locator('.error-summary').innerText()).toContain('Sessiyanın kodu: 3–40 latın hərfi');
    expect(await page.locator('.error-summary a[href="#field-code"]').count()).toBe(1);
    // What was typed stays, so only the wrong fields need retyping.
    expect(await firstRoom.getByLabel('Adı').inputValue()).toBe('Zal A');
    expect(await page.getByLabel(/^Tarix/).inputValue()).toBe(start.date);
    await expectNoAxeViolations(page);

    // Then a good code, but the shift ends when it starts: the API's order check names the end time.
    await page.getByLabel(/^Sessiyanın kodu/).fill(code);
    await page.getByRole('button', { name: 'Sessiyanı yaradın' }).click();
    const endError = page.locator('#field-endTime-error');
    await endError.waitFor();
    expect(await endError.innerText()).toBe('Növbə başladıqdan sonra, həmin gün bitməlidir.');
    expect(await page.locator('#field-code-error').count()).toBe(0);
    expect(await page.locator('.error-summary').innerText()).toContain(
      'Növbənin sonu: Növbə başladıqdan sonra, həmin gün bitməlidir.',
    );
    await expectNoAxeViolations(page);

    await page.getByLabel(/^Sessiyanın kodu/).fill(code);
    await page.getByLabel(/^Növbənin sonu/).fill(end.time);
    await page.getByRole('button', { name: 'Sessiyanı yaradın' }).click();
    await page.waitForURL(/\/admin\/sittings\/[0-9a-f-]{36}\?notice=created$/);
    const sittingPath = new URL(page.url()).pathname;
    const sittingId = sittingPath.split('/').at(-1)!;
    expect(await heading(page)).toBe(`Sessiya ${code}`);
    expect(await notice(page)).toContain('qaralama kimi yaradıldı');
    expect(await page.locator('.details').innerText()).toContain(`${start.time}–${end.time}`);
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Qeydiyyatı açın' }).click();
    await page.waitForURL('**?notice=opened');
    expect(await notice(page)).toContain('Qeydiyyat açıldı');
    expect(await page.locator('.details').innerText()).toContain('Qeydiyyat açıqdır');

    // Two demo applicants book through the API (the applicant pages are tested on their own).
    const aysel = await applicant('aysel@demo.imtahan.az');
    const timur = await applicant('timur@demo.imtahan.az');
    for (const api of [aysel, timur]) {
      const booked = await api.post(`/api/sittings/${sittingId}/bookings`, { data: {} });
      expect(booked.status(), await booked.text()).toBe(201);
    }

    await page.goto(sittingPath);
    const roster = page.getByRole('table', { name: `${code} sessiyasına yazılmış namizədlər` });
    expect(await roster.locator('tbody tr').count()).toBe(2);
    await expectNoAxeViolations(page);

    // Extra time: first without a reason, which is named; then granted, with a rest break for the room's staff.
    const grant = page.getByRole('region', { name: 'Xüsusi şərait' });
    const candidate = grant.getByLabel(/^Namizəd/);
    await candidate.selectOption(
      (await candidate.locator('option', { hasText: 'Aysel Əliyeva' }).getAttribute('value'))!,
    );
    await grant.getByLabel(/^Əlavə vaxt, faizlə/).fill('25');
    await grant.getByRole('button', { name: 'Şəraiti yadda saxlamaq' }).click();
    await page.locator('#accommodation-reason-error').waitFor();
    expect(await page.locator('#accommodation-reason-error').innerText()).toBe('Səbəbi göstərin.');
    expect(await page.locator('.error-summary').innerText()).toContain('Səbəb: Səbəbi göstərin.');
    await expectNoAxeViolations(page);
    await grant.getByLabel(/^Səbəb/).fill('Tibbi arayış № 114');
    await grant.getByLabel('İstirahət fasilələri').check();
    await grant.getByRole('button', { name: 'Şəraiti yadda saxlamaq' }).click();
    await page.waitForURL('**notice=granted**');
    expect(await notice(page)).toContain('əlavə vaxt verildi');
    const ayselRow = await roster.getByRole('row').filter({ hasText: 'Aysel Əliyeva' }).innerText();
    expect(ayselRow).toContain('+25% vaxt');
    expect(ayselRow).toContain('İstirahət fasilələri');

    // Closing fixes the roster, so it asks first.
    await page.getByRole('button', { name: 'Qeydiyyatı bağlayın və vərəqləri tərtib edin' }).click();
    await expectConfirmationThenAnswer(
      page,
      'Qeydiyyat bağlansın və vərəqlər tərtib olunsun?',
      ['2 namizədlə'],
      'Bəli, qeydiyyatı bağlayın və vərəqləri tərtib edin',
    );
    await page.waitForURL('**notice=closed**');
    expect(await notice(page)).toContain('Tərtib olunan vərəqlər: 2.');
    expect(await page.locator('.details').innerText()).toContain('Tərtib olunub');
    const board = page.getByRole('region', { name: 'Canlı lövhə' });
    expect(await board.locator('.board-counts').innerText()).toMatch(/Başlamayıb\s*2/);
    expect(await boardRow(page, 'Aysel Əliyeva').getAttribute('data-state')).toBe('not-started');
    await expectNoAxeViolations(page);

    // The list shows the sitting among the closed ones.
    await page.goto('/admin/sittings?status=closed');
    const listed = page.getByRole('row').filter({ hasText: code });
    expect(await listed.innerText()).toContain('2 yerdən 2');
    await expectNoAxeViolations(page);

    // At the start both candidates begin; the board, left open, shows it without a reload.
    await page.goto(sittingPath);
    server.clock.advanceTo(startMs + 1_000);
    const attempts: Record<string, string> = {};
    for (const [name, api] of [
      ['aysel', aysel],
      ['timur', timur],
    ] as const) {
      const bookings = (await (await api.get('/api/bookings')).json()) as { id: string; sittingId: string }[];
      const booking = bookings.find((b) => b.sittingId === sittingId)!;
      const started = await api.post(`/api/bookings/${booking.id}/start`, { data: {} });
      expect(started.status(), await started.text()).toBe(200);
      attempts[name] = ((await started.json()) as { attemptId: string }).attemptId;
    }
    const paper = (await (await aysel.get(`/api/attempts/${attempts.aysel}`)).json()) as {
      sections: { items: { versionId: string; options: { id: string }[] }[] }[];
    };
    const item = paper.sections.flatMap((section) => section.items).find((i) => i.options.length > 0)!;
    const saved = await aysel.put(`/api/attempts/${attempts.aysel}/answers`, {
      data: {
        versionId: item.versionId,
        seq: 1,
        answer: { kind: 'choice', optionIds: [item.options[0]!.id] },
        flagged: false,
      },
    });
    expect(saved.status(), await saved.text()).toBe(200);

    // The board polls every 5 seconds; a loaded machine may take a few polls.
    await page.locator('tr[data-state="in-progress"]').nth(1).waitFor({ timeout: 30_000 });
    await boardRow(page, 'Aysel Əliyeva')
      .filter({ hasText: /100 sualdan 1(?!\d)/ })
      .waitFor({ timeout: 30_000 });
    expect(await board.locator('.board-counts').innerText()).toMatch(/Davam edir\s*2/);
    expect(await board.getByRole('status').innerText()).toContain('davam edir 2');
    await expectNoAxeViolations(page);

    // Extend one candidate's time.
    await boardRow(page, 'Aysel Əliyeva')
      .getByRole('link', { name: /^Vaxtı uzadın\s*: Aysel Əliyeva$/ })
      .click();
    const extend = page.getByRole('region', { name: /Aysel Əliyeva .* namizədinin vaxtını uzadın/ });
    await extend.waitFor();
    await expectNoAxeViolations(page);
    await extend.getByLabel(/^Əlavə olunan dəqiqələr/).fill('10');
    await extend.getByLabel(/^Səbəb/).fill('Otaqda işıq kəsildi');
    await extend.getByRole('button', { name: 'Vaxtı uzadın' }).click();
    await page.waitForURL('**notice=extended**');
    expect(await notice(page)).toContain('vaxtı uzadıldı');
    expect(await boardRow(page, 'Aysel Əliyeva').innerText()).toContain('+10 dəq. uzadılıb');

    // Annul the other's attempt: a reason, then a confirmation.
    await boardRow(page, 'Тимур Ахметов')
      .getByRole('link', { name: /^Cəhdi ləğv edin\s*: Тимур Ахметов$/ })
      .click();
    const annul = page.getByRole('region', { name: /Тимур Ахметов .* namizədinin cəhdini ləğv edin/ });
    await annul.getByLabel(/^Səbəb/).fill('Kənar köməkdən istifadə');
    await annul.getByRole('button', { name: 'Cəhdi ləğv edin…' }).click();
    const confirmAnnul = page.getByRole('region', { name: 'Bu cəhd ləğv edilsin?' });
    await confirmAnnul.waitFor();
    expect(await confirmAnnul.innerText()).toContain('Səbəb: Kənar köməkdən istifadə');
    expect(await boardRow(page, 'Тимур Ахметов').getAttribute('data-state')).toBe('in-progress');
    await expectNoAxeViolations(page);
    await confirmAnnul.getByRole('button', { name: 'Bəli, cəhdi ləğv edin' }).click();
    await page.waitForURL('**notice=annulled**');
    expect(await notice(page)).toContain('cəhdi ləğv edildi');
    expect(await boardRow(page, 'Тимур Ахметов').getAttribute('data-state')).toBe('annulled');
    expect(await board.locator('.board-counts').innerText()).toMatch(/Ləğv edilib\s*1/);
    await expectNoAxeViolations(page);

    const refused = await timur.put(`/api/attempts/${attempts.timur}/answers`, {
      data: { versionId: item.versionId, seq: 1, answer: null, flagged: false },
    });
    expect(refused.status()).toBeGreaterThanOrEqual(400);

    await Promise.all([aysel.dispose(), timur.dispose()]);
    await context.close();
  }, 300_000);

  it('a sitting rescheduled with a reason: its booked candidate sees the new time and why, in their language', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, '/admin/sittings');
    const origin = { origin: server.url };
    const sittings = (await (await page.request.get('/api/admin/sittings')).json()) as {
      code: string;
      blueprintId: string;
    }[];
    const { blueprintId } = sittings.find((s) => s.code === 'DEMO-PRACTICE')!;
    // Tomorrow's 10:00 in Baku: entry for 30 minutes, then the 180-minute test with room for +25 %.
    const day = baku(server.clock.now() + 24 * 3_600_000).date;
    const startMs = Date.parse(`${day}T10:00:00+04:00`);
    const iso = (ms: number) => new Date(ms).toISOString();
    const code = `E2E-MOVE-${Date.now().toString(36).toUpperCase()}`;
    const created = await page.request.post('/api/admin/sittings', {
      headers: origin,
      data: {
        code,
        categoryCode: 'AB',
        blueprintId,
        mode: 'centre',
        startsAt: iso(startMs),
        entryClosesAt: iso(startMs + 30 * 60_000),
        endsAt: iso(startMs + (30 + 225) * 60_000),
        bookingClosesAt: iso(startMs - 3_600_000),
        rooms: [{ name: 'Zal C-301', capacity: 5 }],
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const sitting = (await created.json()) as { id: string };
    const opened = await page.request.post(`/api/admin/sittings/${sitting.id}/open-booking`, {
      headers: origin,
      data: {},
    });
    expect(opened.status(), await opened.text()).toBe(200);
    const aysel = await applicant('aysel@demo.imtahan.az');
    const booked = await aysel.post(`/api/sittings/${sitting.id}/bookings`, { data: {} });
    expect(booked.status(), await booked.text()).toBe(201);
    const bookingId = ((await booked.json()) as { id: string }).id;

    await page.goto(`/admin/sittings/${sitting.id}`);
    await page.getByRole('link', { name: 'Vaxtını dəyişmək' }).click();
    await page.waitForURL(`**/admin/sittings/${sitting.id}/reschedule`);
    expect(await heading(page)).toBe(`${code} imtahanının vaxtını dəyişmək`);
    await expectNoAxeViolations(page);

    // An end before the start is refused beside the end, never read as the next day.
    const nextDay = baku(startMs + 24 * 3_600_000).date;
    await page.getByLabel(/^Tarix/).fill(nextDay);
    await page.getByLabel(/^Növbənin başlanğıcı/).fill('15:00');
    await page.getByLabel(/^Növbənin sonu/).fill('10:00');
    await page.getByLabel(/^Səbəb/).fill('Zalda təmir işləri aparılır');
    await page.getByRole('button', { name: 'Vaxtı dəyişmək və namizədlərə bildirmək' }).click();
    const endError = page.locator('#field-endTime-error');
    await endError.waitFor();
    expect(await endError.innerText()).toBe('Növbə başladıqdan sonra, həmin gün bitməlidir.');
    expect(await page.getByLabel(/^Səbəb/).inputValue()).toBe('Zalda təmir işləri aparılır');
    await expectNoAxeViolations(page);

    await page.getByLabel(/^Növbənin sonu/).fill('19:15');
    await page.getByRole('button', { name: 'Vaxtı dəyişmək və namizədlərə bildirmək' }).click();
    await page.waitForURL('**?notice=rescheduled');
    expect(await notice(page)).toContain('vaxtı dəyişdirildi');
    const changes = page.getByRole('table', { name: `${code} imtahanının vaxt dəyişiklikləri və ləğvi` });
    expect(await changes.innerText()).toContain('Zalda təmir işləri aparılır');
    expect(await page.locator('.details').innerText()).toContain('15:00–19:15');
    await expectNoAxeViolations(page);

    // Aysel, signed in in her own browser, is told on her bookings page: the change, the new time and the reason.
    const candidate = await newContext();
    await signInApplicant(candidate, server.url, 'aysel@demo.imtahan.az');
    const own = await candidate.newPage();
    await own.goto('/bookings');
    expect(await own.getByRole('row').filter({ hasText: code }).innerText()).toContain('Mərkəz vaxtını dəyişib');
    await expectNoAxeViolations(own);
    await own.goto(`/bookings/${bookingId}`);
    const told = own.getByRole('region', { name: 'İmtahan mərkəzi bu imtahanın vaxtını dəyişib' });
    expect(await told.innerText()).toContain('Göstərilən səbəb: Zalda təmir işləri aparılır');
    expect(await told.innerText()).toMatch(/15:00/);
    await expectNoAxeViolations(own);
    // Still booked, the seat kept, on the new time.
    const view = (await (await aysel.get(`/api/bookings/${bookingId}`)).json()) as { status: string; startsAt: string };
    expect(view.status).toBe('active');
    expect(view.startsAt).toBe(iso(Date.parse(`${nextDay}T15:00:00+04:00`)));
    // At 320 px the notice reflows without a sideways scroll.
    await own.setViewportSize({ width: 320, height: 640 });
    expect(await own.evaluate(() => document.documentElement.scrollWidth <= 320)).toBe(true);

    await aysel.dispose();
    await Promise.all([candidate.close(), context.close()]);
  }, 300_000);

  it('works as plain forms without JavaScript: room rows, and the board rendered on the server', async () => {
    const context = await newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const noScripts = { javaScriptDisabled: true };
    await signIn(page, '/admin/sittings/new');
    await expectNoAxeViolations(page, noScripts);
    expect(await page.getByRole('group', { name: /^Otaq \d$/ }).count()).toBe(2);
    await page.getByRole('group', { name: 'Otaq 2' }).getByLabel('Adı').fill('Zal B');
    await page.getByRole('button', { name: 'Otaq əlavə edin' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('group', { name: /^Otaq \d$/ }).count()).toBe(3);
    expect(await page.getByRole('group', { name: 'Otaq 2' }).getByLabel('Adı').inputValue()).toBe('Zal B');
    await page.getByRole('button', { name: '1 nömrəli otağı silin' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('group', { name: /^Otaq \d$/ }).count()).toBe(2);
    expect(await page.getByRole('group', { name: 'Otaq 1' }).getByLabel('Adı').inputValue()).toBe('Zal B');
    await expectNoAxeViolations(page, noScripts);

    // A closed sitting (the one the test above ran, at least) renders its board on the server.
    await page.goto('/admin/sittings?status=closed');
    await page.locator('tbody th a').first().click();
    await page.waitForURL(/\/admin\/sittings\/[0-9a-f-]{36}$/);
    const board = page.getByRole('region', { name: 'Canlı lövhə' });
    expect(await board.locator('.board-counts').count()).toBe(1);
    expect(await board.getByRole('table').locator('tbody tr').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, noScripts);
    await context.close();
  });
});
