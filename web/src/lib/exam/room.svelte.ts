import { SvelteSet } from 'svelte/reactivity';
import type { Answer, AttemptItem, AttemptView, ResultView } from '$lib/api/exam';
import { examRoomApi } from '$lib/api/exam-room';
import { firstProblem, type ApiResult } from '$lib/api/response';
import {
  AnswerQueue,
  deadlineWindow,
  retryDelayMs,
  type Conflict,
  type ItemState,
  type KeyValueStore,
  type PendingWrite,
  type UnsentAnswer,
} from './answer-queue';
import { ServerClock, TimeWarnings } from './clock';
import { TabPeers, type PeerMessage } from './peers';
import { saveUnsent } from './unsent';

/**
 * What a question's answer looks like to the candidate: kept by the server, on its way, held here,
 * or refused because another tab or device saved a different answer (conflict).
 */
export type SaveState = 'none' | 'saved' | 'saving' | 'unsaved' | 'conflict';

/**
 * running: answering. time-up: the deadline passed, the server is finalising. finished: the result
 * is in. submitting: the candidate confirmed and the queue is being flushed.
 */
export type Phase = 'running' | 'submitting' | 'time-up' | 'finished';

/** Something the candidate must be told plainly. */
export type Problem =
  'deadline-passed' | 'not-in-progress' | 'signed-out' | 'unsaved-on-submit' | 'submit-failed' | 'result-unavailable';

type SendOutcome = 'ok' | 'retry' | 'stop';

const RESULT_POLL_MS = 2_000;
const TICK_MS = 250;
/**
 * How often the room re-reads its attempt while answering: a deadline moved by an administrator
 * (one candidate or the whole sitting) and a submission from another device show without a reload.
 */
export const REFRESH_MS = 20_000;

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

/**
 * The exam room's state in the browser: the answers, the autosave queue and its retries, the
 * connection, the countdown against the server's clock, submission and the result. The page renders
 * it; everything that talks to the API is here.
 */
export class ExamRoom {
  readonly attemptId: string;
  readonly #api: ReturnType<typeof examRoomApi>;
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
  /** False until the browser has taken over the server-rendered page: then every click is saved. */
  live = $state(false);
  /** Other tabs or windows of this browser with the same attempt open. */
  otherTabs = $state(0);
  /** Conflicts by item: this page's choice and what the server holds instead. */
  conflicts: Record<string, Conflict> = $state({});
  /** What did not reach the server when the attempt ended: told plainly, kept for the result page. */
  unsent: UnsentAnswer[] = $state([]);
  /** The deadline moved while the room was open (minutes added), to say so once. */
  extendedBy: number | null = $state(null);

  readonly #queue: AnswerQueue;
  readonly #clock: ServerClock;
  readonly #warnings: TimeWarnings;
  readonly #acknowledged = new SvelteSet<string>();
  readonly #sending = new SvelteSet<Promise<SendOutcome>>();
  #failures = 0;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #stopped = false;
  #disposed = false;
  #peers: TabPeers | null = null;
  #lastRefresh = 0;

