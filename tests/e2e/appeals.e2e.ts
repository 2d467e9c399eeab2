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

/** Items on each paper: more than half of the demo's logic questions, so two papers always share some. */
const ITEMS = 30;

browserSuite((suite) => ({ server, browser } = suite));
const apiAs = apisDisposedAfterFile();
/** A demo applicant talking to the API directly, disposed of after the file. */
const applicantApi = (login: string) => apiAs(signedInApi(server.url, login));

const newContext = (options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> =>
  browser.newContext({ baseURL: server.url, locale: 'az-AZ', ...options });
const heading = (page: Page) => page.locator('h1').innerText();
const nav = (page: Page) => page.getByRole('navigation', { name: 'Əsas menyu' });

describe('appeals in the browser', () => {
  it('an administrator publishes, a candidate appeals, one examiner upholds, another confirms, and the re-scoring shows who moved', async () => {
    // The administrator signs in first: the sitting is set up through the API with the browser's session.
    const adminContext = await newContext();
    const adminPage = await adminContext.newPage();
    await signInStaff(adminPage, ADMIN.email, ADMIN.password, '/admin/sittings', server.clock);
    const admin = adminPage.request;
    const post = (path: string, data: unknown = {}) => admin.post(path, { data, headers: { origin: server.url } });

    // A sitting of 30 logic items with a pass mark of 1 and annulled items awarded to all: Aysel, who
    // leaves every item blank, fails with 0; an annulment lifts her to 1 and a pass. Timur guesses.
    const aysel = await applicantApi('aysel@demo.imtahan.az');
    const timur = await applicantApi('timur@demo.imtahan.az');
    const sitting = await bookedLogicSitting(
      server.clock,
      post,
      { codePrefix: 'E2E-APL', name: 'E2E appeals', items: ITEMS, passMark: 1 },
      [aysel, timur],
    );
    const { code, start, end } = sitting;
    const [ayselBooking, timurBooking] = [sitting.bookings[0]!, sitting.bookings[1]!];

    // The sitting itself is the exam room's business (tested on its own): here both sit it through the API.
    server.clock.advanceTo(start + 500);
    const ayselSat = await sitThroughApi(aysel, ayselBooking.id, () => []);
    const timurSat = await sitThroughApi(timur, timurBooking.id, (items) => items);
    expect(ayselSat.items).toHaveLength(ITEMS);

    // Before the end there is nothing to publish; once it is over, the section appears on the sitting's page.
    const sittingPath = `/admin/sittings/${sitting.id}`;
    await adminPage.goto(sittingPath);
    expect(await adminPage.getByRole('region', { name: 'Nəticələrin dərci' }).count()).toBe(0);
    server.clock.advanceTo(end + 1_000);
    await adminPage.goto(sittingPath);
    const publication = adminPage.getByRole('region', { name: 'Nəticələrin dərci' });
    expect(await publication.innerText()).toContain('Sessiya başa çatıb.');
    await expectNoAxeViolations(adminPage);

    await publication.getByRole('button', { name: 'Nəticələri dərc edin' }).click();
    await expectConfirmationThenAnswer(
      adminPage,
      'Nəticələri dərc edirsiniz?',
      [`${code} sessiyasının nəticələri (2 iştirakçı)`],
      'Bəli, dərc edin',
    );
    await adminPage.waitForURL((url) => url.pathname === sittingPath && url.searchParams.get('published') === '1');
    expect(await publication.locator('.notice--success').innerText()).toContain('Nəticələr dərc olundu.');
    expect(await publication.getByRole('button', { name: 'Nəticələri dərc edin' }).count()).toBe(0);
    expect(await publication.getByRole('link', { name: 'Dərc olunmuş nəticələr' }).getAttribute('href')).toBe(
      `/results/${sitting.id}`,
    );
    await expectNoAxeViolations(adminPage);

    // The administrator's table names everyone, with status, points and the pass.
    await publication.getByRole('link', { name: 'Bütün nəticələr (adlarla)' }).click();
    await adminPage.waitForURL((url) => url.pathname === `${sittingPath}/results`);
    expect(await heading(adminPage)).toBe(`${code} sessiyasının nəticələri`);
    const table = adminPage.getByRole('table', { name: `${code} sessiyasının bütün namizədləri və nəticələri` });
    const ayselRow = table.locator(`tr[data-candidate="${ayselBooking.candidateCode}"]`);
    expect(await ayselRow.innerText()).toContain('Aysel Əliyeva');
    expect(await ayselRow.innerText()).toContain(`${ITEMS} baldan 0`);
    expect(await ayselRow.innerText()).toContain('keçməyib');
    expect(await table.locator(`tr[data-candidate="${timurBooking.candidateCode}"]`).innerText()).toContain(
      'Тимур Ахметов',
    );
    await expectNoAxeViolations(adminPage);

    // Aysel reads her result and her paper, and appeals against an item Timur's paper carries too.
    const timurReview = await json<{ sections: { items: { versionId: string; number: number }[] }[] }>(
      await timur.get(`/api/attempts/${timurSat.attemptId}/review`),
    );
    const timurNumbers = new Map(timurReview.sections.flatMap((s) => s.items).map((i) => [i.versionId, i.number]));
    const shared = ayselSat.items.find((item) => timurNumbers.has(item.versionId))!;
    expect(shared, 'two papers of 30 from the same logic questions share an item').toBeDefined();

    const ayselContext = await newContext();
    const ayselPage = await ayselContext.newPage();
    const resultPath = `/exam/${ayselSat.attemptId}/result`;
    await signInApplicantOnPage(ayselPage, 'aysel@demo.imtahan.az', resultPath);
    await expectNoAxeViolations(ayselPage);
    await ayselPage.locator('[data-appeal-open="true"]').getByRole('link', { name: 'İşimə baxım' }).click();
    await ayselPage.waitForURL((url) => url.pathname === `/exam/${ayselSat.attemptId}/review`);
    await expectNoAxeViolations(ayselPage);
    const item = ayselPage.locator(`article[data-item="${shared.number}"]`);
    expect(await item.getAttribute('data-version-id')).toBe(shared.versionId);
    expect(await item.getAttribute('data-outcome')).toBe('unanswered');
    const ayselReason = 'Variantların heç biri şərtə tam uyğun gəlmir, ona görə cavab verə bilmədim.';
    await item.getByLabel(new RegExp(`${shared.number} nömrəli sual`)).fill(ayselReason);
    await item.getByRole('button', { name: `${shared.number} nömrəli suala apellyasiya verin` }).click();
    await ayselPage.waitForURL((url) => url.searchParams.get('filed') === String(shared.number));
    expect(await item.getAttribute('data-appealed')).toBe('true');

    // Timur appeals against the same question, which sits at another number on his variant.
    const timurReason = 'Sualın şərtində məlumat çatışmır; bir neçə cavab mümkündür.';
    await json(
      await timur.post(`/api/attempts/${timurSat.attemptId}/appeals`, {
        data: { versionId: shared.versionId, reason: timurReason },
      }),
      201,
    );

    // The first examiner decides without JavaScript: plain forms, with a confirmation step.
    const firstContext = await newContext({ javaScriptEnabled: false });
    const first = await firstContext.newPage();
    await signInStaff(first, EXAMINERS[0].email, EXAMINERS[0].password, '/bank', server.clock);
    await nav(first).getByRole('link', { name: 'Apellyasiyalar' }).click();
    await first.waitForURL((url) => url.pathname === '/commission');
    expect(await heading(first)).toBe('Apellyasiya komissiyası');
    await expectNoAxeViolations(first, { javaScriptDisabled: true });
    const group = first.locator(`section[data-version="${shared.versionId}"]`);
    const appeals = group.getByRole('table', { name: 'Bu suala verilmiş apellyasiyalar' });
    const ayselAppeal = appeals.locator(`tr[data-candidate="${ayselBooking.candidateCode}"]`);
    const timurAppeal = appeals.locator(`tr[data-candidate="${timurBooking.candidateCode}"]`);
    expect(await ayselAppeal.locator('td').allInnerTexts()).toEqual([
      code,
      String(shared.number),
      ayselReason,
      expect.any(String),
    ]);
    expect(await timurAppeal.locator('td').nth(1).innerText()).toBe(String(timurNumbers.get(shared.versionId)));
    expect(await group.innerText()).toContain('Apellyasiyalar: 2 (namizədlər: 2)');

    await group.getByRole('link', { name: /^Qərar verin/ }).click();
    await first.waitForURL((url) => url.pathname === `/commission/${shared.versionId}`);
    await expectNoAxeViolations(first, { javaScriptDisabled: true });
    // Nothing chosen and no reason: both named beside the field and in the summary, in Azerbaijani.
    await first.getByRole('button', { name: 'Qərarı nəzərdən keçirin' }).click();
    await first.locator('#decision-reason-error').waitFor();
    expect(await first.locator('#decision-outcome-error').innerText()).toBe('Qərarlardan birini seçin.');
    expect(await first.locator('#decision-reason-error').innerText()).toBe(
      'Yazılı əsaslandırmanı yazın: müraciətçilər onu alacaq.',
    );
    expect(await first.locator('.error-summary').innerText()).toContain('Yazılı əsaslandırma: Yazılı əsaslandırmanı');
    await expectNoAxeViolations(first, { javaScriptDisabled: true });

    const decisionReason = 'Sualın şərti natamamdır: variantlardan heç biri birmənalı düzgün deyil. Sual ləğv edilir.';
    await first.getByLabel('Təmin edilsin: sual ləğv edilsin').check();
    await first.getByLabel(/^Yazılı əsaslandırma/).fill(decisionReason);
    await first.getByRole('button', { name: 'Qərarı nəzərdən keçirin' }).click();
    const review = first.getByRole('region', { name: 'Qərarı yoxlayın' });
    await review.waitFor();
    expect(await review.innerText()).toContain(decisionReason);
    expect(await review.innerText()).toContain('ikinci ekspertin təsdiqini gözləyəcək');
    await expectNoAxeViolations(first, { javaScriptDisabled: true });
    // Going back keeps what was typed.
    await review.getByRole('button', { name: 'Geri qayıdıb dəyişin' }).click();
    expect(await first.getByLabel(/^Yazılı əsaslandırma/).inputValue()).toBe(decisionReason);
    expect(await first.getByLabel('Təmin edilsin: sual ləğv edilsin').isChecked()).toBe(true);
    await first.getByRole('button', { name: 'Qərarı nəzərdən keçirin' }).click();
    await review.getByRole('button', { name: 'Qərarı qeydə alın' }).click();
    await first.waitForURL((url) => url.pathname === '/commission' && url.searchParams.get('notice') === 'awaiting');
    expect(await first.locator('.notice--success').innerText()).toContain('ikinci ekspertin təsdiqini gözləyir');

    // The decider sees who decided, and no Confirm button; the server refuses them anyway, politely.
    const awaiting = first.locator(`section[data-version="${shared.versionId}"]`);
    expect(await awaiting.innerText()).toContain('Təsdiq gözləyən qərar');
    expect(await awaiting.innerText()).toContain('Günel Həsənova (ekspert)');
    expect(await awaiting.locator('[data-own-decision]').innerText()).toContain('başqa ekspert təsdiq etməlidir');
    expect(await awaiting.getByRole('button', { name: /^Qərarı təsdiq edin/ }).count()).toBe(0);
    await expectNoAxeViolations(first, { javaScriptDisabled: true });
    const queued = await json<{ versionId: string; decision: { id: string } | null }[]>(
      await first.request.get('/api/appeals/queue?status=pending'),
    );
    const decisionId = queued.find((g) => g.versionId === shared.versionId)!.decision!.id;
    const own = await first.request.post('/commission?/confirm', {
      form: { decisionId },
      headers: { origin: server.url, accept: 'text/html' },
    });
    expect(own.status()).toBe(403);
    expect(await own.text()).toContain('Bu qərarı siz vermisiniz, ona görə onu başqa ekspert təsdiq etməlidir.');
    await firstContext.close();

    // The second examiner confirms, after a confirmation step; the re-scoring starts.
    const secondContext = await newContext();
    const second = await secondContext.newPage();
    await signInStaff(second, EXAMINERS[1].email, EXAMINERS[1].password, '/commission', server.clock);
    expect(await nav(second).getByRole('link', { name: 'Apellyasiyalar' }).getAttribute('aria-current')).toBe('page');
    const toConfirm = second.locator(`section[data-version="${shared.versionId}"]`);
    expect(await toConfirm.innerText()).toContain('Günel Həsənova (ekspert)');
    await toConfirm.getByRole('button', { name: /^Qərarı təsdiq edin/ }).click();
    await expectConfirmationThenAnswer(
      second,
      'Qərarı təsdiq edirsiniz?',
      ['yalnız müraciət edənlərin deyil'],
      'Bəli, təsdiq edirəm',
    );
    await second.waitForURL((url) => url.searchParams.get('notice') === 'confirmed');
    expect(await second.locator('.notice--success').innerText()).toContain('Qərar təsdiq edildi');
    await expectNoAxeViolations(second);

    // The job's page renders on the server, then follows the job without a reload until it is done.
    await second.getByRole('link', { name: 'Gedişatı izləyin' }).click();
    await second.waitForURL(/\/admin\/rescoring\/[0-9a-f-]{36}$/);
    const jobPath = new URL(second.url()).pathname;
    await expectNoAxeViolations(second);
    await second.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await second.locator('.rescoring-progress[data-status="done"]').waitFor({ timeout: 60_000 });
    expect(await second.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(new URL(second.url()).pathname).toBe(jobPath);
    // Every attempt that carried the item is re-scored, the demo's own sittings' included, not only these two.
    const progress = /^Başa çatıb — (\d+) cəhddən (\d+) \(100%\)$/.exec(
      (await second.locator('.rescoring-progress').innerText()).trim(),
    );
    expect(progress?.[1]).toBe(progress?.[2]);
    expect(Number(progress?.[1])).toBeGreaterThanOrEqual(2);
    const report = second.getByRole('table', { name: 'Yenidən qiymətləndirmə ilə dəyişən nəticələr' });
    const moved = report.locator(`tr[data-candidate="${ayselBooking.candidateCode}"]`);
    expect(await moved.innerText()).toContain('Aysel Əliyeva');
    expect(await moved.locator('td').nth(1).innerText()).toBe('0 → 1');
    expect(await moved.getAttribute('data-flipped')).toBe('true');
    expect(await moved.locator('td').nth(2).innerText()).toBe('Dəyişib: keçməyib → keçib');
    await expectNoAxeViolations(second);

    // The list of jobs and the decided queue say the same.
    await nav(second).getByRole('link', { name: 'Yenidən qiymətləndirmə' }).click();
    await second.waitForURL((url) => url.pathname === '/admin/rescoring');
    expect(await second.locator(`tr[data-job="${jobPath.split('/').at(-1)}"]`).getAttribute('data-status')).toBe(
      'done',
    );
    await expectNoAxeViolations(second);
    await second.goto('/commission?status=decided');
    const decided = second.locator(`section[data-version="${shared.versionId}"]`);
    expect(await decided.innerText()).toContain('Qəti qərar');
    expect(await decided.innerText()).toContain('Elçin Quliyev (ekspert)');
    await expectNoAxeViolations(second);
    await secondContext.close();

    // Aysel reads the written decision with both officials' names.
    await nav(ayselPage).getByRole('link', { name: 'Apellyasiyalarım' }).click();
    await ayselPage.waitForURL((url) => url.pathname === '/appeals');
    const decision = ayselPage.getByRole('article', { name: `${code} sessiyası, sual ${shared.number}` });
    expect(await decision.getAttribute('data-status')).toBe('upheld');
    expect(await decision.locator('[data-decision-reason]').innerText()).toBe(decisionReason);
    expect(await decision.locator('[data-decided-by]').innerText()).toMatch(/^Günel Həsənova, Ekspert\s/);
    expect(await decision.innerText()).toContain('Elçin Quliyev');
    await expectNoAxeViolations(ayselPage);

    // The administrator's table shows her pass after the republication.
    await adminPage.reload();
    expect(await ayselRow.innerText()).toContain(`${ITEMS} baldan 1`);
    expect(await ayselRow.innerText()).toContain('keçib');
    await Promise.all([adminContext.close(), ayselContext.close()]);
  });
});
