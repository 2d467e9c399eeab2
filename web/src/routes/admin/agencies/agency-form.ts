import { localised, localisedValues, text } from '$lib/components/competitions/forms';
import type { AgencyInput } from '$lib/api/competitions';

export const AGENCY_FIELDS = ['code', 'name'] as const;

/** The agency form as typed, and the API body made from it. */
export function agencyFromForm(data: FormData): { values: Record<string, string>; body: AgencyInput } {
  const code = text(data, 'code').toUpperCase();
  return {
    values: { code, ...localisedValues(data, 'name') },
    body: { code, name: localised(data, 'name') },
  };
}

/** API paths the form shows: `code`, `name.az` …; `name` alone goes beside the Azerbaijani input. */
export function placeAgencyError(path: string): string | null {
  if (path === 'code' || /^name\.(az|ru|en)$/.test(path)) return path;
  if (path === 'name') return 'name.az';
  return null;
}
