import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const postgresUrl = process.env.TEST_DATABASE_URL;
/**
 * Debian's headless shell (chromium-headless-shell) when installed, else its full browser: the same Blink without the
 * full browser's UI processes, it took 40 % fewer CPU seconds in a browser test file (auth.e2e.ts, 33 → 20 CPU s).
 */
const chromium =
  process.env.CHROMIUM_PATH ??
  ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((path) => existsSync(path)) ??
  '/usr/bin/chromium';
// CI must run the browser suite; on a developer's machine without Chromium it is left out, loudly (scripts/test.ts).
const withBrowser = existsSync(chromium) || process.env.CI === 'true';

const shared = {
  // A test that asserts nothing proves nothing.
  expect: { requireAssertions: true },
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

/**
 * Unit files share their worker's loaded modules instead of importing them afresh for each file: they are pure
 * or build their own state. Browser files too, so a worker's files also share its Chromium (tests/helpers/
 * browser.ts); their server, data and contexts stay each file's own.
 */
const sharedModules = { isolate: false };

/**
 * Integration files too: each builds and closes its own app and database, and what the factories keep between calls
 * (counters, a hash) starts again before each file (tests/factories/per-file.ts). Their counters running on from the
 * files before had put a round's vacancies, listed by code, out of the order they were made (applications, in clean
 * full runs). A file no longer pays about 2.7 CPU seconds to import the server afresh: the PGlite project's run took
 * 351 instead of 518 CPU seconds.
 */
const integrationModules = { ...sharedModules, setupFiles: ['tests/helpers/factories.setup.ts'] };

export default defineConfig({
  test: {
    // Two files at once, from any project (the browser files, their own group, after the others). One number for
    // every project, since vitest runs projects with different worker counts one after the other.
    maxWorkers: 2,
    projects: [
      {
        test: {
          ...shared,
          ...sharedModules,
          name: 'unit',
          include: ['server/**/*.test.ts', 'scripts/**/*.test.ts', 'web/src/**/*.test.ts'],
        },
      },
      {
        test: {
          ...shared,
          ...integrationModules,
          name: 'integration-pglite',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/helpers/template.global-setup.ts'],
          env: { TEST_DB: 'pglite' },
        },
      },
      ...(postgresUrl
        ? [
            {
              test: {
                ...shared,
                ...integrationModules,
                name: 'integration-postgres',
                include: ['tests/integration/**/*.test.ts'],
                // Its server runs on the embedded database in either project (tests/helpers/server.ts): run here too,
                // it repeated the same 17 s of the same checks.
                exclude: ['tests/integration/auth-pages.test.ts'],
                globalSetup: ['tests/helpers/template.global-setup.ts'],
                env: { TEST_DB: 'postgres', TEST_DATABASE_URL: postgresUrl },
              },
            },
          ]
        : []),
      ...(withBrowser
        ? [
            {
              test: {
                ...shared,
                ...sharedModules,
                name: 'e2e',
                include: ['tests/e2e/**/*.e2e.ts'],
                // The demo is seeded once per run; each file's server copies it and moves its own clock.
                globalSetup: ['tests/e2e/global-setup.ts'],
                // After the other projects' files, not before them (vitest queues projects by name, so e2e came
                // first): the first two browser files held both workers while waiting for the demo, leaving one core
                // idle beside the seeding process. Now the unit and integration files run beside the seeding.
                sequence: { groupOrder: 1 },
                testTimeout: 120_000,
                // A file's first server waits for the demo, which its own process seeds while the first files start
                // (about 30 s in CI, minutes on a loaded machine).
                hookTimeout: 600_000,
                env: { CHROMIUM_PATH: chromium },
              },
            },
          ]
        : []),
    ],
  },
});
