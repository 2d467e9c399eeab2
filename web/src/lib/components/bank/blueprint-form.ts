/**
 * The blueprint editor's form. Field names are the API's own paths (`sections.2.count`), so an error
 * the API reports against a path lands beside the input of that name.
 */
import type { ApiError } from '$lib/api/client';
import type { Blueprint, BlueprintInput } from '$lib/api/bank';
import { DIFFICULTIES, LANGUAGES, isLanguage } from './question-form';

export interface SectionValues {
  title: Record<(typeof LANGUAGES)[number], string>;
  subject: string;
  topics: string[];
  count: string;
  mix: Record<(typeof DIFFICULTIES)[number], string>;
  minCorrect: string;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
}

export interface BlueprintFormValues {
  name: string;
  description: string;
  language: string;
  durationMinutes: string;
  passMark: string;
  pointsPerItem: string;
  negativeMarking: string;
  annulled: string;
  sections: SectionValues[];
}

export const MAX_SECTIONS = 20;

export function emptySection(subject = ''): SectionValues {
  return {
    title: { az: '', ru: '', en: '' },
    subject,
    topics: [],
    count: '10',
    mix: { easy: '', medium: '', hard: '' },
    minCorrect: '0',
    shuffleQuestions: true,
    shuffleOptions: true,
  };
}

export function emptyBlueprint(subject = ''): BlueprintFormValues {
  return {
    name: '',
    description: '',
    language: 'az',
    durationMinutes: '60',
    passMark: '0',
    pointsPerItem: '1',
    negativeMarking: '0',
    annulled: 'award-all',
    sections: [emptySection(subject)],
  };
}

export function valuesFromBlueprint(b: Blueprint): BlueprintFormValues {
  return {
    name: b.name,
    description: b.description ?? '',
    language: b.language,
    durationMinutes: String(b.durationMinutes),
    passMark: String(b.passMark),
    pointsPerItem: String(b.scoring.pointsPerItem),
    negativeMarking: String(b.scoring.negativeMarking),
    annulled: b.scoring.annulled,
    sections: b.sections.map((s) => ({
      title: { az: s.title.az ?? '', ru: s.title.ru ?? '', en: s.title.en ?? '' },
      subject: s.subject,
      topics: [...s.topics],
      count: String(s.count),
      mix: {
        easy: s.difficultyMix?.easy === undefined ? '' : String(s.difficultyMix.easy),
        medium: s.difficultyMix?.medium === undefined ? '' : String(s.difficultyMix.medium),
        hard: s.difficultyMix?.hard === undefined ? '' : String(s.difficultyMix.hard),
      },
      minCorrect: String(s.minCorrect),
      shuffleQuestions: s.shuffleQuestions,
      shuffleOptions: s.shuffleOptions,
    })),
  };
}

const text = (data: FormData, name: string) => {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
};

export function valuesFromForm(data: FormData): BlueprintFormValues {
  const count = Math.min(Math.max(Number(text(data, 'sectionCount')) || 0, 0), MAX_SECTIONS);
  const sections: SectionValues[] = [];
  for (let i = 0; i < count; i += 1) {
    const at = `sections.${i}`;
    sections.push({
      title: { az: text(data, `${at}.title.az`), ru: text(data, `${at}.title.ru`), en: text(data, `${at}.title.en`) },
      subject: text(data, `${at}.subject`),
      topics: data.getAll(`${at}.topics`).filter((t): t is string => typeof t === 'string' && t !== ''),
      count: text(data, `${at}.count`),
      mix: {
        easy: text(data, `${at}.difficultyMix.easy`),
        medium: text(data, `${at}.difficultyMix.medium`),
        hard: text(data, `${at}.difficultyMix.hard`),
      },
      minCorrect: text(data, `${at}.minCorrect`),
      shuffleQuestions: data.has(`${at}.shuffleQuestions`),
      shuffleOptions: data.has(`${at}.shuffleOptions`),
    });
  }
  return {
    name: text(data, 'name'),
    description: text(data, 'description'),
    language: text(data, 'language'),
    durationMinutes: text(data, 'durationMinutes'),
    passMark: text(data, 'passMark'),
    pointsPerItem: text(data, 'scoring.pointsPerItem'),
    negativeMarking: text(data, 'scoring.negativeMarking'),
    annulled: text(data, 'scoring.annulled'),
    sections,
  };
}

