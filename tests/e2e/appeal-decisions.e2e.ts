import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/browser';
import type { RunningServer } from '../helpers/server';
import { sitThroughApi } from './exam-support';
import {
  ADMIN,
  apisDisposedAfterFile,
  applicantApi as signedInApi,
  bookedLogicSitting,
  browserSuite,
  EXAMINERS,
  expectConfirmationThenAnswer,
  json,
  signInApplicantOnPage,
  signInStaff,
} from './staff-support';

let server: RunningServer;
let browser: Browser;

browserSuite((suite) => ({ server, browser } = suite));
const apiAs = apisDisposedAfterFile();
/** A demo applicant talking to the API directly, disposed of after the file. */
const applicantApi = (login: string) => apiAs(signedInApi(server.url, login));

const newContext = (): Promise<BrowserContext> => browser.newContext({ baseURL: server.url, locale: 'az-AZ' });

describe('an upheld decision declined, and an annulment appealed, in the browser', () => {
  it('a second examiner declines with a reason on the item’s page; an annulled candidate appeals the annulment', async () => {
    const adminContext = await newContext();
    const adminPage = await adminContext.newPage();
    await signInStaff(adminPage, ADMIN.email, ADMIN.password, '/admin/sittings', server.clock);
    const post = (page: Page, path: string, data: unknown = {}) =>
      page.request.post(path, { data, headers: { origin: server.url } });

    // A short logic sitting: Aysel sits it and appeals an item; Timur is annulled mid-exam.
    const aysel = await applicantApi('aysel@demo.imtahan.az');
    const timur = await applicantApi('timur@demo.imtahan.az');
    const sitting = await bookedLogicSitting(
      server.clock,
      (path, data) => post(adminPage, path, data),
      { codePrefix: 'E2E-DCL', name: 'E2E decline', items: 5, passMark: 1 },
      [aysel, timur],
    );
    const { code, start, end } = sitting;
    const [ayselBooking, timurBooking] = [sitting.bookings[0]!, sitting.bookings[1]!];
    server.clock.advanceTo(start + 500);
    const { attemptId: ayselAttempt, items } = await sitThroughApi(aysel, ayselBooking.id, () => []);
    const versionId = items[0]!.versionId;
    const timurAttempt = (
      await json<{ attemptId: string }>(await timur.post(`/api/bookings/${timurBooking.id}/start`, { data: {} }))
    ).attemptId;
    const annulReason = 'Telefondan istifadə edildiyi görüldü.';
    await json(await post(adminPage, `/api/admin/attempts/${timurAttempt}/annul`, { reason: annulReason }));
    server.clock.advanceTo(end + 1_000);
    await json(await post(adminPage, `/api/admin/sittings/${sitting.id}/publish-results`));
    await json(
      await aysel.post(`/api/attempts/${ayselAttempt}/appeals`, {
        data: { versionId, reason: 'Variantlardan ikisi eyni dərəcədə doğrudur.' },
      }),
      201,
    );

    // The first examiner upholds (through the API, as the commission's page does); the decision awaits.
    const firstContext = await newContext();
    const first = await firstContext.newPage();
    await signInStaff(first, EXAMINERS[0].email, EXAMINERS[0].password, '/commission', server.clock);
    const upheld = 'İki variant doğrudur: sual ləğv edilsin.';
    const decision = await json<{ id: string }>(
      await post(first, `/api/appeals/versions/${versionId}/decision`, { outcome: 'annul', reason: upheld }),
    );

    // The second examiner finds the pending decision on the item's own page and declines it, with a reason.
    const secondContext = await newContext();
    const second = await secondContext.newPage();
    const itemPath = `/commission/${versionId}`;
    await signInStaff(second, EXAMINERS[1].email, EXAMINERS[1].password, itemPath, server.clock);
    const awaiting = second.locator(`[data-awaiting="${decision.id}"]`);
    expect(await awaiting.innerText()).toContain(upheld);
    expect(await awaiting.innerText()).toContain('Günel Həsənova (ekspert)');
    await expectNoAxeViolations(second);
    const declineForm = awaiting.locator('[data-close="decline"]');
    await declineForm.getByRole('button', { name: 'Qərarı rədd et…' }).click();
    await second.locator('.error-summary').waitFor();
    expect(await second.locator('.error-summary').innerText()).toContain('Səbəbi yazın.');
    await expectNoAxeViolations(second);
    const declined = 'Maddə 12-yə görə yalnız bir variant doğrudur; açar düzgündür.';
    await second.getByLabel(/^Səbəb/).fill(declined);
    await second.getByRole('button', { name: 'Qərarı rədd et…' }).click();
    await expectConfirmationThenAnswer(second, 'Bu qərar rədd edilsin?', [declined], 'Bəli, rədd et');
    await second.waitForURL((url) => url.pathname === itemPath && url.searchParams.get('notice') === 'declined');
    const history = second.locator(`[data-decision="${decision.id}"]`);
    expect(await history.getAttribute('data-status')).toBe('declined');
    expect(await history.locator('[data-close-reason]').innerText()).toBe(declined);
    expect(await history.locator('[data-closed-by]').innerText()).toContain('Elçin Quliyev (ekspert)');
    // The appeals wait for a new decision: the decision form is back.
    expect(await second.getByRole('heading', { name: 'Qərar', exact: true }).count()).toBe(1);
    await expectNoAxeViolations(second);
    await Promise.all([firstContext.close(), secondContext.close()]);

    // Timur reads that his attempt was annulled, and is offered the appeal against the annulment.
    const timurContext = await newContext();
    const timurPage = await timurContext.newPage();
    await signInApplicantOnPage(timurPage, 'timur@demo.imtahan.az', `/exam/${timurAttempt}/result`);
    expect(await timurPage.locator('main').innerText()).toContain(annulReason);
    await timurPage.locator('[data-annulment-appeal]').click();
    const appealPath = `/appeals/annulment/${timurAttempt}`;
    await timurPage.waitForURL((url) => url.pathname === appealPath);
    expect(await timurPage.locator('[data-annulment]').innerText()).toContain('Rəşad Məmmədov');
    await expectNoAxeViolations(timurPage);
    await timurPage.getByRole('button', { name: 'Apellyasiya ver' }).click();
    await timurPage.locator('.error-summary').waitFor();
    expect(await timurPage.locator('.error-summary').innerText()).toContain('Ləğvetmənin niyə səhv olduğunu yazın.');
    await timurPage.getByLabel(/^Ləğvetmə niyə səhvdir/).fill('Telefon deyil, icazə verilən kalkulyator idi.');
    await timurPage.getByRole('button', { name: 'Apellyasiya ver' }).click();
    await timurPage.waitForURL((url) => url.pathname === appealPath && url.searchParams.get('notice') === 'filed');
    expect(await timurPage.locator('[data-annulment-appeal="pending"]').count()).toBe(1);
    expect(await timurPage.getByRole('button', { name: 'Apellyasiya ver' }).count()).toBe(0);
    await expectNoAxeViolations(timurPage);

    // The administrator who annulled sees the appeal but cannot decide it: another administrator must.
    await adminPage.goto('/commission/annulments');
    const pending = adminPage.locator('[data-annulment-appeal]').filter({ hasText: code });
    expect(await pending.innerText()).toContain('Telefon deyil');
    expect(await pending.getByRole('button').count()).toBe(0);
    await expectNoAxeViolations(adminPage);
    await Promise.all([adminContext.close(), timurContext.close()]);
  });
});
