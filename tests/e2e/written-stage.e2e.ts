/**
 * Issue 18's browser test: a three-stage round from the essay to the published list. A candidate writes the
 * essay on a phone, two examiners mark it blind on the marking pages, the chief marks it a third time, and the
 * stage's list is published, revealing the markings with the markers' names and roles. A second candidate in the
 * sitting, whose script the chief did not mark, then appeals his marking, and the chief, blind, upholds it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/browser';
import type { RunningServer } from '../helpers/server';
import { paletteButton, readAttempt, saveState, startAttempt, UUID } from './exam-support';
import {
  ADMIN,
  browserSuite,
  draftRoundWithVacancy,
  EXAMINERS,
  expectConfirmationThenAnswer,
  pageApi,
  publishStage,
  signInApplicant,
  signInStaff,
} from './staff-support';

let server: RunningServer;
let browser: Browser;

/** A second candidate in the written sitting (not in the round): the one who appeals his marking. */
const TIMUR = { email: 'timur@demo.imtahan.az', names: ['Тимур', 'Ахметов'] };
const MINUTE = 60_000;
/** Where a candidate writes: a phone. */
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

browserSuite((suite) => ({ server, browser } = suite));

const api = pageApi(() => server.url);
const newContext = (options = {}): Promise<BrowserContext> =>
  browser.newContext({ baseURL: server.url, locale: 'az-AZ', ...options });
const heading = (page: Page) => page.locator('h1').innerText();
const field = (page: Page, name: string) => page.locator(`[name="${name}"]`);
const iso = (ms: number) => new Date(ms).toISOString();

/** The essay task: two criteria of 10 points, in the language of the sitting. */
function essayTask() {
  const descriptor = (az: string) => ({ az, ru: az, en: az });
  return {
    subject: 'language',
    difficulty: 'hard',
    content: {
      type: 'essay',
      text: { az: 'Vətəndaşın su kəsintisi barədə şikayətinə cavab məktubu yazın.' },
      options: [],
      expectedLength: { minWords: 20, maxWords: 200 },
    },
    key: {
      type: 'essay',
      rubric: [
        {
          id: 'content',
          title: { az: 'Məzmun' },
          maxPoints: 10,
          levels: [
            { points: 0, descriptor: descriptor('Cavab yoxdur') },
            { points: 10, descriptor: descriptor('Şikayətə tam cavab verir') },
          ],
        },
        {
          id: 'language',
          title: { az: 'Dil' },
          maxPoints: 10,
          levels: [
            { points: 0, descriptor: descriptor('Anlaşılmaz') },
            { points: 10, descriptor: descriptor('Səlis və nəzakətli') },
          ],
        },
      ],
    },
    explanation: { az: 'Meyarlara baxın.' },
    tags: ['essay'],
  };
}

/** A marker's page: the script by its code, marked per criterion with a reason, confirmed, entered. */
async function markScript(
  page: Page,
  sittingCode: string,
  code: string,
  marks: { content: number; language: number },
  forbidden: string[],
) {
  await page.goto('/marking');
  for (const secret of forbidden) expect(await page.content()).not.toContain(secret);
  await expectNoAxeViolations(page);
  // The demo hands out scripts of its own, and this sitting has two: the one meant is found by its code.
  const row = page.locator('tbody tr').filter({ hasText: code });
  expect(await row.count()).toBe(1);
  expect(await row.innerText()).toContain(sittingCode);
  await row.getByRole('link', { name: /yazı işini qiymətləndirin$/ }).click();
  await page.waitForURL(`**/marking/${code}`);
  expect(await heading(page)).toBe(`Yazı işi ${code}`);
  // Blind: neither the candidate's name nor any candidate code is on the page, or anywhere in its HTML.
  const shown = await page.locator('body').innerText();
  const html = await page.content();
  for (const secret of forbidden) {
    expect(shown).not.toContain(secret);
    expect(html).not.toContain(secret);
  }
  await expectNoAxeViolations(page);
  for (const [id, title] of [
    ['content', 'Məzmun'],
    ['language', 'Dil'],
  ] as const) {
    await page.getByLabel(new RegExp(`^${title}: bal`)).fill(String(marks[id]));
    await page.getByLabel(new RegExp(`^${title}: əsaslandırma`)).fill(`${title}: ${marks[id]} bal, səbəbi yazılıb.`);
  }
  await page.getByRole('button', { name: 'Qiymətləri yoxlayın' }).click();
  await expectConfirmationThenAnswer(
    page,
    'Bu qiymətlər daxil edilsin?',
    [`Cəmi: ${marks.content + marks.language} / 20`],
    'Daxil edin, qəti',
  );
  await page.waitForURL((url) => url.pathname === `/marking/${code}` && url.searchParams.get('entered') === '1');
  await page.getByText('Qiymətləriniz daxil edildi və jurnala yazıldı.').waitFor();
  expect(await page.locator('[data-my-total]').innerText()).toBe(`${marks.content + marks.language} / 20`);
  for (const secret of forbidden) expect(await page.content()).not.toContain(secret);
  await expectNoAxeViolations(page);
}

