/**
 * Builders, fast-check arbitraries and an independent reference scorer for the scoring tests.
 * Test-only: nothing outside *.test.ts imports this file.
 *
 * The reference scorer (`referencePoints`) recomputes the total in plain floating point from the rules
 * as the issue states them, sharing no code with score.ts, so the property tests check the exact
 * implementation against a naive one rather than against itself.
 */
import fc from 'fast-check';
import type { BlueprintSection, ScoringRules } from '../blueprint';
import type { Paper, PaperItem } from '../paper/generate';
import { LANGUAGES, type Language, type Localised, type QuestionKey } from '../question';
import type { Annulment, Answer, ScoringInput } from './input';

// ---------------------------------------------------------------------------------------------
// Builders

export const choose = (...optionIds: string[]): Answer => ({ kind: 'choice', optionIds });
export const write = (text: string): Answer => ({ kind: 'text', text });

/** One item of a hand-built exam: its key, its options and the candidate's answer (none if omitted). */
export interface ItemSpec {
  id: string;
  key: QuestionKey;
  options: string[];
  answer?: Answer;
}

export function single(id: string, correct: string, answer?: Answer): ItemSpec {
  return { id, key: { type: 'single', correct: [correct] }, options: ['a', 'b', 'c', 'd'], answer };
}

export function multiple(
  id: string,
  correct: string[],
  scoring: 'all-or-nothing' | 'partial',
  answer?: Answer,
): ItemSpec {
  return { id, key: { type: 'multiple', correct, scoring }, options: ['a', 'b', 'c', 'd', 'e'], answer };
}

export function short(
  id: string,
  accepted: Localised[],
  answer?: Answer,
  match: 'exact' | 'normalised' = 'normalised',
): ItemSpec {
  return { id, key: { type: 'short', accepted, match }, options: [], answer };
}

export interface ExamSpec {
  sections: ItemSpec[][];
  minCorrect?: number[];
  passMark?: number;
  scoring?: Partial<ScoringRules>;
  language?: Language;
  annulments?: Annulment[];
}

function blueprintSection(count: number, minCorrect: number): BlueprintSection {
  return {
    title: { en: 'Section' },
    subject: 'any',
    topics: [],
    count,
    minCorrect,
    shuffleQuestions: true,
    shuffleOptions: true,
  };
}

/** A scoring input from item specs; defaults are DİM's rules: 1 point, no penalty, award-all. */
export function exam(spec: ExamSpec): ScoringInput {
  const paper: Paper = {
    seed: 'seed',
    sections: spec.sections.map((items, index) => ({
      index,
      items: items.map((i) => ({ questionId: `q-${i.id}`, versionId: i.id, section: index, optionOrder: i.options })),
    })),
  };
  const all = spec.sections.flat();
  return {
    paper,
    answers: Object.fromEntries(all.flatMap((i) => (i.answer === undefined ? [] : [[i.id, i.answer]]))),
    keys: Object.fromEntries(all.map((i) => [i.id, i.key])),
    blueprint: {
      language: spec.language ?? 'az',
      passMark: spec.passMark ?? 0,
      scoring: { pointsPerItem: 1, negativeMarking: 0, annulled: 'award-all', ...spec.scoring },
      sections: spec.sections.map((items, i) => blueprintSection(items.length, spec.minCorrect?.[i] ?? 0)),
    },
    annulments: spec.annulments ?? [],
  };
}

/**
 * A section of `count` single-choice items keyed 'a': the first `correct` answered 'a', the next
 * `wrong` answered 'b', the rest left blank. Ids are `<prefix>-<n>`.
 */
