import { stringify } from 'csv-stringify/sync';
import type { StoredAnalysis } from './stored-analysis';

/** The item table's columns, as the CSV's header names them. */
export const ITEM_CSV_COLUMNS = [
  'position',
  'item',
  'questionId',
  'section',
  'annulled',
  'attempts',
  'facility',
  'sd',
  'randomGuessScore',
  'intendedWeight',
  'effectiveWeight',
  'discriminationIndex',
  'discriminativeEfficiency',
  'upperFacility',
  'lowerFacility',
  'upperLowerDiscrimination',
  'omitted',
  'flags',
] as const;

/** Items in the page's order: by section, then by first position on the papers. */
function sortedItems(analysis: StoredAnalysis) {
  const first = (id: string) => analysis.labels[id]?.positions[0] ?? 0;
  return [...analysis.items].sort(
    (a, b) => a.section - b.section || first(a.item) - first(b.item) || (a.item < b.item ? -1 : 1),
  );
}

/** The item table as CSV, in the order of the page; numbers to 6 decimals, absent values empty. */
export function itemTableCsv(analysis: StoredAnalysis): string {
  const rows = sortedItems(analysis).map((i) => {
    const label = analysis.labels[i.item];
    return [
      label?.positions.join(' ') ?? '',
      i.item,
      label?.questionId ?? '',
      i.section + 1,
      i.annulled,
      i.attempts,
      i.facility,
      i.sd,
      i.randomGuessScore,
      i.intendedWeight,
      i.effectiveWeight,
      i.discriminationIndex,
      i.discriminativeEfficiency,
      i.upperFacility,
      i.lowerFacility,
      i.upperLowerDiscrimination,
      i.omitted,
      i.flags.map((f) => (f.option ? `${f.code}:${f.option}` : f.groups ? `${f.code}:${f.groups}` : f.code)).join(' '),
    ].map((v) =>
      v === null || v === undefined ? '' : typeof v === 'number' ? String(Number(v.toFixed(6))) : String(v),
    );
  });
  return stringify([[...ITEM_CSV_COLUMNS], ...rows]);
}
