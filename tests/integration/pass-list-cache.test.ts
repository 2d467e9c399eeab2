/**
 * The public pass list (`GET /api/results/:sittingId`) is kept serialised per version in each process
 * (issue 16). Two app instances on one database stand for two server processes: what one publishes or
 * re-scores, the other serves from its very next request, though it had the older list in its cache.
 * Also the HTTP side: an entity tag per version, 304 for a reader who has it, and compressed bodies.
 */
import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attempts } from '../../db/schema/index';
import { buildApp } from '../../server/app';
import { parseSignerKey } from '../../server/core/signed-note';
import { generateLogSignerKey } from '../../server/modules/log/log-key';
import type { SittingResultsResponse } from '../../server/modules/results/results.schemas';
import { finishedSitting, publishResults, type FinishedSitting } from '../factories/results';
import { type ExamBank, type Person } from '../factories/sittings';
import { request, type TestApp } from '../helpers/app';
import { examSuite } from '../helpers/exam-suite';

let t: TestApp, admin: Person, bank: ExamBank;
/** The second process: its own services and caches, the same database. */
let other: Awaited<ReturnType<typeof buildApp>>;
let finished: FinishedSitting;

examSuite((suite) => ({ t, admin, bank } = suite));
beforeAll(async () => {
  other = await buildApp({
    config: t.config,
    database: t.database,
    clock: t.clock.read,
    logSigner: parseSignerKey(generateLogSignerKey(t.config.log.origin)),
  });
  await other.app.ready();
  // 4-item papers, pass at 3: 4 and 3 right pass, 2 right fails.
  finished = await finishedSitting(t, admin, bank, [{ correct: 4 }, { correct: 3 }, { correct: 2 }]);
}, 180_000);
// Declared after the suite, so the second process closes before the first and its database.
afterAll(() => other?.app.close());

const passList = (app: TestApp['app'], headers: Record<string, string> = {}) =>
  request(app, { method: 'GET', url: `/api/results/${finished.sitting.id}`, headers });
const pointsOf = (list: SittingResultsResponse) =>
  Object.fromEntries(list.results.map((r) => [r.candidateCode, r.points]));
const code = (i: number) => finished.candidates[i]!.booking.candidateCode;

describe('the pass list across processes', () => {
  it('is served by the other process right after the first publishes, though it had answered 404', async () => {
    expect((await passList(other.app)).statusCode).toBe(404);
    await publishResults(t, admin, finished.sitting.id);
    const response = await passList(other.app);
    expect(response.statusCode, response.body).toBe(200);
    const list = response.json<SittingResultsResponse>();
    expect(list.revision).toBe(1);
    expect(pointsOf(list)).toEqual({ [code(0)]: 4, [code(1)]: 3, [code(2)]: 2 });
  });

  it('is served anew by the other process right after the first re-scores, with a new tag', async () => {
    const before = await passList(other.app);
    const tag = before.headers.etag as string;
    expect(tag).toMatch(/^"[^"]+"$/);
    // Kept: the same tag and the same bytes again.
    const again = await passList(other.app);
    expect(again.headers.etag).toBe(tag);
    expect(again.body).toBe(before.body);

    // A re-scoring in the first process: candidate 2 rises from 2 to 3 and passes.
    const attemptId = finished.candidates[2]!.attemptId;
    const [row] = await t.database.db.select().from(attempts).where(eq(attempts.id, attemptId));
    const result = { ...row!.result!, points: 3, passed: true, failReasons: [] };
    await t.database.db.update(attempts).set({ result, points: '3', passed: true }).where(eq(attempts.id, attemptId));
    expect(await t.services.results.republish([finished.sitting.id], { jobId: randomUUID() })).toEqual([
      { sittingId: finished.sitting.id, revision: 2, changed: 1 },
    ]);

    const after = await passList(other.app, { 'if-none-match': tag });
    expect(after.statusCode, after.body).toBe(200);
    expect(after.headers.etag).not.toBe(tag);
    const list = after.json<SittingResultsResponse>();
    expect(list.revision).toBe(2);
    expect(list.results.find((r) => r.candidateCode === code(2))).toMatchObject({ points: 3, passed: true });
    // Both processes serve the same list.
    expect((await passList(t.app)).body).toBe(after.body);
  });

  it('answers 304 to a reader (or a proxy) that holds the current version, and tells caches to ask again', async () => {
    const current = await passList(other.app);
    expect(current.headers['cache-control']).toBe('public, no-cache');
    const tag = current.headers.etag as string;
    for (const header of [tag, `W/${tag}`, `"other", ${tag}`, '*']) {
      const response = await passList(other.app, { 'if-none-match': header });
      expect(response.statusCode, header).toBe(304);
      expect(response.body).toBe('');
      expect(response.headers.etag).toBe(tag);
    }
    expect((await passList(other.app, { 'if-none-match': '"pl1-r1-0"' })).statusCode).toBe(200);
  });

  it('sends the same JSON compressed to a reader who accepts it', async () => {
    const plain = await passList(t.app);
    const gzipped = await passList(t.app, { 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toMatch(/accept-encoding/i);
    expect(gunzipSync(gzipped.rawPayload).toString('utf8')).toBe(plain.body);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('is a 404 for an unpublished or unknown sitting, in either process', async () => {
    for (const app of [t.app, other.app]) {
      const response = await request(app, { method: 'GET', url: `/api/results/${randomUUID()}` });
      expect(response.statusCode).toBe(404);
    }
  });
});