  constructor(view: AttemptView, receivedAt: number, store: KeyValueStore | null = browserStore()) {
    this.attemptId = view.id;
    this.#api = examRoomApi(view.id);
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

  /**
   * Keeps what the candidate did on the server-rendered page before it was live: each input whose
   * state differs from what was rendered is recorded and sent, never silently reset. (The inputs
   * are `autocomplete="off"`, so a browser restoring an older form state on reload is not mistaken
   * for the candidate's choice.)
   */
  adoptPageInput(root: ParentNode): void {
    for (const item of this.items) {
      const name = `answer-${item.versionId}`;
      const shown = this.answers[item.versionId] ?? { answer: null, flagged: false };
      let answer: Answer | null | undefined;
      if (item.type === 'short' || item.type === 'essay') {
        const input = root.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[id="${name}-text"]`);
        if (!input) continue;
        answer = input.value === '' ? null : { kind: 'text', text: input.value };
      } else {
        const inputs = [...root.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)];
        if (inputs.length === 0) continue;
        const chosen = item.options.map((o) => o.id).filter((id) => inputs.some((i) => i.value === id && i.checked));
        answer = chosen.length === 0 ? null : { kind: 'choice', optionIds: chosen };
      }
      const was = JSON.stringify(normalise(shown.answer));
      if (JSON.stringify(normalise(answer)) !== was) this.setAnswer(item.versionId, answer, true);
    }
  }

  /** Starts the clock, the listeners and the first flush; returns what stops them. */
  start(): () => void {
    this.live = true;
    const tick = setInterval(() => this.#tick(), TICK_MS);
    this.#lastRefresh = Date.now();
    this.#peers = TabPeers.open(this.attemptId, (message) => this.#fromPeer(message));
    if (this.#peers) this.#peers.onCount = (count) => (this.otherTabs = count);
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
      this.#peers?.close();
    };
  }

  get editable(): boolean {
    return this.phase === 'running' && !this.#stopped;
  }

  /** Items whose shown answer the server does not hold: waiting to be sent, or in conflict. */
  get unsavedCount(): number {
    return this.pendingCount;
  }

  /**
   * The candidate's decision on a conflict: keep the answer the server holds, or save their own
   * (sent again above the server's sequence number).
   */
  resolveConflict(versionId: string, keep: 'server' | 'mine'): void {
    if (!this.editable) return;
    const state = this.#queue.resolve(versionId, keep);
    if (!state) return;
    this.answers[versionId] = state;
    if (keep === 'server') this.#acknowledged.add(versionId);
    this.#refresh();
    this.#flush();
  }

  get answeredCount(): number {
    return this.items.filter((item) => isAnswered(this.answers[item.versionId]?.answer ?? null)).length;
  }

  setAnswer(versionId: string, answer: Answer | null, beforeLive = false): void {
    if (!this.editable && !(beforeLive && this.phase === 'running')) return;
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
    const submitted = await this.#api.submit();
    if (submitted.ok && submitted.data) {
      this.#finish(submitted.data);
      return true;
    }
    const domain = submitted.ok ? null : firstProblem(submitted.error).code;
    if (submitted.status === 0 || submitted.ok) {
      this.online = false;
      this.problem = 'submit-failed';
    } else if (submitted.status === 401) this.problem = 'signed-out';
    else if (domain === 'attempt.not_in_progress' || domain === 'attempt.deadline_passed') {
      await this.#awaitResult();
      return this.result !== null;
    } else this.problem = 'submit-failed';
    this.phase = 'running';
    return false;
  }

  #change(versionId: string, state: ItemState): void {
    this.answers[versionId] = state;
    this.#queue.record(versionId, state);
    this.#refresh();
    // Before the page is live the write waits in the queue; start() sends it.
    if (this.live) this.#flush();
  }

  /** The result is in (here or in another tab): stop the clock and the saving, and tell the others. */
  #finish(result: ResultView, fromPeer = false): void {
    this.result = result;
    this.#stopped = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.phase = 'finished';
    this.#recordUnsent();
    if (!fromPeer) this.#peers?.post({ type: 'finished', result });
  }

  /** Whatever the server does not hold when the attempt ends is unsent: kept and told, never dropped. */
  #recordUnsent(): void {
    const unsent = this.#queue.unsent();
    this.unsent = unsent;
    if (unsent.length > 0) saveUnsent(this.attemptId, this.items, unsent);
  }

  #fromPeer(message: PeerMessage): void {
    if (this.#disposed) return;
    switch (message.type) {
      case 'saved': {
        // Another tab's acknowledged write: shown here too unless this tab has its own change waiting.
        const adopted = this.#queue.observe(message.versionId, message.seq);
        if (adopted) {
          this.answers[message.versionId] = message.state;
          this.#acknowledged.add(message.versionId);
          this.#refresh();
        }
        return;
      }
      case 'finished':
        if (this.phase !== 'finished') this.#finish(message.result, true);
        return;
      case 'deadline':
        this.#moveDeadline(message.deadline);
        return;
      case 'hello':
      case 'here':
      case 'bye':
        // Counted by TabPeers itself.
        return;
    }
  }

  /** A later deadline from the server (an extension): the countdown follows without a reload. */
  #moveDeadline(deadline: string): void {
    const from = Date.parse(this.deadline);
    const to = Date.parse(deadline);
    if (!Number.isFinite(to) || to === from) return;
    if (to > from) this.extendedBy = Math.round((to - from) / 60_000);
    this.deadline = deadline;
    this.#warnings.reset(this.#clock.remaining(deadline));
    this.warning = null;
    if (this.phase === 'time-up' && !this.#stopped && to > this.#clock.now()) this.phase = 'running';
    this.#tick();
  }

  /** Reads what the server holds for items in conflict (the acknowledgement carries only a seq). */
  async #readConflicts(): Promise<void> {
    const view = await this.#poll(() => this.#api.attempt());
    if (!view || this.#disposed) return;
    for (const conflict of this.#queue.conflicts()) {
      const held = view.answers.find((a) => a.versionId === conflict.versionId);
      const server = { answer: held?.answer ?? null, flagged: held?.flagged ?? false };
      if (this.#queue.serverHolds(conflict.versionId, server, held?.seq ?? conflict.serverSeq))
        this.#acknowledged.add(conflict.versionId);
    }
    this.#refresh();
  }

  /** The periodic light re-read: a moved deadline, or the attempt finished from another device. */
  async #reread(): Promise<void> {
    this.#lastRefresh = Date.now();
    const live = await this.#poll(() => this.#api.deadline());
    if (!live || this.#disposed) return;
    if (live.status !== 'started') {
      if (this.phase !== 'finished') await this.#awaitResult();
      return;
    }
    if (live.deadline && live.deadline !== this.deadline) {
      this.#moveDeadline(live.deadline);
      this.#peers?.post({ type: 'deadline', deadline: live.deadline });
    }
  }

  #tick(): void {
    if (this.#disposed || this.phase === 'finished') return;
    this.remaining = this.#clock.remaining(this.deadline);
    if (this.phase === 'running' && this.live && Date.now() - this.#lastRefresh >= REFRESH_MS) void this.#reread();
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
    const window = deadlineWindow(this.#clock.now(), this.deadline, this.graceSeconds);
    this.#retryTimer = setTimeout(
      () => {
        this.#retryTimer = null;
        this.#flush();
      },
      retryDelayMs(window, Math.max(1, this.#failures)),
    );
  }

  async #send(write: PendingWrite): Promise<SendOutcome> {
    const sentAt = Date.now();
    const saved = await this.#api.save({
      versionId: write.versionId,
      seq: write.seq,
      answer: write.answer,
      flagged: write.flagged,
    });
    if (saved.status === 0) {
      this.#queue.markFailed(write.versionId);
      this.online = false;
      return 'retry';
    }
    if (saved.ok) {
      const ack = saved.data;
      if (!ack) {
        this.#queue.markFailed(write.versionId);
        return 'retry';
      }
      this.#clock.observe(ack.savedAt, sentAt, Date.now());
      const outcome = this.#queue.settle(ack.versionId, ack.seq, ack.applied);
      const stored = (ack as { stored?: { answer: Answer | null; flagged: boolean } }).stored;
      if (outcome !== 'conflict') this.#acknowledged.add(ack.versionId);
      // The server sends back what it holds when it did not apply a write; older servers do not.
      else if (stored) {
        if (this.#queue.serverHolds(ack.versionId, stored, ack.seq)) this.#acknowledged.add(ack.versionId);
      } else void this.#readConflicts();
      if (ack.applied)
        this.#peers?.post({
          type: 'saved',
          versionId: ack.versionId,
          seq: ack.seq,
          state: { answer: write.answer, flagged: write.flagged },
        });
      this.online = true;
      if (this.problem === 'signed-out') this.problem = null;
      return 'ok';
    }
    this.online = true;
    const { code: domain, field } = firstProblem(saved.error);
    if (saved.status === 409 && domain === 'attempt.deadline_passed') {
      this.#queue.markFailed(write.versionId);
      this.#stop('deadline-passed');
      return 'stop';
    }
    if (saved.status === 409 && domain === 'attempt.not_in_progress') {
      this.#queue.markFailed(write.versionId);
      this.#stop('not-in-progress');
      return 'stop';
    }
    if (saved.status === 400 && field === 'versionId') {
      this.#queue.discard(write.versionId);
      return 'ok';
    }
    if (saved.status === 401) this.problem = 'signed-out';
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
    this.#recordUnsent();
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
    // An administrator may have extended the time: the server's view decides. The light read (status
    // and deadline), not the whole paper: every candidate of a sitting asks this at the same moment.
    const live = await this.#poll(() => this.#api.deadline());
    if (live && live.status === 'started' && live.deadline && Date.parse(live.deadline) > this.#clock.now()) {
      this.#moveDeadline(live.deadline);
      this.phase = 'running';
      this.#tick();
      return;
    }
    // Held answers are still sent whenever a line exists: the server says whether they were in time
    // (deadline_passed ends it), and what it refused is told as unsent, not dropped.
    if (this.#queue.size > 0 && !this.#stopped) {
      await this.#untilSentOrRefused();
      if (this.#stopped) return;
    }
    this.#stopped = true;
    await this.#awaitResult();
  }

  /** Waits while held answers are retried, until they are all sent or the server refuses them. */
  async #untilSentOrRefused(): Promise<void> {
    while (!this.#disposed && !this.#stopped && this.#queue.size > 0) {
      this.#flush();
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** Asks for the result until the server has finalised the attempt. */
  async #awaitResult(): Promise<void> {
    for (let tries = 0; tries < 60 && !this.#disposed; tries += 1) {
      const result = await this.#poll(() => this.#api.result());
      if (result) {
        this.#finish(result);
        return;
      }
      // Asking for the result finalises the attempt on the server once its deadline and grace have
      // passed, so the poll is this one light read (never the whole paper again, every 2 s).
      await new Promise((resolve) => setTimeout(resolve, RESULT_POLL_MS));
    }
    this.problem = 'result-unavailable';
  }

  /**
   * A poll's answer: its data, or null when there is none (the line or the server failed). A dropped
   * line marks the room offline; any answer from the server marks it online and corrects the clock.
   */
  async #poll<T>(call: () => Promise<ApiResult<T>>): Promise<T | null> {
    const sentAt = Date.now();
    const result = await call();
    this.online = result.status !== 0;
    if (!result.ok || result.data === null) return null;
    const serverNow = (result.data as { serverNow?: unknown }).serverNow;
    if (typeof serverNow === 'string') this.#clock.observe(serverNow, sentAt, Date.now());
    return result.data;
  }

  #refresh(): void {
    const states: Record<string, SaveState> = {};
    for (const item of this.items) {
      const id = item.versionId;
      const state = this.#queue.saveState(id, this.#acknowledged.has(id));
      if (state === 'pending')
        states[id] = this.#queue.isInFlight(id) && this.online && !this.#stopped ? 'saving' : 'unsaved';
      else states[id] = state;
    }
    this.saveStates = states;
    this.pendingCount = this.#queue.unsavedCount;
    this.conflicts = Object.fromEntries(this.#queue.conflicts().map((c) => [c.versionId, c]));
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
