/**
 * The question editor's form: flat text fields that work as a plain HTML form, and their
 * translation to and from the API's QuestionDraft. Pure, so the page and the live preview agree.
 */
import type { ApiError } from '$lib/api/client';
import type { CandidateView, QuestionDraft, QuestionVersion } from '$lib/api/bank';

export const LANGUAGES = ['az', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const OPTION_IDS = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
export const TYPES = ['single', 'multiple', 'short', 'essay'] as const;
/** Rubric rows the editor offers for an essay; criteria are named c1…c4 so their ids stay stable across versions. */
export const CRITERIA = ['c1', 'c2', 'c3', 'c4'] as const;
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export const STATUSES = ['draft', 'in_review', 'approved', 'retired'] as const;
export type QuestionType = (typeof TYPES)[number];

/** Every field of the form, as the browser sends it. `correct` holds the ticked option ids, comma-separated. */
export type QuestionFormValues = Record<string, string>;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function oneOf<T extends string>(list: readonly T[], value: string | undefined, fallback: T): T {
  return (list as readonly string[]).includes(value ?? '') ? (value as T) : fallback;
}

/**
 * Every field the form shows, in the order it shows them (the error summary lists refusals in this order).
 * `options` and `correct` are not text boxes: the options' count and the ticked option ids.
 */
export const FIELD_ORDER: readonly string[] = [
  'subject',
  'topic',
  'difficulty',
  'type',
  'scoring',
  'match',
  ...LANGUAGES.map((l) => `text_${l}`),
  'options',
  ...OPTION_IDS.flatMap((id) => LANGUAGES.map((l) => `option_${id}_${l}`)),
  'correct',
  ...LANGUAGES.map((l) => `accepted_${l}`),
  'minWords',
  'maxWords',
  ...CRITERIA.flatMap((c) => [
    ...LANGUAGES.map((l) => `${c}_title_${l}`),
    `${c}_max`,
    `${c}_points`,
    ...LANGUAGES.map((l) => `${c}_levels_${l}`),
  ]),
  ...LANGUAGES.map((l) => `explanation_${l}`),
  'source',
  'tags',
  'externalId',
];

/** Names of the text fields the browser sends: the form's own, and the hidden version and preview language. */
export const TEXT_FIELDS: readonly string[] = [
  ...FIELD_ORDER.filter((name) => name !== 'options' && name !== 'correct'),
  'expectedVersion',
  'previewLanguage',
];

export function emptyValues(subject = ''): QuestionFormValues {
  const values: QuestionFormValues = Object.fromEntries(TEXT_FIELDS.map((name) => [name, '']));
  return {
    ...values,
    subject,
    type: 'single',
    scoring: 'all-or-nothing',
    match: 'normalised',
    difficulty: 'medium',
    correct: '',
    previewLanguage: 'az',
  };
}

export function valuesFromForm(data: FormData): QuestionFormValues {
  const values: QuestionFormValues = {};
  for (const name of TEXT_FIELDS) {
    const value = data.get(name);
    values[name] = typeof value === 'string' ? value.replaceAll('\r\n', '\n') : '';
  }
  values.correct = data
    .getAll('correct')
    .filter((v): v is string => typeof v === 'string')
    .join(',');
  values.previewLanguage = isLanguage(values.previewLanguage) ? values.previewLanguage : 'az';
  return values;
}

export function valuesFromVersion(version: QuestionVersion): QuestionFormValues {
  const values = emptyValues(version.subject);
  values.topic = version.topic ?? '';
  values.type = version.content.type;
  values.difficulty = version.difficulty;
  for (const l of LANGUAGES) {
    values[`text_${l}`] = version.content.text[l] ?? '';
    values[`explanation_${l}`] = version.explanation[l] ?? '';
  }
  for (const option of version.content.options) {
    if (!(OPTION_IDS as readonly string[]).includes(option.id)) continue;
    for (const l of LANGUAGES) values[`option_${option.id}_${l}`] = option.text[l] ?? '';
  }
  const key = version.key;
  if (key.type === 'short') {
    values.match = key.match;
    for (const l of LANGUAGES)
      values[`accepted_${l}`] = key.accepted
        .map((a) => a[l] ?? '')
        .join('\n')
        .trimEnd();
  } else if (key.type === 'essay') {
    Object.assign(values, essayValues(version.content.expectedLength, key.rubric));
  } else {
    values.correct = key.correct.join(',');
    if (key.type === 'multiple') values.scoring = key.scoring;
  }
  values.source = version.source ?? '';
  values.tags = version.tags.join(', ');
  values.externalId = version.externalId ?? '';
  values.expectedVersion = String(version.version);
  return values;
}

function localised(values: QuestionFormValues, prefix: string): Partial<Record<Language, string>> {
  const text: Partial<Record<Language, string>> = {};
  for (const l of LANGUAGES) {
    const value = (values[`${prefix}_${l}`] ?? '').trim();
    if (value) text[l] = value;
  }
  return text;
}

export function correctIds(values: QuestionFormValues): string[] {
  return (values.correct ?? '').split(',').filter(Boolean);
}

/** The options the examiner filled in: a row with no text in any language is left out. */
export function filledOptions(values: QuestionFormValues) {
  return OPTION_IDS.map((id) => ({ id, text: localised(values, `option_${id}`) })).filter(
    (option) => Object.keys(option.text).length > 0,
  );
}

type EssayKey = Extract<QuestionDraft['key'], { type: 'essay' }>;
type ExpectedLength = NonNullable<QuestionDraft['content']['expectedLength']>;

/**
 * An essay's rubric as flat fields: per criterion a title per language, its maximum, the levels' points
 * comma-separated (ascending), and per language one descriptor a line in the same order.
 */
function essayValues(length: ExpectedLength | undefined, rubric: EssayKey['rubric']): QuestionFormValues {
  const values: QuestionFormValues = {
    minWords: String(length?.minWords ?? ''),
    maxWords: String(length?.maxWords ?? ''),
  };
  CRITERIA.forEach((c, index) => {
    const criterion = rubric[index];
    if (!criterion) return;
    values[`${c}_max`] = String(criterion.maxPoints);
    values[`${c}_points`] = criterion.levels.map((level) => level.points).join(', ');
    for (const l of LANGUAGES) {
      values[`${c}_title_${l}`] = criterion.title[l] ?? '';
      values[`${c}_levels_${l}`] = criterion.levels.map((level) => level.descriptor[l] ?? '').join('\n');
    }
  });
  return values;
}

/** A number typed in a field, or NaN, which the API refuses against that field. */
const wholeNumber = (value: string | undefined) => (/^\s*\d+\s*$/.test(value ?? '') ? Number(value) : Number.NaN);

/** The rubric the form describes: a criterion row with no title and no maximum is left out. */
export function rubricFromValues(values: QuestionFormValues): EssayKey['rubric'] {
  return CRITERIA.flatMap((c) => {
    const title = localised(values, `${c}_title`);
    if (Object.keys(title).length === 0 && !(values[`${c}_max`] ?? '').trim()) return [];
    const points = (values[`${c}_points`] ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)
      .map(wholeNumber);
    const lines = Object.fromEntries(LANGUAGES.map((l) => [l, (values[`${c}_levels_${l}`] ?? '').split('\n')]));
    const levels = points.map((p, i) => {
      const descriptor: Partial<Record<Language, string>> = {};
      for (const l of LANGUAGES) {
        const line = lines[l]?.[i]?.trim();
        if (line) descriptor[l] = line;
      }
      return { points: Number.isNaN(p) ? -1 : p, descriptor };
    });
    return [{ id: c, title, maxPoints: wholeNumber(values[`${c}_max`]), levels }];
  });
}

function expectedLengthFromValues(values: QuestionFormValues): ExpectedLength | undefined {
  if (!(values.minWords ?? '').trim() && !(values.maxWords ?? '').trim()) return undefined;
  return { minWords: wholeNumber(values.minWords), maxWords: wholeNumber(values.maxWords) };
}

export function draftFromValues(values: QuestionFormValues): QuestionDraft {
  const type = oneOf(TYPES, values.type, 'single');
  const correct = correctIds(values);
  let key: QuestionDraft['key'];
  if (type === 'essay') {
    key = { type: 'essay', rubric: rubricFromValues(values) };
  } else if (type === 'short') {
    const lines = Object.fromEntries(
      LANGUAGES.map((l) => [l, (values[`accepted_${l}`] ?? '').split('\n').map((line) => line.trim())]),
    ) as Record<Language, string[]>;
    const count = Math.max(...LANGUAGES.map((l) => lines[l].length));
    const accepted: Partial<Record<Language, string>>[] = [];
    for (let i = 0; i < count; i += 1) {
      const answer: Partial<Record<Language, string>> = {};
      for (const l of LANGUAGES) if (lines[l][i]) answer[l] = lines[l][i];
      if (Object.keys(answer).length) accepted.push(answer);
    }
    // An empty list is refused by the API's shape check with a confusing report; one empty answer is
    // refused by its rules instead, as "accepted answer 1 is empty", which the form can place.
    key = {
      type: 'short',
      accepted: accepted.length ? accepted : [{}],
      match: oneOf(['exact', 'normalised'], values.match, 'normalised'),
    };
  } else if (type === 'single') {
    // No ticked option: sent as an empty id, which the API reports against `key.correct`.
    key = { type: 'single', correct: [correct[0] ?? ''] };
  } else {
    key = {
      type: 'multiple',
      correct: correct.length ? correct : [''],
      scoring: oneOf(['all-or-nothing', 'partial'], values.scoring, 'all-or-nothing'),
    };
  }
  const tags = (values.tags ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  const draft: QuestionDraft = {
    subject: (values.subject ?? '').trim(),
    difficulty: oneOf(DIFFICULTIES, values.difficulty, 'medium'),
    content: {
      type,
      text: localised(values, 'text'),
      options: type === 'short' || type === 'essay' ? [] : filledOptions(values),
    },
    key,
    explanation: localised(values, 'explanation'),
    tags,
  };
  const expectedLength = type === 'essay' ? expectedLengthFromValues(values) : undefined;
  if (expectedLength) draft.content.expectedLength = expectedLength;
  const topic = (values.topic ?? '').trim();
  if (topic) draft.topic = topic;
  const source = (values.source ?? '').trim();
  if (source) draft.source = source;
  const externalId = (values.externalId ?? '').trim();
  if (externalId) draft.externalId = externalId;
  return draft;
}

/** What a candidate would see for the form as it stands: the API's own fallback, az → ru → en. */
export function candidateViewFromValues(values: QuestionFormValues, language: Language): CandidateView {
  const draft = draftFromValues(values);
  const pick = (text: Partial<Record<Language, string>>) => text[language] ?? text.az ?? text.ru ?? text.en ?? '';
  return {
    type: draft.content.type,
    language,
    text: pick(draft.content.text),
    options: draft.content.options.map((o) => ({ id: o.id, text: pick(o.text) })),
  };
}

/** Input name → the API's error code for it. Group names (`options`, `correct`) sit beside fieldsets. */
export type EditorErrors = Record<string, string>;

/** The form field an API field path belongs beside, e.g. `content.text.az` → `text_az`. */
export function inputForPath(path: string, values: QuestionFormValues): string | null {
  const [head = '', second, third, fourth, fifth] = path.split('.');
  const language = (part: string | undefined) => (isLanguage(part) ? part : 'az');
  switch (head) {
    case 'subject':
    case 'topic':
    case 'difficulty':
    case 'source':
    case 'externalId':
      return head;
    case 'tags':
      return 'tags';
    case 'explanation':
      return `explanation_${language(second)}`;
    case 'key':
      if (second === 'accepted') return `accepted_${language(fourth)}`;
      if (second === 'rubric') {
        const c = CRITERIA[Number(third)];
        if (!c) return 'rubric';
        if (fourth === 'title') return `${c}_title_${language(fifth)}`;
        if (fourth === 'maxPoints') return `${c}_max`;
        if (fourth === 'levels') {
          // key.rubric.<i>.levels.<j>.descriptor.<language>, or .points
          const [what, lang] = path.split('.').slice(5);
          return what === 'descriptor' ? `${c}_levels_${language(lang)}` : `${c}_points`;
        }
        return `${c}_title_az`;
      }
      if (second === 'scoring' || second === 'match') return second;
      if (second === 'type') return 'type';
      return 'correct';
    case 'content': {
      if (second === 'type') return 'type';
      if (second === 'text') return `text_${language(third)}`;
      if (second === 'expectedLength') return third === 'maxWords' ? 'maxWords' : 'minWords';
      if (second === 'options') {
        const option = third === undefined ? undefined : filledOptions(values)[Number(third)];
        if (!option || fourth !== 'text') return 'options';
        return `option_${option.id}_${language(fifth)}`;
      }
      return null;
    }
    default:
      return null;
  }
}

/** Codes of the API's shape check that only restate another problem (a union that did not match). */
const NOISE = new Set(['anyOf', 'const', 'oneOf']);

export function editorErrors(error: ApiError, values: QuestionFormValues): { errors: EditorErrors; unplaced: boolean } {
  const errors: EditorErrors = {};
  let unplaced = !error.fields?.length;
  for (const problem of error.fields ?? []) {
    if (NOISE.has(problem.code)) continue;
    const input = inputForPath(problem.field, values);
    if (!input) {
      unplaced = true;
      continue;
    }
    if (errors[input]) continue;
    let code = problem.code;
    if (input === 'correct' && correctIds(values).length === 0) code = 'required';
    errors[input] = code;
  }
  return { errors, unplaced };
}
