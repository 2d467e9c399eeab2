/** The vacancy form as typed (the deadline in Baku time), and the API body made from it. */
import type { Vacancy, VacancyInput } from '$lib/api/competitions';
import { bakuInput, integer, localised, localisedFrom, localisedValues, text, toBakuInput } from './forms';

export const VACANCY_FIELDS = [
  'code',
  'agencyId',
  'position',
  'categoryCode',
  'places',
  'location',
  'applicationDeadline',
  'requirements',
  'interviewProgramme',
] as const;

const LOCALISED = ['position', 'requirements', 'interviewProgramme'] as const;

export function emptyVacancy(agencyId = '', categoryCode = ''): Record<string, string> {
  return {
    code: '',
    agencyId,
    categoryCode,
    places: '1',
    location: '',
    applicationDeadline: '',
    ...Object.assign({}, ...LOCALISED.map((n) => localisedFrom(n, {}))),
  };
}

export function vacancyValues(v: Vacancy): Record<string, string> {
  return {
    code: v.code,
    agencyId: v.agency.id,
    categoryCode: v.categoryCode,
    places: String(v.places),
    location: v.location,
    applicationDeadline: toBakuInput(v.applicationDeadline),
    ...localisedFrom('position', v.position),
    ...localisedFrom('requirements', v.requirements),
    ...localisedFrom('interviewProgramme', v.interviewProgramme),
  };
}

export function vacancyFromForm(data: FormData): { values: Record<string, string>; body: VacancyInput } {
  const values: Record<string, string> = {
    code: text(data, 'code'),
    agencyId: text(data, 'agencyId'),
    categoryCode: text(data, 'categoryCode'),
    places: text(data, 'places'),
    location: text(data, 'location'),
    applicationDeadline: text(data, 'applicationDeadline'),
    ...Object.assign({}, ...LOCALISED.map((n) => localisedValues(data, n))),
  };
  const body: VacancyInput = {
    code: values.code ?? '',
    agencyId: values.agencyId ?? '',
    position: localised(data, 'position'),
    categoryCode: values.categoryCode ?? '',
    places: integer(values.places ?? ''),
    location: values.location ?? '',
    requirements: localised(data, 'requirements'),
    interviewProgramme: localised(data, 'interviewProgramme'),
    applicationDeadline: bakuInput(values.applicationDeadline ?? ''),
  };
  return { values, body };
}

/** Problems the form finds before asking the API: a deadline that is no date and time at all. */
export function vacancyFormErrors(values: Record<string, string>): Record<string, string> {
  const deadline = values.applicationDeadline ?? '';
  if (deadline === '') return { applicationDeadline: 'required' };
  if (bakuInput(deadline) === '') return { applicationDeadline: 'format' };
  return {};
}

export function placeVacancyError(path: string): string | null {
  if ((VACANCY_FIELDS as readonly string[]).includes(path) && !(LOCALISED as readonly string[]).includes(path))
    return path;
  const match = /^(position|requirements|interviewProgramme)(?:\.(az|ru|en))?$/.exec(path);
  if (match) return `${match[1]}.${match[2] ?? 'az'}`;
  return null;
}
