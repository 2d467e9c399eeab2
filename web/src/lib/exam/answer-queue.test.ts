import { describe, expect, it } from 'vitest';
import {
  AnswerQueue,
  backoffMs,
  deadlineWindow,
  mergeAnswers,
  readStored,
  retryDelayMs,
  storageKey,
  type KeyValueStore,
} from './answer-queue';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const ATTEMPT = '00000000-0000-4000-8000-000000000001';

function memoryStore(initial: Record<string, string> = {}): KeyValueStore & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (key) => data[key] ?? null,
    setItem: (key, value) => {
      data[key] = value;
    },
    removeItem: (key) => {
      delete data[key];
    },
  };
}

const choice = (...optionIds: string[]) => ({ kind: 'choice' as const, optionIds });

describe('mergeAnswers', () => {
  it('keeps a local write only when its seq is newer than the server’s', () => {
    const merged = mergeAnswers(
      [
        { versionId: A, answer: choice('x'), flagged: false, seq: 4 },
        { versionId: B, answer: choice('y'), flagged: true, seq: 2 },
      ],
      {
        version: 1,
        lastSeq: { [A]: 5, [B]: 2 },
        pending: {
          [A]: { versionId: A, seq: 5, answer: choice('z'), flagged: true },
          [B]: { versionId: B, seq: 2, answer: choice('old'), flagged: false },
        },
      },
    );
    expect(merged.items[A]).toEqual({ answer: choice('z'), flagged: true });
    expect(merged.items[B]).toEqual({ answer: choice('y'), flagged: true });
    expect(Object.keys(merged.pending)).toEqual([A]);
    expect(merged.lastSeq).toEqual({ [A]: 5, [B]: 2 });
  });

  it('continues above the server’s seq when another device wrote more', () => {
    const merged = mergeAnswers([{ versionId: A, answer: null, flagged: false, seq: 9 }], {
      version: 1,
      lastSeq: { [A]: 3 },
      pending: {},
    });
    expect(merged.lastSeq[A]).toBe(9);
  });
});

describe('readStored', () => {
  it('ignores damaged or foreign data', () => {
    expect(readStored(memoryStore({ [storageKey(ATTEMPT)]: '{not json' }), ATTEMPT).pending).toEqual({});
    expect(readStored(memoryStore({ [storageKey(ATTEMPT)]: '{"version":2}' }), ATTEMPT).pending).toEqual({});
    const stored = readStored(
      memoryStore({
        [storageKey(ATTEMPT)]: JSON.stringify({
          version: 1,
          lastSeq: { [A]: 'three', [B]: 2 },
          pending: {
            [A]: { seq: 7, answer: { kind: 'text', text: 'ok' }, flagged: false },
            [B]: { seq: 0, answer: null, flagged: false },
          },
        }),
      }),
      ATTEMPT,
    );
    expect(stored.lastSeq).toEqual({ [A]: 7, [B]: 2 });
    expect(Object.keys(stored.pending)).toEqual([A]);
  });
});

