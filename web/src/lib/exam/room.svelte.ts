import { SvelteSet } from 'svelte/reactivity';
import type { Answer, AttemptItem, AttemptView, ResultView, SaveAck } from '$lib/api/exam';
import { AnswerQueue, backoffMs, type ItemState, type KeyValueStore, type PendingWrite } from './answer-queue';
import { ServerClock, TimeWarnings } from './clock';

/** What a question's answer looks like to the candidate: kept by the server, on its way, or held here. */
export type SaveState = 'none' | 'saved' | 'saving' | 'unsaved';

/**
 * running: answering. time-up: the deadline passed, the server is finalising. finished: the result
 * is in. submitting: the candidate confirmed and the queue is being flushed.
 */
export type Phase = 'running' | 'submitting' | 'time-up' | 'finished';

/** Something the candidate must be told plainly. */
export type Problem =
  'deadline-passed' | 'not-in-progress' | 'signed-out' | 'unsaved-on-submit' | 'submit-failed' | 'result-unavailable';

interface ApiErrorBody {
  error?: { code?: string; fields?: { field?: string; code?: string }[] };
}

type SendOutcome = 'ok' | 'retry' | 'stop';

const RESULT_POLL_MS = 2_000;
const TICK_MS = 250;

/** The browser's local time at which the page's own HTML (and so `serverNow`) arrived. */
let pageLoadUsed = false;
export function receiptTime(): number {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  // Only the first room on a freshly loaded document can use the navigation's timing; after a
  // client-side navigation the data has only just arrived.
  if (!pageLoadUsed && nav && nav.name === location.href && nav.responseStart > 0) {
    pageLoadUsed = true;
    return performance.timeOrigin + nav.responseStart;
  }
  pageLoadUsed = true;
  return Date.now();
}

function browserStore(): KeyValueStore | null {
  try {
    const store = window.localStorage;
    const probe = 'imtahan.exam.probe';
    store.setItem(probe, '1');
    store.removeItem(probe);
    return store;
  } catch {
    return null;
  }
}

async function errorOf(response: Response): Promise<{ code: string; domain: string | null; field: string | null }> {
  let body: ApiErrorBody = {};
  try {
    body = (await response.json()) as ApiErrorBody;
  } catch {
    // Not JSON (a proxy's page): only the status says anything.
  }
  const first = body.error?.fields?.[0];
  return {
    code: body.error?.code ?? `HTTP_${response.status}`,
    domain: first?.code ?? null,
    field: first?.field ?? null,
  };
}

/**
 * The exam room's state in the browser: the answers, the autosave queue and its retries, the
 * connection, the countdown against the server's clock, submission and the result. The page renders
 * it; everything that talks to the API is here.
 */
export class ExamRoom {
  readonly attemptId: string;
  readonly items: readonly AttemptItem[];
  readonly graceSeconds: number;

  answers: Record<string, ItemState> = $state({});
  saveStates: Record<string, SaveState> = $state({});
  /** False while the browser says it is offline or a request could not reach the server. */
  online = $state(true);
  pendingCount = $state(0);
  deadline = $state('');
  remaining = $state(0);
  phase: Phase = $state('running');
  problem: Problem | null = $state(null);
  /** The latest time warning given (minutes left), for the live region; null before the first. */
  warning: number | null = $state(null);
  result: ResultView | null = $state(null);
  current = $state(0);

  readonly #queue: AnswerQueue;
  readonly #clock: ServerClock;
  readonly #warnings: TimeWarnings;
  readonly #acknowledged = new SvelteSet<string>();
  readonly #sending = new SvelteSet<Promise<SendOutcome>>();
  #failures = 0;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #stopped = false;
  #disposed = false;

