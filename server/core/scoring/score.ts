/**
 * Scoring an attempt: (paper, answers, key, rules, annulments) → result (DESIGN.md rule 5, issue 6).
 * Pure and deterministic: no clock, no randomness, exact arithmetic, so scoring the same inputs again,
 * on any machine, gives the same result bit for bit, and its `inputDigest` proves which inputs those were.
 */
import { annulmentModes } from './annulment';
import { CanonicalJsonError } from '../canonical-json';
import { ScoringInputError } from './errors';
import { PointScale } from './exact-points';
import { inputDigest } from './input-digest';
import type { ScoringInput } from './input';
import { markItem } from './mark-item';
import { own } from './own';
import { scoringInputProblems } from './validate';

import type { FailReason, ItemResult, ScoringResult, SectionResult } from '../../../db/domain/scoring';

export type { Annulment, Answer, ScoringBlueprint, ScoringInput } from './input';
export type { FailReason, ItemResult, ScoringResult, SectionResult } from '../../../db/domain/scoring';

/** The version of the rules in this folder; bump when the rules change; stored with every result. */
export const SCORING_VERSION = 1;

/**
 * Scores an attempt.
 *
 * Each item is worth the blueprint's `pointsPerItem` and is marked as `markItem` says (single choice,
 * multiple choice all-or-nothing or partial, short answer in the exam language). Then:
 * - negative marking: a wrong item (answered, earning nothing) scores −`negativeMarking`; an unanswered
 *   item scores 0; a partial item keeps its share and loses nothing;
 * - an annulled item (annulment mode, or else the blueprint's): `award-all` gives every candidate its full
 *   points and counts it as correct toward the section minimum, whatever they answered; `remove` takes it
 *   out of the points and the maximum (0 of 0) and out of the count toward the minimum;
 * - section points are reported as they fall, even below 0; the total is clamped at 0, because a score
 *   below nothing says no more than 0 about a candidate and would read as a debt;
 * - pass: total ≥ passMark (compared exactly) and, in every section, correct ≥ the minimum applied.
 * Points are computed exactly (see exact-points.ts) and reported rounded down to 4 decimals.
 *
 * @throws ScoringInputError listing every problem of an input that cannot be scored.
 */
export function scoreAttempt(input: ScoringInput): ScoringResult {
  const problems = scoringInputProblems(input);
  if (problems.length > 0) throw new ScoringInputError(problems);

  const { blueprint } = input;
  const { pointsPerItem, negativeMarking } = blueprint.scoring;
  const language = blueprint.language;
  const paperItems = input.paper.sections.flatMap((s) => s.items);
  const modes = annulmentModes(
    input.annulments,
    new Set(paperItems.map((i) => i.versionId)),
    blueprint.scoring.annulled,
  );
  const digest = digestOf(input, modes);

  const marks = paperItems.map((item) => ({
    item,
    mark: markItem(own(input.keys, item.versionId)!, own(input.answers, item.versionId), language),
  }));
  const scale = PointScale.covering(
    [pointsPerItem, negativeMarking, blueprint.passMark],
    marks.map(({ mark }) => mark.of),
  );
  const full = scale.units(pointsPerItem);
  const penalty = scale.units(negativeMarking);

  const tallies = blueprint.sections.map(() => ({ ...EMPTY_TALLY }));
  const items = marks.map(({ item, mark }): ItemResult => {
    const tally = tallies[item.section]!;
    const mode = modes.get(item.versionId);
    let outcome: ItemResult['outcome'];
    let points: bigint;
    let max = full;
    if (mode === 'award-all') {
      outcome = 'annulled';
      points = full;
      tally.annulled++;
      tally.correct++;
    } else if (mode === 'remove') {
      outcome = 'annulled';
      points = 0n;
      max = 0n;
      tally.annulled++;
      tally.removed++;
    } else if (mark.outcome === 'pending') {
      // An essay counts neither toward the objective points nor toward its section's items: its marks
      // come from its markers, and the written result is reported beside this one (issue 18).
      outcome = 'pending';
      points = 0n;
      max = 0n;
      tally.pending++;
    } else {
      outcome = mark.outcome;
      points = outcome === 'wrong' ? -penalty : scale.fraction(full, mark.earned, mark.of);
      tally[mark.outcome]++;
    }
    tally.items++;
    tally.points += points;
    tally.maxPoints += max;
    return {
      versionId: item.versionId,
      section: item.section,
      outcome,
      points: scale.toPoints(points),
      maxPoints: scale.toPoints(max),
    };
  });

  const sections = blueprint.sections.map((section, index): SectionResult => {
    const t = tallies[index]!;
    const minCorrect = Math.min(section.minCorrect, t.items - t.removed - t.pending);
    return {
      index,
      correct: t.correct,
      partial: t.partial,
      wrong: t.wrong,
      unanswered: t.unanswered,
      annulled: t.annulled,
      points: scale.toPoints(t.points),
      maxPoints: scale.toPoints(t.maxPoints),
      minCorrect,
      metMinimum: t.correct >= minCorrect,
    };
  });

  const sum = tallies.reduce((acc, t) => acc + t.points, 0n);
  const total = sum < 0n ? 0n : sum;
  const maxTotal = tallies.reduce((acc, t) => acc + t.maxPoints, 0n);
  const points = scale.toPoints(total);
  const failReasons: FailReason[] = sections
    .filter((s) => !s.metMinimum)
    .map((s) => ({ code: 'section-minimum', section: s.index, correct: s.correct, minCorrect: s.minCorrect }));
  if (total < scale.units(blueprint.passMark)) {
    failReasons.push({ code: 'pass-mark', points, passMark: blueprint.passMark });
  }

  return {
    scoringVersion: SCORING_VERSION,
    inputDigest: digest,
    items,
    sections,
    points,
    maxPoints: scale.toPoints(maxTotal),
    passed: failReasons.length === 0,
    failReasons,
  };
}

const EMPTY_TALLY = {
  items: 0,
  correct: 0,
  partial: 0,
  wrong: 0,
  unanswered: 0,
  annulled: 0,
  removed: 0,
  pending: 0,
  points: 0n,
  maxPoints: 0n,
};

/**
 * The digest, with anything that has no JSON form (a lone surrogate in a key, say) reported as an input
 * problem; answer texts are checked earlier, with a clearer path.
 */
function digestOf(input: ScoringInput, modes: Map<string, 'award-all' | 'remove'>): string {
  try {
    return inputDigest(input, SCORING_VERSION, modes);
  } catch (error) {
    if (error instanceof CanonicalJsonError)
      throw new ScoringInputError([{ path: error.path, message: error.message }]);
    throw error;
  }
}