describe('AnswerQueue', () => {
  it('numbers changes per item, starting above the server’s seq', () => {
    const queue = new AnswerQueue(ATTEMPT, [{ versionId: A, answer: null, flagged: false, seq: 3 }], memoryStore());
    expect(queue.record(A, { answer: choice('x'), flagged: false }).seq).toBe(4);
    expect(queue.record(A, { answer: choice('y'), flagged: false }).seq).toBe(5);
    expect(queue.record(B, { answer: null, flagged: true }).seq).toBe(1);
  });

  it('never reuses a number already given out, even after a reload with the write acknowledged', () => {
    const store = memoryStore();
    const first = new AnswerQueue(ATTEMPT, [], store);
    const write = first.record(A, { answer: choice('x'), flagged: false });
    first.markSent(write);
    first.record(A, { answer: choice('y'), flagged: false }); // seq 2, never sent
    first.acknowledge(A, 1);
    expect(first.isPending(A)).toBe(true);

    // The tab closes; the server holds seq 1 only. The reload resumes with seq 2 pending, next is 3.
    const second = new AnswerQueue(ATTEMPT, [{ versionId: A, answer: choice('x'), flagged: false, seq: 1 }], store);
    expect(second.initial[A]).toEqual({ answer: choice('y'), flagged: false });
    expect(second.ready().map((w) => w.seq)).toEqual([2]);
    expect(second.record(A, { answer: choice('z'), flagged: false }).seq).toBe(3);
  });

  it('keeps one request in flight per item and sends the newest change when it returns', () => {
    const queue = new AnswerQueue(ATTEMPT, [], memoryStore());
    const first = queue.record(A, { answer: choice('x'), flagged: false });
    queue.markSent(first);
    queue.record(A, { answer: choice('y'), flagged: false });
    queue.record(B, { answer: choice('q'), flagged: false });
    expect(queue.ready().map((w) => w.versionId)).toEqual([B]);
    queue.acknowledge(A, first.seq);
    expect(queue.ready().map((w) => [w.versionId, w.seq])).toEqual([
      [A, 2],
      [B, 1],
    ]);
  });

  it('clears an entry on an acknowledgement with applied:false for a newer seq', () => {
    const store = memoryStore();
    const queue = new AnswerQueue(ATTEMPT, [], store);
    queue.markSent(queue.record(A, { answer: choice('x'), flagged: false }));
    // The server already held seq 6 from another device: this write is superseded, so acknowledged.
    queue.acknowledge(A, 6);
    expect(queue.size).toBe(0);
    expect(queue.record(A, { answer: null, flagged: false }).seq).toBe(7);
    expect(readStored(store, ATTEMPT).pending[A]?.seq).toBe(7);
  });

  it('sends a failed write again and survives without storage', () => {
    const queue = new AnswerQueue(ATTEMPT, [], null);
    const write = queue.record(A, { answer: choice('x'), flagged: false });
    queue.markSent(write);
    expect(queue.ready()).toEqual([]);
    expect(queue.isInFlight(A)).toBe(true);
    queue.markFailed(A);
    expect(queue.ready()).toEqual([write]);
    queue.discard(A);
    expect(queue.size).toBe(0);
  });

  it('keeps working when the store refuses writes', () => {
    const store = memoryStore();
    store.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    const queue = new AnswerQueue(ATTEMPT, [], store);
    expect(queue.record(A, { answer: choice('x'), flagged: true }).seq).toBe(1);
    expect(queue.size).toBe(1);
  });
});

describe('backoffMs', () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [6, 30_000],
    [20, 30_000],
  ])('after %i failures waits about %i ms', (failures, expected) => {
    expect(backoffMs(failures, () => 0.5)).toBe(expected);
    expect(backoffMs(failures, () => 0)).toBe(expected * 0.8);
  });
});

