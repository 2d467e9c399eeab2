/**
 * `analyseItems` off the server's own thread. A sitting of 5,000 candidates × 100 items takes about 0.8 s of
 * CPU; run where requests are answered, it held every request for that long (the exam-day bench saw the event
 * loop stall 2.5 s while a publication's statistics ran beside a start burst), so an exam's saves waited on
 * another sitting's statistics. One worker thread per process, started at the first analysis and reused; it
 * does not keep the process alive, and one that fails is replaced at the next analysis.
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

type Pending = { resolve: (analysis: ItemAnalysis) => void; reject: (error: Error) => void };
type Reply = { id: number; analysis?: ItemAnalysis; error?: string };

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, Pending>();

/**
 * The compiled server (scripts/build-server.mjs, which defines IMTAHAN_COMPILED) runs the worker compiled beside
 * it; from the sources (tsx, tests) the worker is the TypeScript file, loaded through tsx's loader, which the
 * thread registers for itself first (a worker's `--import` in execArgv is not honoured here).
 */
function startWorker(): Worker {
  const source = new URL('./analysis.worker.ts', import.meta.url).href;
  const started =
    process.env.IMTAHAN_COMPILED === 'true'
      ? new Worker(new URL('../../../build-server/analysis.worker.js', import.meta.url))
      : new Worker(
          `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`,
          { eval: true },
        );
  started.unref();
  started.on('message', ({ id, analysis, error }: Reply) => {
    const waiting = pending.get(id);
    if (!waiting) return;
    pending.delete(id);
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
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`the item-analysis thread exited (code ${code})`)));
  return started;
}

export function analyseOffThread(
  items: readonly StatItem[],
  attempts: readonly StatAttempt[],
  options: StatisticsOptions = {},
): Promise<ItemAnalysis> {
  worker ??= startWorker();
  const id = nextId++;
  const request: AnalysisRequest = { id, items, attempts, options };
  return new Promise<ItemAnalysis>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker!.postMessage(request);
  });
}

/** Ends the thread (a later analysis starts another): for a process that analyses once and then has to exit. */
export async function stopAnalysisThread(): Promise<void> {
  const running = worker;
  worker = null;
  await running?.terminate();
}
