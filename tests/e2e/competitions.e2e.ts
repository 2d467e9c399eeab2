import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/browser';
import type { RunningServer } from '../helpers/server';
import {
  ADMIN,
  browserSuite,
  EXAMINERS,
  expectConfirmationThenAnswer,
  signInApplicantOnPage,
  signInStaff,
} from './staff-support';

let server: RunningServer;
let browser: Browser;

const MINUTE = 60_000;

browserSuite((suite) => ({ server, browser } = suite));

const newContext = (): Promise<BrowserContext> => browser.newContext({ baseURL: server.url, locale: 'az-AZ' });
const heading = (page: Page) => page.locator('h1').innerText();
const field = (page: Page, name: string) => page.locator(`[name="${name}"]`);

/** A moment as the `datetime-local` value the pages read in Baku time (UTC+4). */
const bakuInput = (ms: number) => new Date(ms + 4 * 60 * MINUTE).toISOString().slice(0, 16);
/** The start of the next whole minute at least `lead` ms away: the forms take times to the minute. */
const minuteAfter = (ms: number) => Math.ceil(ms / MINUTE) * MINUTE;

/** Aysel's certificate comes from the demo's published sitting, which is in the demo's past from the start. */
async function demoCertificate(page: Page): Promise<{ code: string; covers: string[] }> {
  const response = await page.request.get('/api/certificates');
  const list = (await response.json()) as { code: string; covers: string[]; valid: boolean }[];
  const valid = list.find((c) => c.valid);
  if (!valid) throw new Error(`the demo issued Aysel no valid certificate: ${JSON.stringify(list)}`);
  return valid;
}

async function scoreAsMember(page: Page, vacancyCode: string, candidateName: string, points: [number, number]) {
  await page.goto('/interviews');
  expect(await heading(page)).toBe('Müsahibə komissiyalarım');
  await expectNoAxeViolations(page);
  // The demo has panels of its own: this vacancy's section.
  const panel = page.getByRole('region', { name: new RegExp(`^${vacancyCode}:`) });
  await panel.getByRole('link', { name: candidateName }).click();
  await page.waitForURL('**/interviews/*');
  await page
    .getByText('balınız qətidir', { exact: false })
    .waitFor({ timeout: 10_000 })
    .catch(async (error: unknown) => {
      throw new Error(`no score form on ${page.url()}: ${await page.locator('main').innerText()}`, { cause: error });
    });
  await expectNoAxeViolations(page);
  await field(page, 'scores.criterion-1').fill(String(points[0]));
  await field(page, 'scores.criterion-2').fill(String(points[1]));
  await page.getByRole('button', { name: 'Daxil etməzdən əvvəl yoxlayın' }).click();
  // The confirmation says the score is final before anything is sent.
  await expectConfirmationThenAnswer(page, 'Bu ballar daxil edilsin?', ['qətidir'], 'Balları daxil edin — qəti');
  await page.waitForURL((url) => url.searchParams.get('entered') === '1');
  const receipt = page.getByRole('region', { name: 'Balınız daxil edildi' });
  await receipt.waitFor();
  expect(await receipt.locator('[data-commitment]').innerText()).toMatch(/^[0-9a-f]{64}$/);
  expect(await receipt.innerText()).toContain(`${points[0] + points[1]}`);
  // Final: no form to enter it again, and the API refuses a second score.
  expect(await page.getByRole('button', { name: 'Daxil etməzdən əvvəl yoxlayın' }).count()).toBe(0);
  await expectNoAxeViolations(page);
  const applicationId = new URL(page.url()).pathname.split('/').pop()!;
  const again = await page.request.post(`/api/interviews/applications/${applicationId}/scores`, {
    data: { scores: { 'criterion-1': 0, 'criterion-2': 0 } },
    headers: { origin: server.url },
  });
  expect(again.status()).toBe(409);
  expect(((await again.json()) as { error: { fields: { code: string }[] } }).error.fields[0]!.code).toBe(
    'score.exists',
  );
}

