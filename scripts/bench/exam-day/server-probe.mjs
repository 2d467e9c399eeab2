/**
 * Loaded into the benchmarked server with `--import` (never by the server itself): once a second it
 * appends the event loop's delay (p50 / p99 / max over that second), its utilisation, the process's memory
 * (resident set, heap used and reserved, the young generation's reserve, memory outside the heap) and its open
 * sockets to BENCH_PROBE_FILE, one JSON line each (`ProbeSample` in protocol.ts), so the benchmark can say per
 * phase whether the server's one thread was the bottleneck and where its memory went. Plain JavaScript, so the
 * server it is loaded into runs compiled, as `npm start` runs it, with no TypeScript loader beside it.
 *
 * With BENCH_HEAP_SNAPSHOT_DIR it also writes a heap snapshot there (what is alive after a full collection)
 * the first time the heap in use passes BENCH_HEAP_SNAPSHOT_MIB (default 250), and again at each further
 * 150 MiB, at most three: for finding what holds the memory at the peak, not for a measured run (a snapshot
 * stops the server for seconds).
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { isMainThread } from 'node:worker_threads';

const file = process.env.BENCH_PROBE_FILE;
const snapshotDir = process.env.BENCH_HEAP_SNAPSHOT_DIR;
let snapshotAtMiB = Number(process.env.BENCH_HEAP_SNAPSHOT_MIB ?? 250);
let snapshotsLeft = snapshotDir ? 3 : 0;
const MiB = 2 ** 20;

// A worker thread the server starts inherits `--import`: its heap is its own, so it is not sampled as the server's.
if (file && isMainThread) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let last = performance.eventLoopUtilization();
  // Time in garbage collection over the second, major (mark-compact) apart.
  let gcMs = 0;
  let majorGcMs = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcMs += entry.duration;
      if (entry.detail?.kind === 4) majorGcMs += entry.duration; // NODE_PERFORMANCE_GC_MAJOR
    }
  }).observe({ entryTypes: ['gc'] });
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const memory = process.memoryUsage();
    const space = (name) => getHeapSpaceStatistics().find((s) => s.space_name === name);
    const sample = {
      at: Date.now(),
      p50: delay.percentile(50) / 1e6,
      p99: delay.percentile(99) / 1e6,
      max: delay.max / 1e6,
      elu: performance.eventLoopUtilization(now, last).utilization,
      heapMiB: memory.heapUsed / MiB,
      rssMiB: memory.rss / MiB,
      heapTotalMiB: memory.heapTotal / MiB,
      newSpaceMiB: (space('new_space')?.space_size ?? 0) / MiB,
      oldSpaceMiB: (space('old_space')?.space_used_size ?? 0) / MiB,
      externalMiB: memory.external / MiB,
      arrayBuffersMiB: memory.arrayBuffers / MiB,
      sockets: process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length,
      gcMs,
      majorGcMs,
    };
    gcMs = 0;
    majorGcMs = 0;
    last = now;
    delay.reset();
    appendFileSync(file, `${JSON.stringify(sample)}\n`);
    if (snapshotsLeft > 0 && sample.heapMiB >= snapshotAtMiB) {
      snapshotsLeft--;
      snapshotAtMiB += 150;
      const written = writeHeapSnapshot(join(snapshotDir, `server-${process.pid}-${Date.now()}.heapsnapshot`));
      process.stderr.write(`heap snapshot at ${sample.heapMiB.toFixed(0)} MiB in use: ${written}\n`);
    }
  }, 1_000);
  timer.unref();
}
