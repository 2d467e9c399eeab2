/**
 * The round form: its terms, weights and rubric as typed, and the API body made from it. The rubric is
 * a list of rows; a wholly blank row is no criterion, and a criterion's key is its place in the list.
 */
import type { Round, RoundInput } from '$lib/api/competitions';
import { LANGUAGES, integer, localised, localisedFrom, localisedValues, text } from './forms';

export const MAX_CRITERIA = 12;
export const ROUND_FIELDS = ['code', 'title', 'testWeight', 'interviewWeight', 'applicationLimit', 'rubric'] as const;

export interface RoundFormValues {
  fields: Record<string, string>;
  criteria: number;
}

export function emptyRound(): RoundFormValues {
  return {
    fields: { code: '', testWeight: '50', interviewWeight: '50', applicationLimit: '3', ...localisedFrom('title', {}) },
    criteria: 3,
  };
}

export function roundValues(round: Round): RoundFormValues {
  const fields: Record<string, string> = {
    code: round.code,
    testWeight: String(round.testWeight),
    interviewWeight: String(round.interviewWeight),
    applicationLimit: String(round.applicationLimit),
    ...localisedFrom('title', round.title),
  };
  round.rubric.forEach((c, i) => {
    Object.assign(fields, localisedFrom(`rubric.${i}.name`, c.name));
    fields[`rubric.${i}.maxPoints`] = String(c.maxPoints);
  });
  return { fields, criteria: Math.max(round.rubric.length, 1) };
}

function blankRow(fields: Record<string, string>, i: number): boolean {
  return (
    LANGUAGES.every((l) => (fields[`rubric.${i}.name.${l}`] ?? '') === '') &&
    (fields[`rubric.${i}.maxPoints`] ?? '') === ''
  );
}

/** The form as submitted, with blank criteria dropped so the API's row numbers are those on screen. */
export function roundFromForm(data: FormData): { values: RoundFormValues; body: RoundInput } {
  const count = Math.min(Math.max(integer(text(data, 'criteria')) || 0, 0), MAX_CRITERIA);
  const raw: Record<string, string> = {};
  for (let i = 0; i < count; i += 1) {
    Object.assign(raw, localisedValues(data, `rubric.${i}.name`));
    raw[`rubric.${i}.maxPoints`] = text(data, `rubric.${i}.maxPoints`);
  }
  const kept = [...Array(count).keys()].filter((i) => !blankRow(raw, i));
  const fields: Record<string, string> = {
    code: text(data, 'code'),
    testWeight: text(data, 'testWeight'),
    interviewWeight: text(data, 'interviewWeight'),
    applicationLimit: text(data, 'applicationLimit'),
    ...localisedValues(data, 'title'),
  };
  const rubric: RoundInput['rubric'] = kept.map((from, to) => {
    for (const l of LANGUAGES) fields[`rubric.${to}.name.${l}`] = raw[`rubric.${from}.name.${l}`] ?? '';
    fields[`rubric.${to}.maxPoints`] = raw[`rubric.${from}.maxPoints`] ?? '';
    return {
      key: `criterion-${to + 1}`,
      name: localised(data, `rubric.${from}.name`),
      maxPoints: integer(raw[`rubric.${from}.maxPoints`] ?? ''),
    };
  });
  const limit = fields.applicationLimit ?? '';
  const body: RoundInput = {
    code: fields.code ?? '',
    title: localised(data, 'title'),
    testWeight: integer(fields.testWeight ?? ''),
    interviewWeight: integer(fields.interviewWeight ?? ''),
    rubric,
    ...(limit === '' ? {} : { applicationLimit: integer(limit) }),
  };
  return { values: { fields, criteria: Math.max(kept.length, 1) }, body };
}

/** Where an API path shows on the round form. */
export function placeRoundError(path: string): string | null {
  if (['code', 'testWeight', 'interviewWeight', 'applicationLimit', 'rubric'].includes(path)) return path;
  if (/^title\.(az|ru|en)$/.test(path)) return path;
  if (path === 'title') return 'title.az';
  const row = /^rubric\.(\d+)(?:\.(.+))?$/.exec(path);
  if (row) {
    const rest = row[2] ?? '';
    if (/^name\.(az|ru|en)$/.test(rest) || rest === 'maxPoints') return `rubric.${row[1]}.${rest}`;
    return `rubric.${row[1]}.name.az`;
  }
  return null;
}
