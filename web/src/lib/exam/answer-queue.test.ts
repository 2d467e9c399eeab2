import { describe, expect, it } from 'vitest';
import { AnswerQueue, backoffMs, mergeAnswers, readStored, storageKey, type KeyValueStore } from './answer-queue';

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
