import type { Stage, StageInput } from '$lib/api/stages';
import { integer, text } from '$lib/components/competitions/forms';

/** A round has at most this many stages (the API's limit). */
export const MAX_STAGES = 8;
export const STAGE_FIELDS = ['kind', 'blueprintId', 'weight', 'minScore', 'topKind', 'topValue', 'ties'] as const;
export type StageField = (typeof STAGE_FIELDS)[number];

/** The form's values, flat: `stages.<row>.<field>` as typed, and how many rows the form shows. */
export interface StagesFormValues {
  rows: number;
  fields: Record<string, string>;
}

const name = (row: number, field: StageField) => `stages.${row}.${field}`;

/** The form as the saved stages fill it, with empty rows after them to add more. */
export function stagesValues(stages: Stage[], spare = 2): StagesFormValues {
  const fields: Record<string, string> = {};
  stages.forEach((s, i) => {
    fields[name(i, 'kind')] = s.kind;
    fields[name(i, 'blueprintId')] = s.blueprint?.id ?? '';
    fields[name(i, 'weight')] = String(s.weight);
    fields[name(i, 'minScore')] = s.minScore === null ? '' : String(s.minScore);
    fields[name(i, 'topKind')] = s.top?.kind ?? '';
    fields[name(i, 'topValue')] = s.top ? String(s.top.value) : '';
    fields[name(i, 'ties')] = s.ties;
  });
  return { rows: Math.min(MAX_STAGES, stages.length + spare), fields };
}

/** A decimal as typed, or the text itself, which the API then refuses beside the field. */
function decimal(value: string): number | null {
  if (value === '') return null;
  const normalised = value.replace(',', '.');
  return (/^\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : value) as number;
}

/**
 * The stages the form asks for: the rows with a kind, in order. `rowOf[i]` is the form row of the API's
 * `stages.i`, so that a refusal is shown beside the row the administrator typed it in.
 */
export function stagesFromForm(data: FormData) {
  const rows = Math.min(MAX_STAGES, Math.max(0, integer(text(data, 'rows')) ?? 0));
  const fields: Record<string, string> = {};
  const stages: StageInput[] = [];
  const rowOf: number[] = [];
  for (let row = 0; row < rows; row++) {
    for (const field of STAGE_FIELDS) fields[name(row, field)] = text(data, name(row, field));
    const kind = fields[name(row, 'kind')]!;
    if (!kind) continue;
    const topKind = fields[name(row, 'topKind')]!;
    stages.push({
      kind: kind as StageInput['kind'],
      blueprintId: fields[name(row, 'blueprintId')] || null,
      weight: integer(fields[name(row, 'weight')]!),
      minScore: decimal(fields[name(row, 'minScore')]!),
      top: topKind ? { kind: topKind as 'share' | 'number', value: integer(fields[name(row, 'topValue')]!) } : null,
      ties: (fields[name(row, 'ties')] || 'include') as StageInput['ties'],
    });
    rowOf.push(row);
  }
  return { values: { rows, fields } satisfies StagesFormValues, body: { stages }, rowOf };
}

/** The API's `stages.<i>.<field>` (or `…top.value`) as the form's field name, or null. */
export function placeStageError(rowOf: number[]) {
  return (path: string): string | null => {
    const match = /^stages\.(\d+)\.(\w+)(?:\.(\w+))?/.exec(path);
    if (!match) return null;
    const row = rowOf[Number(match[1])];
    if (row === undefined) return null;
    const field = match[2] === 'top' ? (match[3] === 'kind' ? 'topKind' : 'topValue') : match[2]!;
    return (STAGE_FIELDS as readonly string[]).includes(field) ? name(row, field as StageField) : null;
  };
}
