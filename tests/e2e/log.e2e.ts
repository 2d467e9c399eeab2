import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import az from '../../web/messages/log/az.json';
import en from '../../web/messages/log/en.json';
import ru from '../../web/messages/log/ru.json';
import { parseCheckpoint } from '../../server/core/checkpoint';
import { parseCosignerVerifierKey, splitNote, verifyCosignatures } from '../../server/core/cosignature';
import { openNote, parseVerifierKey } from '../../server/core/signed-note';
import { expectNoAxeViolations } from '../helpers/browser';
import type { RunningServer } from '../helpers/server';
import { browserSuite } from './staff-support';

let server: RunningServer;
let browser: Browser;

browserSuite((suite) => ({ server, browser } = suite));

async function newContext(
  options: { javaScriptEnabled?: boolean; locale?: string; width?: number } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: server.url,
    locale: options.locale ?? 'az-AZ',
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    ...(options.width ? { viewport: { width: options.width, height: 800 } } : {}),
  });
}

async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expectNoAxeViolations(page);
}

const heading = (page: Page) => page.locator('h1').innerText();
const text = async (page: Page, selector: string) => (await page.locator(selector).innerText()).trim();

/** Every step of one check, by name, with whether it passed: `{ leafHash: true, … }`. */
async function steps(page: Page, check: 'server' | 'browser'): Promise<Record<string, boolean>> {
  const items = page.locator(`[data-check="${check}"] [data-step]`);
  const found: Record<string, boolean> = {};
  for (const item of await items.all()) {
    found[(await item.getAttribute('data-step'))!] = (await item.getAttribute('data-ok')) === 'true';
  }
  return found;
}

const verdict = (check: 'server' | 'browser', outcome: 'ok' | 'failed') =>
  `[data-check="${check}"] [data-verdict="${outcome}"]`;

/** A well-formed SHA-256 hash in base64 that no entry has. */
const WRONG_HASH = `${'A'.repeat(43)}=`;
const ALL_OK = { leafHash: true, inclusion: true, checkpointRoot: true, signature: true };

