/**
 * The item analysis on a thread of its own (see `analysis-thread.ts`): each message is one sitting's (or
 * blueprint's) items and attempts, packed (`packed-attempts.ts`), answered with the analysis or the error's
 * message, by the message's id.
 */
import { parentPort } from 'node:worker_threads';
import { analyseItems, type StatisticsOptions, type StatItem } from '../../core/item-statistics/index';
import { unpackAttempts, type PackedAttempts } from './packed-attempts';

export interface AnalysisRequest {
  id: number;
  items: readonly StatItem[];
  attempts: PackedAttempts;
  options: StatisticsOptions;
}

parentPort?.on('message', ({ id, items, attempts, options }: AnalysisRequest) => {
  try {
    parentPort!.postMessage({ id, analysis: analyseItems(items, unpackAttempts(attempts), options) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
