import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { DbHandle } from '../../db/index';
import { buildApp } from '../../server/app';
import { loadConfig, type Config } from '../../server/config';
import type { Services } from '../../server/services';
import { parseSignerKey } from '../../server/core/signed-note';
import { generateLogSignerKey } from '../../server/modules/log/log-key';
import { asc } from 'drizzle-orm';
import { logEntries } from '../../db/schema/index';
import { createLogEntryValidator } from '../../server/core/log-entry-schema';
import type { LogReceipt } from '../../server/modules/log/log.service';
import { TestClock } from './clock';
import { createTestDatabase } from './database';

export const ORIGIN = 'http://localhost:3000';

const validateLogEntry = createLogEntryValidator();

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
  const madeUp = recordDirectAppends(services);
  return {
    app,
    services,
    database,
    config,
    clock,
    async close() {
      try {
        await assertLogMatchesSchema(database, madeUp);
      } finally {
        await app.close();
        await database.close();
      }
    },
  };
}

/**
 * Remembers the entries a test appends itself through `services.log` (made-up facts, rows for the register),
 * by index and leaf hash, so that the schema check below holds only the entries the system's own flows log.
 * The services were built with the log before this wrapping, so their appends are not recorded.
 */
function recordDirectAppends(services: Services): Set<string> {
  const madeUp = new Set<string>();
  const { log } = services;
  const record = (receipts: LogReceipt[]) => {
    for (const r of receipts) madeUp.add(`${r.logIndex}:${r.leafHash}`);
    return receipts;
  };
  services.log = {
    ...log,
    append: async (events) => record(await log.append(events)),
    publish: async (events) => record(await log.publish(events)),
  };
  return madeUp;
}

/**
 * Every entry the flows under test appended matches the published entry schema (`/log/schema`): a new
 * entry type or field fails here until `server/core/log-entry-schema.ts` documents it.
 */
async function assertLogMatchesSchema(database: DbHandle, madeUp: Set<string>): Promise<void> {
  const rows = await database.db.select().from(logEntries).orderBy(asc(logEntries.idx));
  const problems: string[] = [];
  for (const row of rows) {
    if (madeUp.has(`${row.idx}:${Buffer.from(row.leafHash).toString('base64')}`)) continue;
    const text = Buffer.from(row.entry).toString('utf8');
    const found = validateLogEntry(JSON.parse(text));
    if (found.length > 0) problems.push(`entry ${row.idx} ${text.slice(0, 200)}: ${found.join('; ')}`);
  }
  if (problems.length > 0)
    throw new Error(
      `log entries that do not match the entry schema (document them in server/core/log-entry-schema.ts):\n${problems.slice(0, 10).join('\n')}`,
    );
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
