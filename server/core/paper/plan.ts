/**
 * The feasibility plan shared by the check and the generator, so that the two can never disagree
 * about whether a paper can be drawn.
 */
import type { Blueprint } from '../blueprint';
import type { Language } from '../question';
import { Allocation } from './allocation';
import { quotasOf, type PoolItem, type Quota, type QuotaDifficulty } from './pool';

/** How one quota (a section's difficulty) fares against the pool. */
export interface QuotaOutcome {
  /** Index of the section in the blueprint, from 0. */
  section: number;
  difficulty: QuotaDifficulty;
  required: number;
  /**
   * The most distinct items this quota could receive while every earlier quota (earlier sections,
   * and easier difficulties of the same section) still gets what it needs, as far as it can.
   */
  available: number;
  /** `required − available`, or 0 when enough are available. */
  shortBy: number;
}

export interface Plan {
  quotas: Quota[];
  /** A complete assignment when every outcome has `shortBy` 0. */
  allocation: Allocation;
  outcomes: QuotaOutcome[];
}

/**
 * Allocates the sorted pool to the blueprint's quotas in priority order, for one language.
 *
 * @param measure find each quota's full `available`; without it, `available` is capped at
 *   `required`, which is all generation needs and much cheaper when sections share many items.
 *   Whether anything is short, and by how much, is the same either way.
 */
export function planPaper(
  blueprint: Blueprint,
  sortedPool: readonly PoolItem[],
  language: Language,
  measure = true,
): Plan {
  const quotas = quotasOf(blueprint, sortedPool, language);
  const allocation = new Allocation(sortedPool.length, quotas);
  const outcomes = quotas.map((quota, q): QuotaOutcome => {
    const available = allocation.fill(q, measure);
    return {
      section: quota.section,
      difficulty: quota.difficulty,
      required: quota.required,
      available,
      shortBy: Math.max(0, quota.required - available),
    };
  });
  return { quotas, allocation, outcomes };
}
