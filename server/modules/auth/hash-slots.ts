/**
 * How many password hashes run at once, and the queue the rest wait in. Argon2 runs on libuv's thread pool, not
 * on the event loop, but each hash at OWASP's parameters holds 19 MiB while it runs (measured: a process's
 * resident set rises 19 MiB with one hash running and 75 MiB with four) and takes a core. So the hashes run at
 * once are the fewer of: the cores but one (the event loop and PostgreSQL keep a core while sign-ins queue),
 * and what fits in a memory budget (a burst of sign-ins on a large machine would otherwise add 19 MiB a core,
 * up to libuv's four threads, to the server's peak). A sign-in beyond them waits its turn; none is refused.
 */

/** The memory all the hashes running at once may hold, in KiB: three at OWASP's 19 MiB. */
export const HASH_MEMORY_BUDGET_KIB = 64 * 1024;

/** Hashes run at once on `cores` cores, each holding `memoryKiB` (Argon2's `memoryCost`): at least one. */
export function hashesAtOnce(cores: number, memoryKiB: number, budgetKiB = HASH_MEMORY_BUDGET_KIB): number {
  return Math.max(1, Math.min(cores - 1, Math.floor(budgetKiB / memoryKiB)));
}

/** At most `size` of the work given to `run` at once; the rest start in the order they came, as slots free. */
export function createSlots(size: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (running < size) running++;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await work();
      } finally {
        // The slot passes straight to the next in line, if any.
        const next = waiting.shift();
        if (next) next();
        else running--;
      }
    },
    /** Work running now, and waiting. */
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
  };
}
