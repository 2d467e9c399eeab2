import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/browser';
import type { RunningServer } from '../helpers/server';
import { sitThroughApi } from './exam-support';
import {
  ADMIN,
  applicantApi,
  apisDisposedAfterFile,
  bookedLogicSitting,
  browserSuite,
  EXAMINER,
  json,
  signInApplicantOnPage,
  staffApi,
} from './staff-support';

let server: RunningServer;
let browser: Browser;

/** The sitting this file publishes, and what its candidate Aysel needs to find her way. */
interface Published {
  sittingId: string;
  code: string;
  attemptId: string;
  candidateCode: string;
  certificateCode: string;
  items: number;
}
let published: Published;

browserSuite((suite) => ({ server, browser } = suite));
/** Someone talking to the API directly, as the pages' server does; disposed of after the file. */
const apiAs = apisDisposedAfterFile();

/**
 * A short sitting, run and published through the API as an administrator and two applicants would:
 * Aysel sits and passes it (a pass mark of 0 makes the certificate certain), Timur books and stays away.
 */
async function publishSitting(): Promise<Published> {
  const admin = await apiAs(staffApi(server.url, ADMIN.email, ADMIN.password, server.clock));
  const aysel = await apiAs(applicantApi(server.url, 'aysel@demo.imtahan.az'));
  const timur = await apiAs(applicantApi(server.url, 'timur@demo.imtahan.az'));
  const sitting = await bookedLogicSitting(
    server.clock,
    (path, data = {}) => admin.post(path, { data }),
    { codePrefix: 'E2E-RES', name: 'E2E results', items: 4, passMark: 0 },
    [aysel, timur],
  );
  const { code, start, end } = sitting;
  const booking = sitting.bookings[0]!;

  server.clock.advanceTo(start + 500);
  // She answers every question but the last, always with the first option shown.
  const sat = await sitThroughApi(aysel, booking.id, (items) => items.slice(0, -1));

  server.clock.advanceTo(end + 1_000);
  await json(await admin.post(`/api/admin/sittings/${sitting.id}/publish-results`, { data: {} }));
  const certificates = await json<{ code: string; sittingCode: string }[]>(await aysel.get('/api/certificates'));
  const certificate = certificates.find((c) => c.sittingCode === code);
  expect(certificate, 'a pass at publication issues a certificate').toBeDefined();
  return {
    sittingId: sitting.id,
    code,
    attemptId: sat.attemptId,
    candidateCode: booking.candidateCode,
    certificateCode: certificate!.code,
    items: sat.items.length,
  };
}

beforeAll(async () => {
  published = await publishSitting();
});

