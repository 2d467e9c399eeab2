/**
 * The item analysis on a thread of its own (see `analysis-thread.ts`): each message is one sitting's (or
 * blueprint's) items and attempts, answered with the analysis or the error's message, by the message's id.
 */
import { parentPort } from 'node:worker_threads';
import {
  analyseItems,
  type StatAttempt,
  type StatisticsOptions,
  type StatItem,
} from '../../core/item-statistics/index';

export interface AnalysisRequest {
  id: number;
  items: readonly StatItem[];
  attempts: readonly StatAttempt[];
  options: StatisticsOptions;
}

parentPort?.on('message', ({ id, items, attempts, options }: AnalysisRequest) => {
  try {
    parentPort!.postMessage({ id, analysis: analyseItems(items, attempts, options) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
