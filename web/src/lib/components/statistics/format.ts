/** Number formats of the statistics pages: fractions as percentages, marks with two decimals, a dash for none. */
export const DASH = '–';

export function percent(fraction: number | null | undefined, digits = 0): string {
  return fraction === null || fraction === undefined ? DASH : (100 * fraction).toFixed(digits);
}

export function fixed(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined ? DASH : value.toFixed(digits);
}

export const SORT_KEYS = [
  'position',
  'facility',
  'sd',
  'effectiveWeight',
  'discriminationIndex',
  'discriminativeEfficiency',
  'upperLowerDiscrimination',
  'flags',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export function isSortKey(value: string | null): value is SortKey {
  return (SORT_KEYS as readonly string[]).includes(value ?? '');
}
