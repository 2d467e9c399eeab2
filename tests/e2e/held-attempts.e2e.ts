/**
 * An attempt held back because it cannot be scored, as the administrator and the candidate meet it in
 * the browser: the sitting's page counts it, the results page names it and releases it with a reason
 * and a confirmation (a mistake first, then corrected), and the candidate's result page says plainly that
 * the answers are saved and the score is being checked. The data is set up through the real services in
 * this process, on an embedded database that the real server then opens.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNSENT_FORMAT, unsentAnswersKey } from '../../server/modules/attempts/unsent-answers';
import { generateLogSignerKey } from '../../server/modules/log/log-key';
import commissionAz from '../../web/messages/commission/az.json';
import commissionEn from '../../web/messages/commission/en.json';
import examRu from '../../web/messages/exam/ru.json';
import sittingsAz from '../../web/messages/sittings/az.json';
import { publishRequest } from '../factories/results';
import { openSession } from '../factories/sessions';
import {
  EXAM_ENV,
  answerAll,
  asShown,
  atStart,
  examBank,
  getAttempt,
  paperItems,
  plantLegacyAnswer,
  readySitting,
  staffMember,
  start,
  submitRequest,
  type Candidate,
} from '../factories/sittings';
import { createTestAppOn } from '../helpers/api-server';
import { expectNoAxeViolations, launchBrowser } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

const MINUTE = 60_000;
let dataDir: string;
let server: RunningServer;
let browser: Browser;
let sittingId: string;
let sittingCode: string;
let unsentFile: string;
let unsentSitting: string;
let unsentName: string;
let adminCookie: string;
let held: Candidate & { cookie: string };
let heldCode: string;

const env = { ...EXAM_ENV, LOG_SIGNING_KEY: generateLogSignerKey('imtahan.localhost/log') };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'imtahan-held-'));
  const t = await createTestAppOn({ dataDir }, env);
  try {
    const admin = await staffMember(t, 'administrator');
    const bank = await examBank(t);
    const { sitting, candidates } = await readySitting(t, admin, bank, { candidates: 3 });
    atStart(t, sitting, MINUTE);
    for (const candidate of candidates) {
      await start(t, candidate);
      await answerAll(t, candidate, await getAttempt(t, candidate, candidate.attemptId), bank, (q) => q.correct);
    }
    // An answer that no longer fits its item, as saved before answers were checked at the door.
    const odd = candidates[0]!;
    const item = paperItems(await getAttempt(t, odd, odd.attemptId)).find((i) => i.type !== 'short')!;
    await plantLegacyAnswer(t, odd.attemptId, item.versionId);
    t.clock.set(new Date(new Date(sitting.endsAt).getTime() + MINUTE));
    await t.services.attempts.sweep();
    const published = await publishRequest(t, admin, sitting.id);
    if (published.statusCode !== 200) throw new Error(`publish: ${published.body}`);
    // A second sitting, finished but not published: one candidate's last answers never reached the server.
    const second = await readySitting(t, admin, bank, { candidates: 1 });
    atStart(t, second.sitting, MINUTE);
    const late = second.candidates[0]!;
    await start(t, late);
    const lateItems = paperItems(await getAttempt(t, late, late.attemptId));
    await submitRequest(t, late, late.attemptId);
    const answers = await Promise.all(
      lateItems.map(async (i) => ({
        versionId: i.versionId,
        seq: 1,
        answer: await asShown(t, late.attemptId, i.versionId, bank.byVersion.get(i.versionId)!.correct),
        flagged: false,
      })),
    );
    const payload = JSON.stringify({
      format: UNSENT_FORMAT,
      attemptId: late.attemptId,
      recordedAt: t.clock.read().toISOString(),
      answers,
    });
    const signingKey = unsentAnswersKey(await t.services.attempts.paperSecret(), late.attemptId);
    const mac = createHmac('sha256', Buffer.from(signingKey, 'hex')).update(payload).digest('hex');
    unsentFile = join(dataDir, 'unsent-answers.json');
    writeFileSync(unsentFile, JSON.stringify({ format: UNSENT_FORMAT, attemptId: late.attemptId, payload, mac }));
    unsentSitting = second.sitting.id;
    unsentName = late.fullName;
    sittingId = sitting.id;
    sittingCode = sitting.code;
    heldCode = odd.booking.candidateCode;
    // Sessions as of the real clock, which the server keeps.
    adminCookie = await openSession(t, admin.id, { createdAt: new Date() });
    held = { ...odd, cookie: await openSession(t, odd.id, { createdAt: new Date() }) };
  } finally {
    await t.close();
  }
  [server, browser] = await Promise.all([startServer({ ...env, DATA_DIR: dataDir, DEMO: 'false' }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signedIn(cookie: string, locale: string, width = 1280): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: server.url, locale, viewport: { width, height: 900 } });
  const [name, ...value] = cookie.split('=');
  await context.addCookies([{ name: name!, value: value.join('='), url: server.url }]);
  return context;
}

async function visit(page: Page, path: string): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), server.output()).toBe(200);
  await expectNoAxeViolations(page);
}

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));

describe('a held attempt in the browser', () => {
  it('the candidate is told their answers are saved and the score is being checked (ru, 360 px)', async () => {
    const context = await signedIn(held.cookie, 'ru-RU', 360);
    await context.addCookies([{ name: 'locale', value: 'ru', url: server.url }]);
    const page = await context.newPage();
    await visit(page, `/exam/${held.attemptId}/result`);
    await expect.poll(() => page.getByText(examRu.result.held).count()).toBe(1);
    // Not mistaken for an annulment.
    expect(await page.getByText(examRu.result.annulled).count()).toBe(0);
    await context.close();
  });

  it('the administrator sees it counted, named with its reason, and releases it after one correction (az)', async () => {
    const context = await signedIn(adminCookie, 'az-AZ');
    const page = await context.newPage();
    await visit(page, `/admin/sittings/${sittingId}`);
    await expect
      .poll(() => page.getByText(fill(commissionAz.publish.held, { count: 1 })).count(), { timeout: 10_000 })
      .toBe(1);
    await page.getByRole('link', { name: commissionAz.publish.heldLink }).click();
    await page.waitForURL(`**/admin/sittings/${sittingId}/results**`);
    await expectNoAxeViolations(page);
    const table = page.locator('#held table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await table.locator('tbody tr').innerText()).toContain(heldCode);
    expect(await table.locator('tbody tr').innerText()).toContain('zz');

    // A mistake: the reason left empty is refused, by field, and nothing changes.
    await page.getByRole('link', { name: commissionAz.held.release }).click();
    await page.getByRole('button', { name: commissionAz.held.release }).click();
    await expect.poll(() => page.locator('.error-summary').count()).toBe(1);
    await expectNoAxeViolations(page);
    expect(await page.locator('.error-summary').innerText()).toContain(commissionAz.held.reason);

    // Corrected, then confirmed.
    await page.getByLabel(commissionAz.held.reason).fill('Köhnə versiyanın saxladığı cavab');
    await page.getByRole('button', { name: commissionAz.held.release }).click();
    await page.getByRole('button', { name: commissionAz.held.confirm }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: commissionAz.held.confirm }).click();
    await page.waitForURL('**released=*');
    await expectNoAxeViolations(page);
    expect(await page.locator('.notice, [role="status"]').first().innerText()).toContain(heldCode);
    expect(await page.locator('#held').count()).toBe(0);
    // Republished as revision 2.
    expect(await page.locator('.lead').innerText()).toMatch(/2/);
    await context.close();
  });

  it('in English too, with nothing held any more', async () => {
    const context = await signedIn(adminCookie, 'en-GB');
    await context.addCookies([{ name: 'locale', value: 'en', url: server.url }]);
    const page = await context.newPage();
    await visit(page, `/admin/sittings/${sittingId}/results`);
    expect(await page.locator('h1').innerText()).toBe(fill(commissionEn.results.title, { code: sittingCode }));
    expect(await page.getByText(commissionEn.held.title).count()).toBe(0);
    expect(await page.locator('#held').count()).toBe(0);
    await context.close();
  });

  it('the administrator checks a file of unsent answers and accepts it with a reason (az)', async () => {
    const context = await signedIn(adminCookie, 'az-AZ');
    const page = await context.newPage();
    await visit(page, `/admin/sittings/${unsentSitting}`);
    const link = page.locator('#board').getByRole('link', { name: sittingsAz.unsent.link });
    expect(await link.count()).toBe(1);
    expect(await page.locator('#board').innerText()).toContain(unsentName);
    await link.click();
    await page.waitForURL('**/unsent/**');
    await expectNoAxeViolations(page);
    // Checking without a file is refused by field; nothing changes.
    await page.getByRole('button', { name: sittingsAz.unsent.check }).click();
    await expect.poll(() => page.locator('.error-summary').count()).toBe(1);
    expect(await page.locator('.error-summary').innerText()).toContain(sittingsAz.unsent.upload);
    await page.getByLabel(sittingsAz.unsent.upload).setInputFiles(unsentFile);
    await page.getByRole('button', { name: sittingsAz.unsent.check }).click();
    await page.locator('#unsent-result table').waitFor();
    await expectNoAxeViolations(page);
    expect(await page.locator('#unsent-result tbody tr').count()).toBe(4);
    await page.getByLabel(sittingsAz.reason).fill('Zalda işıq kəsildi, 10:42–10:55');
    await page.getByRole('button', { name: sittingsAz.unsent.accept }).click();
    await page.waitForURL('**accepted=*');
    await expectNoAxeViolations(page);
    expect(await page.locator('.notice, [role="status"]').first().innerText()).toContain('4');
    await context.close();
  });
});
