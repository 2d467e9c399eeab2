/**
 * Builders, fast-check arbitraries and brute-force oracles for the paper tests. Test-only: nothing
 * outside the tests (*.test.ts, and the blueprints the integration factories build) imports this file.
 *
 * The oracles re-implement eligibility and search every assignment by backtracking, sharing no code
 * with pool.ts, allocation.ts or plan.ts, so that the exact matching is checked against plain
 * exhaustive search rather than against itself.
 */
import fc from 'fast-check';
import type { Blueprint, BlueprintSection } from '../blueprint';
import { DIFFICULTIES, LANGUAGES, type Difficulty, type Language } from '../question';
import type { PaperItem } from './generate';
import type { PoolItem } from './pool';

export function item(overrides: Partial<PoolItem> & { questionId: string }): PoolItem {
  return {
    versionId: `${overrides.questionId}-v1`,
    subject: 'logic',
    topic: null,
    difficulty: 'medium',
    languages: ['az', 'ru', 'en'],
    optionIds: ['a', 'b', 'c', 'd'],
    position: 0,
    ...overrides,
  };
}

/** `n` items q<prefix>1…q<prefix>n sharing `overrides`, positions counting from 1. */
export function items(prefix: string, n: number, overrides: Partial<PoolItem> = {}): PoolItem[] {
  return Array.from({ length: n }, (_, i) => item({ position: i + 1, ...overrides, questionId: `${prefix}${i + 1}` }));
}

export function section(overrides: Partial<BlueprintSection> = {}): BlueprintSection {
  return {
    title: { en: 'Section' },
    subject: 'logic',
    topics: [],
    count: 1,
    minCorrect: 0,
    shuffleQuestions: true,
    shuffleOptions: true,
    ...overrides,
  };
}

export function blueprint(sections: BlueprintSection[], overrides: Partial<Blueprint> = {}): Blueprint {
  return {
    name: 'Test blueprint',
    language: 'az',
    durationMinutes: 60,
    passMark: 1,
    scoring: { pointsPerItem: 1, negativeMarking: 0, annulled: 'award-all' },
    sections,
    ...overrides,
  };
}

/** Five logic items and law items by difficulty: three easy, one hard, none medium. */
export const lawShortOfHard = (): PoolItem[] => [
  ...items('logic', 5, { subject: 'logic' }),
  ...items('easy', 3, { subject: 'law', difficulty: 'easy' }),
  ...items('hard', 1, { subject: 'law', difficulty: 'hard' }),
];

/**
 * Section 0 takes any legislation topic, section 1 only the Constitution, from `constitution`
 * Constitution items and one civil-service item: drawing section 0 blindly can leave section 1 short.
 */
export function constitutionSqueeze(constitution: number): { bp: Blueprint; pool: PoolItem[] } {
  return {
    bp: blueprint([
      section({ subject: 'law', count: 2 }),
      section({ subject: 'law', topics: ['constitution'], count: 2 }),
    ]),
    pool: [
      ...items('const', constitution, { subject: 'law', topic: 'constitution' }),
      item({ questionId: 'civil', subject: 'law', topic: 'civil-service' }),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

export const SUBJECTS = ['logic', 'law'] as const;
export const TOPICS = ['constitution', 'civil-service', 'ethics'] as const;

export interface Instance {
  blueprint: Blueprint;
  pool: PoolItem[];
}

interface Sizes {
  maxSections: number;
  maxCount: number;
  /** Items beyond the minimum each quota is given, at most. */
  maxSpare: number;
  /** Unrelated items mixed in, at most. */
  maxNoise: number;
}

type Draft = Omit<PoolItem, 'questionId' | 'versionId'> & { versionPrefix: string };

const optionIdsArb = fc.oneof(
  fc.constant<string[]>([]),
  fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { minLength: 2 }),
);

/** Usually all three languages, sometimes fewer, as in a bank where translations lag. */
const languagesArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Language[]>([...LANGUAGES]) },
  { weight: 1, arbitrary: fc.subarray([...LANGUAGES], { minLength: 1 }) },
);

function draftArb(shape: {
  subject?: fc.Arbitrary<string>;
  topic?: fc.Arbitrary<string | null>;
  difficulty?: fc.Arbitrary<Difficulty>;
  language?: Language;
}): fc.Arbitrary<Draft> {
  return fc.record({
    subject: shape.subject ?? fc.constantFrom<string>(...SUBJECTS),
    topic: shape.topic ?? fc.option(fc.constantFrom<string>(...TOPICS), { nil: null }),
    difficulty: shape.difficulty ?? fc.constantFrom(...DIFFICULTIES),
    languages: languagesArb.map((ls) =>
      shape.language === undefined || ls.includes(shape.language) ? ls : [...ls, shape.language],
    ),
    optionIds: optionIdsArb,
    position: fc.nat({ max: 1000 }),
    versionPrefix: fc.string({ maxLength: 4 }),
  });
}

