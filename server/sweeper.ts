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
