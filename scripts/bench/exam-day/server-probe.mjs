/**
 * Loaded into the benchmarked server with `--import` (never by the server itself): once a second it
 * appends the event loop's delay (p50 / p99 / max over that second), its utilisation and the heap to
 * BENCH_PROBE_FILE, one JSON line each (`ProbeSample` in protocol.ts), so the benchmark can say per phase
 * whether the server's one thread was the bottleneck. Plain JavaScript, so the server it is loaded into
 * runs compiled, as `npm start` runs it, with no TypeScript loader beside it.
 */
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

const file = process.env.BENCH_PROBE_FILE;
if (file) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let last = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const sample = {
      at: Date.now(),
      p50: delay.percentile(50) / 1e6,
      p99: delay.percentile(99) / 1e6,
      max: delay.max / 1e6,
      elu: performance.eventLoopUtilization(now, last).utilization,
      heapMiB: process.memoryUsage().heapUsed / 2 ** 20,
    };
    last = now;
    delay.reset();
    appendFileSync(file, `${JSON.stringify(sample)}\n`);
  }, 1_000);
  timer.unref();
}
