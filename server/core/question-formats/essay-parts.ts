import type { ExpectedLength, RubricCriterion } from '../question';

/*
 * An essay's rubric and asked-for length as they travel in the text formats' own places: JSON in Moodle XML's
 * `<imtahan_rubric>`, in GIFT's imtahan comment, in CSV's `rubric` cell. Only the shape is checked here (and a
 * fresh copy made, so nothing but the known keys comes in); the shared draft rules check the meaning and name
 * the path.
 */

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isLocalised = (value: unknown) => isRecord(value) && Object.values(value).every((t) => typeof t === 'string');

/** The rubric in a parsed JSON value, or undefined when it is not a list of criteria with their levels. */
export function rubricFrom(value: unknown): RubricCriterion[] | undefined {
  const wellShaped =
    Array.isArray(value) &&
    value.every(
      (criterion) =>
        isRecord(criterion) &&
        typeof criterion.id === 'string' &&
        isLocalised(criterion.title) &&
        typeof criterion.maxPoints === 'number' &&
        Array.isArray(criterion.levels) &&
        criterion.levels.every(
          (level) => isRecord(level) && typeof level.points === 'number' && isLocalised(level.descriptor),
        ),
    );
  if (!wellShaped) return undefined;
  return (value as RubricCriterion[]).map((criterion) => ({
    id: criterion.id,
    title: criterion.title,
    maxPoints: criterion.maxPoints,
    levels: criterion.levels.map((level) => ({ points: level.points, descriptor: level.descriptor })),
  }));
}

/** `{ minWords, maxWords }` in a parsed JSON value, or undefined when it is not two numbers. */
export function expectedLengthFrom(value: unknown): ExpectedLength | undefined {
  if (!isRecord(value) || typeof value.minWords !== 'number' || typeof value.maxWords !== 'number') return undefined;
  return { minWords: value.minWords, maxWords: value.maxWords };
}
