import { exportCsv, importCsv } from './csv';
import { exportGift, importGift } from './gift';
import { exportMoodleXml, importMoodleXml } from './moodle-xml';
import type { QuestionFormat } from './types';

export type {
  CategoryUse,
  ExtraRules,
  Filing,
  ImportProblem,
  ImportProblemCode,
  ImportResult,
  QuestionFormat,
  ReadOptions,
} from './types';
export { defaultFiling, type TaxonomySubject } from './category';
export {
  planImport,
  sameDraft,
  type BankQuestion,
  type Duplicate,
  type ImportPlan,
  type PlannedRow,
} from './import-plan';
export { cleanDraft } from './clean-draft';
export { draftProblems } from './validate-draft';
export { exportCsv, importCsv } from './csv';
export { exportGift, importGift } from './gift';
export { exportMoodleXml, importMoodleXml } from './moodle-xml';

/** The formats examiners exchange questions in, by the name the API uses. */
export const FORMATS = {
  'moodle-xml': { export: exportMoodleXml, import: importMoodleXml, mediaType: 'application/xml', extension: 'xml' },
  gift: { export: exportGift, import: importGift, mediaType: 'text/plain; charset=utf-8', extension: 'gift' },
  csv: { export: exportCsv, import: importCsv, mediaType: 'text/csv; charset=utf-8', extension: 'csv' },
} as const satisfies Record<string, QuestionFormat>;

export type FormatName = keyof typeof FORMATS;
