/** A sitting's statuses, in their order; apart from the API client so pages may import them in the browser. */
export const SITTING_STATUSES = ['draft', 'booking', 'closed', 'cancelled'] as const;
export type SittingStatus = (typeof SITTING_STATUSES)[number];

export function isSittingStatus(value: unknown): value is SittingStatus {
  return typeof value === 'string' && (SITTING_STATUSES as readonly string[]).includes(value);
}
