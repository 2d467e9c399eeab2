import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { parseSignerKey } from '../../server/core/signed-note';
import { generateLogSignerKey } from '../../server/modules/log/log-key';
import { COMPILED, startApiServer, throwAwayPostgres, type ApiServer } from '../helpers/api-server';
import { TEST_ENV } from '../helpers/app';
import { createTestDatabase } from '../helpers/database';

/**
 * Issue 16, "a production start": healthy means ready (a load balancer must not send a request to a process that
 * would answer "Starting up"), and the server runs compiled, as one process or as a cluster on one port.
 */
describe('GET /api/health', () => {
  it('answers 503 "starting" until the process serves everything, then 200', async () => {
    const config = loadConfig({ ...TEST_ENV });
    const database = await createTestDatabase();
    let ready = false;
    const { app } = await buildApp({
      config,
      database,
      logSigner: parseSignerKey(generateLogSignerKey(config.log.origin)),
      ready: () => ready,
    });
    try {
      const before = await app.inject({ method: 'GET', url: '/api/health' });
      expect(before.statusCode).toBe(503);
      expect(before.json()).toMatchObject({ status: 'starting', database: { ok: true } });
      ready = true;
      const after = await app.inject({ method: 'GET', url: '/api/health' });
      expect(after.statusCode).toBe(200);
      expect(after.json()).toMatchObject({ status: 'ok' });
    } finally {
      await app.close();
      await database.close();
    }
  });
});

const serverUrl = process.env.TEST_DB === 'postgres' ? process.env.TEST_DATABASE_URL : undefined;

describe.runIf(serverUrl)('the compiled server with SERVER_PROCESSES=2', () => {
  let database: { url: string; drop(): Promise<void> };
  let server: ApiServer | undefined;

  beforeAll(async () => {
    const built = spawnSync(process.execPath, [join('scripts', 'build-server.mjs')], { encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    database = await throwAwayPostgres(serverUrl!);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('serves from two processes on one port once both are ready, and stops on SIGTERM', async () => {
    server = await startApiServer(database.url, { SERVER_PROCESSES: '2', LOG_LEVEL: 'info' }, 90_000, COMPILED);
    expect(server.output()).toContain('(2 processes, database: postgres)');
    // Both processes listen: connections are handed round robin, and every one is answered.
    const answers = await Promise.all(
      Array.from({ length: 20 }, async () => (await fetch(`${server!.url}/api/health`)).status),
    );
    expect(answers).toEqual(Array(20).fill(200));
    const pids = new Set(
      [...server.output().matchAll(/"pid":(\d+),[^\n]*"msg":"Server listening/g)].map((match) => match[1]),
    );
    expect(pids.size).toBe(2);
    // The port holds LISTEN_BACKLOG's 4,096 unaccepted connections (or the kernel's cap), not Node's 511: a
    // room pressing Start at once must not have connects dropped and retried seconds later (issue 16).
    const cap = Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8'));
    const port = new URL(server.url).port;
    const listening = spawnSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' });
    expect(listening.status, listening.stderr).toBe(0);
    const backlogs = listening.stdout
      .trim()
      .split('\n')
      .map((line) => Number(line.trim().split(/\s+/)[2]));
    expect(backlogs.length).toBeGreaterThan(0);
    expect(backlogs).toEqual(backlogs.map(() => Math.min(4096, cap)));
    const stopped = Date.now();
    await server.stop();
    expect(Date.now() - stopped).toBeLessThan(10_000);
    server = undefined;
  }, 120_000);
});
