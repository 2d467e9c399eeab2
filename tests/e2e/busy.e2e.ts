/**
 * The page a reader of the public register sees while the API turns public reads away to keep exams going (issue 16,
 * load shedding): a 503 in the reader's language that says to try again in a few seconds, never a bare error. The
 * server runs with room for two public reads at a time (SHED_PUBLIC_READS_IN_FLIGHT=2, the two the results page
 * makes at once), and that room is taken by two reads held in the database behind a lock on the register's table, which only PostgreSQL lets a test take from
 * outside the server: so this file runs where the browser suite runs on PostgreSQL (TEST_DATABASE_URL, as in CI).
 */
import type { Browser, Page } from 'playwright-core';
import postgres from 'postgres';
import { describe, expect, it, vi } from 'vitest';
import az from '../../web/messages/az.json';
import en from '../../web/messages/en.json';
import registerAz from '../../web/messages/register/az.json';
import ru from '../../web/messages/ru.json';
import { expectNoAxeViolations } from '../helpers/browser';
import type { RunningServer } from '../helpers/server';
import { browserSuite } from './staff-support';

let server: RunningServer;
let browser: Browser;

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
if (!onPostgres) process.stdout.write('notice: busy.e2e.ts runs only with TEST_DATABASE_URL (CI sets it).\n');

/**
 * Takes both places for public reads: locks the register's table, sends two reads of it that wait behind the lock,
 * and returns once PostgreSQL shows both waiting. The returned function lets them go and waits for their answers.
 */
async function holdThePublicReadsPlaces(): Promise<() => Promise<number[]>> {
  const sql = postgres(server.databaseUrl!, { max: 2, onnotice: () => {} });
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holder = sql.begin(async (tx) => {
    await tx`lock table register_results in access exclusive mode`;
    locked();
    await released;
  });
  await isLocked;
  const held = ['/api/register/results', '/api/register/results?sort=points'].map((path) =>
    fetch(`${server.url}${path}`),
  );
  await vi.waitFor(
    async () => {
      const [{ waiting }] = await sql<[{ waiting: number }]>`
        select count(*)::int as waiting from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`;
      expect(waiting, 'the held reads wait for the lock').toBe(2);
    },
    { timeout: 10_000, interval: 50 },
  );
  return async () => {
    release();
    await holder;
    // Each read whole, so the server has written its answer out (and given its place back) before the next page.
    const statuses = await Promise.all(
      held.map(async (answer) => {
        const response = await answer;
        await response.arrayBuffer();
        return response.status;
      }),
    );
    await sql.end();
    return statuses;
  };
}

const heading = (page: Page) => page.locator('h1').innerText();

describe.runIf(onPostgres)('a public page while the API is busy with exams', () => {
  browserSuite((suite) => ({ server, browser } = suite), { SHED_PUBLIC_READS_IN_FLIGHT: '2' });

  it('says so in the reader’s language with a 503 and a Retry-After, by link and by address, then serves the page', async () => {
    const letGo = await holdThePublicReadsPlaces();
    try {
      for (const [locale, messages] of [
        ['az-AZ', az],
        ['ru-RU', ru],
        ['en-GB', en],
      ] as const) {
        const context = await browser.newContext({ baseURL: server.url, locale });
        const page = await context.newPage();
        // Opened by its address: the server renders the busy page itself.
        const response = await page.goto('/register/results');
        expect(response?.status(), locale).toBe(503);
        expect(response?.headers()['retry-after'], locale).toBe('5');
        expect(await heading(page), locale).toBe(messages.error.busyTitle);
        expect(await page.getByText(messages.error.busyText).count(), locale).toBe(1);
        await expectNoAxeViolations(page);
        await context.close();
      }

      // Reached by a link from a page already open, at a phone's width: the same words, rendered in the browser.
      const context = await browser.newContext({
        baseURL: server.url,
        locale: 'az-AZ',
        viewport: { width: 320, height: 640 },
      });
      const page = await context.newPage();
      expect((await page.goto('/register'))?.status()).toBe(200);
      await page.getByRole('link', { name: registerAz.results.title, exact: true }).first().click();
      await page.waitForURL((url) => url.pathname === '/register/results');
      await expect.poll(() => heading(page)).toBe(az.error.busyTitle);
      // Reflow: nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await expectNoAxeViolations(page);

      // The exam goes on meanwhile: what needs no public read is served (the sign-in page).
      expect((await page.goto('/sign-in'))?.status()).toBe(200);
      await context.close();
    } finally {
      // The held reads are answered once the lock goes, and give their places back.
      expect(await letGo()).toEqual([200, 200]);
    }

    const context = await browser.newContext({ baseURL: server.url, locale: 'az-AZ' });
    const page = await context.newPage();
    expect((await page.goto('/register/results'))?.status()).toBe(200);
    expect(await heading(page)).toBe(registerAz.results.title);
    await context.close();
  });
});
