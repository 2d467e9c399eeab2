import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../server/core/scoring/index';
import { generateLogSignerKey } from '../../server/modules/log/log-key';
import { openSession } from '../factories/sessions';
import {
  EXAM_ENV,
  asShown,
  examBank,
  readySitting,
  staffMember,
  type AttemptView,
  type ExamBank,
  type ResultView,
  type Start,
} from '../factories/sittings';
import { createTestAppOn, startApiServer, throwAwayPostgres, type ApiServer } from '../helpers/api-server';
import type { TestApp } from '../helpers/app';
import { HOUR, MINUTE } from '../helpers/exam';

/**
 * DESIGN.md rule 2: a server restart in the middle of an exam loses nothing. The real server runs as a
 * child process on PostgreSQL; it is killed with SIGKILL mid-exam and started again on the same database.
 * Runs in the PostgreSQL leg only (a second process cannot share an in-memory PGlite).
 */
const serverUrl = process.env.TEST_DB === 'postgres' ? process.env.TEST_DATABASE_URL : undefined;

describe.runIf(serverUrl)('a server killed mid-exam', () => {
  let database: { url: string; drop(): Promise<void> };
  let setup: TestApp;
  let server: ApiServer | undefined;
  const env = { ...EXAM_ENV, LOG_SIGNING_KEY: generateLogSignerKey('imtahan.localhost/log') };

  beforeAll(async () => {
    database = await throwAwayPostgres(serverUrl!);
    setup = await createTestAppOn(database.url, env);
  });
  afterAll(async () => {
    await server?.stop();
    await setup?.close();
    await database?.drop();
  });

  it('keeps every acknowledged answer and the deadline, and the exam can be finished', async ({ onTestFailed }) => {
    const printed: string[] = [];
    onTestFailed(() => {
      process.stderr.write(`server output:\n${printed.join('\n--- restarted ---\n')}${server?.output() ?? ''}\n`);
    });
    // Set up in the past on the setup app's clock, so that on the real clock the sitting is in its entry window.
    const now = Date.now();
    setup.clock.set(new Date(now - 3 * HOUR));
    const admin = await staffMember(setup, 'administrator');
    const bank: ExamBank = await examBank(setup);
    const startsAt = now - 10 * MINUTE;
    const { candidates } = await readySitting(setup, admin, bank, {
      candidates: 1,
      overrides: {
        bookingClosesAt: new Date(now - 2 * HOUR).toISOString(),
        startsAt: new Date(startsAt).toISOString(),
        entryClosesAt: new Date(now + 30 * MINUTE).toISOString(),
        endsAt: new Date(now + 2 * HOUR).toISOString(),
      },
    });
    const candidate = candidates[0]!;
    setup.clock.set(new Date());
    const cookie = await openSession(setup, candidate.id);

    server = await startApiServer(database.url, env);
    const call = async (running: ApiServer, method: string, path: string, body?: unknown) => {
      const response = await fetch(`${running.url}${path}`, {
        method,
        headers: {
          cookie,
          origin: running.origin,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, text, json: () => JSON.parse(text) as unknown };
    };

    const started = await call(server, 'POST', `/api/bookings/${candidate.booking.id}/start`, {});
    expect(started.status, started.text).toBe(200);
    const { deadline } = started.json() as Start;
    expect(new Date(deadline).getTime()).toBeGreaterThan(now);
    const paper = (await call(server, 'GET', `/api/attempts/${candidate.attemptId}`)).json() as AttemptView;
    const items = paper.sections.flatMap((s) => s.items);
    expect(items).toHaveLength(4);
    // The right answers under this paper's labels, as the candidate picks them.
    const right = new Map<string, Answer>();
    for (const item of items)
      right.set(
        item.versionId,
        await asShown(setup, candidate.attemptId, item.versionId, bank.byVersion.get(item.versionId)!.correct),
      );
    const answerFor = (versionId: string): Answer => right.get(versionId)!;

    // Half the answers, each acknowledged; the first one changed twice.
    const acknowledged = new Map<string, { seq: number; answer: Answer | null; flagged: boolean }>();
    const save = async (running: ApiServer, versionId: string, seq: number, answer: Answer | null, flagged = false) => {
      const response = await call(running, 'PUT', `/api/attempts/${candidate.attemptId}/answers`, {
        versionId,
        seq,
        answer,
        flagged,
      });
      if (response.status === 200 && (response.json() as { applied: boolean }).applied) {
        acknowledged.set(versionId, { seq, answer, flagged });
      }
      return response;
    };
    const first = items[0]!.versionId;
    expect((await save(server, first, 1, null, true)).status).toBe(200);
    expect((await save(server, first, 2, answerFor(first))).status).toBe(200);
    expect((await save(server, items[1]!.versionId, 1, answerFor(items[1]!.versionId), true)).status).toBe(200);

    // One more write in flight as the process dies: it may or may not have been stored, but only an
    // acknowledged write is promised.
    const inFlight = save(server, items[2]!.versionId, 1, answerFor(items[2]!.versionId)).catch(() => null);
    await server.kill();
    printed.push(server.output());
    await inFlight;

    server = await startApiServer(database.url, env);
    const after = await call(server, 'GET', `/api/attempts/${candidate.attemptId}`);
    expect(after.status, after.text).toBe(200);
    const resumed = after.json() as AttemptView;
    expect(resumed.status).toBe('started');
    expect(new Date(resumed.deadline!).getTime()).toBe(new Date(deadline).getTime());
    for (const [versionId, ack] of acknowledged) {
      expect(
        resumed.answers.find((a) => a.versionId === versionId),
        versionId,
      ).toEqual({ versionId, ...ack });
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(2);
    const again = await call(server, 'POST', `/api/bookings/${candidate.booking.id}/start`, {});
    expect(new Date((again.json() as Start).deadline).getTime()).toBe(new Date(deadline).getTime());

    // Finish the exam on the new process.
    for (const item of items.slice(2)) {
      expect((await save(server, item.versionId, 5, answerFor(item.versionId))).status).toBe(200);
    }
    const submitted = await call(server, 'POST', `/api/attempts/${candidate.attemptId}/submit`, {});
    expect(submitted.status, submitted.text).toBe(200);
    const result = submitted.json() as ResultView;
    expect(result).toMatchObject({ status: 'submitted', finalisedBy: 'candidate' });
    expect(result.score).toMatchObject({ points: 4, maxPoints: 4, passed: true });
  }, 240_000);
});
