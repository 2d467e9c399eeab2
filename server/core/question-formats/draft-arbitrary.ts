/**
 * Test support: fast-check arbitraries of valid question drafts whose texts are full of what breaks naive
 * converters — Azerbaijani and Cyrillic letters, markup, GIFT and CSV syntax, line breaks, emoji.
 */
import fc from 'fast-check';
import {
  LANGUAGES,
  type ExpectedLength,
  type Language,
  type Localised,
  type QuestionDraft,
  type QuestionKey,
  type QuestionOption,
} from '../question';
import { isCleanText, MAX_CRITERIA, MAX_CRITERION_POINTS, MAX_EXPECTED_WORDS, MAX_LEVELS } from './validate-draft';

const TRICKY = [
  'ə',
  'Ə',
  'İ',
  'ı',
  'ğ',
  'ş',
  'ç',
  'ö',
  'ü',
  'Ж',
  'щ',
  'Ё',
  'Баку',
  'Bakı',
  '"',
  "'",
  '<',
  '>',
  '&',
  '&amp;',
  '<br>',
  ']]>',
  '<span lang="ru" class="multilang">',
  '{',
  '}',
  '~',
  '=',
  '#',
  '####',
  ':',
  '::',
  '\\',
  '\\n',
  '|',
  ',',
  ';',
  '*',
  '%',
  '%50%',
  '->',
  '[',
  ']',
  '[html]',
  '/',
  '//',
  '$CATEGORY:',
  'imtahan:',
  '-',
  '+',
  '@',
  '\n',
  '\t',
  ' ',
  '  ',
  '\u00a0',
  '\u2028',
  '😀',
];

const fragment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }) },
);

/** A non-empty, trimmed text that may span lines. */
export const textArbitrary = fc
  .array(fragment, { minLength: 1, maxLength: 8 })
  .map((parts) => parts.join('').trim())
  .filter((value) => isCleanText(value));

/** A one-line label: subject, topic, tag, source, external id. */
export const labelArbitrary = fc
  .array(fragment, { minLength: 1, maxLength: 5 })
  .map((parts) =>
    parts
      .join('')
      .replace(/[\n\t]/g, ' ')
      .trim(),
  )
  .filter((value) => isCleanText(value, true));

const optionIdArbitrary = fc.stringMatching(/^[A-Za-z0-9_-]{1,6}$/);

function localisedArbitrary(languages: readonly Language[], value = textArbitrary): fc.Arbitrary<Localised> {
  return fc
    .tuple(...languages.map((language) => value.map((text) => [language, text] as const)))
    .map((entries) => Object.fromEntries(entries) as Localised);
}

function optionalField<K extends string>(name: K): fc.Arbitrary<Partial<Record<K, string>>> {
  return fc
    .option(labelArbitrary, { nil: undefined })
    .map((value) => (value === undefined ? {} : ({ [name]: value } as Record<K, string>)));
}

/** A draft that passes every shared rule, of any type, in any non-empty set of languages. */
export const draftArbitrary: fc.Arbitrary<QuestionDraft> = fc
  .subarray([...LANGUAGES], { minLength: 1 })
  .chain((languages) =>
    fc.record({
      languages: fc.constant(languages),
      externalId: optionalField('externalId'),
      topic: optionalField('topic'),
      source: optionalField('source'),
      subject: labelArbitrary,
      difficulty: fc.constantFrom('easy', 'medium', 'hard' as const),
      text: localisedArbitrary(languages),
      explanation: fc.subarray(languages).chain((some) => localisedArbitrary(some)),
      tags: fc.uniqueArray(labelArbitrary, { maxLength: 4 }),
      body: fc.oneof(choiceArbitrary(languages), shortArbitrary(languages), essayArbitrary(languages)),
    }),
  )
  .map(({ externalId, topic, source, subject, difficulty, text, explanation, tags, body }) => ({
    ...externalId,
    subject,
    ...topic,
    difficulty,
    content: {
      type: body.key.type,
      text,
      options: body.options,
      ...(body.expectedLength ? { expectedLength: body.expectedLength } : {}),
    },
    key: body.key,
    explanation,
    ...source,
    tags,
  }));

type Body = { options: QuestionOption[]; key: QuestionKey; expectedLength?: ExpectedLength };

function choiceArbitrary(languages: readonly Language[]): fc.Arbitrary<Body> {
  return fc
    .uniqueArray(optionIdArbitrary, { minLength: 2, maxLength: 6 })
    .chain((ids) =>
      fc.record({
        options: fc.tuple(...ids.map((id) => localisedArbitrary(languages).map((text) => ({ id, text })))),
        correct: fc.subarray(ids, { minLength: 1 }),
        single: fc.boolean(),
        scoring: fc.constantFrom('all-or-nothing', 'partial' as const),
      }),
    )
    .map(({ options, correct, single, scoring }) => ({
      options,
      key: single
        ? ({ type: 'single', correct: [correct[0] ?? ''] } as const)
        : ({ type: 'multiple', correct, scoring } as const),
    }));
}

function shortArbitrary(languages: readonly Language[]): fc.Arbitrary<Body> {
  const group = fc.subarray([...languages], { minLength: 1 }).chain((some) => localisedArbitrary(some));
  return fc
    .record({
      accepted: fc.array(group, { minLength: 1, maxLength: 4 }),
      match: fc.constantFrom('exact', 'normalised' as const),
    })
    .map(({ accepted, match }) => ({ options: [], key: { type: 'short', accepted, match } as const }));
}

/** An essay: a rubric of criteria in the prompt's languages, levels ascending, and maybe an asked-for length. */
function essayArbitrary(languages: readonly Language[]): fc.Arbitrary<Body> {
  const criterion = fc
    .record({
      title: localisedArbitrary(languages),
      maxPoints: fc.integer({ min: 1, max: MAX_CRITERION_POINTS }),
    })
    .chain(({ title, maxPoints }) =>
      fc
        .uniqueArray(fc.integer({ min: 0, max: maxPoints }), { maxLength: MAX_LEVELS })
        .chain((points) =>
          fc.tuple(
            ...[...points]
              .sort((a, b) => a - b)
              .map((p) => localisedArbitrary(languages).map((descriptor) => ({ points: p, descriptor }))),
          ),
        )
        .map((levels) => ({ title, maxPoints, levels })),
    );
  const length = fc
    .tuple(fc.integer({ min: 1, max: MAX_EXPECTED_WORDS }), fc.integer({ min: 1, max: MAX_EXPECTED_WORDS }))
    .map(([a, b]) => ({ minWords: Math.min(a, b), maxWords: Math.max(a, b) }));
  return fc
    .record({
      rubric: fc.uniqueArray(
        fc.tuple(optionIdArbitrary, criterion).map(([id, rest]) => ({ id, ...rest })),
        { minLength: 1, maxLength: MAX_CRITERIA, selector: (c) => c.id },
      ),
      expectedLength: fc.option(length, { nil: undefined }),
    })
    .map(({ rubric, expectedLength }) => ({
      options: [],
      key: { type: 'essay', rubric } as const,
      ...(expectedLength ? { expectedLength } : {}),
    }));
}
