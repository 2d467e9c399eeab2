/**
 * Reconciling blind double marking (issue 18): two markers' totals for a script, a threshold, and the rule
 * published for the sitting give the final mark, or say that the chief must mark it third. Pure: the same
 * markings give the same final mark whoever entered them first, so anyone can check every final mark
 * from the markings and the published rule alone.
 */
import type { MarkingRule } from '../../../db/domain/marking';

export type { MarkingRule } from '../../../db/domain/marking';

export interface ReconcileInput {
  /** The two blind markers' totals, in any order. */
  double: readonly number[];
  /** The chief's total, once marked. */
  chief?: number;
  /** Totals differing by more than this need a third marking. */
  threshold: number;
  rule: MarkingRule;
}

export type Reconciled =
  | { status: 'marking' }
  | { status: 'third' }
  /** `points` in hundredths are exact; `how` names the step that gave them. */
  | { status: 'final'; points: number; how: 'agreed' | MarkingRule };

/** A mean rounded to hundredths, half away from zero (marks are never negative, so half up). */
function meanOf(values: readonly number[]): number {
  const hundredths = (values.reduce((a, b) => a + b, 0) * 100) / values.length;
  return Math.round(hundredths) / 100;
}

/**
 * - fewer than two markings: still marking;
 * - two within the threshold (|a − b| ≤ threshold): agreed, their mean;
 * - further apart: the chief marks; then the rule: `chief` takes the chief's total, `mean-of-three` the mean
 *   of all three, `closest-pair` the mean of the two closest totals, and when two pairs are equally close
 *   (the chief's total exactly between the others, or equal to neither but equidistant) the middle total,
 *   which both tied pairs share.
 */
export function reconcile(input: ReconcileInput): Reconciled {
  if (input.double.length < 2) return { status: 'marking' };
  const [a, b] = [...input.double].sort((x, y) => x - y) as [number, number];
  if (b - a <= input.threshold) return { status: 'final', points: meanOf([a, b]), how: 'agreed' };
  if (input.chief === undefined) return { status: 'third' };
  const c = input.chief;
  switch (input.rule) {
    case 'chief':
      return { status: 'final', points: c, how: 'chief' };
    case 'mean-of-three':
      return { status: 'final', points: meanOf([a, b, c]), how: 'mean-of-three' };
    case 'closest-pair': {
      const [low, middle, high] = [a, b, c].sort((x, y) => x - y) as [number, number, number];
      const lower = middle - low;
      const upper = high - middle;
      const points = lower === upper ? middle : lower < upper ? meanOf([low, middle]) : meanOf([middle, high]);
      return { status: 'final', points, how: 'closest-pair' };
    }
  }
}