describe('the transparency log in the browser', () => {
  it('explains the log, shows an entry, and checks its receipt in the browser', async () => {
    const context = await newContext();
    const page = await context.newPage();

    await page.goto('/');
    await page.getByRole('navigation', { name: 'Əsas menyu' }).getByRole('link', { name: az.nav }).click();
    await page.waitForURL('**/log');
    await expectNoAxeViolations(page);
    expect(await heading(page)).toBe(az.title);
    expect(await page.title()).toContain(az.title);
    const servedKey = (await (await page.request.get('/log/verifier-key')).text()).trim();
    expect(await text(page, '.copy-text__value')).toBe(servedKey);
    expect(Number(await text(page, '[data-checkpoint-size]'))).toBeGreaterThanOrEqual(1);
    // The same checkpoint, signed by the log. The demo witness cosigns in the background, so a witness's line may
    // arrive between the page and this request: the body and the log's own signature must be the same.
    const servedCheckpoint = await (await page.request.get('/log/checkpoint')).text();
    const [servedBody, servedSignatures] = servedCheckpoint.split('\n\n') as [string, string];
    const [shownBody, shownSignatures] = (await page.locator('figure pre').first().textContent())!.split('\n\n');
    expect(shownBody).toBe(servedBody);
    const logSignature = servedSignatures
      .split('\n')
      .find((line) => line.startsWith(`— ${servedBody.split('\n')[0]} `));
    expect(logSignature).toBeDefined();
    expect(shownSignatures!.split('\n')).toContain(logSignature);
    expect(await page.locator('[data-log-entries] tbody tr').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-log-checkpoints] tbody tr').count()).toBeGreaterThanOrEqual(1);

    // The list is newest first, ten to a page, the pages counted from the newest: one page older, then straight
    // to the oldest page (which ends at the log's first entry, however many pages the demo's results make), and
    // one page newer from there.
    const pager = page.getByRole('navigation', { name: az.entries.pagination });
    const listed = async () =>
      (await page.locator('[data-log-entries] tbody th a').allInnerTexts()).map((t) => Number(/\d+/.exec(t)![0]));
    const size = async () => Number(await text(page, '[data-checkpoint-size]'));
    const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from - i);
    const follow = async (name: string) => {
      const link = pager.getByRole('link', { name, exact: true });
      const href = (await link.getAttribute('href'))!;
      await link.click();
      await page.waitForURL((url) => url.pathname + url.search === href);
    };
    expect(await listed()).toEqual(range((await size()) - 1, 10));
    await follow(az.entries.older);
    expect(await listed()).toEqual(range((await size()) - 11, 10));
    await expectNoAxeViolations(page);
    await follow(az.entries.oldest);
    const oldest = ((await size()) - 1) % 10;
    expect(await listed()).toEqual(range(oldest, oldest + 1));
    expect(await pager.getByRole('link', { name: az.entries.older, exact: true }).count()).toBe(0);
    expect(await pager.getByRole('link', { name: az.entries.oldest, exact: true }).count()).toBe(0);
    await expectNoAxeViolations(page);
    await follow(az.entries.newer);
    expect(await listed()).toEqual(range(oldest + 10, 10));
    await follow(az.entries.oldest);
    const first = page.getByRole('link', { name: az.entries.open.replace('{{index}}', '0'), exact: true });
    await first.click();
    await page.waitForURL('**/log/entries/0');
    await expectNoAxeViolations(page);
    expect(await heading(page)).toBe(az.entry.title.replace('{{index}}', '0'));
    expect(await text(page, '[data-entry-text]')).toContain('"type":"log.opened"');
    expect(await page.locator('main').innerText()).toContain(az.types.log_opened);
    const leafHash = await text(page, '[data-leaf-hash]');
    expect(leafHash).toMatch(/^[A-Za-z0-9+/]{43}=$/);

    await page.getByRole('link', { name: az.entry.verify }).click();
    await page.waitForURL('**/verify?index=0');
    await page.locator(verdict('browser', 'ok')).waitFor();
    expect(await heading(page)).toBe(az.verify.title);
    expect(await text(page, verdict('browser', 'ok'))).toBe(`✓ ${az.verify.verdict.ok}`);
    expect(await text(page, verdict('server', 'ok'))).toBe(`✓ ${az.verify.verdict.ok}`);
    expect(await steps(page, 'browser')).toEqual(ALL_OK);
    expect(await steps(page, 'server')).toEqual(ALL_OK);
    expect(await page.locator('[data-check="browser"] [role="status"]').count()).toBe(1);
    expect(await text(page, '#browser-check-title')).toBe(az.verify.browser.title);
    expect(await text(page, '#server-check-title')).toBe(az.verify.server.title);
    await expectNoAxeViolations(page);

    // A receipt whose leaf hash is not this entry's: only the comparison with the receipt fails.
    await page.getByLabel(az.verify.leafHash).fill(WRONG_HASH);
    await page.getByRole('button', { name: az.verify.submit }).click();
    await page.waitForURL(/leafHash=/);
    await page.locator(verdict('browser', 'failed')).waitFor();
    expect(await text(page, verdict('browser', 'failed'))).toBe(`✗ ${az.verify.verdict.failed}`);
    expect(await text(page, verdict('server', 'failed'))).toBe(`✗ ${az.verify.verdict.failed}`);
    expect(await steps(page, 'browser')).toEqual({ ...ALL_OK, expectedLeaf: false });
    expect(await steps(page, 'server')).toEqual({ ...ALL_OK, expectedLeaf: false });
    await expectNoAxeViolations(page);

    // The real leaf hash from the entry's page passes, in both checks.
    await page.getByLabel(az.verify.leafHash).fill(leafHash);
    await page.getByRole('button', { name: az.verify.submit }).click();
    await page.waitForURL((url) => url.searchParams.get('leafHash') === leafHash);
    await page.locator(verdict('browser', 'ok')).waitFor();
    expect(await steps(page, 'browser')).toEqual({ ...ALL_OK, expectedLeaf: true });
    expect(await steps(page, 'server')).toEqual({ ...ALL_OK, expectedLeaf: true });

    // A key the visitor brings that is not the log's: the signature no longer checks out.
    const otherKey = servedKey.replace(/\+[0-9a-f]{8}\+/, '+00000000+');
    await page.getByLabel(az.verify.leafHash).fill('');
    await page.getByLabel(az.verify.key).fill(otherKey);
    await page.getByRole('button', { name: az.verify.submit }).click();
    await page.waitForURL((url) => url.searchParams.get('key') === otherKey);
    await page.locator(verdict('browser', 'failed')).waitFor();
    expect(await steps(page, 'browser')).toEqual({ ...ALL_OK, signature: false });
    expect(await steps(page, 'server')).toEqual({ ...ALL_OK, signature: false });
    expect(await page.locator('main').innerText()).toContain(az.verify.keyVisitor);
    await context.close();
  });

  it('shows the demo witness, labelled as such, and its cosignature on the newest checkpoint', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const info = async () =>
      (await (await page.request.get('/api/log')).json()) as {
        verifierKey: string;
        checkpoint: { size: number };
        witnesses: { name: string; verifierKey: string; cosignedSize: number | null; demo: boolean }[];
      };
    // The seed ends with a round of the witness job; should the server have published since, its job (every 5 s)
    // cosigns the new checkpoint: wait for that rather than race it.
    let log = await info();
    for (
      let tries = 0;
      log.witnesses.find((w) => w.demo)?.cosignedSize !== log.checkpoint.size && tries < 40;
      tries++
    ) {
      await page.waitForTimeout(500);
      log = await info();
    }
    const witness = log.witnesses.find((w) => w.demo)!;
    expect(witness.cosignedSize).toBe(log.checkpoint.size);

    await visit(page, '/log');
    const row = page.locator('[data-log-witnesses] tbody tr', { has: page.locator('[data-demo-witness]') });
    expect(await row.locator('th code').innerText()).toBe(witness.name);
    expect(await text(page, '[data-demo-witness]')).toBe(az.witnesses.demo);
    expect(await text(page, '[data-demo-witness-note]')).toBe(az.witnesses.demoNote);
    expect(Number(await row.locator('td').first().innerText())).toBe(log.checkpoint.size);

    // The page's newest checkpoint carries the witness's cosignature, and it verifies under the witness's key.
    const note = (await page.locator('figure pre').first().textContent())!;
    expect(note).toContain(`\n— ${witness.name} `);
    const checkpointText = openNote(note, [parseVerifierKey(log.verifierKey)]).text;
    const valid = verifyCosignatures(checkpointText, splitNote(note).signatureLines, [
      parseCosignerVerifierKey(witness.verifierKey),
    ]);
    expect(valid.map((c) => c.name)).toEqual([witness.name]);
    expect(parseCheckpoint(checkpointText).size).toBe(log.checkpoint.size);
    await context.close();
  });

  it('checks a receipt on the server with JavaScript turned off', async () => {
    const context = await newContext({ javaScriptEnabled: false, locale: 'en-GB' });
    const page = await context.newPage();
    const noScripts = { javaScriptDisabled: true };

    await page.goto('/verify?index=0');
    await expectNoAxeViolations(page, noScripts);
    expect(await text(page, verdict('server', 'ok'))).toBe(`✓ ${en.verify.verdict.ok}`);
    expect(await steps(page, 'server')).toEqual(ALL_OK);
    expect(await page.locator('[data-check="browser"] [data-state="idle"]').innerText()).toBe(en.verify.browser.idle);
    expect(await page.locator('[data-check="browser"] [data-step]').count()).toBe(0);

    // The form itself works without JavaScript: a plain GET.
    await page.getByLabel(en.verify.leafHash).fill(WRONG_HASH);
    await page.getByRole('button', { name: en.verify.submit }).click();
    await page.waitForURL(/leafHash=/);
    expect(await steps(page, 'server')).toEqual({ ...ALL_OK, expectedLeaf: false });
    expect(await page.getByLabel(en.verify.leafHash).inputValue()).toBe(WRONG_HASH);
    await context.close();
  });

  it('explains bad input beside each field, and an entry beyond the log, in the visitor’s language', async () => {
    const context = await newContext();
    const page = await context.newPage();

    await visit(page, '/verify?index=abc&leafHash=not*base64');
    expect(await text(page, '#field-index-error')).toBe(az.verify.errors.fields.index.integer);
    expect(await text(page, '#field-leafHash-error')).toBe(az.verify.errors.fields.leafHash.base64);
    const index = page.locator('#field-index');
    expect(await index.getAttribute('aria-invalid')).toBe('true');
    expect(await index.getAttribute('aria-describedby')).toContain('field-index-error');
    expect(await index.inputValue()).toBe('abc');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(await page.locator('[data-check]').count()).toBe(0);

    // Submitted empty, through the form.
    await index.fill('');
    await page.getByLabel(az.verify.leafHash).fill('');
    await page.getByRole('button', { name: az.verify.submit }).click();
    await page.waitForURL(/index=&/);
    await page.locator('#field-index-error').waitFor();
    expect(await text(page, '#field-index-error')).toBe(az.verify.errors.fields.index.required);
    expect(await page.locator('#field-leafHash-error').count()).toBe(0);

    await visit(page, '/verify?index=999999');
    const size = (await (await page.request.get('/api/log')).json()) as { checkpoint: { size: number } };
    expect(await text(page, '[data-not-found]')).toBe(
      az.verify.notFound
        .replace('{{index}}', '999999')
        .replace('{{size}}', String(size.checkpoint.size))
        .replace('{{last}}', String(size.checkpoint.size - 1)),
    );
    expect(await page.locator('[data-check]').count()).toBe(0);

    const response = await page.goto('/log/entries/999999');
    expect(response?.status()).toBe(404);
    expect(await heading(page)).toBe(az.entry.notFoundTitle);
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('switches the log page to Russian', async () => {
    const context = await newContext();
    const page = await context.newPage();

    await visit(page, '/log');
    expect(await heading(page)).toBe(az.title);
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.waitForURL('**/log');
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    expect(await heading(page)).toBe(ru.title);
    expect(await text(page, '#latest-title')).toBe(ru.latest.title);
    expect(await text(page, '#key-title')).toBe(ru.key.title);
    expect(await page.title()).toContain(ru.title);
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('fits a 320 px wide screen without scrolling sideways', async () => {
    const context = await newContext({ width: 320 });
    const page = await context.newPage();
    for (const path of ['/log', '/log/entries/0', '/verify?index=0']) {
      await page.goto(path);
      if (path.startsWith('/verify')) await page.locator(verdict('browser', 'ok')).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await context.close();
  });
});
