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

/**
 * A write the server did not apply because it already held a newer one (another tab or device) that
 * differs from it. The candidate's choice is not on the server, so it is never shown as saved.
 */
export interface Conflict {
  versionId: string;
  /** What this page had chosen. */
  mine: ItemState;
  /** What the server holds, once known (the save acknowledgement carries only its seq). */
  server: ItemState | null;
  serverSeq: number;
}

/** What is kept in the browser between reloads, per attempt. */
export interface StoredQueue {
  version: 1;
  /** The highest sequence number ever given out per item, sent or not, so a reload never reuses one. */
  lastSeq: Record<string, number>;
  /** The newest unacknowledged write per item. */
  pending: Record<string, PendingWrite>;
  /** Writes the server refused in favour of a different, newer answer, until the candidate decides. */
  conflicts?: Record<string, Conflict>;
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
  return { version: 1, lastSeq: {}, pending: {}, conflicts: {} };
}

/** Same answer and same flag: what the candidate sees would not change. */
export function sameState(a: ItemState | null | undefined, b: ItemState | null | undefined): boolean {
  const answer = (s: ItemState | null | undefined) => s?.answer ?? null;
  const x = answer(a);
  const y = answer(b);
  if ((a?.flagged ?? false) !== (b?.flagged ?? false)) return false;
  if (x === null || y === null) return x === y;
  if (x.kind === 'text' && y.kind === 'text') return x.text === y.text;
  if (x.kind === 'choice' && y.kind === 'choice')
    return x.optionIds.length === y.optionIds.length && x.optionIds.every((id) => y.optionIds.includes(id));
  return false;
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

const isState = (value: unknown): value is ItemState =>
  isRecord(value) && isAnswer(value.answer) && typeof value.flagged === 'boolean';

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
  if (isRecord(parsed.conflicts))
    for (const [versionId, conflict] of Object.entries(parsed.conflicts)) {
      if (!isRecord(conflict) || !isSeq(conflict.serverSeq) || !isState(conflict.mine)) continue;
      const server = isState(conflict.server) ? conflict.server : null;
      queue.conflicts![versionId] = { versionId, mine: conflict.mine, server, serverSeq: conflict.serverSeq };
    }
  return queue;
}

/** The page's starting point: the server's answers, with newer local writes laid over them. */
export interface Merged {
  items: Record<string, ItemState>;
  pending: Record<string, PendingWrite>;
  lastSeq: Record<string, number>;
  conflicts: Record<string, Conflict>;
}

/**
 * Merges what the server acknowledged with what this browser still holds. A local write wins only
 * if its sequence number is newer than the server's. An older one that matches the server's answer
 * was acknowledged; one that differs was overtaken by another tab or device and becomes a conflict,
 * never silently dropped. Sequence numbers continue above both.
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
  const conflicts: Record<string, Conflict> = {};
  for (const conflict of Object.values(stored.conflicts ?? {})) {
    const held = items[conflict.versionId] ?? { answer: null, flagged: false };
    if (sameState(conflict.mine, held)) continue;
    conflicts[conflict.versionId] = {
      ...conflict,
      server: held,
      serverSeq: serverSeq[conflict.versionId] ?? conflict.serverSeq,
    };
  }
  for (const write of Object.values(stored.pending)) {
    const seqHeld = serverSeq[write.versionId] ?? 0;
    if (write.seq > seqHeld) {
      pending[write.versionId] = write;
      delete conflicts[write.versionId];
      items[write.versionId] = { answer: write.answer, flagged: write.flagged };
      continue;
    }
    const held = items[write.versionId] ?? { answer: null, flagged: false };
    if (sameState(write, held)) continue;
    conflicts[write.versionId] = { versionId: write.versionId, mine: stateOf(write), server: held, serverSeq: seqHeld };
  }
  return { items, pending, lastSeq, conflicts };
}

const stateOf = (write: ItemState): ItemState => ({ answer: write.answer, flagged: write.flagged });

/** What the page may say about one item. Only 'saved' means the server holds what is shown. */
export type ItemSaveState = 'none' | 'saved' | 'pending' | 'conflict';