describe('competitions in the browser', () => {
  it('an administrator announces a round, a certified applicant applies, a panel of three scores, the administrator appoints, and the register shows it', async () => {
    const suffix = Date.now().toString(36).toUpperCase().slice(-6);
    const agencyCode = `E2E-${suffix}`;
    const roundCode = `E2E-ROUND-${suffix}`;
    const vacancyCode = `E2E-VAC-${suffix}`;
    const position = `Baş məsləhətçi ${suffix}`;

    const adminContext = await newContext();
    const admin = await adminContext.newPage();
    await signInStaff(admin, ADMIN.email, ADMIN.password, '/admin/agencies', server.clock);

    // An agency; a first try without a name is refused beside the field, in Azerbaijani.
    expect(await heading(admin)).toBe('Qurumlar');
    await expectNoAxeViolations(admin);
    await field(admin, 'code').fill(agencyCode);
    await admin.getByRole('button', { name: 'Qurumu əlavə edin' }).click();
    const summary = admin.getByRole('alert');
    await summary.waitFor();
    expect(await summary.innerText()).toContain('Ad (Azərbaycanca)');
    await expectNoAxeViolations(admin);
    await field(admin, 'name.az').fill(`Sınaq Agentliyi ${suffix}`);
    await field(admin, 'name.en').fill(`Test Agency ${suffix}`);
    await admin.getByRole('button', { name: 'Qurumu əlavə edin' }).click();
    await admin.getByText(`${agencyCode} qurumu əlavə edildi.`).waitFor();

    // A round: its weights and rubric.
    await admin.goto('/admin/rounds');
    await expectNoAxeViolations(admin);
    await admin.getByRole('link', { name: 'Yeni mərhələ' }).click();
    await admin.waitForURL('**/admin/rounds/new');
    await expectNoAxeViolations(admin);
    await field(admin, 'code').fill(roundCode);
    await field(admin, 'title.az').fill(`Sınaq müsabiqəsi ${suffix}`);
    await field(admin, 'testWeight').fill('60');
    await field(admin, 'interviewWeight').fill('40');
    await field(admin, 'rubric.0.name.az').fill('Peşəkar bilik');
    await field(admin, 'rubric.0.maxPoints').fill('10');
    await field(admin, 'rubric.1.name.az').fill('Ünsiyyət');
    await field(admin, 'rubric.1.maxPoints').fill('10');
    await admin.getByRole('button', { name: 'Mərhələni yaradın' }).last().click();
    await admin.waitForURL((url) => /^\/admin\/rounds\/[0-9a-f-]{36}$/.test(url.pathname));
    expect(await heading(admin)).toBe(`Mərhələ ${roundCode}`);
    await expectNoAxeViolations(admin);

    // Its vacancy, with a deadline a little ahead so that the applicant can still apply.
    await admin.getByRole('link', { name: 'Vakansiya əlavə edin' }).click();
    await admin.waitForURL('**/vacancies/new');
    await expectNoAxeViolations(admin);
    const deadline = minuteAfter(server.clock.now() + 100_000);
    await field(admin, 'code').fill(vacancyCode);
    await field(admin, 'agencyId').selectOption({ label: `${agencyCode} — Sınaq Agentliyi ${suffix}` });
    await field(admin, 'position.az').fill(position);
    await field(admin, 'categoryCode').selectOption('AB');
    await field(admin, 'places').fill('1');
    await field(admin, 'location').fill('Bakı');
    await field(admin, 'applicationDeadline').fill(bakuInput(deadline));
    await field(admin, 'requirements.az').fill('Ali təhsil; AB sertifikatı.');
    await field(admin, 'interviewProgramme.az').fill('Dövlət qulluğu haqqında qanun; ünsiyyət.');
    await admin.getByRole('button', { name: 'Vakansiyanı əlavə edin' }).click();
    await admin.getByText('Vakansiya əlavə edildi.').waitFor();

    // Announcing asks first, since it publishes for good.
    await admin.getByRole('button', { name: 'Mərhələni elan edin' }).click();
    await expectConfirmationThenAnswer(
      admin,
      'Bu mərhələ elan edilsin?',
      [vacancyCode],
      'Bəli, elan edin və dərc edin',
    );
    await admin.getByText('Mərhələ elan edildi və jurnalda dərc olundu.').waitFor();
    await expectNoAxeViolations(admin);

    // The panel: the administrator in the chair and both examiners.
    await admin.getByRole('link', { name: vacancyCode }).click();
    await admin.waitForURL('**/vacancies/*');
    expect(await heading(admin)).toBe(`Vakansiya ${vacancyCode}`);
    await expectNoAxeViolations(admin);
    for (const person of [ADMIN, ...EXAMINERS]) await admin.getByLabel(`${person.name} komissiyada`).check();
    await admin.getByLabel(`${ADMIN.name} sədr kimi`).check();
    await admin.getByRole('button', { name: 'Komissiyanı yadda saxlayın' }).click();
    await admin.getByText('Komissiya yadda saxlanıldı.').waitFor();
    const vacancyPage = admin.url().split('?')[0]!;

    // Timur holds no certificate: the server refuses him and says why.
    const timurContext = await newContext();
    const timur = await timurContext.newPage();
    await signInApplicantOnPage(timur, 'timur@demo.imtahan.az', '/vacancies');
    await timur.getByRole('link', { name: position }).click();
    await timur.waitForURL('**/vacancies/*');
    const refusal = timur.locator('[data-refusal]');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-refusal')).toBe('application.no_certificate');
    expect(await refusal.innerText()).toContain('sertifikat');
    expect(await timur.getByRole('button', { name: 'Bu vakansiyaya müraciət edin' }).count()).toBe(0);
    await expectNoAxeViolations(timur);
    await timurContext.close();

    // Aysel, who holds the demo's AB certificate, applies.
    const ayselContext = await newContext();
    const aysel = await ayselContext.newPage();
    await signInApplicantOnPage(aysel, 'aysel@demo.imtahan.az', '/vacancies');
    const certificate = await demoCertificate(aysel);
    expect(certificate.covers).toContain('AB');
    // The list as the sign-in left it: reading the certificate through the API changed nothing on the page.
    expect(await heading(aysel)).toBe('Vakansiyalar');
    await expectNoAxeViolations(aysel);
    await aysel.getByRole('link', { name: position }).click();
    await aysel.waitForURL('**/vacancies/*');
    await expectNoAxeViolations(aysel);
    expect(await aysel.getByText(certificate.code).count()).toBeGreaterThan(0);
    await aysel.getByRole('button', { name: 'Bu vakansiyaya müraciət edin' }).click();
    await aysel.waitForURL((url) => url.pathname.startsWith('/applications/'));
    await aysel.getByText('Müraciətiniz qəbul edildi.').waitFor();
    // No interview yet: she may still withdraw.
    expect(await aysel.getByRole('button', { name: 'Müraciəti geri götürün' }).count()).toBe(1);
    await expectNoAxeViolations(aysel);
    const applicationPage = aysel.url().split('?')[0]!;
    expect(server.clock.now(), 'applied before the deadline').toBeLessThan(deadline);

    // The administrator schedules her interview a minute after the deadline.
    const interviewAt = deadline + MINUTE;
    await admin.goto(vacancyPage);
    await admin.getByRole('link', { name: /^Təyin edin/ }).click();
    const slot = admin.getByRole('region', { name: /ilə müsahibə$/ });
    await slot.waitFor();
    await expectNoAxeViolations(admin);
    await field(admin, 'startsAt').fill(bakuInput(interviewAt));
    await field(admin, 'location').fill('Otaq 12');
    await admin.getByRole('button', { name: 'Müsahibə vaxtını yadda saxlayın' }).click();
    await admin.getByText('üçün müsahibə təyin edildi.', { exact: false }).waitFor();

    // She sees her interview; it is today, so withdrawing (until the day before) has closed.
    await aysel.goto(applicationPage);
    expect(await aysel.getByText('Otaq 12', { exact: false }).count()).toBeGreaterThan(0);
    expect(await aysel.getByRole('button', { name: 'Müraciəti geri götürün' }).count()).toBe(0);
    await aysel.getByText('Geri götürmə müsahibədən bir gün əvvəl bağlandı.').waitFor();
    await expectNoAxeViolations(aysel);

    // The examiners sign in while the interview is still ahead; then all three score.
    const examinerPages: Page[] = [];
    for (const examiner of EXAMINERS) {
      const context = await newContext();
      const page = await context.newPage();
      await signInStaff(page, examiner.email, examiner.password, '/interviews', server.clock);
      examinerPages.push(page);
    }
    server.clock.advanceTo(interviewAt + 2_000);
    await scoreAsMember(admin, vacancyCode, 'Aysel Əliyeva', [8, 7]);
    await scoreAsMember(examinerPages[0]!, vacancyCode, 'Aysel Əliyeva', [9, 8]);
    await scoreAsMember(examinerPages[1]!, vacancyCode, 'Aysel Əliyeva', [7, 9]);

    // The ranking by the published weights, then the appointment, each after a confirmation.
    await admin.goto(vacancyPage);
    await admin.getByRole('button', { name: 'Reytinqi dərc edin' }).click();
    await expectConfirmationThenAnswer(admin, 'Reytinq dərc edilsin?', [], 'Bəli, reytinqi dərc edin');
    await admin.getByText('Reytinq və ehtiyat siyahısı dərc edildi.').waitFor();
    await expectNoAxeViolations(admin);
    await admin.getByRole('button', { name: /^Vəzifəyə təyin edin/ }).click();
    await expectConfirmationThenAnswer(admin, 'Bu təyinat qeydə alınsın?', ['Aysel Əliyeva'], 'Bəli, təyin edin');
    await admin.getByText('təyinatı qeydə alındı və dərc edildi.', { exact: false }).waitFor();
    const appointments = admin.getByRole('table', { name: 'Təyinatlar' });
    expect(await appointments.innerText()).toContain(ADMIN.name);
    await expectNoAxeViolations(admin);

    // Aysel reads her outcome, and every score with the name and role of the member who gave it.
    await aysel.goto(applicationPage);
    const outcome = await aysel.locator('main').innerText();
    expect(outcome).toContain('Təyin edilib');
    for (const person of [ADMIN, ...EXAMINERS]) expect(outcome).toContain(person.name);
    expect(outcome).toContain('Ekspert');
    expect(outcome).toContain(`${ADMIN.name}, Administrator`);
    expect(await aysel.getByRole('button', { name: 'Müraciəti geri götürün' }).count()).toBe(0);
    await expectNoAxeViolations(aysel);
    await aysel.goto('/applications');
    expect(await aysel.locator('main').innerText()).toContain(position);
    await expectNoAxeViolations(aysel);

    // The public register shows the appointment, to anyone.
    const publicContext = await newContext();
    const visitor = await publicContext.newPage();
    await visitor.goto(`/register/appointments?q=${encodeURIComponent('Aysel Əliyeva')}`);
    await expect
      .poll(async () => (await visitor.locator('main').innerText()).includes(position), { timeout: 10_000 })
      .toBe(true);
    await expectNoAxeViolations(visitor);
    const api = await visitor.request.get(`/api/register/appointments?q=${encodeURIComponent('Aysel')}`);
    expect(api.status()).toBe(200);
    expect(JSON.stringify(await api.json())).toContain(vacancyCode);

    await Promise.all([adminContext.close(), ayselContext.close(), publicContext.close()]);
    await Promise.all(examinerPages.map((page) => page.context().close()));
  }, 600_000);
});
