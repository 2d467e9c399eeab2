import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/browser';
import type { RunningServer } from '../helpers/server';
import {
  ADMIN,
  browserSuite,
  draftRoundWithVacancy,
  EXAMINERS,
  pageApi,
  publishStage,
  signInApplicantOnPage,
  signInStaff,
} from './staff-support';

let server: RunningServer;
let browser: Browser;

const MINUTE = 60_000;

browserSuite((suite) => ({ server, browser } = suite));

const api = pageApi(() => server.url);
const newContext = (): Promise<BrowserContext> => browser.newContext({ baseURL: server.url, locale: 'az-AZ' });
const heading = (page: Page) => page.locator('h1').innerText();
const field = (page: Page, name: string) => page.locator(`[name="${name}"]`);

describe('a staged round in the browser', () => {
  it('an administrator sets three stages, and advances an applicant through them to the published list', async () => {
    const suffix = Date.now().toString(36).toUpperCase().slice(-6);
    const adminContext = await newContext();
    const admin = await adminContext.newPage();
    await signInStaff(admin, ADMIN.email, ADMIN.password, '/admin/rounds', server.clock);

    // A draft round with one vacancy (made through the API; its pages have their own test).
    const { round, vacancy, deadline } = await draftRoundWithVacancy(admin, server, {
      roundCode: `E2E-STAGES-${suffix}`,
      title: `Mərhələli seçim ${suffix}`,
      vacancyCode: `E2E-STG-${suffix}`,
    });

    // The stages, through the form: a commission first is refused beside its row, then the three are saved.
    await admin.goto(`/admin/rounds/${round.id}`);
    await admin.getByRole('link', { name: 'Seçim mərhələləri' }).click();
    await admin.waitForURL('**/stages');
    expect(await heading(admin)).toBe(`E2E-STAGES-${suffix} turunun mərhələləri`);
    await expectNoAxeViolations(admin);
    await field(admin, 'stages.0.kind').selectOption('commission');
    await admin.getByRole('button', { name: 'Mərhələləri saxla' }).click();
    const summary = admin.getByRole('alert');
    await summary.waitFor();
    expect(await summary.innerText()).toContain('Mərhələ 1, Növ: Komissiya əvvəlki mərhələlər üzrə qərar verir');
    await expectNoAxeViolations(admin);
    await field(admin, 'stages.0.kind').selectOption('test');
    await field(admin, 'stages.0.minScore').fill('50');
    await field(admin, 'stages.1.kind').selectOption('interview');
    await field(admin, 'stages.1.topKind').selectOption('share');
    await field(admin, 'stages.1.topValue').fill('50');
    await admin.getByRole('button', { name: 'Mərhələ əlavə et' }).click();
    await field(admin, 'stages.2.kind').waitFor();
    await field(admin, 'stages.2.kind').selectOption('commission');
    await field(admin, 'stages.2.weight').fill('0');
    await field(admin, 'stages.2.topKind').selectOption('number');
    await field(admin, 'stages.2.topValue').fill('1');
    await field(admin, 'stages.2.ties').selectOption('exclude');
    await admin.getByRole('button', { name: 'Mərhələləri saxla' }).click();
    await admin.getByText('Mərhələlər saxlanıldı.').waitFor();
    await expectNoAxeViolations(admin);
    await api(admin, 'POST', `/api/admin/rounds/${round.id}/announce`, {});
    await admin.reload();
    await admin.getByText('Tur elan olunub').waitFor();
    expect(await field(admin, 'stages.0.kind').count()).toBe(0);

    // Aysel, who holds the demo's certificate, applies; the public page shows the stages and no list yet.
    const ayselContext = await newContext();
    const aysel = await ayselContext.newPage();
    await signInApplicantOnPage(aysel, 'aysel@demo.imtahan.az', '/vacancies');
    const application = await api<{ id: string; candidateCode: string }>(aysel, 'POST', '/api/applications', {
      vacancyId: vacancy.id,
    });
    await aysel.goto(`/vacancies/${vacancy.id}`);
    await aysel.getByRole('heading', { name: 'Növbəti mərhələyə keçənlər' }).waitFor();
    expect(await aysel.locator('main').innerText()).toContain('Hələ heç bir mərhələ siyahısı dərc olunmayıb.');
    await expectNoAxeViolations(aysel);

    // Stage 1, the test: after the deadline her certificate's score passes the minimum.
    server.clock.advanceTo(deadline + MINUTE);
    await publishStage(admin, round.id, vacancy.id, 1, 1);

    // Stage 2, the interview: a panel of three scores her, then the stage is published.
    const examinerIds: string[] = [];
    const examinerPages: Page[] = [];
    for (const examiner of EXAMINERS) {
      const page = await (await newContext()).newPage();
      await signInStaff(page, examiner.email, examiner.password, '/interviews', server.clock);
      examinerIds.push((await api<{ user: { id: string } }>(page, 'GET', '/api/auth/session')).user.id);
      examinerPages.push(page);
    }
    const adminId = (await api<{ user: { id: string } }>(admin, 'GET', '/api/auth/session')).user.id;
    await api(admin, 'PUT', `/api/admin/vacancies/${vacancy.id}/panel`, {
      members: [
        { userId: adminId, panelRole: 'chair' },
        ...examinerIds.map((userId) => ({ userId, panelRole: 'member' })),
      ],
    });
    const startsAt = server.clock.now() + MINUTE;
    await api(admin, 'PUT', `/api/admin/applications/${application.id}/slot`, {
      startsAt: new Date(startsAt).toISOString(),
      location: 'Otaq 5',
    });
    server.clock.advanceTo(startsAt + MINUTE);
    for (const [i, page] of [admin, ...examinerPages].entries())
      await api(page, 'POST', `/api/interviews/applications/${application.id}/scores`, {
        scores: { knowledge: 8 + (i % 2) },
      });
    await publishStage(admin, round.id, vacancy.id, 2, 1);

    // Stage 3, the commission, on the combined score: the published list.
    await publishStage(admin, round.id, vacancy.id, 3, 1);

    // The public page lists who went through at each stage, by code, with the log's receipts.
    await aysel.goto(`/vacancies/${vacancy.id}`);
    const lists = aysel.getByRole('region', { name: 'Növbəti mərhələyə keçənlər' });
    await lists.waitFor();
    const text = await lists.innerText();
    for (const position of [1, 2, 3]) expect(text).toContain(`Mərhələ ${position}`);
    expect(text).toContain(application.candidateCode);
    expect(text).not.toContain('Aysel');
    await expectNoAxeViolations(aysel);

    // Aysel's own page: each stage, passed, in her language.
    await aysel.goto(`/applications/${application.id}`);
    const own = aysel.getByRole('region', { name: 'Mərhələləriniz' });
    await own.waitFor();
    expect((await own.innerText()).match(/Keçdiniz/g)).toHaveLength(3);
    await expectNoAxeViolations(aysel);
  }, 600_000);
});
