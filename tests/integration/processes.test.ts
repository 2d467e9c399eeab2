import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attempts, auditLog, itemStatistics, logEntries, rescoringJobs, sittings } from '../../db/schema/index';
import type { RegisterStatistics } from '../../server/modules/register/register.schemas';
import { generateLogSignerKey } from '../../server/modules/log/log-key';
import { fileAppeal, setVariant, upheld } from '../factories/appeals';
import { publishResults } from '../factories/results';
import {
  EXAM_ENV,
  applicants,
  book,
  bookableSitting,
  examBank,
  atStart,
  readySitting,
  sit,
  staffMember,
  start,
  type ExamBank,
  type Person,
} from '../factories/sittings';
import { createTestAppOn, startApiServer, throwAwayPostgres, type ApiServer } from '../helpers/api-server';
import type { TestApp } from '../helpers/app';
import { MINUTE } from '../helpers/exam';

/**
 * Issue 16, "more than one server": three real server processes (child processes, each its own port) on one
 * PostgreSQL database, with their background jobs every second. Each job's work is done once, whichever process
 * does it; the transparency log gets no entry twice; the sign-in rate limit is one limit, not three; and a
 * publication made anywhere shows at once in another process's register statistics. A second process cannot
 * share an in-memory PGlite, so this runs in the PostgreSQL leg only.
 */
const serverUrl = process.env.TEST_DB === 'postgres' ? process.env.TEST_DATABASE_URL : undefined;
const PROCESSES = 3;
const RATE_LIMIT = 4;

/** What the processes logged as done, summed per job (pino's JSON lines: `{"job":…,"done":…}`). */
function doneByJob(servers: ApiServer[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const server of servers)
    for (const line of server.output().split('\n')) {
      if (!line.startsWith('{') || !line.includes('"background job done"')) continue;
      const { job, done } = JSON.parse(line) as { job: string; done: number };
      total[job] = (total[job] ?? 0) + done;
    }
  return total;
}

