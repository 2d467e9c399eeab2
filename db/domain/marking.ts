/**
 * Written-work marking's vocabulary (issue 18), a leaf shared by the schema and the reconciliation core.
 *
 * How a third marking is reconciled, published for the sitting before any script is marked:
 * - closest-pair: the mean of the two closest of the three totals (the middle one when two pairs tie);
 * - chief: the chief marker's total;
 * - mean-of-three: the mean of all three.
 * Two markings within the threshold are always reconciled by their mean.
 */
export const MARKING_RULES = ['closest-pair', 'chief', 'mean-of-three'] as const;
export type MarkingRule = (typeof MARKING_RULES)[number];
