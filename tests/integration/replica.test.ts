import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, RegisterStatistics, ResultItem } from '../../server/modules/register/register.schemas';
import { finishedSitting, publishResults } from '../factories/results';
import { EXAM_ENV, examBank, staffMember, type ExamBank, type Person } from '../factories/sittings';
import { createTestAppOn } from '../helpers/api-server';
import { request, type TestApp } from '../helpers/app';
import { throwAwayPostgresDatabase } from '../helpers/database';

/**
 * Issue 16, "reads can go to a replica": the app on a PostgreSQL primary with DATABASE_READ_URL pointing at a
 * real streaming replica of it (CI starts one with `.ci/replica`, and `npm test` passes its URL as
 * TEST_DATABASE_READ_URL). The public register, its statistics and the log's checkpoint are read from the
 * replica, so while the replica's replay is paused they still show the past; a publication, and what the
 * candidate reads back about it, go to the primary all the same. Replication lag is waited for, never assumed.
 */
const primaryServer = process.env.TEST_DB === 'postgres' ? process.env.TEST_DATABASE_URL : undefined;
const replicaServer = primaryServer ? process.env.TEST_DATABASE_READ_URL : undefined;

const onServer = (serverUrl: string, name: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

async function until<T>(what: string, read: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.runIf(replicaServer)('public reads from a streaming replica', () => {
  let database: { name: string; url: string; drop(): Promise<void> };
  let replica: postgres.Sql;
  let t: TestApp;
  let admin: Person;
  let bank: ExamBank;

  beforeAll(async () => {
    database = await throwAwayPostgresDatabase(primaryServer!, 'imtahan_replica');
    const readUrl = onServer(replicaServer!, database.name);
    // The new database reaches the replica with the WAL: connect once it is there.
    replica = postgres(readUrl, { max: 1, onnotice: () => {} });
    await until('the replica to have the database', async () => (await replica`select 1 as one`).length === 1);
    t = await createTestAppOn(database.url, { ...EXAM_ENV, DATABASE_READ_URL: readUrl });
    admin = await staffMember(t, 'administrator');
    bank = await examBank(t);
  }, 120_000);
  afterAll(async () => {
    // Never leave the shared replica paused, whatever failed.
    await replica?.unsafe('select pg_wal_replay_resume()').catch(() => {});
    await replica?.end();
    await t?.close();
    await database?.drop();
  });

  const registerResults = async (sittingCode: string) => {
    const response = await request(t.app, { method: 'GET', url: `/api/register/results?sitting=${sittingCode}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Page<ResultItem>>().items;
  };
  const passedInStatistics = async () => {
    const response = await request(t.app, { method: 'GET', url: '/api/register/statistics' });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<RegisterStatistics>().byCategoryMonth.reduce((n, row) => n + row.passed, 0);
  };
  const checkpointSize = async () => {
    const response = await request(t.app, { method: 'GET', url: '/log/checkpoint' });
    expect(response.statusCode, response.body).toBe(200);
    return Number(response.body.split('\n')[1]);
  };

  it('shows a publication once the replica has it, and the past while its replay is paused', async () => {
    // A first publication, read back through the replica once it has replayed it.
    const first = await finishedSitting(t, admin, bank, [{ correct: 4 }, { correct: 1 }]);
    await publishResults(t, admin, first.sitting.id);
    const shown = await until('the replica to show the first results', async () => {
      const items = await registerResults(first.sitting.code);
      return items.length === 2 && items;
    });
    expect(shown.map((r) => r.passed).sort()).toEqual([false, true]);
    await until('the replica to show the first statistics', async () => (await passedInStatistics()) === 1);

    // Replay paused: the replica stands still while the primary takes a second publication.
    await replica.unsafe('select pg_wal_replay_pause()');
    await until(
      'replay to pause',
      async () => (await replica.unsafe(`select pg_get_wal_replay_pause_state() as s`))[0]?.s === 'paused',
    );
    const sizeBefore = await checkpointSize();
    const second = await finishedSitting(t, admin, bank, [{ correct: 4 }, { correct: 3 }, { correct: 0 }]);
    await publishResults(t, admin, second.sitting.id);
    // What a candidate reads back right after it happened (the pass's certificate) comes from the primary…
    const own = await request(t.app, { method: 'GET', url: '/api/certificates', cookie: second.candidates[0]!.cookie });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json<unknown[]>()).toHaveLength(1);
    // …while the public register, its statistics and the log's checkpoint still come from the paused replica.
    expect(await registerResults(second.sitting.code)).toEqual([]);
    expect(await passedInStatistics()).toBe(1);
    expect(await checkpointSize()).toBe(sizeBefore);

    // Replay resumed: the replica catches up, and so does everything read from it.
    await replica.unsafe('select pg_wal_replay_resume()');
    const caughtUp = await until('the replica to show the second results', async () => {
      const items = await registerResults(second.sitting.code);
      return items.length === 3 && items;
    });
    expect(caughtUp.filter((r) => r.passed)).toHaveLength(2);
    expect(await passedInStatistics()).toBe(3);
    expect(await checkpointSize()).toBeGreaterThan(sizeBefore);
  }, 120_000);
});
