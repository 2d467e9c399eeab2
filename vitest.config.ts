import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const postgresUrl = process.env.TEST_DATABASE_URL;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// CI must run the browser suite; on a developer's machine without Chromium it is left out, loudly (scripts/test.ts).
const withBrowser = existsSync(chromium) || process.env.CI === 'true';

const shared = {
  // A test that asserts nothing proves nothing.
  expect: { requireAssertions: true },
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: ['server/**/*.test.ts', 'scripts/**/*.test.ts', 'web/src/**/*.test.ts'],
        },
      },
      {
        test: {
          ...shared,
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
                name: 'integration-postgres',
                include: ['tests/integration/**/*.test.ts'],
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
                name: 'e2e',
                include: ['tests/e2e/**/*.e2e.ts'],
                // The demo is seeded once per run; each file's server copies it and moves its own clock.
                globalSetup: ['tests/e2e/global-setup.ts'],
                testTimeout: 120_000,
                hookTimeout: 180_000,
                // Each file has its own server, data and browser, so two run at once (a server and a Chromium each).
                maxWorkers: 2,
                env: { CHROMIUM_PATH: chromium },
              },
            },
          ]
        : []),
    ],
  },
});