/** The outcome of one save's acknowledgement for the item, as the candidate must be told it. */
export type AckOutcome = 'saved' | 'superseded' | 'conflict';

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
  readonly #conflicts: Record<string, Conflict>;
  /** versionId → the seq of the request now in flight. */
  readonly #inFlight = new Map<string, number>();
  /** The starting state of every item, server and local merged. */
  readonly initial: Record<string, ItemState>;

  constructor(attemptId: string, serverAnswers: readonly SavedAnswer[], store: KeyValueStore | null) {
    this.#store = store;
    this.#key = storageKey(attemptId);
    const merged = mergeAnswers(serverAnswers, store ? readStored(store, attemptId) : emptyQueue());
    this.initial = merged.items;
    for (const conflict of Object.values(merged.conflicts)) this.initial[conflict.versionId] = conflict.mine;
    this.#lastSeq = merged.lastSeq;
    this.#pending = merged.pending;
    this.#conflicts = merged.conflicts;
    this.#persist();
  }

  /** Records a change under the item's next sequence number and keeps it until acknowledged. */
  record(versionId: string, state: ItemState): PendingWrite {
    const seq = (this.#lastSeq[versionId] ?? 0) + 1;
    this.#lastSeq[versionId] = seq;
    const write: PendingWrite = { versionId, seq, answer: state.answer, flagged: state.flagged };
    this.#pending[versionId] = write;
    // A new choice is the candidate's answer to the conflict: it is sent above the server's seq.
    delete this.#conflicts[versionId];
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

  /** The server stored this seq (`applied: true`): every write up to it is safe. */
  acknowledge(versionId: string, seq: number): void {
    this.settle(versionId, seq, true);
  }

  /**
   * The server's answer to a save of this item. `applied: true` stores this seq. `applied: false`
   * means the server already held seq `seq` or newer, from another tab or device: the write sent is
   * not what the server holds, so unless a newer local change is still to go, it becomes a conflict
   * (until `serverHolds` shows the server has the same answer after all).
   */
  settle(versionId: string, seq: number, applied: boolean): AckOutcome {
    const sent = this.#inFlight.get(versionId);
    this.#inFlight.delete(versionId);
    this.#lastSeq[versionId] = Math.max(this.#lastSeq[versionId] ?? 0, seq);
    const write = this.#pending[versionId];
    let outcome: AckOutcome;
    if (applied) {
      if (write && write.seq <= seq) delete this.#pending[versionId];
      outcome = versionId in this.#pending ? 'superseded' : 'saved';
    } else if (write && write.seq > seq && write.seq !== sent) {
      outcome = 'superseded';
    } else if (write) {
      delete this.#pending[versionId];
      this.#conflicts[versionId] = { versionId, mine: stateOf(write), server: null, serverSeq: seq };
      outcome = 'conflict';
    } else {
      outcome = 'saved';
    }
    this.#persist();
    return outcome;
  }

  /**
   * What the server holds for an item in conflict, read back from it. The same answer as this
   * page's ends the conflict (true: saved); a different one is kept to show the candidate.
   */
  serverHolds(versionId: string, server: ItemState, serverSeq: number): boolean {
    const conflict = this.#conflicts[versionId];
    if (!conflict) return false;
    this.#lastSeq[versionId] = Math.max(this.#lastSeq[versionId] ?? 0, serverSeq);
    if (sameState(conflict.mine, server)) {
      delete this.#conflicts[versionId];
      this.#persist();
      return true;
    }
    this.#conflicts[versionId] = { ...conflict, server, serverSeq: Math.max(conflict.serverSeq, serverSeq) };
    this.#persist();
    return false;
  }

  /**
   * The candidate's decision on a conflict: keep what the server holds (returned, to show), or send
   * their own choice again under a seq above the server's (recorded as a pending write).
   */
  resolve(versionId: string, keep: 'server' | 'mine'): ItemState | null {
    const conflict = this.#conflicts[versionId];
    if (!conflict) return null;
    if (keep === 'mine') {
      this.record(versionId, conflict.mine);
      return conflict.mine;
    }
    delete this.#conflicts[versionId];
    this.#persist();
    return conflict.server ?? { answer: null, flagged: false };
  }

  /**
   * Another tab of this attempt had `seq` acknowledged for an item. Numbering continues above it,
   * so this tab's next write is not refused as stale; true when this tab has nothing of its own
   * waiting for the item and may show the other tab's answer as saved.
   */
  observe(versionId: string, seq: number): boolean {
    this.#lastSeq[versionId] = Math.max(this.#lastSeq[versionId] ?? 0, seq);
    this.#persist();
    return !(versionId in this.#pending) && !(versionId in this.#conflicts);
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

  conflict(versionId: string): Conflict | null {
    return this.#conflicts[versionId] ?? null;
  }

  conflicts(): Conflict[] {
    return Object.values(this.#conflicts);
  }

  /**
   * What the page may say about an item; `acknowledged` is whether the server ever confirmed an
   * answer to it. "Saved" only when nothing is waiting and no conflict stands.
   */
  saveState(versionId: string, acknowledged: boolean): ItemSaveState {
    if (versionId in this.#conflicts) return 'conflict';
    if (versionId in this.#pending) return 'pending';
    return acknowledged ? 'saved' : 'none';
  }

  /** Writes not yet acknowledged; conflicts are counted apart. */
  get size(): number {
    return Object.keys(this.#pending).length;
  }

  /** Every item whose shown answer the server does not hold: pending writes and conflicts. */
  get unsavedCount(): number {
    return this.size + Object.keys(this.#conflicts).length;
  }

  pendingIds(): string[] {
    return Object.keys(this.#pending);
  }

  /** What the server does not hold of this page's choices, for telling the candidate and the file. */
  unsent(): UnsentAnswer[] {
    return [
      ...Object.values(this.#pending).map((w) => ({
        ...stateOf(w),
        versionId: w.versionId,
        seq: w.seq,
        reason: 'pending' as const,
      })),
      ...Object.values(this.#conflicts).map((c) => ({
        ...c.mine,
        versionId: c.versionId,
        seq: c.serverSeq + 1,
        reason: 'conflict' as const,
      })),
    ];
  }

  #persist(): void {
    if (!this.#store) return;
    const stored: StoredQueue = {
      version: 1,
      lastSeq: this.#lastSeq,
      pending: this.#pending,
      conflicts: this.#conflicts,
    };
    try {
      this.#store.setItem(this.#key, JSON.stringify(stored));
    } catch {
      // A full or refused store leaves the queue in memory only; retries still run while the page is open.
    }
  }
}

/** A choice the server does not hold: never sent or refused (pending), or overtaken elsewhere (conflict). */
export interface UnsentAnswer extends ItemState {
  versionId: string;
  seq: number;
  reason: 'pending' | 'conflict';
}

/**
 * Where the attempt stands by the server's clock (`serverNow`, ms): answering, the grace period
 * for writes already on their way, or closed. In grace every held answer is sent at once and
 * retried quickly; once closed the browser still tries when a line returns, since only the server
 * decides (an administrator may have extended the time), and what it refuses is told as unsent.
 */
export type DeadlineWindow = 'open' | 'grace' | 'closed';

export function deadlineWindow(serverNow: number, deadline: string, graceSeconds: number): DeadlineWindow {
  const end = Date.parse(deadline);
  if (serverNow < end) return 'open';
  return serverNow <= end + graceSeconds * 1000 ? 'grace' : 'closed';
}

/** The wait before the next round of sends: the usual backoff, but at most half a second in grace. */
export function retryDelayMs(window: DeadlineWindow, failures: number, random: () => number = Math.random): number {
  const usual = backoffMs(failures, random);
  if (window === 'grace') return Math.min(500, usual);
  if (window === 'closed') return Math.max(usual, 5_000);
  return usual;
}

/** Retry delay after `failures` failed rounds: 1 s, 2 s, 4 s … up to 30 s, with a little jitter. */
export function backoffMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1_000 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
