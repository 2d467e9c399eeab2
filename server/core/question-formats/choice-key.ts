import type { MultipleScoring, QuestionKey } from '../question';

/** An answer as Moodle and GIFT weigh it: a percentage of the mark, possibly negative. */
export interface WeightedChoice {
  id: string;
  fraction: number;
}

/**
 * The Moodle percentage each correct option of a multiple-choice question earns: 100 shared equally, rounded
 * the way Moodle lists its grades (33.33333, 16.66667), so Moodle accepts the file as it stands.
 */
export function correctFraction(correctCount: number): number {
  return Math.round((100 / correctCount) * 1e5) / 1e5;
}

export type ChoiceKeyReading =
  { ok: true; key: QuestionKey & { type: 'single' | 'multiple' } } | { ok: false; message: string };

/**
 * Turns Moodle/GIFT weights into the bank's key.
 *
 * - `single` (declared, or undeclared with exactly one option at 100 % and no other positive weight): that
 *   option is the correct one; any other positive weight is refused, since partial credit on one option cannot
 *   be kept.
 * - `multiple`: the options with a positive weight are correct. The bank weighs correct options equally, so
 *   unequal positive weights are refused rather than silently equalised. Negative weights (Moodle's penalty for
 *   ticking a wrong option) mark an option as wrong; the penalty itself is not kept, because negative marking is
 *   a blueprint rule in imtahan, not a property of the question.
 */
export function readChoiceKey(
  choices: readonly WeightedChoice[],
  declared: 'single' | 'multiple' | undefined,
  scoring: MultipleScoring,
): ChoiceKeyReading {
  const positive = choices.filter((choice) => choice.fraction > 0);
  const full = positive.filter((choice) => near(choice.fraction, 100));
  const type = declared ?? (positive.length === 1 && full.length === 1 ? 'single' : 'multiple');

  if (type === 'single') {
    const [only] = full;
    if (!only || full.length !== 1 || positive.length !== 1) {
      return {
        ok: false,
        message:
          full.length > 1
            ? 'More than one option is fully correct; a single-choice question needs exactly one.'
            : 'A single-choice question needs exactly one option worth 100% and no partial credit.',
      };
    }
    return { ok: true, key: { type: 'single', correct: [only.id] } };
  }
  if (positive.length === 0) return { ok: false, message: 'No option is marked correct.' };
  const [first] = positive;
  if (first && !positive.every((choice) => near(choice.fraction, first.fraction))) {
    return {
      ok: false,
      message: `The correct options carry unequal weights (${positive.map((c) => `${c.fraction}%`).join(', ')}); the bank weighs correct options equally.`,
    };
  }
  if (declared === undefined && full.length > 1) {
    return {
      ok: false,
      message: 'More than one option is fully correct; a single-choice question needs exactly one.',
    };
  }
  return { ok: true, key: { type: 'multiple', correct: positive.map((choice) => choice.id), scoring } };
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.01;
}

/** `a`, `b`, `c`…: the ids options get when a file does not name them, matching the letters Moodle shows. */
export function defaultOptionId(index: number): string {
  return index < 26 ? String.fromCharCode(97 + index) : `o${index + 1}`;
}
