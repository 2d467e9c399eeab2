import type { ExpectedLength, Language, Localised, RubricCriterion } from '../question';
import { rubricFrom } from './essay-parts';
import { htmlToText } from './html-text';
import { languagesOf } from './localised';
import { encodeMultilang } from './multilang';
import type { ImportProblem } from './types';
import { MAX_CRITERION_POINTS, MAX_EXPECTED_WORDS } from './validate-draft';

/*
 * Moodle's `essay` question and the bank's essay (a prompt, an asked-for length, a rubric), both directions.
 *
 * - The prompt is the question text; the asked-for length is Moodle's `<minwordlimit>`/`<maxwordlimit>` (Moodle
 *   4), and `<responsefieldlines>` sizes Moodle's box to it. The answer is plain text, as in the exam room.
 * - The rubric has no Moodle field: it travels as JSON in an element of our own, `<imtahan_rubric>`, which Moodle's
 *   reader skips, and as readable HTML in `<graderinfo>` so a Moodle marker sees it too.
 * - A plain Moodle essay (no `<imtahan_rubric>`) gets one criterion, `overall`, worth the question's default mark,
 *   whose single level's descriptor is the grader information, so nothing Moodle held is lost. What the exam room
 *   cannot offer is refused with the reason: attachments, an answer without an online text, a response template.
 */

export const ESSAY_RUBRIC_ELEMENT = 'imtahan_rubric';

/** The lines of a Moodle essay after its common fields, for the rubric and length of an essay draft. */
export function essayXml(
  rubric: readonly RubricCriterion[],
  length: ExpectedLength | undefined,
  languages: readonly Language[],
  cdata: (text: string) => string,
): string[] {
  const lines = [
    '  <responseformat>plain</responseformat>',
    '  <responserequired>1</responserequired>',
    `  <responsefieldlines>${fieldLines(length)}</responsefieldlines>`,
  ];
  if (length)
    lines.push(
      `  <minwordlimit>${length.minWords}</minwordlimit>`,
      `  <maxwordlimit>${length.maxWords}</maxwordlimit>`,
    );
  lines.push(
    '  <attachments>0</attachments>',
    '  <attachmentsrequired>0</attachmentsrequired>',
    '  <graderinfo format="html">',
    `    <text>${cdata(graderInfo(rubric, languages))}</text>`,
    '  </graderinfo>',
    '  <responsetemplate format="html">',
    '    <text></text>',
    '  </responsetemplate>',
    `  <${ESSAY_RUBRIC_ELEMENT}>${cdata(JSON.stringify(rubric))}</${ESSAY_RUBRIC_ELEMENT}>`,
  );
  return lines;
}

/** Moodle's default mark for the essay: the rubric's total. */
export function essayGrade(rubric: readonly RubricCriterion[]): number {
  return rubric.reduce((sum, criterion) => sum + criterion.maxPoints, 0);
}

/** About ten words a line, between Moodle's smallest and largest box. */
function fieldLines(length: ExpectedLength | undefined): number {
  if (!length) return 15;
  return Math.min(40, Math.max(5, Math.ceil(length.maxWords / 10)));
}

/** The rubric as a Moodle marker reads it, one multilang span per language. */
function graderInfo(rubric: readonly RubricCriterion[], languages: readonly Language[]): string {
  const perLanguage: Localised = {};
  for (const language of languages) {
    perLanguage[language] = rubric
      .map((criterion) =>
        [
          `${criterion.title[language] ?? criterion.id} (${criterion.maxPoints})`,
          ...criterion.levels.map((level) => `${level.points}: ${level.descriptor[language] ?? ''}`),
        ].join('\n'),
      )
      .join('\n\n');
  }
  return encodeMultilang(perLanguage);
}

export type Report = (field: string, code: ImportProblem['code'], message: string) => void;

/** What a Moodle essay node says, as the reader hands it over: its elements' texts. */
export interface EssayFields {
  defaultGrade: string;
  responseFormat: string;
  attachments: string;
  responseTemplate: string;
  minWords: string;
  maxWords: string;
  /** The grader information, already read per language. */
  graderInfo: Localised;
  /** Our own element's JSON, or '' when the file has none. */
  rubricJson: string;
}

/** The bank's essay parts from a Moodle essay, or the refusals. */
export function readEssay(
  fields: EssayFields,
  promptLanguages: readonly Language[],
  report: Report,
): { rubric: RubricCriterion[]; expectedLength?: ExpectedLength } {
  if (Number(fields.attachments || '0') !== 0) {
    report('content.type', 'unsupported', 'The essay asks for attached files, which the exam room does not take.');
  }
  if (fields.responseFormat === 'noinline') {
    report('content.type', 'unsupported', 'The essay takes attachments only; the exam room takes typed text.');
  }
  const template = htmlToText(fields.responseTemplate);
  if (!template.ok || template.text !== '') {
    report('content.type', 'unsupported', 'The essay has a response template, which the question bank cannot store.');
  }
  const expectedLength = readLength(fields.minWords, fields.maxWords, report);
  const rubric = fields.rubricJson.trim() === '' ? overall(fields, promptLanguages, report) : parsed(fields, report);
  return { rubric, ...(expectedLength ? { expectedLength } : {}) };
}

function readLength(min: string, max: string, report: Report): ExpectedLength | undefined {
  const minWords = Number(min.trim() || '0');
  const maxWords = Number(max.trim() || '0');
  if (!Number.isFinite(minWords) || !Number.isFinite(maxWords)) {
    report('content.expectedLength', 'invalid', 'The word limits are not numbers.');
    return undefined;
  }
  if (minWords === 0 && maxWords === 0) return undefined;
  // Moodle lets either limit stand alone; the bank asks for both, so the missing one is the widest.
  return { minWords: minWords || 1, maxWords: maxWords || MAX_EXPECTED_WORDS };
}

/** A plain Moodle essay's one criterion: the whole mark, described by the grader information if there is any. */
function overall(fields: EssayFields, languages: readonly Language[], report: Report): RubricCriterion[] {
  const grade = Number(fields.defaultGrade.trim() || '1');
  if (!Number.isInteger(grade) || grade < 1 || grade > MAX_CRITERION_POINTS) {
    report(
      'key.rubric',
      'unsupported',
      `The essay's mark is ${fields.defaultGrade}; a rubric criterion carries a whole number of points from 1 to ${MAX_CRITERION_POINTS}.`,
    );
    return [];
  }
  const names: Record<Language, string> = { az: 'Ümumi qiymət', ru: 'Общая оценка', en: 'Overall' };
  const title: Localised = {};
  for (const language of languages) title[language] = names[language];
  const described = languagesOf(fields.graderInfo).length > 0;
  return [
    {
      id: 'overall',
      title,
      maxPoints: grade,
      levels: described ? [{ points: grade, descriptor: fields.graderInfo }] : [],
    },
  ];
}

/** Our own element's rubric, shape-checked here; the shared rules check its meaning and name the path. */
function parsed(fields: EssayFields, report: Report): RubricCriterion[] {
  let value: unknown;
  try {
    value = JSON.parse(fields.rubricJson);
  } catch (error) {
    report('key.rubric', 'syntax', `The <${ESSAY_RUBRIC_ELEMENT}> is not valid JSON (${(error as Error).message}).`);
    return [];
  }
  const rubric = rubricFrom(value);
  if (!rubric) {
    report('key.rubric', 'invalid', `The <${ESSAY_RUBRIC_ELEMENT}> must be a list of criteria with their levels.`);
    return [];
  }
  return rubric;
}
