import type { AppointmentSort, RegisterVacancyStatus, ResultSort, VacancySort } from '$lib/api/register';
import type { Locale, MessageKey, Translator } from '$lib/i18n';

/** `2026-03` as the pages write months: 03.2026, or 03/2026 in English. */
export function formatMonth(month: string, locale: Locale): string {
  const [year, m] = month.split('-');
  return locale === 'en' ? `${m}/${year}` : `${m}.${year}`;
}

const TIMELINE: Record<string, MessageKey> = {
  announced: 'register.timeline.announced',
  applications_closed: 'register.timeline.applications_closed',
  interviews: 'register.timeline.interviews',
  ranking_published: 'register.timeline.ranking_published',
  appointed: 'register.timeline.appointed',
  closed: 'register.timeline.closed',
};

/** A timeline step's name; a step this page does not know yet is shown by its code. */
export function timelineLabel(i18n: Translator, event: string): string {
  const key = TIMELINE[event];
  return key ? i18n.t(key) : event;
}

export const STATUS_LABELS = {
  announced: 'register.status.announced',
  interviews: 'register.status.interviews',
  appointed: 'register.status.appointed',
  closed: 'register.status.closed',
} as const satisfies Record<RegisterVacancyStatus, MessageKey>;

export const APPOINTMENT_SORT_LABELS = {
  '-date': 'register.sort.newest',
  date: 'register.sort.oldest',
  name: 'register.sort.nameAsc',
  '-name': 'register.sort.nameDesc',
  '-score': 'register.sort.scoreDesc',
  score: 'register.sort.scoreAsc',
} as const satisfies Record<AppointmentSort, MessageKey>;

export const RESULT_SORT_LABELS = {
  '-date': 'register.sort.newest',
  date: 'register.sort.oldest',
  '-points': 'register.sort.pointsDesc',
  points: 'register.sort.pointsAsc',
} as const satisfies Record<ResultSort, MessageKey>;

export const VACANCY_SORT_LABELS = {
  '-date': 'register.sort.newest',
  date: 'register.sort.oldest',
  deadline: 'register.sort.deadlineAsc',
  '-deadline': 'register.sort.deadlineDesc',
} as const satisfies Record<VacancySort, MessageKey>;

/** A select's options from a label map, in the map's order. */
export function optionsOf<K extends string>(i18n: Translator, labels: Record<K, MessageKey>) {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: i18n.t(labels[value]) }));
}
