import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { DbHandle } from '../../db/index';
import { buildApp } from '../../server/app';
import { loadConfig, type Config } from '../../server/config';
import type { Services } from '../../server/services';
import { parseSignerKey } from '../../server/core/signed-note';
import { generateLogSignerKey } from '../../server/modules/log/log-key';
import { TestClock } from './clock';
import { createTestDatabase } from './database';

export const ORIGIN = 'http://localhost:3000';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  database: DbHandle;
  config: Config;
  clock: TestClock;
  close(): Promise<void>;
}

/**
 * What every test app is configured with before its own `env`: no demo, no sign-in limit worth meeting, and
 * the cheap password hash (a test that checks OWASP's parameters asks for them).
 */
export const TEST_ENV = {
  NODE_ENV: 'test',
  DEMO: 'false',
  AUTH_RATE_LIMIT_PER_MINUTE: '100000',
  PASSWORD_HASH_COST: 'test',
} as const;

/** The real app on a real, fresh database. `env` overrides configuration as environment variables would. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({ ...TEST_ENV, ...env });
  const database = await createTestDatabase();
  const clock = new TestClock();
  const logSigner = parseSignerKey(generateLogSignerKey(config.log.origin));
  const { app, services } = await buildApp({ config, database, clock: clock.read, logSigner });
  await app.ready();
  return {
    app,
    services,
    database,
    config,
    clock,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** Extracts the session cookie a response set, as a Cookie header value. */
export function sessionCookie(response: LightMyRequestResponse, config: Config): string {
  const cookie = response.cookies.find((c) => c.name === config.session.cookieName);
  if (!cookie) throw new Error(`no session cookie in response (${response.statusCode}: ${response.body})`);
  return `${cookie.name}=${cookie.value}`;
}

/** A same-origin request, as a browser on our own pages would send it. */
export function request(app: FastifyInstance, options: InjectOptions & { cookie?: string | undefined }) {
  const { cookie, headers, ...rest } = options;
  return app.inject({
    ...rest,
    headers: { origin: ORIGIN, ...(cookie ? { cookie } : {}), ...headers },
  });
}