async function until<T>(what: string, read: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.runIf(serverUrl)('three server processes on one database', () => {
  let database: { url: string; drop(): Promise<void> };
  let setup: TestApp;
  let admin: Person;
  let bank: ExamBank;
  const servers: ApiServer[] = [];
  const clockDir = mkdtempSync(join(tmpdir(), 'imtahan-processes-'));
  const clockFile = join(clockDir, 'clock');
  /** The servers' time follows the set-up app's test clock (TEST_CLOCK_FILE holds how far it is from real time). */
  const syncServerClocks = () => {
    writeFileSync(`${clockFile}.next`, String(setup.clock.read().getTime() - Date.now()));
    renameSync(`${clockFile}.next`, clockFile);
  };
  const env = {
    ...EXAM_ENV,
    LOG_SIGNING_KEY: generateLogSignerKey('imtahan.localhost/log'),
    ATTEMPT_SWEEP_SECONDS: '1',
    AUTH_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
    LOG_LEVEL: 'info',
    TEST_CLOCK_FILE: clockFile,
  };

  beforeAll(async () => {
    database = await throwAwayPostgres(serverUrl!);
    // The set-up app runs no background jobs (ATTEMPT_SWEEP_SECONDS does not reach an app built in a test).
    setup = await createTestAppOn(database.url, { ...env, AUTH_RATE_LIMIT_PER_MINUTE: '100000' });
    admin = await staffMember(setup, 'administrator');
    bank = await examBank(setup);
    syncServerClocks();
    servers.push(...(await Promise.all(Array.from({ length: PROCESSES }, () => startApiServer(database.url, env)))));
  }, 180_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await setup?.close();
    await database?.drop();
    rmSync(clockDir, { recursive: true, force: true });
  });

  it('closes booking once and finalises each overdue attempt once, then re-scores once, logging nothing twice', async ({
    onTestFailed,
  }) => {
    onTestFailed(() => {
      for (const [i, server] of servers.entries()) process.stderr.write(`--- server ${i}:\n${server.output()}\n`);
    });
    // Six attempts started and left open; a second sitting whose booking is still open, with two bookings.
    const { sitting, candidates } = await readySitting(setup, admin, bank, { candidates: 6 });
    // Everyone on variant 0 (questions 0, 1, 3 and 4), so the answers below decide who passes.
    for (const candidate of candidates) await setVariant(setup, bank, candidate.attemptId, 0);
    atStart(setup, sitting, MINUTE);
    for (const candidate of candidates) await start(setup, candidate);
    // The first three answer two of four right, the others none; nobody has question 0 right. Three points pass,
    // so when the appeal below annuls question 0 (a point for everyone) the first three pass.
    const [q0, q1] = bank.questions.map((q) => q.versionId);
    for (const [i, candidate] of candidates.entries())
      await sit(
        setup,
        candidate,
        bank,
        (q) => (i < 3 && q.versionId !== q0 && q.versionId !== q1 ? q.correct : q.wrong),
        false,
      );
    const later = await bookableSitting(setup, admin, bank.blueprintId);
    for (const who of await applicants(setup, 2)) await book(setup, who, later.id);

    // Time passes for the servers: the first sitting ends and the second one's booking closes.
    const afterBoth = Math.max(Date.parse(sitting.endsAt), Date.parse(later.bookingClosesAt)) + 5 * MINUTE;
    setup.clock.set(new Date(afterBoth));
    syncServerClocks();

    const ids = candidates.map((c) => c.attemptId);
    await until('the sweepers to finalise every attempt', async () => {
      const rows = await setup.database.db.select().from(attempts).where(inArray(attempts.id, ids));
      return rows.every((r) => r.status === 'submitted');
    });
    await until('booking to close', async () => {
      const [row] = await setup.database.db.select().from(sittings).where(eq(sittings.id, later.id));
      return row!.status !== 'booking';
    });
    const finalised = await setup.database.db.select().from(attempts).where(inArray(attempts.id, ids));
    expect(finalised.map((r) => r.finalisedBy)).toEqual(ids.map(() => 'deadline'));
    // Papers were drawn once for the later sitting's two bookings, and its closure audited once.
    expect(await setup.database.db.select().from(attempts).where(eq(attempts.sittingId, later.id))).toHaveLength(2);
    const closures = await setup.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'sitting.booking_closed'), eq(auditLog.targetId, later.id)));
    expect(closures).toHaveLength(1);
    // The work itself was done once: the processes' counts add up to exactly the work there was.
    await until('the processes to report', async () => {
      const done = doneByJob(servers);
      return done['sweep-attempts'] !== undefined && done['close-booking'] !== undefined;
    });
    expect(doneByJob(servers)).toMatchObject({ 'sweep-attempts': 6, 'close-booking': 1 });

    // Results published through the set-up app; a server process reads (and keeps) the register's totals.
    await publishResults(setup, admin, sitting.id);
    const statistics = async (server: ApiServer) => {
      const response = await fetch(`${server.url}/api/register/statistics`);
      expect(response.status).toBe(200);
      return ((await response.json()) as RegisterStatistics).byCategoryMonth.reduce((n, row) => n + row.passed, 0);
    };
    expect(await statistics(servers[1]!)).toBe(0);

    // An upheld appeal annuls question 0: a re-scoring job that one of the processes runs, once.
    const examiner = await staffMember(setup, 'examiner');
    const second = await staffMember(setup, 'examiner');
    await fileAppeal(setup, candidates[0]!, candidates[0]!.attemptId, q0!);
    const decision = await upheld(setup, examiner, second, q0!, {
      outcome: 'annul',
      reason: 'Two options are right as the item is written: annulled, and everyone is awarded its point.',
    });
    syncServerClocks();
    const jobId = decision.rescoringJobId!;
    await until('the re-scoring job to finish', async () => {
      const [job] = await setup.database.db.select().from(rescoringJobs).where(eq(rescoringJobs.id, jobId));
      return job!.status === 'done';
    });
    // Republished once (revision 2), and its item statistics computed and logged once.
    await until('the item statistics of revision 2', async () => {
      const [row] = await setup.database.db
        .select()
        .from(itemStatistics)
        .where(eq(itemStatistics.sittingId, sitting.id));
      return row?.revision === 2;
    });
    const republished = await setup.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'results.republished'), eq(auditLog.targetId, sitting.id)));
    expect(republished).toHaveLength(1);
    await until('the processes to report', async () => doneByJob(servers)['rescoring'] === 1);
    expect(doneByJob(servers)).toMatchObject({ rescoring: 1 });

    // The other process's totals follow the republication at once (the annulled point made someone pass).
    expect(await statistics(servers[1]!)).toBe(3);
    expect(await statistics(servers[2]!)).toBe(3);

    // No fact is in the log twice: the entries differ in more than their time.
    const entries = await setup.database.db.select({ kind: logEntries.kind, entry: logEntries.entry }).from(logEntries);
    const facts = entries.map(({ entry }) => {
      const { time: _time, ...fact } = JSON.parse(Buffer.from(entry).toString('utf8')) as Record<string, unknown>;
      return JSON.stringify(fact);
    });
    expect(new Set(facts).size).toBe(facts.length);
    const kinds = entries.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'rescoring.completed')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'sitting.results_published')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'sitting.statistics_published').length).toBe(
      doneByJob(servers)['item-statistics'],
    );
  }, 240_000);

  it('shares one sign-in rate limit: the processes together allow the limit, not three times it', async () => {
    const login = { login: 'nobody@example.az', password: 'not the password' };
    const statuses: { status: number; code: string | undefined }[] = [];
    for (let i = 0; i <= RATE_LIMIT; i += 1) {
      const server = servers[i % PROCESSES]!;
      const response = await fetch(`${server.url}/api/auth/sign-in`, {
        method: 'POST',
        headers: { origin: server.origin, 'content-type': 'application/json' },
        body: JSON.stringify(login),
      });
      const body = (await response.json()) as { code?: string; error?: { code?: string } };
      statuses.push({ status: response.status, code: body.code ?? body.error?.code });
    }
    expect(statuses.slice(0, RATE_LIMIT).map((s) => s.status)).toEqual(Array(RATE_LIMIT).fill(401));
    expect(statuses[RATE_LIMIT]).toEqual({ status: 429, code: 'RATE_LIMITED' });
    // …and every process now refuses this address.
    for (const server of servers) {
      const response = await fetch(`${server.url}/api/auth/sign-in`, {
        method: 'POST',
        headers: { origin: server.origin, 'content-type': 'application/json' },
        body: JSON.stringify(login),
      });
      expect(response.status).toBe(429);
    }
  }, 60_000);
});
