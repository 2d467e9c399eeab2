import type { AccommodationKind } from '$lib/api/sittings';

/** The accommodations other than extra time, in the order the forms and rosters show them. */
export const ACCOMMODATION_KINDS: readonly AccommodationKind[] = [
  'separate_room',
  'large_print',
  'reader',
  'scribe',
  'rest_breaks',
];
