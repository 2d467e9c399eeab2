import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { shedUnderLoad } from '../../server/plugins/shedding';
import {
  EXAM_ENV,
  examBank,
  getAttempt,
  paperItems,
  readySitting,
  atStart,
  saveRequest,
  start,
  staffMember,
  type Candidate,
} from '../factories/sittings';
import { createTestApp, request, type TestApp } from '../helpers/app';

/**
 * Issue 16, results day beside an exam: while the server is busy, public reads (the register, pass lists, the log)
 * are turned away with 503 BUSY and a Retry-After, and everything exam day needs is served as usual.
 */
let t: TestApp;
let who: Candidate;
let sittingId: string;

beforeAll(async () => {
  t = await createTestApp({ ...EXAM_ENV, SHED_EVENT_LOOP_DELAY_MS: '50', SHED_RETRY_AFTER_SECONDS: '7' });
  const admin = await staffMember(t, 'administrator');
  const { sitting, candidates } = await readySitting(t, admin, await examBank(t), { candidates: 1 });
  sittingId = sitting.id;
  who = candidates[0]!;
  atStart(t, sitting, 60_000);
  await start(t, who);
});
afterAll(() => t?.close());

/**
 * Keeps the event loop busy in 200 ms slices, one in each of its turns, as a burst of requests would, until the
 * returned function is called: each turn then waits about 200 ms, four times the limit set above. Requests still
 * interleave between the slices. (A slice per turn, from setImmediate: chained by setTimeout, a slice could miss a
 * turn, and a turn that waits for nothing lowers the measured mean.)
 */
function keepBusy(): () => void {
  let busy = true;
  const slice = () => {
    if (!busy) return;
    const until = Date.now() + 200;
    while (Date.now() < until) {
      // the loop's work: nothing else runs meanwhile
    }
    setImmediate(slice);
  };
  setImmediate(slice);
  return () => {
    busy = false;
  };
}

const get = (url: string, cookie?: string) => request(t.app, { method: 'GET', url, ...(cookie ? { cookie } : {}) });

/** Anyone's reads: the register, its statistics and the log (and, below, the sitting's pass list). */
const PUBLIC_READS = ['/api/register/results', '/api/register/statistics', '/api/log'];

function expectBusy(response: Awaited<ReturnType<typeof get>>, url: string) {
  expect(response.statusCode, url).toBe(503);
  expect(response.headers['retry-after'], url).toBe('7');
  expect(response.json(), url).toEqual({
    error: { code: 'BUSY', message: 'The service is busy; try again in 7 seconds.' },
  });
}

describe('a busy server', () => {
  it('turns public reads away with 503 BUSY and a Retry-After, and serves the exam, sign-in and health', async () => {
    const stop = keepBusy();
    // Each request is sent once the server has measured the pressure: on a loaded machine one sample can come out
    // under the limit, and a request sent then would prove nothing either way.
    const busy = () => vi.waitFor(() => expect(t.app.isUnderPressure()).toBe(true), { timeout: 5_000, interval: 10 });
    try {
      for (const url of [...PUBLIC_READS, `/api/results/${sittingId}`]) {
        await busy();
        expectBusy(await get(url), url);
      }

      // The candidate's exam goes on: the paper, an autosave acknowledged, a second Start answered with the first.
      await busy();
      const view = await getAttempt(t, who, who.attemptId);
      const [item] = paperItems(view);
      await busy();
      const saved = await saveRequest(t, who, who.attemptId, { versionId: item!.versionId, seq: 1, answer: null });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json()).toMatchObject({ applied: true, seq: 1 });
      await busy();
      expect((await start(t, who)).attemptId).toBe(who.attemptId);
      // What every page and sign-in ask first, the admission ticket's address and the balancer's health check.
      for (const url of ['/api/health', '/api/meta', '/api/auth/session']) {
        await busy();
        expect((await get(url, who.cookie)).statusCode, url).toBe(200);
      }
    } finally {
      stop();
    }
  });

  it('serves public reads again once the load has passed', async () => {
    await vi.waitFor(() => expect(t.app.isUnderPressure()).toBe(false), { timeout: 5_000, interval: 20 });
    const served = await get('/api/register/results');
    expect(served.statusCode, served.body).toBe(200);
    expect(served.headers['retry-after']).toBeUndefined();
  });
});

/** An app with only the bound on public reads in flight (one), so that no measurement of the loop comes into it. */
let bounded: TestApp;
const getBounded = (url: string) => request(bounded.app, { method: 'GET', url });

beforeAll(async () => {
  bounded = await createTestApp({ SHED_PUBLIC_READS_IN_FLIGHT: '1', SHED_RETRY_AFTER_SECONDS: '7' });
});
afterAll(() => bounded?.close());

/**
 * Locks the register's table in a transaction of the bounded app's database, so that a read of it waits there,
 * holding its place; the returned function ends the transaction.
 */
async function lockRegister(): Promise<() => Promise<void>> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holder = bounded.database.db.transaction(async (tx) => {
    await tx.execute(sql`lock table register_results in access exclusive mode`);
    locked();
    await released;
  });
  await isLocked;
  return async () => {
    release();
    await holder;
  };
}

describe('public reads in flight', () => {
  it('are served one at a time here: the next is turned away at once, and an answer makes room', async () => {
    // The register's table locked, so the first read waits in the database, holding its place.
    const unlock = await lockRegister();
    const first = getBounded('/api/register/results');
    // Its place is taken in its first hook, a few turns of the loop after it is sent.
    await new Promise((resolve) => setTimeout(resolve, 50));
    try {
      expectBusy(await getBounded('/api/register/statistics'), 'a second public read');
    } finally {
      await unlock();
    }
    expect((await first).statusCode).toBe(200);
    // Answered, even with a refusal (that is no candidate code), a read gives its place back.
    expect((await getBounded('/api/register/results/NO-SUCH-CODE')).statusCode).toBe(400);
    expect((await getBounded('/api/register/statistics')).statusCode).toBe(200);
  });
});

describe('a reader who leaves', () => {
  it('gives the place back: a read abandoned while it waited leaves room for the next', async () => {
    const base = await bounded.app.listen({ port: 0, host: '127.0.0.1' });
    const unlock = await lockRegister();
    // Over a real socket, so that the reader can go away: it waits in the database, then the browser is closed.
    const reader = new AbortController();
    const abandoned = fetch(`${base}/api/register/results`, { signal: reader.signal }).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    reader.abort();
    expect(await abandoned).toBeInstanceOf(Error);
    await unlock();
    await vi.waitFor(async () => expect((await getBounded('/api/register/statistics')).statusCode).toBe(200), {
      timeout: 5_000,
      interval: 50,
    });
  });
});

describe('what is turned away first', () => {
  it('is every public GET outside health, meta, sign-in and tickets, and nothing that needs a session', () => {
    const shed = t.app.apiRoutes.filter(shedUnderLoad).map((r) => `${r.method} ${r.url}`);
    expect(shed).toEqual(
      expect.arrayContaining(['GET /api/register/results', 'GET /api/results/:sittingId', 'GET /api/log']),
    );
    for (const route of t.app.apiRoutes) {
      const line = `${route.method} ${route.url}`;
      const kept = /^\/api\/(health|meta|auth|tickets)(\/|$)/.test(route.url);
      expect(shed.includes(line), line).toBe(route.method === 'GET' && route.access === 'public' && !kept);
    }
  });
});
