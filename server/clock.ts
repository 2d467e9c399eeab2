import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';

/** The server's notion of now. Injected so that tests can move time instead of waiting for it. */
export type Clock = () => Date;

/**
 * How far behind real time the work in progress runs. Set only inside `writeHistory`, for the calls made
 * from there, so that the demo's past (a sitting sat and published, an interview held) carries past dates
 * without anyone waiting for them, while every other request in the process keeps the present.
 */
const history = new AsyncLocalStorage<{ behindMs: number }>();
const behind = (): number => history.getStore()?.behindMs ?? 0;

export const systemClock: Clock = () => new Date(Date.now() - behind());

/**
 * Real time moved forward by the whole number of milliseconds written in `file`, which a browser test
 * rewrites to skip ahead instead of waiting. Read on every call, so a move takes effect at once. Only
 * for tests: configuration refuses TEST_CLOCK_FILE outside NODE_ENV=test.
 */
export function fileClock(file: string): Clock {
  return () => new Date(Date.now() + readOffset(file) - behind());
}

function readOffset(file: string): number {
  const text = readFileSync(file, 'utf8').trim();
  const offset = Number(text);
  if (text === '' || !Number.isSafeInteger(offset)) throw new Error(`${file}: not a whole number of milliseconds`);
  return offset;
}

export interface History {
  /**
   * Moves the history's now forward to `at`, never past the present. Afterwards the clock reads at least
   * `at` unless the history has caught up with the present, or the clock is one that only a test moves.
   */
  advanceTo(at: number): void;
}

/**
 * Runs `write` with the system clock (and a test's file clock) set back by `behindMs`, so that what it
 * writes through the services is dated then; `write` moves the past forward as its story goes on.
 * A test's own fixed clock does not go back, and `write` should check whether time moved as asked.
 */
export function writeHistory<T>(clock: Clock, behindMs: number, write: (history: History) => Promise<T>): Promise<T> {
  const store = { behindMs: Math.max(0, behindMs) };
  return history.run(store, () =>
    write({
      advanceTo(at) {
        const ahead = at - clock().getTime();
        if (ahead > 0) store.behindMs = Math.max(0, store.behindMs - ahead);
      },
    }),
  );
}