/** The code of a candidate's one script, from their own written view (shown before the reveal too). */
const scriptCodeOf = async (page: Page, attemptId: string) =>
  (await api<{ scripts: { code: string }[] }>(page, 'GET', `/api/attempts/${attemptId}/written`)).scripts[0]!.code;

describe('a written-work stage in the browser', () => {
  it('a candidate writes an essay on a phone; it is marked blind twice and by the chief, and the list is published', async () => {
    const began = Date.now();
    const suffix = Date.now().toString(36).toUpperCase().slice(-6);
    const [adminContext, ...examinerContexts] = await Promise.all([newContext(), newContext(), newContext()]);
    const admin = await adminContext.newPage();
    const examiners = await Promise.all(examinerContexts.map((c) => c.newPage()));
    await signInStaff(admin, ADMIN.email, ADMIN.password, '/admin/rounds', server.clock);
    for (const [i, e] of EXAMINERS.entries())
      await signInStaff(examiners[i]!, e.email, e.password, '/marking', server.clock);

    // Setup through the API: the essay task, written by one examiner and approved by the other, and a
    // blueprint that draws it. A section cannot ask for a question type, only a subject, topics and
    // difficulties, so the written paper takes every hard language item, the essay among them.
    const question = await api<{ id: string }>(examiners[0]!, 'POST', '/api/questions', essayTask());
    await api(examiners[0]!, 'POST', `/api/questions/${question.id}/submit`, {});
    await api(examiners[1]!, 'POST', `/api/questions/${question.id}/review`, { decision: 'approve' });
    const blueprintName = `Yazı işi ${suffix}`;
    const blueprintBody = (hard: number) => ({
      name: blueprintName,
      language: 'az',
      durationMinutes: 30,
      passMark: 0,
      scoring: { pointsPerItem: 1, negativeMarking: 0, annulled: 'award-all' },
      sections: [
        {
          title: { az: 'Yazı işi', ru: 'Письменная работа', en: 'Written work' },
          subject: 'language',
          topics: [],
          count: hard,
          difficultyMix: { hard },
          minCorrect: 0,
          shuffleQuestions: false,
          shuffleOptions: false,
        },
      ],
    });
    const blueprint = await api<{ id: string }>(admin, 'POST', '/api/blueprints', blueprintBody(1));
    const feasibility = await api<{
      languages: { sections: { difficulties: { available: number }[] }[] }[];
    }>(admin, 'GET', `/api/blueprints/${blueprint.id}/feasibility?languages=az`);
    const hard = feasibility.languages[0]!.sections[0]!.difficulties[0]!.available;
    await api(admin, 'PUT', `/api/blueprints/${blueprint.id}`, blueprintBody(hard));

    // A draft round with one vacancy (its own pages have their own test).
    const { round, vacancy, deadline } = await draftRoundWithVacancy(admin, server, {
      roundCode: `E2E-WRITTEN-${suffix}`,
      title: `Yazılı işli seçim ${suffix}`,
      vacancyCode: `E2E-WRT-${suffix}`,
    });

    // The stages, on the round's page: the certificate, the written work on the essay's blueprint, the commission.
    await admin.goto(`/admin/rounds/${round.id}/stages`);
    expect(await heading(admin)).toBe(`E2E-WRITTEN-${suffix} turunun mərhələləri`);
    await field(admin, 'stages.0.kind').selectOption('test');
    await field(admin, 'stages.0.minScore').fill('50');
    await field(admin, 'stages.1.kind').selectOption('written');
    await field(admin, 'stages.1.blueprintId').selectOption({ label: blueprintName });
    await field(admin, 'stages.1.minScore').fill('50');
    await admin.getByRole('button', { name: 'Mərhələ əlavə et' }).click();
    await field(admin, 'stages.2.kind').waitFor();
    await field(admin, 'stages.2.kind').selectOption('commission');
    await field(admin, 'stages.2.weight').fill('0');
    await field(admin, 'stages.2.topKind').selectOption('number');
    await field(admin, 'stages.2.topValue').fill('1');
    await admin.getByRole('button', { name: 'Mərhələləri saxla' }).click();
    await admin.getByText('Mərhələlər saxlanıldı.').waitFor();
    await expectNoAxeViolations(admin);
    await api(admin, 'POST', `/api/admin/rounds/${round.id}/announce`, {});

    // Aysel, who holds the demo's certificate, applies, on her phone.
    const ayselContext = await newContext(PHONE);
    await signInApplicant(ayselContext, server.url, 'aysel@demo.imtahan.az');
    const aysel = await ayselContext.newPage();
    const application = await api<{ id: string; candidateCode: string }>(aysel, 'POST', '/api/applications', {
      vacancyId: vacancy.id,
    });

    // Stage 1, the certificate, once applications close.
    server.clock.advanceTo(deadline + MINUTE);
    await publishStage(admin, round.id, vacancy.id, 1, 1);

    // The written sitting, set up through the API; Aysel books her seat.
    const start = server.clock.now() + 5 * MINUTE;
    const sitting = await api<{ id: string; code: string }>(admin, 'POST', '/api/admin/sittings', {
      code: `E2E-ESSAY-${suffix}`,
      categoryCode: 'AB',
      blueprintId: blueprint.id,
      mode: 'online',
      startsAt: iso(start),
      entryClosesAt: iso(start + 15 * MINUTE),
      endsAt: iso(start + 60 * MINUTE),
      bookingClosesAt: iso(start),
      arrivalMinutes: 5,
      rooms: [{ name: 'Onlayn', capacity: 10 }],
    });
    await api(admin, 'POST', `/api/admin/sittings/${sitting.id}/open-booking`, {});
    const booking = await api<{ id: string; candidateCode: string }>(
      aysel,
      'POST',
      `/api/sittings/${sitting.id}/bookings`,
      {},
    );
    // Timur books a seat too (setup: he writes through the API, his appeal is the point).
    const timurContext = await newContext(PHONE);
    await signInApplicant(timurContext, server.url, TIMUR.email);
    const timur = await timurContext.newPage();
    const timurBooking = await api<{ id: string; candidateCode: string }>(
      timur,
      'POST',
      `/api/sittings/${sitting.id}/bookings`,
      {},
    );
    await api(admin, 'POST', `/api/admin/sittings/${sitting.id}/close-booking`, {});
    server.clock.advanceTo(start + 1_000);

    // The exam room on the phone: the essay in a plain editor with its word count, saved as she writes.
    await aysel.goto(`/bookings/${booking.id}`);
    await aysel.getByRole('button', { name: 'İmtahana başlayın' }).click();
    await aysel.waitForURL(new RegExp(`/exam/${UUID}$`));
    const examPath = new URL(aysel.url()).pathname;
    const attemptId = examPath.split('/').pop()!;
    // The essay is one of the paper's items: the palette goes to it.
    const paper = await readAttempt(ayselContext.request, attemptId);
    const items = paper.sections.flatMap((s) => s.items);
    const essayItem = items.find((item) => item.type === 'essay')!;
    await aysel.locator('#question-heading').waitFor();
    await paletteButton(aysel, essayItem.number).click();
    await aysel.getByRole('heading', { name: `Sual ${essayItem.number} / ${items.length}` }).waitFor();
    const editor = aysel.getByRole('textbox', { name: /su kəsintisi/ });
    await editor.waitFor();
    expect(await aysel.locator('.room__question').innerText()).toContain('təxminən 20–200 söz');
    expect(await aysel.locator('[data-word-count]').innerText()).toBe('Söz sayı: 0');
    await expectNoAxeViolations(aysel);
    const first = 'Hörmətli vətəndaş, müraciətinizə görə təşəkkür edirik.';
    await editor.click();
    await aysel.keyboard.type(first);
    await aysel.locator('.room__question [data-save-state="saved"]').waitFor();
    expect(await saveState(aysel).innerText()).toBe('Saxlanılıb');
    expect(await aysel.locator('[data-word-count]').innerText()).toBe('Söz sayı: 6');
    // Nothing is cut off sideways at the phone's width.
    expect(await aysel.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // A reload mid-way finds the text where she left it.
    await aysel.reload();
    await aysel.locator('#question-heading').waitFor();
    await paletteButton(aysel, essayItem.number).click();
    await editor.waitFor();
    expect(await editor.inputValue()).toBe(first);
    expect(await aysel.locator('[data-word-count]').innerText()).toBe('Söz sayı: 6');
    const rest =
      '\nSu kəsintisi boru xəttində təmir işləri ilə bağlı olub və sabah saat onda bərpa olunacaq. Hörmətlə, idarə.';
    await editor.click();
    await aysel.keyboard.press('Control+End');
    await aysel.keyboard.type(rest);
    await aysel.locator('.room__question [data-save-state="saved"]').waitFor();
    const essay = first + rest;
    expect(await aysel.locator('[data-word-count]').innerText()).toBe(`Söz sayı: ${essay.trim().split(/\s+/u).length}`);
    const saved = await readAttempt(ayselContext.request, attemptId);
    expect(saved.answers.find((a) => a.versionId === essayItem.versionId)?.answer).toEqual({
      kind: 'text',
      text: essay,
    });
    await expectNoAxeViolations(aysel);

    // She submits; the result page says the written work awaits its markers.
    await aysel.getByRole('button', { name: 'Bitirin və təhvil verin…' }).click();
    const dialog = aysel.getByRole('dialog', { name: 'İmtahan təhvil verilsin?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Bəli, indi təhvil verin' }).click();
    await aysel.waitForURL((url) => url.pathname === `${examPath}/result`);
    await expectNoAxeViolations(aysel);

    // Timur writes his essay through the API and submits, before the plan hands the scripts out.
    const timurAttemptId = await startAttempt(timurContext.request, server.url, sitting.code);
    const timurPaper = await readAttempt(timurContext.request, timurAttemptId);
    const timurEssay = timurPaper.sections.flatMap((s) => s.items).find((item) => item.type === 'essay')!;
    await api(timur, 'PUT', `/api/attempts/${timurAttemptId}/answers`, {
      versionId: timurEssay.versionId,
      seq: 1,
      flagged: false,
      answer: {
        kind: 'text',
        text: 'Hörmətli vətəndaş, su kəsintisi qəza ilə bağlı olub. Təmir briqadası yerindədir və su axşam saat altıda veriləcək. Narahatlığa görə üzr istəyirik. Hörmətlə, idarə.',
      },
    });
    await api(timur, 'POST', `/api/attempts/${timurAttemptId}/submit`, {});

    // The administrator publishes the marking plan: the two examiners mark blind, the administrator is the chief.
    await admin.goto(`/admin/sittings/${sitting.id}`);
    await admin.getByRole('link', { name: /^Yazı işləri: qiymətləndirmə planı/ }).click();
    await admin.waitForURL(`**/admin/sittings/${sitting.id}/marking`);
    await expectNoAxeViolations(admin);
    for (const examiner of EXAMINERS) await admin.getByLabel(examiner.name).check();
    await admin.getByLabel(/^Baş \(üçüncü\) imtahançı/).selectOption({ label: ADMIN.name });
    await admin.getByLabel(/^Hədd \(bal\)/).fill('3');
    await admin.getByLabel(/^Üçüncü qiymətdən sonra yekun qiymət qaydası/).selectOption('closest-pair');
    await admin.getByRole('button', { name: 'Planı dərc edin və işləri paylayın' }).click();
    await admin.getByText('Plan dərc edildi, işlər paylandı.').waitFor();
    await expectNoAxeViolations(admin);

    // Each examiner marks the same script, by its code only: 15 and 6 out of 20, more than 3 apart.
    const forbidden = [
      'Aysel',
      'Əliyeva',
      application.candidateCode,
      booking.candidateCode,
      ...TIMUR.names,
      timurBooking.candidateCode,
    ];
    const code = await scriptCodeOf(aysel, attemptId);
    await markScript(examiners[0]!, sitting.code, code, { content: 8, language: 7 }, forbidden);
    await markScript(examiners[1]!, sitting.code, code, { content: 3, language: 3 }, forbidden);
    // Timur's script: 12 and 13, within 3 of each other, so the chief (the administrator) has no role on it.
    const timurCode = await scriptCodeOf(timur, timurAttemptId);
    expect(timurCode).not.toBe(code);
    await markScript(examiners[0]!, sitting.code, timurCode, { content: 6, language: 6 }, forbidden);
    await markScript(examiners[1]!, sitting.code, timurCode, { content: 7, language: 6 }, forbidden);
    await admin.goto(`/admin/sittings/${sitting.id}/marking`);
    expect(await admin.locator(`[data-script="${code}"]`).innerText()).toContain('Baş imtahançıda');

    // So the chief marks it a third time; the closest pair (15 and 13) gives the final 14.
    await markScript(admin, sitting.code, code, { content: 7, language: 6 }, forbidden);
    await admin.goto(`/admin/sittings/${sitting.id}/marking`);
    const row = await admin.locator(`[data-script="${code}"]`).innerText();
    expect(row).toContain('Yekun');
    expect(row).toContain('14 / 20');
    const agreement = admin.getByRole('region', { name: 'İmtahançıların razılığı' });
    for (const examiner of EXAMINERS) expect(await agreement.innerText()).toContain(examiner.name);
    expect(await admin.locator('main').innerText()).not.toContain('Qiymətlər namizədlərə açılıb.');
    await expectNoAxeViolations(admin);

    // Stage 2 is scored by the final mark (14 / 20 = 70), published; then the commission's stage 3.
    await publishStage(admin, round.id, vacancy.id, 2, 1);
    expect(await admin.locator('main').innerText()).toContain(application.candidateCode);
    await publishStage(admin, round.id, vacancy.id, 3, 1);
    // Publishing the written stage revealed the markings.
    await admin.goto(`/admin/sittings/${sitting.id}/marking`);
    expect(await admin.locator('main').innerText()).toContain('Qiymətlər namizədlərə açılıb.');

    // The public page lists who went through each stage, by code only.
    await aysel.goto(`/vacancies/${vacancy.id}`);
    const lists = aysel.getByRole('region', { name: 'Növbəti mərhələyə keçənlər' });
    await lists.waitFor();
    const text = await lists.innerText();
    for (const position of [1, 2, 3]) expect(text).toContain(`Mərhələ ${position}`);
    expect(text).toContain('Yazılı iş');
    expect(text).toContain(application.candidateCode);
    expect(text).not.toContain('Aysel');
    await expectNoAxeViolations(aysel);

    // Aysel's written work: her text and the three markings per criterion, with the markers' names and roles.
    await aysel.goto(`${examPath}/written`);
    expect(await heading(aysel)).toBe('Yazı işiniz');
    const mine = await aysel.locator('main').innerText();
    expect(mine).toContain('Yekun qiymət: 14 / 20');
    expect(mine).toContain('Su kəsintisi boru xəttində');
    expect(mine).toContain(`Baş (üçüncü) imtahançı: ${ADMIN.name}`);
    for (const examiner of EXAMINERS) expect(mine).toMatch(new RegExp(`(Birinci|İkinci) imtahançı: ${examiner.name}`));
    for (const reason of ['Məzmun: 8 bal', 'Dil: 3 bal', 'Məzmun: 7 bal']) expect(mine).toContain(reason);
    await expectNoAxeViolations(aysel);
    expect(await aysel.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // Timur appeals his marking on his written page; a reason left empty is refused first, naming the field.
    await timur.goto(`/exam/${timurAttemptId}/written`);
    const appealForm = timur.getByRole('region', { name: 'Bu qiymətləndirməyə apellyasiya' });
    await appealForm.waitFor();
    await expectNoAxeViolations(timur);
    // It reflows on a 320 px wide screen: nothing scrolls sideways.
    await timur.setViewportSize({ width: 320, height: 740 });
    expect(await timur.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await appealForm.getByRole('button', { name: 'Apellyasiyanı göndərin' }).click();
    const reasonField = appealForm.getByLabel(/^Qiymətləndirmə nə üçün səhvdir/);
    await timur.getByRole('alert').getByText('Qiymətləndirmənin nə üçün səhv olduğunu yazın.').waitFor();
    expect(await reasonField.getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(timur);
    const timurReason = 'Dil meyarı üzrə məktubun nəzakətli sonluğu nəzərə alınmayıb.';
    await reasonField.fill(timurReason);
    await appealForm.getByRole('button', { name: 'Apellyasiyanı göndərin' }).click();
    await timur.getByText('Apellyasiyanız qəbul edildi.', { exact: false }).waitFor();
    expect(await timur.locator('[data-appeal="pending"]').innerText()).toContain(timurReason);

    // The administrator, who had no role on his script, finds the appeal by its code and decides it, blind.
    const unseen = [...TIMUR.names, timurBooking.candidateCode, ...EXAMINERS.map((e) => e.name)];
    await admin.goto('/marking/appeals');
    expect(await heading(admin)).toBe('Qiymətləndirməyə apellyasiyalar');
    for (const secret of unseen) expect(await admin.content()).not.toContain(secret);
    await expectNoAxeViolations(admin);
    await admin.getByRole('link', { name: `${timurCode} yazı işinə apellyasiyanı açın` }).click();
    await admin.waitForURL(`**/marking/appeals/${timurCode}`);
    expect(await heading(admin)).toBe(`${timurCode} yazı işinə apellyasiya`);
    const caseText = await admin.locator('main').innerText();
    expect(caseText).toContain(timurReason);
    expect(caseText).toContain('Hazırkı yekun qiymət');
    for (const secret of unseen) expect(await admin.content()).not.toContain(secret);
    await expectNoAxeViolations(admin);
    await admin.getByLabel('Təmin etmək: hər meyar üzrə yeni bal verin').check();
    await admin.getByLabel(/^Məzmun: yeni bal/).fill('7');
    await admin.getByLabel(/^Dil: yeni bal/).fill('9');
    await field(admin, 'decisionReason').fill('Məktubun sonluğu nəzakətlidir; dil meyarı üzrə bal artırılır.');
    await admin.getByRole('button', { name: 'Qərarı daxil edin' }).click();
    await admin.getByText('Qərar daxil edildi.').waitFor();
    const decided = admin.locator('[data-decision="upheld"]');
    expect(await decided.innerText()).toContain('→ 16 / 20');
    await expectNoAxeViolations(admin);

    // Timur sees the decision, its new marks and the decider's name and role.
    await timur.goto(`/exam/${timurAttemptId}/written`);
    const decision = timur.locator('[data-appeal="upheld"]');
    await decision.waitFor();
    const told = await decision.innerText();
    expect(told).toContain('Təmin edildi');
    expect(await timur.locator('[data-appeal-final]').innerText()).toContain('→ 16 / 20');
    expect(await timur.locator('[data-decided-by]').innerText()).toContain(`${ADMIN.name}, administrator`);
    await expectNoAxeViolations(timur);

    console.log(`written-stage walk: ${Math.round((Date.now() - began) / 1000)} s`);
  }, 300_000);
});