async function newContext(options: { javaScriptEnabled?: boolean; locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({ baseURL: server.url, locale: 'az-AZ', ...options });
}

const heading = (page: Page) => page.locator('h1').innerText();
const nav = (page: Page) => page.getByRole('navigation', { name: 'Əsas menyu' });

describe('published results in the browser', () => {
  it('the public finds a sitting’s results, its statistics and distribution, a candidate code and a row’s log receipt', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const { code, sittingId, candidateCode } = published;

    await page.goto('/');
    await nav(page).getByRole('link', { name: 'Nəticələr' }).click();
    await page.waitForURL((url) => url.pathname === '/results');
    await expectNoAxeViolations(page);
    expect(await heading(page)).toBe('Dərc olunmuş nəticələr');
    expect(await nav(page).getByRole('link', { name: 'Nəticələr' }).getAttribute('aria-current')).toBe('page');
    const listed = page.getByRole('table', { name: 'Nəticələri dərc olunmuş sessiyalar, ən yenisi əvvəldə' });
    const row = listed.locator(`tr[data-sitting="${code}"]`);
    expect(await row.locator('td').allInnerTexts()).toEqual([expect.any(String), expect.any(String), '2', '1', '1']);

    await row.getByRole('link', { name: code }).click();
    await page.waitForURL((url) => url.pathname === `/results/${sittingId}`);
    await expectNoAxeViolations(page);
    expect(await heading(page)).toBe(`${code} sessiyasının nəticələri`);

    // The statistics as DİM publishes them: one row per figure, headed by its name.
    const statistics = page.getByRole('table', { name: `${code} sessiyasının namizədləri` });
    const figure = async (name: string) =>
      (
        await statistics
          .getByRole('row', { name: new RegExp(`^${name}`) })
          .locator('td')
          .innerText()
      ).trim();
    expect(await figure('Qeydiyyatdan keçib')).toBe('2');
    expect(await figure('Gəlməyib')).toBe('1');
    expect(await figure('Nəticəsi etibarsız sayılıb')).toBe('0');
    expect(await figure('Testdə iştirak edib')).toBe('1');
    expect(await figure('Keçib')).toMatch(/^1\s+iştirak edənlərin 100 %-i$/);

    // The distribution is a table too, not only a picture: one row for Aysel's total.
    const distribution = page.getByRole('table', { name: 'Hər ümumi balı neçə namizəd toplayıb' });
    expect(await distribution.locator('tbody tr').count()).toBe(1);
    expect((await distribution.locator('tbody td').innerText()).trim()).toBe('1');

    // The pass list names candidates by code only, with the rank and a receipt for each row.
    const passList = page.getByRole('table', {
      name: `${code} sessiyasının namizəd kodları üzrə nəticələri, yerə görə`,
    });
    expect(await passList.locator('thead th').allInnerTexts()).toEqual([
      'Yer',
      'Namizəd kodu',
      'Bal',
      'Nəticə',
      'Jurnal qeydi',
    ]);
    const mine = passList.locator(`tr[data-candidate="${candidateCode}"]`);
    expect(await mine.locator('td').first().innerText()).toBe('1');
    expect(await mine.locator('td').nth(2).innerText()).toBe('Keçib');
    expect(await passList.locator('tbody tr').count()).toBe(1);
    const main = await page.locator('main').innerText();
    expect(main).not.toContain('Aysel');
    expect(main).not.toContain('5ZK7A2B');

    // Looking up a code keeps the table; a code not on the list is said so politely.
    await page.getByRole('searchbox', { name: 'Namizəd kodu' }).fill('NO-SUCH-CODE');
    await page.getByRole('button', { name: 'Tapın' }).click();
    await page.waitForURL((url) => url.searchParams.get('code') === 'NO-SUCH-CODE');
    expect(await page.getByRole('status').innerText()).toBe('Bu siyahıda NO-SUCH-CODE kodlu namizəd yoxdur.');
    await expectNoAxeViolations(page);
    await page.getByRole('searchbox', { name: 'Namizəd kodu' }).fill(candidateCode.toLowerCase());
    await page.getByRole('button', { name: 'Tapın' }).click();
    await page.getByRole('status').getByText(`${candidateCode} üçün sətirlər: 1.`).waitFor();
    expect(await passList.locator(`tr[data-candidate="${candidateCode}"]`).count()).toBe(1);

    // The row's receipt opens the log's verify page, which checks it against a signed checkpoint.
    const receipt = page.locator(`tr[data-candidate="${candidateCode}"] a[data-log-index]`);
    const index = await receipt.getAttribute('data-log-index');
    await receipt.click();
    await page.waitForURL((url) => url.pathname === '/verify' && url.searchParams.get('index') === index);
    expect(await page.locator('[data-check="server"] [data-verdict]').getAttribute('data-verdict')).toBe('ok');
    const entry = await (await context.request.get(`/api/log/entries/${index}`)).json();
    expect(entry.entry).toMatchObject({ type: 'result.published', sittingCode: code, candidateCode, passed: true });

    // In Russian, the same page, worded in Russian.
    const ru = await newContext({ locale: 'ru-RU' });
    const ruPage = await ru.newPage();
    await ruPage.goto(`/results/${sittingId}`);
    expect(await heading(ruPage)).toBe(`Результаты сессии ${code}`);
    expect(await ruPage.getByRole('table', { name: `Кандидаты сессии ${code}` }).count()).toBe(1);
    await expectNoAxeViolations(ruPage);
    await ru.close();

    // An address with no published results is a polite 404.
    const missing = await page.goto('/results/00000000-0000-4000-8000-000000000000');
    expect(missing?.status()).toBe(404);
    expect(await heading(page)).toBe('Bu nəticələr dərc olunmayıb');
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('anyone checks a certificate by its code: genuine and valid, the holder’s name and nothing more', async () => {
    const context = await newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const { certificateCode, code } = published;

    // Typed by hand, in lower case, into the look-up form without JavaScript.
    await page.goto('/certificates');
    await expectNoAxeViolations(page, { javaScriptDisabled: true });
    expect(await heading(page)).toBe('Sertifikatı yoxlayın');
    await page.getByLabel('Sertifikatın kodu').fill('not a code');
    await page.getByRole('button', { name: 'Yoxlayın' }).click();
    await page.waitForURL((url) => url.pathname === '/certificates' && url.search !== '');
    expect(await page.locator('#field-code-error').innerText()).toBe(
      'Kodu yazıldığı kimi daxil edin: dörd hərf və rəqəmdən ibarət üç qrup, məsələn CQ7H-4KXM-9TRW.',
    );
    expect(await page.getByLabel('Sertifikatın kodu').getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, { javaScriptDisabled: true });
    await page.getByLabel('Sertifikatın kodu').fill(certificateCode.toLowerCase());
    await page.getByRole('button', { name: 'Yoxlayın' }).click();
    await page.waitForURL((url) => url.pathname === `/certificates/${certificateCode}`);
    await expectNoAxeViolations(page, { javaScriptDisabled: true });

    expect(await heading(page)).toBe(`${certificateCode} sertifikatı`);
    expect(await page.locator('[data-status]').first().getAttribute('data-status')).toBe('valid');
    expect(await page.locator('.verdict').innerText()).toContain('Bu sertifikat həqiqidir');
    expect(await page.locator('.verdict').innerText()).toMatch(/\d{2}\.\d{2}\.\d{4} tarixinədək etibarlıdır\./);
    expect(await page.locator('[data-holder]').innerText()).toBe('Aysel Əliyeva');
    const details = await page.locator('main dl.details').first().innerText();
    expect(details).toContain(code);
    expect(details).toMatch(/Əhatə etdiyi kateqoriyalar\s+BA/);
    const text = await page.locator('main').innerText();
    expect(text).not.toContain('5ZK7A2B');
    expect(text).not.toContain('aysel@demo.imtahan.az');
    expect(await page.getByRole('link', { name: /jurnal qeydini açın$/ }).count()).toBe(1);

    // An unknown code is a 404 that says what to check, with the form to try again.
    const missing = await page.goto('/certificates/ZZZZ-ZZZZ-ZZZZ');
    expect(missing?.status()).toBe(404);
    expect(await heading(page)).toBe('Bu kodla sertifikat yoxdur');
    expect(await page.locator('.lead').innerText()).toContain('ZZZZ-ZZZZ-ZZZZ kodlu sertifikat tapılmadı');
    expect(await page.getByLabel('Sertifikatın kodu').inputValue()).toBe('ZZZZ-ZZZZ-ZZZZ');
    await expectNoAxeViolations(page, { javaScriptDisabled: true });
    await context.close();
  });

  it('a candidate sees the rank, reviews the paper, appeals against items, and reads the commission’s decision', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const { attemptId, code, certificateCode, items } = published;
    const resultPath = `/exam/${attemptId}/result`;
    const reviewPath = `/exam/${attemptId}/review`;

    await signInApplicantOnPage(page, 'aysel@demo.imtahan.az', resultPath);
    await expectNoAxeViolations(page);
    expect(await heading(page)).toBe('İmtahan nəticəniz');
    expect(await page.locator('[data-rank]').innerText()).toBe('Yer: 1 (1 namizəd arasında)');
    expect(await page.locator('[data-certificate-id]').count()).toBe(1);
    expect(
      await page.getByRole('link', { name: 'Sessiyanın dərc olunmuş nəticələrinə baxın' }).getAttribute('href'),
    ).toBe(`/results/${published.sittingId}`);
    const reviewPanel = page.locator('[data-appeal-open="true"]');
    expect(await reviewPanel.innerText()).toMatch(/\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2} tarixinədək öz işinizi/);

    // The review: her own paper, her answers, the key and each item's marking.
    await reviewPanel.getByRole('link', { name: 'İşimə baxım' }).click();
    await page.waitForURL((url) => url.pathname === reviewPath);
    await expectNoAxeViolations(page);
    expect(await heading(page)).toBe('İşimə baxış');
    const reviewed = await context.request.get(reviewPath);
    expect(reviewed.headers()['cache-control']).toContain('no-store');
    expect(await page.locator('article[data-item]').count()).toBe(items);
    const last = page.locator(`article[data-item="${items}"]`);
    expect(await last.getAttribute('data-outcome')).toBe('unanswered');
    expect(await last.innerText()).toContain('Bu suala cavab verməmisiniz.');
    // A choice question she answered: her option and the key's, in a table of the options.
    const choice = page
      .locator(`article[data-item]:not([data-item="${items}"])`)
      .filter({ has: page.locator('table') })
      .first();
    const number = await choice.getAttribute('data-item');
    expect(await choice.locator('tr[data-chosen="true"]').count()).toBe(1);
    expect(await choice.locator('tr[data-correct="true"]').count()).toBeGreaterThan(0);
    expect(await choice.getByRole('table', { name: `${number} nömrəli sualın variantları` }).count()).toBe(1);
    // One option chosen: right or wrong, or partly right on a multiple-choice item with partial credit (the draw decides).
    expect(['correct', 'wrong', 'partial']).toContain(await choice.getAttribute('data-outcome'));

    // A second tab, opened before she appeals, still shows the form for question 2.
    const stale = await context.newPage();
    await stale.goto(reviewPath);

    // Too short a reason is refused beside the field, in Azerbaijani, and what she typed stays.
    const second = page.locator('article[data-item="2"]');
    const reason = second.getByLabel('Niyə düşünürsünüz ki, 2 nömrəli sual səhv qiymətləndirilib?');
    await reason.fill('Səhvdir');
    await second.getByRole('button', { name: '2 nömrəli suala apellyasiya verin' }).click();
    await page.locator('#field-reason-2-error').waitFor();
    expect(await page.locator('#field-reason-2-error').innerText()).toBe(
      'Zəhmət olmasa, səbəbi ən azı 10 simvolla izah edin.',
    );
    expect(await reason.inputValue()).toBe('Səhvdir');
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.error-summary a[href="#field-reason-2"]').count()).toBe(1);
    await expectNoAxeViolations(page);

    const because = 'Variantlardan ikisi də düzgündür: şərtdə hansının nəzərdə tutulduğu göstərilməyib.';
    await reason.fill(because);
    await second.getByRole('button', { name: '2 nömrəli suala apellyasiya verin' }).click();
    await page.waitForURL((url) => url.pathname === reviewPath && url.searchParams.get('filed') === '2');
    expect(await page.locator('.notice--success').innerText()).toContain('2 nömrəli suala apellyasiyanız qəbul olundu');
    expect(await second.getAttribute('data-appealed')).toBe('true');
    expect(await second.locator('form').count()).toBe(0);
    expect(await second.innerText()).toContain('Bu suala apellyasiya vermisiniz.');
    await expectNoAxeViolations(page);

    // One appeal per item: the stale tab's second try is refused, by field, politely.
    const staleSecond = stale.locator('article[data-item="2"]');
    await staleSecond.getByLabel(/2 nömrəli sual/).fill('Bir daha yazıram, çünki cavab düzgündür.');
    await staleSecond.getByRole('button', { name: '2 nömrəli suala apellyasiya verin' }).click();
    await stale.locator('#field-reason-2-error').waitFor();
    expect(await stale.locator('#field-reason-2-error').innerText()).toBe(
      'Bu suala artıq apellyasiya vermisiniz. Hər suala bir apellyasiya qəbul olunur.',
    );
    // The page has caught up: question 2 shows as appealed, and the summary leads to it.
    expect(await staleSecond.getAttribute('data-appealed')).toBe('true');
    expect(await stale.locator('.error-summary a[href="#item-2"]').count()).toBe(1);
    await expectNoAxeViolations(stale);
    await stale.close();

    // My appeals: the appeal, waiting for the commission.
    await nav(page).getByRole('link', { name: 'Apellyasiyalarım' }).click();
    await page.waitForURL((url) => url.pathname === '/appeals');
    await expectNoAxeViolations(page);
    expect(await heading(page)).toBe('Apellyasiyalarım');
    const appeal = page.getByRole('article', { name: `${code} sessiyası, sual 2` });
    expect(await appeal.getAttribute('data-status')).toBe('pending');
    expect(await appeal.innerText()).toContain(because);
    expect(await appeal.innerText()).toContain('Qərar gözlənilir');

    // Without JavaScript the review is a plain form too: she appeals against question 3.
    const plain = await newContext({ javaScriptEnabled: false });
    await plain.addCookies(await context.cookies());
    const plainPage = await plain.newPage();
    await plainPage.goto(reviewPath);
    await expectNoAxeViolations(plainPage, { javaScriptDisabled: true });
    const third = plainPage.locator('article[data-item="3"]');
    await third.getByLabel(/3 nömrəli sual/).fill('Sualın şərti iki cür başa düşülə bilər.');
    await third.getByRole('button', { name: '3 nömrəli suala apellyasiya verin' }).click();
    await plainPage.waitForURL((url) => url.searchParams.get('filed') === '3');
    expect(await plainPage.locator('article[data-item="3"]').getAttribute('data-appealed')).toBe('true');
    await plain.close();

    // An examiner rejects the appeal against question 3; Aysel reads the written decision with the name.
    const versionId = await page
      .goto(reviewPath)
      .then(() => page.locator('article[data-item="3"]').getAttribute('data-version-id'));
    const examiner = await apiAs(staffApi(server.url, EXAMINER.email, EXAMINER.password, server.clock));
    const decisionReason = 'Sualın şərti birmənalıdır və açarda göstərilən cavab yeganə düzgün cavabdır.';
    await json(
      await examiner.post(`/api/appeals/versions/${versionId}/decision`, {
        data: { outcome: 'reject', reason: decisionReason },
      }),
    );
    await page.goto('/appeals');
    const decided = page.getByRole('article', { name: `${code} sessiyası, sual 3` });
    expect(await decided.getAttribute('data-status')).toBe('rejected');
    expect(await decided.locator('[data-decision]').getAttribute('data-decision')).toBe('reject');
    expect(await decided.locator('[data-decision-reason]').innerText()).toBe(decisionReason);
    expect(await decided.locator('[data-decided-by]').innerText()).toMatch(/^Günel Həsənova, Ekspert\s/);
    expect(await decided.innerText()).toContain('Rədd edilib: sual və onun düzgün cavabı qüvvədə qalır.');
    await expectNoAxeViolations(page);

    // My certificates: the certificate, with its verification page and a PDF in each language.
    await nav(page).getByRole('link', { name: 'Sertifikatlarım' }).click();
    await page.waitForURL((url) => url.pathname === '/my-certificates');
    await expectNoAxeViolations(page);
    expect(await heading(page)).toBe('Sertifikatlarım');
    const certificate = page.locator(`tr[data-certificate="${certificateCode}"]`);
    expect(await certificate.innerText()).toContain('Etibarlıdır');
    expect(
      await certificate.getByRole('link', { name: `${certificateCode} sertifikatının yoxlama səhifəsi` }).count(),
    ).toBe(1);
    const pdfLink = certificate.getByRole('link', { name: /^PDF, Русский/ });
    expect((await pdfLink.textContent())?.replace(/\s+/g, ' ').trim()).toBe(
      `PDF, Русский, ${certificateCode} sertifikatı`,
    );
    const pdf = await context.request.get((await pdfLink.getAttribute('href'))!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await context.close();
  });
});
