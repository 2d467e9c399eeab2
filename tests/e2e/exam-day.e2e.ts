import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/browser';
import type { RunningServer } from '../helpers/server';
import { ADMIN, applicantApi, browserSuite, INVIGILATOR, signInStaff } from './staff-support';

/**
 * Exam day in the rooms, on the demo: the demo invigilator marks attendance at the door of the room it
 * was assigned (on a phone-sized screen, by keyboard too), and an incident it records about a candidate
 * leads an administrator to grant that candidate more time.
 */
let server: RunningServer;
let browser: Browser;

browserSuite((suite) => ({ server, browser } = suite));

const PHONE = { width: 360, height: 740 };
/** A form's round trip on a machine shared with other suites. */
const SLOW = { timeout: 20_000 };

function newContext(viewport = { width: 1200, height: 900 }): Promise<BrowserContext> {
  return browser.newContext({ baseURL: server.url, locale: 'az-AZ', viewport });
}

const invigilator = (page: Page, target: string) =>
  signInStaff(page, INVIGILATOR.email, INVIGILATOR.password, target, server.clock);
const administrator = (page: Page, target: string) =>
  signInStaff(page, ADMIN.email, ADMIN.password, target, server.clock);
/** A demo applicant talking to the API directly, as the applicant pages' browser would. */
const applicant = (login: string) => applicantApi(server.url, login);

const card = (page: Page, name: string) => page.locator('[data-door-card]').filter({ hasText: name });