/** Splits `count` into a random easy/medium/hard mix summing to it. */
function mixArb(count: number): fc.Arbitrary<Partial<Record<Difficulty, number>>> {
  return fc.tuple(fc.integer({ min: 0, max: count }), fc.integer({ min: 0, max: count })).map(([a, b]) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    const mix: Partial<Record<Difficulty, number>> = {};
    // Leave zero entries out sometimes and write them other times: both mean "none".
    if (lo > 0 || count % 2 === 0) mix.easy = lo;
    if (hi - lo > 0) mix.medium = hi - lo;
    if (count - hi > 0) mix.hard = count - hi;
    return mix;
  });
}

function sectionArb(maxCount: number): fc.Arbitrary<BlueprintSection> {
  return fc.integer({ min: 1, max: maxCount }).chain((count) =>
    fc.record({
      title: fc.constant<BlueprintSection['title']>({ en: 'Section' }),
      subject: fc.constantFrom<string>(...SUBJECTS),
      topics: fc.oneof(fc.constant<string[]>([]), fc.subarray<string>([...TOPICS], { minLength: 1 })),
      count: fc.constant(count),
      difficultyMix: fc.option(mixArb(count), { nil: undefined }),
      minCorrect: fc.integer({ min: 0, max: count }),
      shuffleQuestions: fc.boolean(),
      shuffleOptions: fc.boolean(),
    }),
  );
}

function blueprintArb(maxSections: number, maxCount: number): fc.Arbitrary<Blueprint> {
  return fc.record({
    name: fc.constant('Generated'),
    language: fc.constantFrom(...LANGUAGES),
    durationMinutes: fc.constant(60),
    passMark: fc.constant(1),
    scoring: fc.constant({ pointsPerItem: 1, negativeMarking: 0, annulled: 'award-all' as const }),
    sections: fc.array(sectionArb(maxCount), { minLength: 1, maxLength: maxSections }),
  });
}

/** Items that suit one quota of a section: what the pool is built from, so that it is feasible. */
function quotaDraftsArb(bp: Blueprint, s: BlueprintSection, maxSpare: number): fc.Arbitrary<Draft[]>[] {
  const shape = (difficulty?: Difficulty) =>
    draftArb({
      subject: fc.constant(s.subject),
      topic: s.topics.length > 0 ? fc.constantFrom(...s.topics) : undefined,
      difficulty: difficulty === undefined ? undefined : fc.constant(difficulty),
      language: bp.language,
    });
  const mix = s.difficultyMix;
  if (mix === undefined) return [fc.array(shape(), { minLength: s.count, maxLength: s.count + maxSpare })];
  return DIFFICULTIES.map((d) => {
    const n = mix[d] ?? 0;
    return fc.array(shape(d), { minLength: n, maxLength: n + (n > 0 ? maxSpare : 0) });
  });
}

function toPool(drafts: readonly Draft[]): PoolItem[] {
  // The index suffix keeps ids unique; the random prefix makes versionId order differ from questionId order.
  return drafts.map(({ versionPrefix, ...draft }, i) => ({
    ...draft,
    questionId: `q${i}`,
    versionId: `${versionPrefix}#${i}`,
  }));
}

/**
 * A blueprint with a pool that can fill it: every quota is given its own suitable items (plus a few
 * spare), and noise is mixed in. Items given to one section often suit another too, so sections
 * compete for them, which is the case the exact matching exists for.
 */
export function feasibleInstanceArb({ maxSections, maxCount, maxSpare, maxNoise }: Sizes): fc.Arbitrary<Instance> {
  return blueprintArb(maxSections, maxCount).chain((bp) =>
    fc
      .tuple(
        ...bp.sections.flatMap((s) => quotaDraftsArb(bp, s, maxSpare)),
        fc.array(draftArb({}), { maxLength: maxNoise }),
      )
      .chain((groups) => fc.shuffledSubarray(groups.flat(), { minLength: groups.flat().length }))
      .map((drafts) => ({ blueprint: bp, pool: toPool(drafts) })),
  );
}

/**
 * A feasible instance with up to `maxRemoved` items taken out again: right at the edge, so that
 * about as many instances are infeasible as feasible, and the shortfalls are small and subtle.
 */
export function edgeInstanceArb(sizes: Sizes, maxRemoved: number): fc.Arbitrary<Instance> {
  return feasibleInstanceArb(sizes).chain(({ blueprint: bp, pool }) =>
    fc
      .shuffledSubarray(pool, { minLength: Math.max(0, pool.length - maxRemoved) })
      .map((kept) => ({ blueprint: bp, pool: kept })),
  );
}

const MEDIUM: Sizes = { maxSections: 4, maxCount: 6, maxSpare: 4, maxNoise: 30 };
const TINY: Sizes = { maxSections: 3, maxCount: 2, maxSpare: 1, maxNoise: 2 };

