/**
 * The exam page's weight and speed on a weak line (issue 13): Chromium with 400 ms latency and
 * 50 KB/s each way, a cold cache and a 360×740 phone screen, against a freshly started demo server.
 * - exam page: JavaScript bytes as transferred (compressed), and the time until a click on the
 *   first question is saved and acknowledged by the server (the candidate clicks as soon as the
 *   question shows, as people do; the room keeps that click and sends it once live);
 * - public register and a result page: first contentful paint.
 * Budgets: exam JS ≤ 100 KB compressed, usable ≤ 6 s; register and result first content ≤ 3 s.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const ROOT = join(import.meta.dirname, '..', '..');
export const BUDGET = { examJsBytes: 100 * 1024, examUsableMs: 6_000, firstContentMs: 3_000 } as const;
export const SLOW_LINE = { latency: 400, downloadThroughput: 51_200, uploadThroughput: 51_200 } as const;

export interface PageFigures {
  /** Bytes of JavaScript as they came over the wire (compressed), and as files (decoded). */
  jsTransferred: number;
  jsDecoded: number;
  requests: number;
  firstContentMs: number | null;
}

export interface ExamPageFigures {
  exam: PageFigures & { usableMs: number };
  register: PageFigures;
  result: PageFigures;
}

/** A demo server on a free port with a throw-away embedded database; the build must exist. */
export async function startDemoServer(): Promise<{ url: string; output(): string; stop(): Promise<void> }> {
  if (!existsSync(join(ROOT, 'build', 'handler.js'))) {
    const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('`npx vite build` failed');
  }
  const port = await new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'imtahan-bench-page-'));
  const { API_URL: _api, DATABASE_URL: _database, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...inherited, PORT: String(port), DATA_DIR: dataDir, DEMO: 'true', NODE_ENV: 'test', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 180_000);
    child.stdout.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const match = /imtahan is serving (http:\/\/localhost:\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${log}`)));
  });
  return {
    url,
    output: () => log,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Loads `path` in a fresh page on the slow line with the cache off, counting what arrives. */
async function measure(
  context: BrowserContext,
  path: string,
  whileLoading: (page: Page, started: number) => Promise<number | void> = async () => {},
): Promise<PageFigures & { extra: number | null }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW_LINE });
  const scripts = new Set<string>();
  let jsTransferred = 0;
  let jsDecoded = 0;
  let requests = 0;
  const urls = new Map<string, string>();
  cdp.on('Network.responseReceived', (event: { requestId: string; type: string; response: { url: string } }) => {
    requests += 1;
    if (event.type === 'Script') scripts.add(event.requestId);
    urls.set(event.requestId, event.response.url);
  });
  cdp.on('Network.dataReceived', (event: { requestId: string; dataLength: number }) => {
    if (scripts.has(event.requestId)) jsDecoded += event.dataLength;
  });
  cdp.on('Network.loadingFinished', (event: { requestId: string; encodedDataLength: number }) => {
    if (scripts.has(event.requestId)) jsTransferred += event.encodedDataLength;
    if (process.env.BENCH_VERBOSE && scripts.has(event.requestId))
      process.stderr.write(`${path} ${event.encodedDataLength} ${urls.get(event.requestId) ?? ''}\n`);
  });
  const started = Date.now();
  await page.goto(path, { waitUntil: 'commit' });
  const extra = (await whileLoading(page, started)) ?? null;
  await page.waitForLoadState('networkidle');
  const firstContentMs = await page.evaluate(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
  );
  await page.close();
  return { jsTransferred, jsDecoded, requests, firstContentMs, extra };
}

export async function measureExamPages(
  baseURL: string,
  browser?: Browser,
  options: { examOnly?: boolean } = {},
): Promise<ExamPageFigures> {
  const own = browser ?? (await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' }));
  try {
    const context = await own.newContext({ baseURL, locale: 'az-AZ', viewport: { width: 360, height: 740 } });
    const signedIn = await context.request.post('/api/auth/sign-in', {
      data: { login: 'aysel@demo.imtahan.az', password: 'demo-applicant-2026' },
      headers: { origin: baseURL },
    });
    if (!signedIn.ok()) throw new Error(`sign-in: ${signedIn.status()} ${await signedIn.text()}`);
    const bookings = (await (await context.request.get('/api/bookings')).json()) as {
      id: string;
      sittingCode: string;
      attemptId: string | null;
      attemptStatus: string | null;
    }[];
    const practice = bookings.find((b) => b.sittingCode === 'DEMO-PRACTICE')!;
    const started = await context.request.post(`/api/bookings/${practice.id}/start`, {
      data: {},
      headers: { origin: baseURL },
    });
    const { attemptId } = (await started.json()) as { attemptId: string };
    const finished = bookings.find((b) => b.attemptStatus === 'submitted' && b.attemptId)!;

    const exam = await measure(context, `/exam/${attemptId}`, async (page, t0) => {
      const option = page.locator('.room__question input[type="radio"], .room__question input[type="checkbox"]');
      const text = page.locator('.room__question input[type="text"]');
      await page.locator('#question-heading').waitFor({ timeout: 60_000 });
      if ((await text.count()) > 0) await text.fill('Bakı');
      else await option.first().check();
      await page.locator('.room__question [data-save-state="saved"]').waitFor({ timeout: 60_000 });
      return Date.now() - t0;
    });
    const none = { jsTransferred: 0, jsDecoded: 0, requests: 0, firstContentMs: null };
    const register = options.examOnly ? none : await measure(context, '/register');
    const result = options.examOnly ? none : await measure(context, `/exam/${finished.attemptId}/result`);
    await context.close();
    const { extra, ...examFigures } = exam;
    return {
      exam: { ...examFigures, usableMs: extra ?? Number.NaN },
      register: { ...register },
      result: { ...result },
    };
  } finally {
    if (!browser) await own.close();
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const sec = (ms: number | null) => (ms === null ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
const mark = (ok: boolean) => (ok ? 'ok' : 'OVER BUDGET');

export async function examPageBench(): Promise<string[]> {
  const server = await startDemoServer();
  try {
    const f = await measureExamPages(server.url);
    return [
      'exam page on 400 ms / 50 KB/s, cold cache, 360×740 (budgets: JS ≤ 100 KB compressed, usable ≤ 6 s; first content ≤ 3 s)',
      `  exam     JS ${kb(f.exam.jsTransferred)} transferred (${kb(f.exam.jsDecoded)} decoded), ${f.exam.requests} requests, first content ${sec(f.exam.firstContentMs)}, click saved and acknowledged at ${sec(f.exam.usableMs)}  [${mark(f.exam.jsTransferred <= BUDGET.examJsBytes && f.exam.usableMs <= BUDGET.examUsableMs)}]`,
      `  register JS ${kb(f.register.jsTransferred)}, ${f.register.requests} requests, first content ${sec(f.register.firstContentMs)}  [${mark((f.register.firstContentMs ?? Infinity) <= BUDGET.firstContentMs)}]`,
      `  result   JS ${kb(f.result.jsTransferred)}, ${f.result.requests} requests, first content ${sec(f.result.firstContentMs)}  [${mark((f.result.firstContentMs ?? Infinity) <= BUDGET.firstContentMs)}]`,
    ];
  } finally {
    await server.stop();
  }
}