/** Nothing on the page is wider than the screen: the door list works on a phone without sideways scrolling. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
}

describe('exam day at the door and in the room', () => {
  it('an administrator assigns the invigilator to a room, where it marks attendance at the door and corrects a mistake', async () => {
    const adminContext = await newContext();
    const admin = await adminContext.newPage();
    await administrator(admin, '/admin/sittings');
    await admin.getByRole('link', { name: 'DEMO-PRACTICE' }).click();
    await admin.waitForURL(/\/admin\/sittings\/[0-9a-f-]+$/);
    const panel = admin.locator('[data-invigilators]');
    await panel
      .getByLabel(/Onlayn otağına təyin ediləcək nəzarətçi/)
      .selectOption({ label: 'Səbinə Rzayeva (invigilator@demo.imtahan.az)' });
    await panel.getByRole('button', { name: 'Təyin et' }).click();
    await admin.waitForURL('**/invigilation?notice=assigned**');
    expect(await admin.locator('.notice--success').innerText()).toContain('Səbinə Rzayeva');
    await expectNoAxeViolations(admin);
    await adminContext.close();

    const context = await newContext(PHONE);
    const page = await context.newPage();
    await invigilator(page, '/invigilation');
    await expectNoAxeViolations(page);
    expect(await page.locator('h1').innerText()).toBe('Otaqlarım');
    await expectNoSidewaysScroll(page);
    // The demo's two centre rooms and the one just assigned.
    expect(await page.locator('[data-my-rooms] tbody tr').count()).toBe(3);
    await page.getByRole('link', { name: 'Onlayn' }).click();
    await page.waitForURL('**/invigilation/rooms/**');
    await expectNoAxeViolations(page);
    await expectNoSidewaysScroll(page);
    const roomUrl = page.url();
    const aysel = card(page, 'Aysel Əliyeva');
    expect(await aysel.getAttribute('data-mark')).toBe('');
    expect(await aysel.innerText()).toContain('5ZK7A2B');

    // Turned away without a reason, by keyboard: refused beside the field, nothing marked.
    await aysel.getByRole('button', { name: /Buraxılmayıb/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => aysel.locator('.field__error').count(), SLOW).toBe(1);
    expect(await aysel.locator('.field__error').innerText()).toBe('Namizədin niyə buraxılmadığını yazın.');
    expect(await aysel.getAttribute('data-mark')).toBe('');
    await expectNoAxeViolations(page);

    // With the reason it is marked; then corrected to present, and the earlier mark stays as history.
    await aysel.getByLabel(/Səbəb/).fill('Şəxsiyyət vəsiqəsi yoxdur');
    await aysel.getByRole('button', { name: /Buraxılmayıb/ }).click();
    await expect.poll(async () => aysel.getAttribute('data-mark'), SLOW).toBe('turned-away');
    expect(await aysel.locator('[data-attendance]').innerText()).toBe('Buraxılmayıb');
    await aysel.getByRole('button', { name: /Gəlib/ }).click();
    await expect.poll(async () => aysel.getAttribute('data-mark'), SLOW).toBe('present');
    expect(await page.locator('.notice--success').innerText()).toContain('Gəlib');
    expect(await aysel.innerText()).toContain('Əvvəlki qeydlər: Buraxılmayıb');

    // Timur has already sat this test: he cannot be marked absent.
    const timur = card(page, 'Тимур Ахметов');
    await timur.getByRole('button', { name: /Gəlməyib/ }).click();
    await expect.poll(async () => timur.locator('.field__error').count(), SLOW).toBe(1);
    expect(await timur.locator('.field__error').innerText()).toContain('artıq imtahana başlayıb');
    expect(await timur.getAttribute('data-mark')).toBe('');

    // A reload shows what the server kept.
    await page.goto(roomUrl);
    expect(await page.locator('[data-room-counts]').innerText()).toContain('1 gəlib');
    await expectNoSidewaysScroll(page);

    // The room's roster prints for the door.
    const roster = await page.request.get(`${roomUrl}/roster.pdf`);
    expect(roster.status()).toBe(200);
    expect(roster.headers()['content-type']).toBe('application/pdf');

    // A room not assigned to it is "not found", and the administrators' pages are closed to it.
    const stranger = await page.request.get('/api/invigilation/rooms/00000000-0000-4000-8000-000000000000');
    expect(stranger.status()).toBe(404);
    expect((await page.request.get('/api/admin/sittings')).status()).toBe(403);
    await context.close();
  });

  it('an incident about a candidate leads the administrator to grant more time from the sitting page', async () => {
    // Aysel starts her practice test (the room was assigned to the invigilator above).
    const aysel = await applicant('aysel@demo.imtahan.az');
    const bookings = (await (await aysel.get('/api/bookings')).json()) as { id: string; sittingCode: string }[];
    const practice = bookings.find((b) => b.sittingCode === 'DEMO-PRACTICE')!;
    const started = await aysel.post(`/api/bookings/${practice.id}/start`, { data: {} });
    expect(started.status(), await started.text()).toBe(200);
    const attemptId = ((await started.json()) as { attemptId: string }).attemptId;
    const deadline = async () =>
      ((await (await aysel.get(`/api/attempts/${attemptId}/deadline`)).json()) as { deadline: string }).deadline;
    const before = new Date(await deadline()).getTime();

    // The invigilator sees her writing on the room's board and records that she fell ill.
    const roomContext = await newContext(PHONE);
    const room = await roomContext.newPage();
    await invigilator(room, '/invigilation');
    await room.getByRole('link', { name: 'Onlayn' }).click();
    await room.waitForURL('**/invigilation/rooms/**');
    expect(await card(room, 'Aysel Əliyeva').locator('[data-progress]').innerText()).toMatch(/^Yazır, .+ qalıb$/);
    const form = room.locator('[data-incident-form]');
    await form.getByLabel(/Nə baş verdi/).selectOption('illness');
    const who = form.getByLabel(/^Namizəd/);
    await who.selectOption((await who.locator('option', { hasText: 'Aysel Əliyeva' }).getAttribute('value'))!);
    await form.getByLabel(/Nə gördünüz/).fill('Başı gicəlləndi, 10 dəqiqə otaqdan çıxdı');
    await form.getByRole('button', { name: 'Hadisəni qeydə al' }).click();
    await expect.poll(async () => room.locator('[data-incident][data-kind="illness"]').count(), SLOW).toBe(1);
    await expectNoAxeViolations(room);
    await expectNoSidewaysScroll(room);

    // On the sitting's page the administrator grants ten minutes from the incident.
    const adminContext = await newContext();
    const admin = await adminContext.newPage();
    await administrator(admin, '/admin/sittings');
    await admin.getByRole('link', { name: 'DEMO-PRACTICE' }).click();
    await admin.waitForURL(/\/admin\/sittings\/[0-9a-f-]+$/);
    const incident = admin.locator('[data-sitting-incidents] [data-incident]').first();
    expect(await incident.innerText()).toContain('Başı gicəlləndi');
    await incident.getByText('Hadisə üzrə tədbir').click();
    await incident.getByLabel('Dəqiqə').fill('10');
    await incident.getByLabel('Səbəb').first().fill('Xəstəlik səbəbindən itirilən vaxt');
    await incident.getByRole('button', { name: 'Uzat' }).click();
    await admin.waitForURL('**/invigilation?notice=extended**');
    expect(await admin.locator('.notice--success').innerText()).toContain('10');
    expect(await admin.locator('[data-follow-up="attempt.extended"]').count()).toBe(1);
    await expectNoAxeViolations(admin);

    expect(new Date(await deadline()).getTime() - before).toBe(10 * 60_000);
    await Promise.all([adminContext.close(), roomContext.close(), aysel.dispose()]);
  });
});
