/**
 * Runs `work` every `everyMs`, never two at once: the background job that closes booking at its
 * deadline and finalises attempts nobody submitted (DESIGN.md rule 3). Several processes may each
 * run one; the work itself is safe to repeat and to race (row locks and status checks).
 */
export function startSweeper(everyMs: number, work: () => Promise<void>, onError: (error: unknown) => void) {
  if (everyMs <= 0) return { stop() {} };
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    work()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
    },
  };
}

/** A background job: `run` does one round and says how much it did (a count, for the log). */
export interface BackgroundJob {
  name: string;
  run(): Promise<number | void>;
}

/**
 * Starts each job on its own timer (so a long re-scoring never delays the exam's sweep). Every round takes
 * the job's lock first (`exclusive`: an advisory lock on PostgreSQL): with several server processes on one
 * database each job runs in one of them at a time, and the others skip the round (issue 16).
 */
export function startBackgroundJobs(
  jobs: readonly BackgroundJob[],
  options: {
    everyMs: number;
    exclusive: <T>(name: string, work: () => Promise<T>) => Promise<T | undefined>;
    onDone: (job: string, done: number) => void;
    onError: (job: string, error: unknown) => void;
  },
) {
  const timers = jobs.map((job) =>
    startSweeper(
      options.everyMs,
      async () => {
        const done = await options.exclusive(`job:${job.name}`, () => job.run());
        if (typeof done === 'number' && done > 0) options.onDone(job.name, done);
      },
      (error) => options.onError(job.name, error),
    ),
  );
  return {
    stop() {
      for (const timer of timers) timer.stop();
    },
  };
}
