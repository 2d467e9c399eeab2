/**
 * A load-generating process of the exam-day benchmark: it plays its share of the candidates
 * (sign-in, start, paper, saves with think time, submit) or a closed-loop baseline, and reports
 * latencies. It runs outside the server's process so that the client's work is not the server's.
 */
import { writeFileSync } from 'node:fs';
import { lcg } from '../stats';
import { createClient, type HttpClient, type HttpResponse } from './http';
import type {
  AckedAnswer,
  AckedAttempt,
  BenchCandidate,
  ExamPlan,
  OpStats,
  WorkerCommand,
  WorkerResult,
} from './protocol';

const TIMEOUT_MS = 60_000;
const random = lcg(Number(process.env.BENCH_WORKER_SEED ?? 1));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Signed-in candidates, kept from the sign-in command for the exam command. */
const sessions = new Map<string, { candidate: BenchCandidate; cookie: string }>();

function newStats(): OpStats {
  return { latencies: [], answeredAt: [], ok: 0, errors: {}, firstAt: Number.POSITIVE_INFINITY, lastAt: 0 };
}

/** How many times a results-day reader asks again after a 503 with Retry-After. */
const READER_RETRIES = 3;

function mergeInto(into: OpStats, from: OpStats): void {
  into.latencies.push(...from.latencies);
  into.answeredAt!.push(...from.answeredAt!);
  into.ok += from.ok;
  for (const [k, v] of Object.entries(from.errors)) into.errors[k] = (into.errors[k] ?? 0) + v;
  into.firstAt = Math.min(into.firstAt, from.firstAt);
  into.lastAt = Math.max(into.lastAt, from.lastAt);
}

/** Times one request into `stats`; a non-2xx answer or a network failure is counted as an error. */
async function timed(stats: OpStats, call: () => Promise<HttpResponse>): Promise<HttpResponse | null> {
  const started = Date.now();
  const t0 = performance.now();
  stats.firstAt = Math.min(stats.firstAt, started);
  try {
    const response = await call();
    stats.latencies.push(performance.now() - t0);
    stats.lastAt = Math.max(stats.lastAt, Date.now());
    stats.answeredAt!.push(Date.now());
    if (response.status >= 200 && response.status < 300) {
      stats.ok++;
      return response;
    }
    let code = '';
    try {
      const parsed = JSON.parse(response.body) as { error?: { code?: string; fields?: { code?: string }[] } };
      code = parsed.error?.fields?.[0]?.code ?? parsed.error?.code ?? '';
    } catch {
      // not JSON: the status says enough
    }
    const key = `${response.status}${code ? ` ${code}` : ''}`;
    stats.errors[key] = (stats.errors[key] ?? 0) + 1;
    return null;
  } catch (error) {
    stats.lastAt = Math.max(stats.lastAt, Date.now());
    const key = `network ${(error as Error).message}`;
    stats.errors[key] = (stats.errors[key] ?? 0) + 1;
    return null;
  }
}

async function closedLoop(concurrency: number, total: number, task: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      while (next < total) await task(next++);
    }),
  );
}

async function baseline(client: HttpClient, path: string, concurrency: number, requests: number) {
  const stats = newStats();
  await closedLoop(concurrency, requests, async (i) => {
    // The body of a real autosave; the upsert baseline writes it to a row keyed like attempt_answers.
    const body = {
      attemptId: `00000000-0000-4000-8000-${String(Math.floor(random() * 5000)).padStart(12, '0')}`,
      versionId: `00000000-0000-4000-9000-${String(Math.floor(random() * 100)).padStart(12, '0')}`,
      seq: i + 1,
      answer: { kind: 'choice', optionIds: ['b'] },
      flagged: false,
    };
    await timed(stats, () => client.send('PUT', path, body));
  });
  return stats;
}

/** Sign-ins through the API (Argon2 each); the sessions they make are not used by the exam, which has its own. */
async function signIn(client: HttpClient, candidates: BenchCandidate[], password: string, concurrency: number) {
  const stats = newStats();
  await closedLoop(concurrency, candidates.length, async (i) => {
    const candidate = candidates[i]!;
    const response = await timed(stats, () =>
      client.send('POST', '/api/auth/sign-in', { login: candidate.email, password }),
    );
    if (response && !response.setCookie) stats.errors['200 no cookie'] = (stats.errors['200 no cookie'] ?? 0) + 1;
  });
  return stats;
}