/** A number as typed; anything else goes as null, which the API reports as the wrong type beside the field. */
function number(value: string): number {
  const trimmed = value.trim().replace(',', '.');
  return trimmed === '' ? (null as unknown as number) : Number(trimmed);
}

export function bodyFromValues(values: BlueprintFormValues): BlueprintInput {
  const body: BlueprintInput = {
    name: values.name.trim(),
    language: isLanguage(values.language) ? values.language : 'az',
    durationMinutes: number(values.durationMinutes),
    passMark: number(values.passMark),
    scoring: {
      pointsPerItem: number(values.pointsPerItem),
      negativeMarking: number(values.negativeMarking || '0'),
      annulled: values.annulled === 'remove' ? 'remove' : 'award-all',
    },
    sections: values.sections.map((s) => {
      const title: Partial<Record<(typeof LANGUAGES)[number], string>> = {};
      for (const l of LANGUAGES) if (s.title[l].trim()) title[l] = s.title[l].trim();
      const mix: Partial<Record<(typeof DIFFICULTIES)[number], number>> = {};
      for (const d of DIFFICULTIES) if (s.mix[d].trim() !== '') mix[d] = number(s.mix[d]);
      return {
        title,
        subject: s.subject,
        topics: s.topics,
        count: number(s.count),
        ...(Object.keys(mix).length ? { difficultyMix: mix } : {}),
        minCorrect: number(s.minCorrect || '0'),
        shuffleQuestions: s.shuffleQuestions,
        shuffleOptions: s.shuffleOptions,
      };
    }),
  };
  if (values.description.trim()) body.description = values.description.trim();
  return body;
}

/** Paths the form has an input or a group for; any other path is shown beside its nearest ancestor. */
export function placeError(path: string, sectionCount: number): string | null {
  const parts = path.split('.');
  if (parts[0] === 'sections' && parts.length > 1) {
    const index = Number(parts[1]);
    if (!Number.isInteger(index) || index >= sectionCount) return 'sections';
    const field = parts[2];
    if (field === undefined) return `sections.${index}`;
    if (field === 'title') return `sections.${index}.title.${isLanguage(parts[3]) ? parts[3] : 'az'}`;
    if (field === 'difficultyMix') {
      const d = parts[3];
      return (DIFFICULTIES as readonly string[]).includes(d ?? '')
        ? `sections.${index}.difficultyMix.${d}`
        : `sections.${index}.difficultyMix`;
    }
    if (['subject', 'topics', 'count', 'minCorrect', 'shuffleQuestions', 'shuffleOptions'].includes(field)) {
      return `sections.${index}.${field}`;
    }
    return `sections.${index}`;
  }
  const simple = ['name', 'description', 'language', 'durationMinutes', 'passMark', 'sections'];
  if (simple.includes(path)) return path;
  if (path.startsWith('scoring.')) {
    const field = parts[1];
    return ['pointsPerItem', 'negativeMarking', 'annulled'].includes(field ?? '') ? `scoring.${field}` : null;
  }
  return null;
}

const NOISE = new Set(['anyOf', 'const', 'oneOf']);

export function blueprintErrors(error: ApiError, sectionCount: number) {
  const errors: Record<string, string> = {};
  let unplaced = !error.fields?.length;
  for (const problem of error.fields ?? []) {
    if (NOISE.has(problem.code)) continue;
    const at = placeError(problem.field, sectionCount);
    if (!at) {
      unplaced = true;
      continue;
    }
    errors[at] ??= problem.code;
  }
  return { errors, unplaced };
}

/** The generic message group for a path: `sections.2.difficultyMix.easy` → `difficultyMix`. */
export function errorGroup(path: string): string {
  const parts = path.split('.').filter((p) => !/^\d+$/.test(p) && !isLanguage(p));
  return parts.at(-1) === 'easy' || parts.at(-1) === 'medium' || parts.at(-1) === 'hard'
    ? 'difficultyMix'
    : (parts.at(-1) ?? path);
}