/** Blueprints of up to 4 sections of up to 6 items, with pools that can fill them. */
export const mediumInstance = feasibleInstanceArb(MEDIUM);
/** Like `mediumInstance`, but with a few items removed: feasible or not, often narrowly. */
export const mediumEdgeInstance = edgeInstanceArb(MEDIUM, 10);
/** Feasible instances small enough for exhaustive search. */
export const tinyInstance = feasibleInstanceArb(TINY);
/** Instances small enough for exhaustive search, at the edge of feasibility. */
export const tinyEdgeInstance = edgeInstanceArb(TINY, 3);

/** An instance with its pool once more in another order, for properties that must not depend on it. */
export function withReorderedPool(instances: fc.Arbitrary<Instance>) {
  return instances.chain((instance) =>
    fc.record({
      instance: fc.constant(instance),
      reordered: fc.shuffledSubarray(instance.pool, { minLength: instance.pool.length }),
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Independent oracles

/** Whether a paper item respects its section's subject, topic and language filters and mix. */
export function itemFits(paperItem: PaperItem, bp: Blueprint, pool: readonly PoolItem[]): boolean {
  const source = pool.find((p) => p.versionId === paperItem.versionId);
  const s = bp.sections[paperItem.section];
  if (source === undefined || s === undefined || source.questionId !== paperItem.questionId) return false;
  return (
    source.subject === s.subject &&
    (s.topics.length === 0 || s.topics.some((t) => t === source.topic)) &&
    source.languages.includes(bp.language) &&
    (s.difficultyMix === undefined || (s.difficultyMix[source.difficulty] ?? 0) > 0)
  );
}

interface OracleQuota {
  section: number;
  difficulty: Difficulty | 'any';
  required: number;
  eligible: string[];
}

/** The quotas of a blueprint in priority order, written from the rules in the brief. */
export function oracleQuotas(bp: Blueprint, pool: readonly PoolItem[], language: Language): OracleQuota[] {
  const out: OracleQuota[] = [];
  bp.sections.forEach((s, index) => {
    const fits = (p: PoolItem) =>
      p.subject === s.subject &&
      (s.topics.length === 0 || s.topics.some((t) => t === p.topic)) &&
      p.languages.includes(language);
    if (!s.difficultyMix) {
      out.push({
        section: index,
        difficulty: 'any',
        required: s.count,
        eligible: pool.filter(fits).map((p) => p.questionId),
      });
      return;
    }
    for (const d of DIFFICULTIES) {
      const n = s.difficultyMix[d] ?? 0;
      if (n > 0) {
        const eligible = pool.filter((p) => fits(p) && p.difficulty === d).map((p) => p.questionId);
        out.push({ section: index, difficulty: d, required: n, eligible });
      }
    }
  });
  return out;
}

function combinations<T>(from: readonly T[], k: number): T[][] {
  if (k === 0) return [[]];
  if (from.length < k) return [];
  const [head, ...rest] = from as [T, ...T[]];
  return [...combinations(rest, k - 1).map((c) => [head, ...c]), ...combinations(rest, k)];
}

/** Every way of giving quotas `sizes[i]` distinct items each (exhaustive). */
function* assignments(quotas: readonly OracleQuota[], sizes: readonly number[]): Generator<Set<string>[]> {
  function* go(i: number, used: Set<string>, acc: Set<string>[]): Generator<Set<string>[]> {
    if (i === sizes.length) {
      yield acc;
      return;
    }
    const free = quotas[i]!.eligible.filter((id) => !used.has(id));
    for (const chosen of combinations(free, sizes[i]!)) {
      yield* go(i + 1, new Set([...used, ...chosen]), [...acc, new Set(chosen)]);
    }
  }
  yield* go(0, new Set(), []);
}

/** Whether any complete paper exists. */
export function bruteFeasible(quotas: readonly OracleQuota[]): boolean {
  return !assignments(
    quotas,
    quotas.map((q) => q.required),
  ).next().done;
}

/** Every questionId that appears on at least one complete paper. */
export function bruteReachable(quotas: readonly OracleQuota[]): Set<string> {
  const reachable = new Set<string>();
  for (const a of assignments(
    quotas,
    quotas.map((q) => q.required),
  ))
    for (const s of a) for (const id of s) reachable.add(id);
  return reachable;
}

/**
 * `available` per quota by the documented rule, by exhaustive search: the most items quota g can
 * get while each earlier quota i keeps min(required_i, available_i) items.
 */
export function bruteAvailable(quotas: readonly OracleQuota[]): number[] {
  const achieved: number[] = [];
  return quotas.map((quota, g) => {
    let best = 0;
    for (const earlier of assignments(quotas.slice(0, g), achieved)) {
      const used = new Set(earlier.flatMap((s) => [...s]));
      best = Math.max(best, quota.eligible.filter((id) => !used.has(id)).length);
    }
    achieved.push(Math.min(quota.required, best));
    return best;
  });
}
