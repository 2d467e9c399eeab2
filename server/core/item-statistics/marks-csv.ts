import { parse } from 'csv-parse/sync';
import type { StatAttempt, StatItem } from './types';

export type MarksCsvResult =
  { ok: true; items: StatItem[]; attempts: StatAttempt[] } | { ok: false; line: number; message: string };

const COLUMNS = ['attempt', 'item', 'mark', 'max'] as const;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Reads the `attempt,item,mark,max` CSV of `npm run stats -- --marks`: one row per attempt and item,
 * marks as decimals. Every attempt must have a row for every item, and an item keeps one maximum. The
 * first problem found is returned with its 1-based line number (the header is line 1).
 */
export function parseMarksCsv(text: string): MarksCsvResult {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { ok: false, line, message: (error as Error).message };
  }
  if (records.length === 0)
    return { ok: false, line: 1, message: 'empty file: expected the header attempt,item,mark,max' };
  const header = records[0]!.record.map((h) => h.toLowerCase());
  const at: Record<(typeof COLUMNS)[number], number> = { attempt: -1, item: -1, mark: -1, max: -1 };
  for (const column of COLUMNS) {
    at[column] = header.indexOf(column);
    if (at[column] < 0) return { ok: false, line: records[0]!.info.lines, message: `missing column "${column}"` };
  }
  const items = new Map<string, StatItem>();
  const attempts = new Map<string, { line: number; marks: Map<string, number> }>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const cell = (c: (typeof COLUMNS)[number]) => record[at[c]];
    const attempt = cell('attempt');
    const item = cell('item');
    const markText = cell('mark');
    const maxText = cell('max');
    if (attempt === undefined || item === undefined || markText === undefined || maxText === undefined) {
      return { ok: false, line, message: `expected ${header.length} columns, found ${record.length}` };
    }
    if (!attempt) return { ok: false, line, message: 'attempt is empty' };
    if (!item) return { ok: false, line, message: 'item is empty' };
    if (!DECIMAL.test(markText)) return { ok: false, line, message: `mark "${markText}" is not a number` };
    if (!DECIMAL.test(maxText)) return { ok: false, line, message: `max "${maxText}" is not a number` };
    const mark = Number(markText);
    const max = Number(maxText);
    if (!(max > 0)) return { ok: false, line, message: `max ${maxText} must be above 0` };
    if (mark > max) return { ok: false, line, message: `mark ${markText} is above its max ${maxText}` };
    const known = items.get(item);
    if (known && known.maxMark !== max) {
      return {
        ok: false,
        line,
        message: `item "${item}" has max ${known.maxMark} on an earlier line, ${maxText} here`,
      };
    }
    if (!known) items.set(item, { id: item, maxMark: max });
    let entry = attempts.get(attempt);
    if (!entry) attempts.set(attempt, (entry = { line, marks: new Map() }));
    if (entry.marks.has(item)) return { ok: false, line, message: `attempt "${attempt}" has item "${item}" twice` };
    entry.marks.set(item, mark);
  }
  const order = [...items.keys()];
  const out: StatAttempt[] = [];
  for (const [id, { line, marks }] of attempts) {
    const missing = order.find((item) => !marks.has(item));
    if (missing !== undefined) {
      return { ok: false, line, message: `attempt "${id}" (first row here) has no row for item "${missing}"` };
    }
    out.push({ id, responses: order.map((item) => ({ item, mark: marks.get(item)! })) });
  }
  return { ok: true, items: [...items.values()], attempts: out };
}