  constructor(view: AttemptView, receivedAt: number, store: KeyValueStore | null = browserStore()) {
    this.attemptId = view.id;
    this.items = view.sections.flatMap((s) => s.items).sort((a, b) => a.number - b.number);
    this.graceSeconds = view.graceSeconds;
    this.deadline = view.deadline ?? view.serverNow;
    this.#clock = new ServerClock(view.serverNow, receivedAt);
    this.#queue = new AnswerQueue(view.id, view.answers, store);
    for (const saved of view.answers) this.#acknowledged.add(saved.versionId);
    const answers: Record<string, ItemState> = {};
    for (const item of this.items) answers[item.versionId] = { answer: null, flagged: false };
    this.answers = { ...answers, ...this.#queue.initial };
    this.remaining = this.#clock.remaining(this.deadline, receivedAt);
    this.#warnings = new TimeWarnings(this.remaining);
    this.#refresh();
  }

  /** Starts the clock, the listeners and the first flush; returns what stops them. */
  start(): () => void {
    const tick = setInterval(() => this.#tick(), TICK_MS);
    const online = () => {
      this.#failures = 0;
      this.#flush();
    };
    const offline = () => {
      this.online = false;
      this.#refresh();
    };
    const visible = () => {
      if (document.visibilityState === 'visible') {
        this.#tick();
        this.#flush();
      }
    };
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    document.addEventListener('visibilitychange', visible);
    if (!navigator.onLine) this.online = false;
    this.#tick();
    this.#flush();
    return () => {
      this.#disposed = true;
      clearInterval(tick);
      if (this.#retryTimer) clearTimeout(this.#retryTimer);
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      document.removeEventListener('visibilitychange', visible);
    };
  }

  get editable(): boolean {
    return this.phase === 'running' && !this.#stopped;
  }

  get answeredCount(): number {
    return this.items.filter((item) => isAnswered(this.answers[item.versionId]?.answer ?? null)).length;
  }

  setAnswer(versionId: string, answer: Answer | null): void {
    if (!this.editable) return;
    const flagged = this.answers[versionId]?.flagged ?? false;
    this.#change(versionId, { answer: normalise(answer), flagged });
  }

  toggleFlag(versionId: string): void {
    if (!this.editable) return;
    const state = this.answers[versionId] ?? { answer: null, flagged: false };
    this.#change(versionId, { answer: state.answer, flagged: !state.flagged });
  }

  /**
   * Sends every held answer first, then submits. Submission is idempotent on the server, so a
   * repeated click or a retry after a lost response gives the same result.
   */
  async submit(): Promise<boolean> {
    if (this.phase !== 'running') return false;
    this.phase = 'submitting';
    this.problem = null;
    const flushed = await this.#drain();
    if (!flushed) {
      if (this.phase === 'submitting') {
        this.phase = 'running';
        this.problem = this.problem ?? 'unsaved-on-submit';
      }
      return false;
    }
    try {
      const response = await fetch(`/api/attempts/${encodeURIComponent(this.attemptId)}/submit`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: '{}',
      });
      if (response.ok) {
        this.result = (await response.json()) as ResultView;
        this.#stopped = true;
        this.phase = 'finished';
        return true;
      }
      const { domain } = await errorOf(response);
      if (response.status === 401) this.problem = 'signed-out';
      else if (domain === 'attempt.not_in_progress' || domain === 'attempt.deadline_passed') {
        await this.#awaitResult();
        return this.result !== null;
      } else this.problem = 'submit-failed';
    } catch {
      this.online = false;
      this.problem = 'submit-failed';
    }
    this.phase = 'running';
    return false;
  }

  #change(versionId: string, state: ItemState): void {
    this.answers[versionId] = state;
    this.#queue.record(versionId, state);
    this.#refresh();
    this.#flush();
  }

  #tick(): void {
    if (this.#disposed) return;
    this.remaining = this.#clock.remaining(this.deadline);
    const due = this.#warnings.due(this.remaining);
    if (due !== null && this.phase === 'running') this.warning = due;
    if (this.remaining === 0 && (this.phase === 'running' || this.phase === 'submitting')) void this.#timeUp();
  }

  /** Sends what is ready; on failure waits with backoff, on success carries on until the queue is empty. */
  #flush(): void {
    if (this.#stopped || this.#disposed) return;
    if (this.#retryTimer) {
      clearTimeout(this.#retryTimer);
      this.#retryTimer = null;
    }
    if (typeof navigator !== 'undefined' && !navigator.onLine) {
      this.online = false;
      this.#refresh();
      this.#scheduleRetry();
      return;
    }
    for (const write of this.#queue.ready()) {
      this.#queue.markSent(write);
      const sending = this.#send(write);
      this.#sending.add(sending);
      void sending.then((outcome) => {
        this.#sending.delete(sending);
        this.#refresh();
        if (outcome === 'ok') {
          this.#failures = 0;
          if (this.#queue.ready().length > 0) this.#flush();
        } else if (outcome === 'retry') {
          this.#failures += 1;
          this.#scheduleRetry();
        }
      });
    }
    this.#refresh();
  }

  #scheduleRetry(): void {
    if (this.#stopped || this.#disposed || this.#retryTimer || this.#queue.size === 0) return;
    this.#retryTimer = setTimeout(
      () => {
        this.#retryTimer = null;
        this.#flush();
      },
      backoffMs(Math.max(1, this.#failures)),
    );
  }

  async #send(write: PendingWrite): Promise<SendOutcome> {
    const sentAt = Date.now();
    let response: Response;
    try {
      response = await fetch(`/api/attempts/${encodeURIComponent(this.attemptId)}/answers`, {
        method: 'PUT',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          versionId: write.versionId,
          seq: write.seq,
          answer: write.answer,
          flagged: write.flagged,
        }),
      });
    } catch {
      this.#queue.markFailed(write.versionId);
      this.online = false;
      return 'retry';
    }
    if (response.ok) {
      let ack: SaveAck;
      try {
        ack = (await response.json()) as SaveAck;
      } catch {
        this.#queue.markFailed(write.versionId);
        return 'retry';
      }
      this.#clock.observe(ack.savedAt, sentAt, Date.now());
      this.#queue.acknowledge(ack.versionId, ack.seq);
      this.#acknowledged.add(ack.versionId);
      this.online = true;
      if (this.problem === 'signed-out') this.problem = null;
      return 'ok';
    }
    this.online = true;
    const { domain, field } = await errorOf(response);
    if (response.status === 409 && domain === 'attempt.deadline_passed') {
      this.#queue.markFailed(write.versionId);
      this.#stop('deadline-passed');
      return 'stop';
    }
    if (response.status === 409 && domain === 'attempt.not_in_progress') {
      this.#queue.markFailed(write.versionId);
      this.#stop('not-in-progress');
      return 'stop';
    }
    if (response.status === 400 && field === 'versionId') {
      this.#queue.discard(write.versionId);
      return 'ok';
    }
    if (response.status === 401) this.problem = 'signed-out';
    this.#queue.markFailed(write.versionId);
    return 'retry';
  }

  /** The server will take no more answers: say so, stop retrying and fetch the result. */
  #stop(problem: Problem): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.problem = problem;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    if (this.phase !== 'finished') this.phase = 'time-up';
    void this.#awaitResult();
  }

