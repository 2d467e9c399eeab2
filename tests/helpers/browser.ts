import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The worker's Chromium, shared by the files it runs one after another (the e2e project shares modules). */
let shared: Browser | undefined;

/**
 * Debian's Chromium, headless, with nothing that would reach the network on its own: one per worker process,
 * launched by its first file (again if it has gone), instead of one per file. A file gets its own view of it,
 * whose close() closes the contexts that file opened and leaves the browser to the next file; each test's
 * contexts are as fresh as before (no cookies, storage or cache shared). Launching and closing a browser cost
 * a file about 0.8 s and 0.5 CPU s, besides loading playwright-core again in a fresh worker.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!shared?.isConnected()) shared = await launch();
  return fileView(shared);
}

function fileView(browser: Browser): Browser {
  const opened = new Set<BrowserContext>();
  return new Proxy(browser, {
    get(target, property) {
      if (property === 'newContext')
        return async (...args: Parameters<Browser['newContext']>) => {
          const context = await target.newContext(...args);
          opened.add(context);
          context.once('close', () => opened.delete(context));
          return context;
        };
      if (property === 'newPage')
        return () => Promise.reject(new Error('open a context with newContext(), which the file view closes'));
      if (property === 'close')
        return async () => {
          await Promise.all([...opened].map((context) => context.close()));
        };
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/**
 * Runs axe-core in the page for WCAG 2.0–2.2 A and AA and fails with a readable list.
 * axe is evaluated as a string rather than injected as a <script>, which the pages' CSP would block.
 */
export async function expectNoAxeViolations(page: Page, options: { javaScriptDisabled?: boolean } = {}): Promise<void> {
  if (options.javaScriptDisabled) return checkInScriptingTwin(page, (twin) => expectNoAxeViolations(twin));
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    `window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} }, resultTypes: ['violations'] }).then((r) => r.violations)`,
  )) as AxeViolation[];
  if (violations.length === 0) return;
  const report = violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map(
          (n) =>
            `    - ${JSON.stringify(n.target)}${n.failureSummary ? `\n      ${n.failureSummary.replaceAll('\n', '\n      ')}` : ''}`,
        )
        .join('\n');
      return `  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
  throw new Error(`axe found ${violations.length} WCAG violation(s) on ${page.url()}:\n${report}`);
}

/**
 * axe schedules its work with timers, which never fire in a page with scripting off (and switching
 * scripting on in a live page crashes Chromium's renderer). So the no-JavaScript page is checked in a
 * twin: a scripting page at the same address that is served exactly this page's HTML, minus its
 * scripts, with the same stylesheets, so colours and layout are what the visitor sees.
 */
async function checkInScriptingTwin(page: Page, run: (twin: Page) => Promise<void>): Promise<void> {
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser for the twin page');
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
  const url = page.url();
  const context = await browser.newContext({ viewport: page.viewportSize() });
  try {
    const twin = await context.newPage();
    await twin.route(url, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    await twin.goto(url);
    await run(twin);
  } finally {
    await context.close();
  }
}
