import type { Answer, SavedAnswer } from '$lib/api/exam';

/** What the candidate has chosen for one item: the answer (null when cleared) and the review flag. */
export interface ItemState {
  answer: Answer | null;
  flagged: boolean;
}

/** One write not yet acknowledged by the server: the item's latest state under its sequence number. */
export interface PendingWrite extends ItemState {
  versionId: string;
  seq: number;
}

/** What is kept in the browser between reloads, per attempt. */
export interface StoredQueue {
  version: 1;
  /** The highest sequence number ever given out per item, sent or not, so a reload never reuses one. */
  lastSeq: Record<string, number>;
  /** The newest unacknowledged write per item. */
  pending: Record<string, PendingWrite>;
}

/** The slice of `localStorage` the queue needs, so tests and private windows can hand in another. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function storageKey(attemptId: string): string {
  return `imtahan.exam.${attemptId}`;
}

function emptyQueue(): StoredQueue {
  return { version: 1, lastSeq: {}, pending: {} };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isAnswer(value: unknown): value is Answer | null {
  if (value === null) return true;
  if (!isRecord(value)) return false;
  if (value.kind === 'text') return typeof value.text === 'string';
  if (value.kind === 'choice')
    return Array.isArray(value.optionIds) && value.optionIds.every((id) => typeof id === 'string');
  return false;
}

const isSeq = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;

/** Reads what an earlier page left; anything damaged or foreign is ignored rather than trusted. */
export function readStored(store: KeyValueStore, attemptId: string): StoredQueue {
  let parsed: unknown;
  try {
    const raw = store.getItem(storageKey(attemptId));
    if (!raw) return emptyQueue();
    parsed = JSON.parse(raw);
  } catch {
    return emptyQueue();
  }
  if (!isRecord(parsed) || parsed.version !== 1) return emptyQueue();
  const queue = emptyQueue();
  if (isRecord(parsed.lastSeq))
    for (const [versionId, seq] of Object.entries(parsed.lastSeq)) if (isSeq(seq)) queue.lastSeq[versionId] = seq;
  if (isRecord(parsed.pending))
    for (const [versionId, write] of Object.entries(parsed.pending)) {
      if (!isRecord(write) || !isSeq(write.seq) || !isAnswer(write.answer) || typeof write.flagged !== 'boolean')
        continue;
      queue.pending[versionId] = { versionId, seq: write.seq, answer: write.answer, flagged: write.flagged };
      queue.lastSeq[versionId] = Math.max(queue.lastSeq[versionId] ?? 0, write.seq);
    }
  return queue;
}

/** The page's starting point: the server's answers, with newer local writes laid over them. */
export interface Merged {
  items: Record<string, ItemState>;
  pending: Record<string, PendingWrite>;
  lastSeq: Record<string, number>;
}

/**
 * Merges what the server acknowledged with what this browser still holds. A local write wins only
 * if its sequence number is newer than the server's; an older one was acknowledged (or overtaken,
 * say from another device) and is dropped. Sequence numbers continue above both.
 */
export function mergeAnswers(server: readonly SavedAnswer[], stored: StoredQueue): Merged {
  const items: Record<string, ItemState> = {};
  const lastSeq: Record<string, number> = { ...stored.lastSeq };
  const serverSeq: Record<string, number> = {};
  for (const saved of server) {
    items[saved.versionId] = { answer: saved.answer, flagged: saved.flagged };
    serverSeq[saved.versionId] = saved.seq;
    lastSeq[saved.versionId] = Math.max(lastSeq[saved.versionId] ?? 0, saved.seq);
  }
  const pending: Record<string, PendingWrite> = {};
  for (const write of Object.values(stored.pending)) {
    if (write.seq <= (serverSeq[write.versionId] ?? 0)) continue;
    pending[write.versionId] = write;
    items[write.versionId] = { answer: write.answer, flagged: write.flagged };
  }
  return { items, pending, lastSeq };
}

/**
 * The autosave queue of one attempt: numbers each change, keeps unacknowledged writes in storage
 * until the server acknowledges them, and says what to send next (at most one request per item in
 * flight; a change made meanwhile is sent when that one returns). It does no I/O of its own besides
 * the store, so the room decides when and how to send.
 */
export class AnswerQueue {
  readonly #store: KeyValueStore | null;
  readonly #key: string;
  readonly #lastSeq: Record<string, number>;
  readonly #pending: Record<string, PendingWrite>;
  /** versionId → the seq of the request now in flight. */
  readonly #inFlight = new Map<string, number>();
  /** The starting state of every item, server and local merged. */
  readonly initial: Record<string, ItemState>;

  constructor(attemptId: string, serverAnswers: readonly SavedAnswer[], store: KeyValueStore | null) {
    this.#store = store;
    this.#key = storageKey(attemptId);
    const merged = mergeAnswers(serverAnswers, store ? readStored(store, attemptId) : emptyQueue());
    this.initial = merged.items;
    this.#lastSeq = merged.lastSeq;
    this.#pending = merged.pending;
    this.#persist();
  }

  /** Records a change under the item's next sequence number and keeps it until acknowledged. */
  record(versionId: string, state: ItemState): PendingWrite {
    const seq = (this.#lastSeq[versionId] ?? 0) + 1;
    this.#lastSeq[versionId] = seq;
    const write: PendingWrite = { versionId, seq, answer: state.answer, flagged: state.flagged };
    this.#pending[versionId] = write;
    this.#persist();
    return write;
  }

  /** The writes to send now: every pending item that has no request in flight. */
  ready(): PendingWrite[] {
    return Object.values(this.#pending).filter((write) => !this.#inFlight.has(write.versionId));
  }

  markSent(write: PendingWrite): void {
    this.#inFlight.set(write.versionId, write.seq);
  }

  /** The request for this item came back without an acknowledgement: it will be sent again. */
  markFailed(versionId: string): void {
    this.#inFlight.delete(versionId);
  }

  /**
   * The server stored this seq, or already held a newer one (`applied: false`): either way every
   * write up to it is safe, and only a newer local change stays pending.
   */
  acknowledge(versionId: string, seq: number): void {
    this.#inFlight.delete(versionId);
    this.#lastSeq[versionId] = Math.max(this.#lastSeq[versionId] ?? 0, seq);
    const write = this.#pending[versionId];
    if (write && write.seq <= seq) {
      delete this.#pending[versionId];
    }
    this.#persist();
  }

  /** Gives up on an item's write the server will never take (the item is not on this paper). */
  discard(versionId: string): void {
    this.#inFlight.delete(versionId);
    delete this.#pending[versionId];
    this.#persist();
  }

  isPending(versionId: string): boolean {
    return versionId in this.#pending;
  }

  isInFlight(versionId: string): boolean {
    return this.#inFlight.has(versionId);
  }

  get size(): number {
    return Object.keys(this.#pending).length;
  }

  pendingIds(): string[] {
    return Object.keys(this.#pending);
  }

  #persist(): void {
    if (!this.#store) return;
    const stored: StoredQueue = { version: 1, lastSeq: this.#lastSeq, pending: this.#pending };
    try {
      this.#store.setItem(this.#key, JSON.stringify(stored));
    } catch {
      // A full or refused store leaves the queue in memory only; retries still run while the page is open.
    }
  }
}

/** Retry delay after `failures` failed rounds: 1 s, 2 s, 4 s … up to 30 s, with a little jitter. */
export function backoffMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1_000 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