  /** Flushes until the queue is empty or a round fails; true when every answer was acknowledged. */
  async #drain(): Promise<boolean> {
    for (let round = 0; round < 20; round += 1) {
      if (this.#sending.size > 0) await Promise.allSettled([...this.#sending]);
      if (this.#queue.size === 0) return true;
      if (this.#stopped) return false;
      const before = this.#failures;
      this.#flush();
      if (this.#sending.size === 0) return false;
      await Promise.allSettled([...this.#sending]);
      if (this.#failures > before) return this.#queue.size === 0;
    }
    return this.#queue.size === 0;
  }

  async #timeUp(): Promise<void> {
    if (this.phase === 'time-up' || this.phase === 'finished') return;
    this.phase = 'time-up';
    // Answers in flight still count within the grace period: send them before asking for the result.
    await this.#drain();
    const graceEnds = Date.parse(this.deadline) + this.graceSeconds * 1000;
    const wait = graceEnds - this.#clock.now() + 500;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // An administrator may have extended the time: the server's view decides.
    const view = await this.#fetchJson<AttemptView>(`/api/attempts/${encodeURIComponent(this.attemptId)}`);
    if (view && view.status === 'started' && view.deadline && Date.parse(view.deadline) > this.#clock.now()) {
      this.deadline = view.deadline;
      this.phase = 'running';
      this.#tick();
      return;
    }
    this.#stopped = true;
    await this.#awaitResult();
  }

  /** Asks for the result until the server has finalised the attempt. */
  async #awaitResult(): Promise<void> {
    const path = `/api/attempts/${encodeURIComponent(this.attemptId)}/result`;
    for (let tries = 0; tries < 60 && !this.#disposed; tries += 1) {
      const result = await this.#fetchJson<ResultView>(path);
      if (result) {
        this.result = result;
        this.phase = 'finished';
        return;
      }
      // Reading the attempt finalises it on the server once its deadline and grace have passed.
      await this.#fetchJson<AttemptView>(`/api/attempts/${encodeURIComponent(this.attemptId)}`);
      await new Promise((resolve) => setTimeout(resolve, RESULT_POLL_MS));
    }
    this.problem = 'result-unavailable';
  }

  async #fetchJson<T>(path: string): Promise<T | null> {
    const sentAt = Date.now();
    try {
      const response = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      this.online = true;
      if (!response.ok) return null;
      const body = (await response.json()) as T & { serverNow?: string };
      if (typeof body.serverNow === 'string') this.#clock.observe(body.serverNow, sentAt, Date.now());
      return body;
    } catch {
      this.online = false;
      return null;
    }
  }

  #refresh(): void {
    const states: Record<string, SaveState> = {};
    for (const item of this.items) {
      const id = item.versionId;
      if (this.#queue.isPending(id))
        states[id] = this.#queue.isInFlight(id) && this.online && !this.#stopped ? 'saving' : 'unsaved';
      else states[id] = this.#acknowledged.has(id) ? 'saved' : 'none';
    }
    this.saveStates = states;
    this.pendingCount = this.#queue.size;
  }
}

export function isAnswered(answer: Answer | null): boolean {
  if (!answer) return false;
  return answer.kind === 'choice' ? answer.optionIds.length > 0 : answer.text.trim() !== '';
}

/** An empty choice or empty text is sent as no answer at all. */
function normalise(answer: Answer | null): Answer | null {
  if (!answer) return null;
  return (answer.kind === 'choice' ? answer.optionIds.length > 0 : answer.text !== '') ? answer : null;
}
