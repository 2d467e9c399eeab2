import type { Topic } from './api/consultations';

/** The consultation topics in the order every page lists them (browser-safe: no API client here). */
export const TOPICS: readonly Topic[] = [
  'registration',
  'booking',
  'exam',
  'results',
  'certificates',
  'vacancies',
  'technical',
  'other',
];
export const isTopic = (value: string | null): value is Topic => TOPICS.includes(value as Topic);