export function singleSection(prefix: string, count: number, correct: number, wrong = 0): ItemSpec[] {
  return Array.from({ length: count }, (_, n) =>
    single(`${prefix}-${n + 1}`, 'a', n < correct ? choose('a') : n < correct + wrong ? choose('b') : undefined),
  );
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const OPTION_IDS = ['a', 'b', 'c', 'd', 'e', 'f'];

/** Accepted answers in every language, and what candidates type: right, differently cased or spaced, wrong, blank. */
const ACCEPTED: Localised[][] = [
  [{ az: 'Bakı', ru: 'Баку', en: 'Baku' }],
  [
    { az: 'Əliyev', ru: 'Ёлкин', en: 'Smith' },
    { az: 'İlham', ru: 'Пётр', en: 'John' },
  ],
  [{ az: '42', ru: '42', en: '42' }],
];
const TYPED = [
  'Bakı',
  'BAKI',
  'baki',
  ' bakı. ',
  'Баку',
  'баку',
  'Baku',
  'əliyev',
  'ӘLİYEV',
  'ILHAM',
  'İlham',
  'ёлкин',
  'Елкин',
  'петр',
  'SMITH',
  '42',
  '42.',
  'Paris',
  '',
  '  ',
];

const RULES: fc.Arbitrary<ScoringRules> = fc.record({
  pointsPerItem: fc.constantFrom(1, 2, 0.5, 0.25, 1.5, 0.1, 3, 0.3),
  negativeMarking: fc.constantFrom(0, 0, 0.25, 0.5, 1, 0.1, 0.3333),
  annulled: fc.constantFrom('award-all' as const, 'remove' as const),
});

interface GeneratedItem {
  key: QuestionKey;
  options: string[];
  answer: Answer | undefined;
}

const itemArb: fc.Arbitrary<GeneratedItem> = fc.oneof(
  // Choice items: single or multiple, answered with any subset (the empty set is "unanswered").
  fc.uniqueArray(fc.constantFrom(...OPTION_IDS), { minLength: 2, maxLength: 5 }).chain((options) =>
    fc.record({
      options: fc.constant(options),
      key: fc.oneof(
        fc.constantFrom(...options).map((c): QuestionKey => ({ type: 'single', correct: [c] })),
        fc
          .tuple(fc.subarray(options, { minLength: 1 }), fc.constantFrom('all-or-nothing' as const, 'partial' as const))
          .map(([correct, scoring]): QuestionKey => ({ type: 'multiple', correct, scoring })),
      ),
      answer: fc.option(
        fc.shuffledSubarray(options).map((ids) => choose(...ids)),
        { nil: undefined },
      ),
    }),
  ),
  // Short items.
  fc.record({
    options: fc.constant<string[]>([]),
    key: fc
      .tuple(fc.constantFrom(...ACCEPTED), fc.constantFrom('exact' as const, 'normalised' as const))
      .map(([accepted, match]): QuestionKey => ({ type: 'short', accepted, match })),
    answer: fc.option(
      fc.constantFrom(...TYPED).map((t) => write(t)),
      { nil: undefined },
    ),
  }),
);

/**
 * A random, valid scoring input: 1–4 sections of 1–7 items of every type, random rules, minimums,
 * pass mark and annulments. Version ids are unique and in no particular relation to paper order.
 */
export const scoringInputArb: fc.Arbitrary<ScoringInput> = fc
  .record({
    sections: fc.array(fc.array(itemArb, { minLength: 1, maxLength: 7 }), { minLength: 1, maxLength: 4 }),
    scoring: RULES,
    language: fc.constantFrom(...LANGUAGES),
    passFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    minFractions: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
  })
  .chain(({ sections, scoring, language, passFraction, minFractions }) => {
    let n = 0;
    const specs = sections.map((items) => items.map((item): ItemSpec => ({ id: `v${(n++ * 7919) % 10007}`, ...item })));
    const ids = specs.flat().map((i) => i.id);
    const total = ids.length * scoring.pointsPerItem;
    return fc
      .subarray(ids)
      .chain((annulled) =>
        fc.tuple(
          ...annulled.map((versionId) =>
            fc
              .option(fc.constantFrom('award-all' as const, 'remove' as const), { nil: undefined })
              .map((mode): Annulment => (mode === undefined ? { versionId } : { versionId, mode })),
          ),
        ),
      )
      .map((annulments) =>
        exam({
          sections: specs,
          scoring,
          language,
          passMark: Math.round(passFraction * total * 4) / 4,
          minCorrect: specs.map((items, i) => Math.floor(minFractions[i]! * (items.length + 1)) % (items.length + 1)),
          annulments,
        }),
      );
  });

// ---------------------------------------------------------------------------------------------
// Helpers for properties

export function paperItems(input: ScoringInput): PaperItem[] {
  return input.paper.sections.flatMap((s) => s.items);
}

/** The answer that earns full marks on `key` in `language`. */
export function correctAnswer(key: QuestionKey, language: Language): Answer {
  switch (key.type) {
    case 'single':
    case 'multiple':
      return choose(...key.correct);
    case 'short':
      return write(key.accepted.find((a) => a[language] !== undefined)![language]!);
    case 'essay':
      return write('An essay earns its marks from its markers.');
  }
}

export function withAnswer(input: ScoringInput, versionId: string, answer: Answer | undefined): ScoringInput {
  const answers = { ...input.answers };
  if (answer === undefined) delete answers[versionId];
  else answers[versionId] = answer;
  return { ...input, answers };
}

/**
 * The total the rules give, computed naively in floating point (within about 1e-9 of the exact
 * value): each item's points, negative marking, annulments, and the clamp at 0. Shares no code with
 * score.ts; short answers are taken as matched when `isCorrectText` says so.
 */
export function referencePoints(
  input: ScoringInput,
  isCorrectText: (text: string, key: Extract<QuestionKey, { type: 'short' }>) => boolean,
): { points: number; maxPoints: number } {
  const { pointsPerItem: ppi, negativeMarking, annulled } = input.blueprint.scoring;
  let points = 0;
  let maxPoints = 0;
  for (const item of paperItems(input)) {
    const annulment = input.annulments.find((a) => a.versionId === item.versionId);
    const mode = annulment === undefined ? undefined : (annulment.mode ?? annulled);
    if (mode === 'remove') continue;
    maxPoints += ppi;
    if (mode === 'award-all') {
      points += ppi;
      continue;
    }
    const key = input.keys[item.versionId]!;
    const answer = input.answers[item.versionId];
    let credit: number | 'blank';
    if (answer === undefined) credit = 'blank';
    else if (answer.kind === 'text') {
      if (answer.text.trim() === '') credit = 'blank';
      else credit = key.type === 'short' && isCorrectText(answer.text, key) ? 1 : 0;
    } else {
      const chosen = [...new Set(answer.optionIds)];
      if (chosen.length === 0) credit = 'blank';
      else if (key.type === 'short' || key.type === 'essay') credit = 0;
      else {
        const right = chosen.filter((c) => key.correct.includes(c)).length;
        const wrong = chosen.length - right;
        const exact = right === key.correct.length && wrong === 0;
        credit =
          key.type === 'multiple' && key.scoring === 'partial'
            ? Math.max(0, (right - wrong) / key.correct.length)
            : exact
              ? 1
              : 0;
      }
    }
    if (credit === 'blank') continue;
    points += credit === 0 ? -negativeMarking : credit * ppi;
  }
  return { points: Math.max(0, points), maxPoints };
}

/** A permutation of `items`, drawn from a fast-check generator. */
export function permute<T>(g: fc.GeneratorValue, items: readonly T[]): T[] {
  return g(fc.shuffledSubarray, [...items], { minLength: items.length, maxLength: items.length });
}