describe('what counts as saved (issue 13)', () => {
  const queueOf = (server: Parameters<typeof mergeAnswers>[0] = [], store = memoryStore()) =>
    new AnswerQueue(ATTEMPT, server, store);

  it('an answer is saved only once the server applied its seq; a newer change keeps it pending', () => {
    const queue = queueOf();
    const first = queue.record(A, { answer: choice('x'), flagged: false });
    queue.markSent(first);
    expect(queue.saveState(A, false)).toBe('pending');
    queue.record(A, { answer: choice('y'), flagged: false });
    expect(queue.settle(A, first.seq, true)).toBe('superseded');
    expect(queue.saveState(A, true)).toBe('pending');
    const second = queue.ready()[0]!;
    queue.markSent(second);
    expect(queue.settle(A, second.seq, true)).toBe('saved');
    expect(queue.saveState(A, true)).toBe('saved');
    expect(queue.unsavedCount).toBe(0);
  });

  it('applied:false with another answer on the server is a conflict, never saved', () => {
    const queue = queueOf([{ versionId: A, answer: choice('x'), flagged: false, seq: 1 }]);
    const mine = queue.record(A, { answer: choice('y'), flagged: false });
    queue.markSent(mine);
    // Another tab stored seq 2 and 3 in between.
    expect(queue.settle(A, 3, false)).toBe('conflict');
    expect(queue.saveState(A, true)).toBe('conflict');
    expect(queue.unsavedCount).toBe(1);
    expect(queue.ready()).toEqual([]);
    expect(queue.serverHolds(A, { answer: choice('z'), flagged: false }, 3)).toBe(false);
    expect(queue.conflict(A)).toMatchObject({ mine: { answer: choice('y') }, server: { answer: choice('z') } });
    expect(queue.unsent()).toEqual([{ versionId: A, seq: 4, answer: choice('y'), flagged: false, reason: 'conflict' }]);
  });

  it('applied:false with the same answer on the server (a lost acknowledgement) is saved', () => {
    const queue = queueOf();
    const mine = queue.record(A, { answer: choice('y'), flagged: true });
    queue.markSent(mine);
    expect(queue.settle(A, 1, false)).toBe('conflict');
    expect(queue.serverHolds(A, { answer: choice('y'), flagged: true }, 1)).toBe(true);
    expect(queue.saveState(A, true)).toBe('saved');
  });

  it('resolving a conflict: "mine" is sent above the server’s seq; "server" adopts the server’s answer', () => {
    const queue = queueOf();
    queue.markSent(queue.record(A, { answer: choice('y'), flagged: false }));
    queue.settle(A, 7, false);
    queue.serverHolds(A, { answer: choice('z'), flagged: false }, 7);
    expect(queue.resolve(A, 'mine')).toEqual({ answer: choice('y'), flagged: false });
    expect(queue.ready()).toEqual([{ versionId: A, seq: 8, answer: choice('y'), flagged: false }]);

    queue.markSent(queue.record(B, { answer: choice('b'), flagged: false }));
    queue.settle(B, 2, false);
    queue.serverHolds(B, { answer: null, flagged: true }, 2);
    expect(queue.resolve(B, 'server')).toEqual({ answer: null, flagged: true });
    expect(queue.saveState(B, true)).toBe('saved');
  });

  it('a conflict survives a reload, and a stale local write that differs from the server becomes one', () => {
    const store = memoryStore();
    const queue = queueOf([], store);
    queue.markSent(queue.record(A, { answer: choice('y'), flagged: false }));
    queue.settle(A, 2, false);
    const reloaded = queueOf([{ versionId: A, answer: choice('z'), flagged: false, seq: 2 }], store);
    expect(reloaded.saveState(A, true)).toBe('conflict');
    expect(reloaded.initial[A]).toEqual({ answer: choice('y'), flagged: false });
    expect(reloaded.conflict(A)?.server).toEqual({ answer: choice('z'), flagged: false });

    const merged = mergeAnswers([{ versionId: B, answer: choice('other'), flagged: false, seq: 5 }], {
      version: 1,
      lastSeq: { [B]: 3 },
      pending: { [B]: { versionId: B, seq: 3, answer: choice('mine'), flagged: false } },
    });
    expect(merged.conflicts[B]).toMatchObject({ mine: { answer: choice('mine') }, serverSeq: 5 });
  });
});

describe('deadline behaviour', () => {
  const deadline = '2026-11-23T10:00:00.000Z';
  const at = (offsetMs: number) => Date.parse(deadline) + offsetMs;

  it.each([
    [-1, 'open'],
    [0, 'grace'],
    [5_000, 'grace'],
    [5_001, 'closed'],
    [20_000, 'closed'],
  ] as const)('%i ms after the deadline with 5 s grace is %s', (offset, window) => {
    expect(deadlineWindow(at(offset), deadline, 5)).toBe(window);
  });

  it('retries at once in grace, and no faster than every 5 s once closed', () => {
    expect(retryDelayMs('grace', 6, () => 0.5)).toBe(500);
    expect(retryDelayMs('open', 1, () => 0.5)).toBe(1_000);
    expect(retryDelayMs('closed', 1, () => 0.5)).toBe(5_000);
  });

  it('lists every unsent choice: pending writes and conflicts', () => {
    const queue = new AnswerQueue(ATTEMPT, [], memoryStore());
    queue.record(A, { answer: { kind: 'text', text: 'Bakı' }, flagged: false });
    queue.markSent(queue.record(B, { answer: choice('q'), flagged: true }));
    queue.settle(B, 4, false);
    expect(queue.unsent().map((u) => [u.versionId, u.reason])).toEqual([
      [A, 'pending'],
      [B, 'conflict'],
    ]);
  });
});