interface PaperItem {
  versionId: string;
  type: 'single' | 'multiple' | 'short';
  options: { id: string }[];
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function answerFor(item: PaperItem, n: number): unknown {
  if (random() < 0.08) return null; // the candidate clears an answer now and then
  if (item.type === 'short') return { kind: 'text', text: `cavab ${n}` };
  const ids = item.options.map((o) => o.id);
  if (item.type === 'single' || ids.length < 2) return { kind: 'choice', optionIds: [pick(ids)] };
  const chosen = ids.filter(() => random() < 0.5);
  return { kind: 'choice', optionIds: chosen.length ? chosen : [pick(ids)] };
}

/** The save's label: the stretch of the run it was sent in. */
function savePhase(plan: ExamPlan, at: number): string {
  const phase = plan.savePhases.find((p) => at >= p.from && at < p.to);
  return phase ? `save · ${phase.name}` : 'save';
}

/** An exponential gap (ms) for a Poisson process of `perSecond` events. */
const gap = (perSecond: number) => (-Math.log(1 - random()) / perSecond) * 1000;

async function exam(client: HttpClient, plan: ExamPlan, resultFile: string): Promise<WorkerResult> {
  const ops: Record<string, OpStats> = {};
  const op = (name: string) => (ops[name] ??= newStats());
  const acked: AckedAttempt[] = [];
  let staleAcks = 0;
  let abandoned = 0;
  let lateSaves = 0;
  let unsubmitted = 0;
  let submitRetries = 0;
  const candidates = [...sessions.values()];
  // Each candidate saves as a Poisson process; together they offer this worker's share of the rate.
  const perCandidate = plan.saveRate / Math.max(1, candidates.length);

  async function candidateRun({ candidate, cookie }: { candidate: BenchCandidate; cookie: string }) {
    await sleep(plan.startAt + random() * plan.startWindowMs - Date.now());
    const started = await timed(op('start'), () =>
      client.send('POST', `/api/bookings/${candidate.bookingId}/start`, {}, cookie),
    );
    if (!started) {
      abandoned++;
      return;
    }
    const { attemptId } = JSON.parse(started.body) as { attemptId: string };
    const viewed = await timed(op('paper'), () => client.send('GET', `/api/attempts/${attemptId}`, undefined, cookie));
    if (!viewed) {
      abandoned++;
      return;
    }
    const view = JSON.parse(viewed.body) as { sections: { items: PaperItem[] }[] };
    const items = view.sections.flatMap((s) => s.items);
    const answers: Record<string, AckedAnswer> = {};
    const seqs = new Map<string, number>();
    acked.push({ attemptId, answers });

    // Open loop: the next save is due on its own schedule, whenever the last one was answered (a
    // candidate's page sends one at a time, so a slow answer delays the next, which is counted late).
    let due = Math.max(plan.saveFrom, Date.now()) + gap(perCandidate);
    // A candidate the server has fallen behind stops saving at the submit window, as the room would.
    for (let k = 0; due < plan.submitAt && Date.now() < plan.submitAt; k++, due += gap(perCandidate)) {
      const wait = due - Date.now();
      if (wait < -1_000) lateSaves++;
      await sleep(wait);
      const item = pick(items);
      const seq = (seqs.get(item.versionId) ?? 0) + 1;
      seqs.set(item.versionId, seq);
      const body = { versionId: item.versionId, seq, answer: answerFor(item, k), flagged: random() < 0.1 };
      const saved = await timed(op(savePhase(plan, Date.now())), () =>
        client.send('PUT', `/api/attempts/${attemptId}/answers`, body, cookie),
      );
      if (!saved) continue;
      const ack = JSON.parse(saved.body) as { applied: boolean; seq: number };
      if (!ack.applied) staleAcks++;
      else answers[item.versionId] = { seq: body.seq, answer: body.answer, flagged: body.flagged };
    }

    await sleep(plan.submitAt + random() * plan.submitWindowMs - Date.now());
    // Like the exam room, a submit that found no server (still restarting after the kill) is sent again.
    for (let tries = 0; ; tries++) {
      const refused = newStats();
      const submitted = await timed(tries < 30 ? refused : op('submit'), () =>
        client.send('POST', `/api/attempts/${attemptId}/submit`, {}, cookie),
      );
      const wasRefused = Object.keys(refused.errors).some((k) => k.includes('ECONNREFUSED'));
      if (tries < 30 && wasRefused) {
        submitRetries++;
        await sleep(1_000);
        continue;
      }
      if (tries < 30) mergeInto(op('submit'), refused);
      if (!submitted) unsubmitted++;
      break;
    }
  }

  /**
   * A results-day reader in a browser: accepts compressed answers, reads each page in turn, and when told the
   * server is busy (503 with Retry-After) waits as long as it says and asks again, up to READER_RETRIES times.
   * Each request is timed under `read <label>`; the wait from the first request to the one served, under
   * `read <label> · until served`.
   */
  async function reader(_: unknown, i: number) {
    const own = candidates[i % candidates.length];
    await sleep(plan.readers.from + random() * plan.readers.windowMs - Date.now());
    for (const { label, path } of plan.readers.paths) {
      if (path.includes('{attempt}') && !own) continue;
      const mine = path.includes('{attempt}');
      const firstAt = performance.now();
      const firstWallAt = Date.now();
      for (let tries = 0; ; tries++) {
        let retryAfter: number | null = null;
        const served = await timed(op(`read ${label}`), async () => {
          const response = await client.send(
            'GET',
            mine ? path.replace('{attempt}', own!.candidate.publishedAttemptId) : path,
            undefined,
            mine ? own!.cookie : null,
            { compressed: true },
          );
          if (response.status === 503) retryAfter = response.retryAfter;
          return response;
        });
        if (served) {
          const until = op(`read ${label} · until served`);
          until.latencies.push(performance.now() - firstAt);
          until.answeredAt!.push(Date.now());
          until.firstAt = Math.min(until.firstAt, firstWallAt);
          until.lastAt = Math.max(until.lastAt, Date.now());
          until.ok++;
        }
        if (served || retryAfter === null || tries >= READER_RETRIES) break;
        await sleep(retryAfter * 1000);
      }
    }
  }

  async function lateSignIns() {
    const { candidates: signing, password, from, concurrency } = plan.signIns;
    if (signing.length === 0) return;
    await sleep(from - Date.now());
    await closedLoop(concurrency, signing.length, async (i) => {
      await timed(op('sign-in · exam'), () =>
        client.send('POST', '/api/auth/sign-in', { login: signing[i]!.email, password }),
      );
    });
  }

  await Promise.all([
    ...candidates.map(candidateRun),
    ...Array.from({ length: plan.readers.count }, reader),
    lateSignIns(),
  ]);
  writeFileSync(resultFile, JSON.stringify(acked));
  return { type: 'result', ops, staleAcks, abandoned, lateSaves, unsubmitted, submitRetries };
}

async function handle(command: WorkerCommand): Promise<WorkerResult | null> {
  if (command.type === 'exit') return null;
  if (command.type === 'sessions') {
    for (const candidate of command.candidates)
      sessions.set(candidate.email, { candidate, cookie: `${command.cookieName}=${candidate.sessionToken}` });
    return { type: 'result', ops: {} };
  }
  const client = createClient(command.baseUrl, { timeoutMs: TIMEOUT_MS });
  try {
    switch (command.type) {
      case 'baseline':
        return {
          type: 'result',
          ops: { baseline: await baseline(client, command.path, command.concurrency, command.requests) },
        };
      case 'sign-in':
        return {
          type: 'result',
          ops: { 'sign-in': await signIn(client, command.candidates, command.password, command.concurrency) },
        };
      case 'exam':
        return await exam(client, command.plan, command.resultFile);
    }
  } finally {
    client.close();
  }
}

process.on('message', (command: WorkerCommand) => {
  handle(command).then(
    (result) => {
      if (result) process.send!(result);
      else process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`load worker: ${String((error as Error)?.stack ?? error)}\n`);
      process.exit(1);
    },
  );
});
