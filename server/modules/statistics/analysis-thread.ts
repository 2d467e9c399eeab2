/**
 * `analyseItems` off the server's own thread. A sitting of 5,000 candidates × 100 items takes about 0.8 s of
 * CPU; run where requests are answered, it held every request for that long (the exam-day bench saw the event
 * loop stall 2.5 s while a publication's statistics ran beside a start burst), so an exam's saves waited on
 * another sitting's statistics. One worker thread per process, started by an analysis and reused by those asked
 * while it works; it does not keep the process alive, and one that fails is replaced at the next analysis.
 *
 * The thread ends once it has nothing left to do. It has a heap of its own, and one that has analysed 5,000 ×
 * 100 holds 90 MiB in use and 120 MiB reserved for good (nothing it does afterwards makes it collect): on the
 * exam-day bench that was a quarter of the server's resident set, all through the exam, for an analysis that
 * runs once after a publication. Starting a thread again costs tens of milliseconds, against 0.8 s of work.
 */
import { Worker } from 'node:worker_threads';
import {
  StatisticsInputError,
  type ItemAnalysis,
  type StatAttempt,
  type StatisticsOptions,
  type StatItem,
} from '../../core/item-statistics/index';
import type { AnalysisRequest } from './analysis.worker';
import { packAttempts, packedBuffers, type PackedAttempts } from './packed-attempts';

type Pending = { resolve: (analysis: ItemAnalysis) => void; reject: (error: Error) => void };
type Reply = { id: number; analysis?: ItemAnalysis; error?: string };

let worker: { thread: Worker; pending: Map<number, Pending> } | null = null;
let nextId = 0;

/**
 * The thread's young generation, in MiB. V8 sizes it for a server (up to 16 MiB semi-spaces), and an analysis
 * allocates enough to grow it to the full reserve: on a 5,000 × 100 sitting the thread's peak resident set rose
 * 90-102 MiB with V8's default and 69-73 MiB at 4, for the same CPU (1.3-1.5 s). What outlives a small young
 * generation is the analysis' own arrays, which live to its end anyway.
 */
export const ANALYSIS_THREAD_LIMITS = { maxYoungGenerationSizeMb: 4 };

/**
 * The compiled server (scripts/build-server.mjs, which defines IMTAHAN_COMPILED) runs the worker compiled beside
 * it; from the sources (tsx, tests) the worker is the TypeScript file, loaded through tsx's loader, which the
 * thread registers for itself first (a worker's `--import` in execArgv is not honoured here).
 */
function startWorker() {
  const source = new URL('./analysis.worker.ts', import.meta.url).href;
  const thread =
    process.env.IMTAHAN_COMPILED === 'true'
      ? new Worker(new URL('../../../build-server/analysis.worker.js', import.meta.url), {
          resourceLimits: ANALYSIS_THREAD_LIMITS,
        })
      : new Worker(
          `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`,
          { eval: true, resourceLimits: ANALYSIS_THREAD_LIMITS },
        );
  thread.unref();
  // Each thread answers its own requests: one ending (or failing) never touches those of the next.
  const started = { thread, pending: new Map<number, Pending>() };
  const { pending } = started;
  thread.on('message', ({ id, analysis, error }: Reply) => {
    const waiting = pending.get(id);
    if (!waiting) return;
    pending.delete(id);
    if (pending.size === 0 && worker === started) {
      worker = null;
      void thread.terminate();
    }
    if (error !== undefined) waiting.reject(new StatisticsInputError(error));
    else waiting.resolve(analysis!);
  });
  const fail = (error: Error) => {
    if (worker === started) worker = null;
    for (const [id, waiting] of pending) {
      pending.delete(id);
      waiting.reject(error);
    }
  };
  thread.on('error', fail);
  thread.on('exit', (code) => fail(new Error(`the item-analysis thread exited (code ${code})`)));
  return started;
}

/**
 * `analyseItems(items, attempts, options)` on the thread. Packed attempts are moved there, not copied: their
 * arrays are empty here afterwards.
 */
export function analyseOffThread(
  items: readonly StatItem[],
  attempts: readonly StatAttempt[] | PackedAttempts,
  options: StatisticsOptions = {},
): Promise<ItemAnalysis> {
  const current = (worker ??= startWorker());
  const id = nextId++;
  const packed = Array.isArray(attempts) ? packAttempts(attempts) : (attempts as PackedAttempts);
  const request: AnalysisRequest = { id, items, attempts: packed, options };
  return new Promise<ItemAnalysis>((resolve, reject) => {
    current.pending.set(id, { resolve, reject });
    current.thread.postMessage(request, packedBuffers(packed));
  });
}

/** The running thread's resource limits (V8's, with ours applied), or null when none runs. */
export function analysisThreadLimits(): Worker['resourceLimits'] | null {
  return worker?.thread.resourceLimits ?? null;
}

/** Whether a thread is running now (it ends once it has nothing to do). */
export function analysisThreadRunning(): boolean {
  return worker !== null;
}

/** Ends the thread (a later analysis starts another): for a process that analyses once and then has to exit. */
export async function stopAnalysisThread(): Promise<void> {
  const running = worker;
  worker = null;
  await running?.thread.terminate();
}
