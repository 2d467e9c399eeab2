/**
 * The pool a paper is drawn from, and which of its items each part of a blueprint may use.
 */
import type { Blueprint, BlueprintSection } from '../blueprint';
import { DIFFICULTIES, type Difficulty, type Language } from '../question';
import { InvalidPoolError } from './errors';

/** One approved question version the bank offers for drawing. */
export interface PoolItem {
  questionId: string;
  versionId: string;
  subject: string;
  /** Null when the question has no topic; it then only suits sections that accept any topic. */
  topic: string | null;
  difficulty: Difficulty;
  /** The languages the version is written in. */
  languages: Language[];
  /** Option ids in the order the examiner wrote them; empty for short-answer questions. */
  optionIds: string[];
  /** bank order, used when questions are not shuffled */
  position: number;
}

/** `any` stands for a section without a difficulty mix. */
export type QuotaDifficulty = Difficulty | 'any';

/**
 * How many items of one difficulty one section needs, and which pool items could fill it. A section
 * with a mix has one quota per difficulty it asks for; a section without one has a single `any` quota.
 */
export interface Quota {
  section: number;
  difficulty: QuotaDifficulty;
  required: number;
  /** Indices into the sorted pool, ascending. */
  candidates: readonly number[];
}

/**
 * The pool in versionId order, so that every result depends on the pool's contents and never on
 * the order a database happened to return them in.
 *
 * @throws InvalidPoolError when a version or a question appears twice: the bank offers exactly one
 * current version per question, and a paper may never carry one question twice.
 */
export function sortPool(pool: readonly PoolItem[]): PoolItem[] {
  // Plain code-unit comparison: localeCompare could differ between ICU versions. A pool read with
  // ORDER BY version_id COLLATE "C" arrives sorted already, and skips the sort.
  const byVersion = (a: PoolItem, b: PoolItem) => (a.versionId < b.versionId ? -1 : a.versionId > b.versionId ? 1 : 0);
  const sorted = pool.slice();
  if (!sorted.every((item, i) => i === 0 || byVersion(sorted[i - 1]!, item) <= 0)) sorted.sort(byVersion);
  const questions = new Set<string>();
  sorted.forEach((item, i) => {
    if (i > 0 && sorted[i - 1]!.versionId === item.versionId) {
      throw new InvalidPoolError(`Version ${item.versionId} appears twice in the pool`);
    }
    if (questions.has(item.questionId)) {
      throw new InvalidPoolError(`Question ${item.questionId} has more than one version in the pool`);
    }
    questions.add(item.questionId);
  });
  return sorted;
}

/**
 * Whether an item suits a section regardless of difficulty: same subject, a topic the section
 * accepts, and text in the exam language.
 */
export function suitsSection(item: PoolItem, section: BlueprintSection, language: Language): boolean {
  return (
    item.subject === section.subject &&
    (section.topics.length === 0 || (item.topic !== null && section.topics.includes(item.topic))) &&
    item.languages.includes(language)
  );
}

/**
 * The quotas of a blueprint, in priority order: sections in blueprint order, and within a section
 * the difficulties in `DIFFICULTIES` order (easy, medium, hard). Assumes a structurally valid
 * blueprint (see `selectionProblems`).
 */
export function quotasOf(blueprint: Blueprint, sortedPool: readonly PoolItem[], language: Language): Quota[] {
  const quotas: Quota[] = [];
  blueprint.sections.forEach((section, index) => {
    const suitable: number[] = [];
    sortedPool.forEach((item, i) => {
      if (suitsSection(item, section, language)) suitable.push(i);
    });
    const mix = section.difficultyMix;
    if (mix === undefined) {
      quotas.push({ section: index, difficulty: 'any', required: section.count, candidates: suitable });
      return;
    }
    for (const difficulty of DIFFICULTIES) {
      const required = mix[difficulty] ?? 0;
      if (required === 0) continue;
      const candidates = suitable.filter((i) => sortedPool[i]!.difficulty === difficulty);
      quotas.push({ section: index, difficulty, required, candidates });
    }
  });
  return quotas;
}
