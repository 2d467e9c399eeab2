import {
  DIFFICULTIES,
  LANGUAGES,
  QUESTION_TYPES,
  type Language,
  type Localised,
  type QuestionDraft,
  type QuestionOption,
} from '../question';
import { languagesOf } from './localised';
import type { ImportProblem } from './types';

/** Longest stem or explanation, per language. Generous for legal texts, small enough to keep papers sane. */
export const MAX_TEXT_LENGTH = 10_000;
/** Longest option text or accepted short answer, per language. */
export const MAX_ANSWER_LENGTH = 2_000;
/** Longest subject, topic, external id or tag. */
export const MAX_LABEL_LENGTH = 200;
/** Longest source or legal reference. */
export const MAX_SOURCE_LENGTH = 1_000;
/** Most options a choice question may have; the CSV layout has exactly this many option column groups. */
export const MAX_OPTIONS = 6;
export const MAX_TAGS = 50;
export const MAX_ACCEPTED = 50;
/** Option ids are written into Moodle tags, GIFT metadata and CSV cells, so they stay plain and short. */
export const OPTION_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

// Characters no stored text may hold: C0/C1 controls other than tab and line feed (carriage returns are
// normalised away on import), U+FFFE/U+FFFF and unpaired surrogates. XML 1.0 cannot carry most of them at all,
// so admitting them would make a valid question impossible to export.
const FORBIDDEN_CHARACTER =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point of this pattern.
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether a text may be stored as it is: non-empty, no surrounding blank space, no control or broken characters,
 * and for labels (subject, tag…) a single line. Lengths are checked separately.
 */
export function isCleanText(value: string, singleLine = false): boolean {
  return (
    value.trim() !== '' &&
    value === value.trim() &&
    !FORBIDDEN_CHARACTER.test(value) &&
    !(singleLine && /[\n\t]/.test(value))
  );
}

/**
 * Every reason a draft cannot enter the bank, each naming the draft path it concerns. Shared by all import
 * formats (and usable by the editor) so the same question is judged the same way however it arrives.
 *
 * Texts must already be clean: no surrounding whitespace, `\n` line breaks. Importers clean before calling this;
 * requiring it here is what makes every valid draft survive export and import unchanged.
 */
export function draftProblems(draft: QuestionDraft, row: number): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const report = (field: string, code: ImportProblem['code'], message: string) =>
    problems.push({ row, field, code, message });

  checkLabel(draft.subject, 'subject', MAX_LABEL_LENGTH, true, report);
  checkLabel(draft.topic, 'topic', MAX_LABEL_LENGTH, false, report);
  checkLabel(draft.externalId, 'externalId', MAX_LABEL_LENGTH, false, report);
  checkLabel(draft.source, 'source', MAX_SOURCE_LENGTH, false, report);

  checkTags(draft.tags, report);
  if (!(DIFFICULTIES as readonly string[]).includes(draft.difficulty)) {
    report('difficulty', 'invalid', `Difficulty must be one of ${DIFFICULTIES.join(', ')}.`);
  }

  const { content, key } = draft;
  if (!(QUESTION_TYPES as readonly string[]).includes(content.type)) {
    report('content.type', 'invalid', `Question type must be one of ${QUESTION_TYPES.join(', ')}.`);
    return problems;
  }
  if (key.type !== content.type) {
    report('key.type', 'invalid', `The key is for a ${key.type} question but the question is ${content.type}.`);
    return problems;
  }

  const textLanguages = checkLocalised(content.text, 'content.text', MAX_TEXT_LENGTH, report);
  if (textLanguages.length === 0) {
    report('content.text', 'required', 'The question text is missing: give it in at least one language.');
  }
  checkLocalised(draft.explanation, 'explanation', MAX_TEXT_LENGTH, report);
  checkSubset(draft.explanation, textLanguages, 'explanation', 'the explanation', report);

  if (key.type === 'short') {
    if (content.options.length > 0) {
      report('content.options', 'invalid', 'A short-answer question has no options.');
    }
    if (key.accepted.length === 0) {
      report('key.accepted', 'required', 'A short-answer question needs at least one accepted answer.');
    } else if (key.accepted.length > MAX_ACCEPTED) {
      report('key.accepted', 'too-long', `At most ${MAX_ACCEPTED} accepted answers are allowed.`);
    }
    key.accepted.forEach((answer, index) => {
      const path = `key.accepted.${index}`;
      if (checkLocalised(answer, path, MAX_ANSWER_LENGTH, report).length === 0) {
        report(path, 'required', `Accepted answer ${index + 1} is empty.`);
      }
      checkSubset(answer, textLanguages, path, `accepted answer ${index + 1}`, report);
    });
    if (key.match !== 'exact' && key.match !== 'normalised') {
      report('key.match', 'invalid', 'Answer matching must be exact or normalised.');
    }
    return problems;
  }

  if (key.type === 'essay') {
    checkEssay(draft, textLanguages, report);
    return problems;
  }

  const ids = checkOptions(content.options, textLanguages, report);
  if (key.type === 'single') {
    if (key.correct.length !== 1) {
      report('key.correct', 'invalid', 'A single-choice question needs exactly one correct option.');
    }
  } else {
    if (key.correct.length === 0) {
      report('key.correct', 'required', 'A multiple-choice question needs at least one correct option.');
    }
    if (new Set(key.correct).size !== key.correct.length) {
      report('key.correct', 'duplicate', 'The same option is marked correct twice.');
    }
    if (key.scoring !== 'all-or-nothing' && key.scoring !== 'partial') {
      report('key.scoring', 'invalid', 'Scoring must be all-or-nothing or partial.');
    }
  }
  for (const id of key.correct) {
    if (!ids.has(id)) report('key.correct', 'invalid', `The correct option "${id}" is not one of the options.`);
  }
  return problems;
}

type Report = (field: string, code: ImportProblem['code'], message: string) => void;

/** Most criteria an essay rubric may have, and most levels a criterion may describe. */
export const MAX_CRITERIA = 12;
export const MAX_LEVELS = 10;
/** Most points one criterion may carry; marks stay whole numbers a marker can give at a glance. */
export const MAX_CRITERION_POINTS = 100;
/** Longest essay a task may ask for, in words. */
export const MAX_EXPECTED_WORDS = 5_000;

/**
 * An essay or case task: a prompt, no options, an optional asked-for length, and a rubric whose criteria have
 * stable ids, titles in the prompt's languages, whole maximum points, and levels ascending to that maximum.
 */
function checkEssay(draft: QuestionDraft, textLanguages: Language[], report: Report): void {
  const { content, key } = draft;
  if (key.type !== 'essay') return;
  if (content.options.length > 0) report('content.options', 'invalid', 'An essay question has no options.');
  const length = content.expectedLength;
  if (length !== undefined) {
    const whole = (n: number) => Number.isInteger(n) && n >= 1 && n <= MAX_EXPECTED_WORDS;
    if (!whole(length.minWords))
      report('content.expectedLength.minWords', 'invalid', `The minimum length must be 1–${MAX_EXPECTED_WORDS} words.`);
    if (!whole(length.maxWords) || length.maxWords < length.minWords)
      report(
        'content.expectedLength.maxWords',
        'invalid',
        `The maximum length must be ${MAX_EXPECTED_WORDS} words at most and no less than the minimum.`,
      );
  }
  if (key.rubric.length === 0) report('key.rubric', 'required', 'An essay question needs at least one criterion.');
  if (key.rubric.length > MAX_CRITERIA) report('key.rubric', 'too-long', `At most ${MAX_CRITERIA} criteria.`);
  const ids = new Set<string>();
  key.rubric.forEach((criterion, index) => {
    const path = `key.rubric.${index}`;
    if (typeof criterion.id !== 'string' || !OPTION_ID_PATTERN.test(criterion.id)) {
      report(`${path}.id`, 'invalid', `Criterion ${index + 1}'s id must be 1–32 letters, digits, "-" or "_".`);
    } else if (ids.has(criterion.id)) {
      report(`${path}.id`, 'duplicate', `Criterion id "${criterion.id}" is used twice.`);
    } else {
      ids.add(criterion.id);
    }
    if (checkLocalised(criterion.title, `${path}.title`, MAX_LABEL_LENGTH, report).length === 0)
      report(`${path}.title`, 'required', `Criterion ${index + 1} needs a title.`);
    checkSubset(criterion.title, textLanguages, `${path}.title`, `criterion ${index + 1}`, report);
    const max = criterion.maxPoints;
    if (!Number.isInteger(max) || max < 1 || max > MAX_CRITERION_POINTS)
      report(
        `${path}.maxPoints`,
        'invalid',
        `Criterion ${index + 1}'s points must be a whole number 1–${MAX_CRITERION_POINTS}.`,
      );
    if (criterion.levels.length > MAX_LEVELS) report(`${path}.levels`, 'too-long', `At most ${MAX_LEVELS} levels.`);
    let previous = -1;
    criterion.levels.forEach((level, l) => {
      const levelPath = `${path}.levels.${l}`;
      if (!Number.isInteger(level.points) || level.points <= previous || level.points > max)
        report(
          `${levelPath}.points`,
          'invalid',
          `Level ${l + 1}'s points must be whole, ascending and at most ${max}.`,
        );
      previous = level.points;
      if (checkLocalised(level.descriptor, `${levelPath}.descriptor`, MAX_ANSWER_LENGTH, report).length === 0)
        report(`${levelPath}.descriptor`, 'required', `Level ${l + 1} of criterion ${index + 1} needs a descriptor.`);
    });
  });
}

function checkOptions(options: readonly QuestionOption[], textLanguages: Language[], report: Report): Set<string> {
  const ids = new Set<string>();
  if (options.length < 2) report('content.options', 'required', 'A choice question needs at least two options.');
  if (options.length > MAX_OPTIONS) report('content.options', 'too-long', `At most ${MAX_OPTIONS} options.`);
  options.forEach((option, index) => {
    const path = `content.options.${index}`;
    if (typeof option.id !== 'string' || !OPTION_ID_PATTERN.test(option.id)) {
      report(`${path}.id`, 'invalid', `Option ${index + 1}'s id must be 1–32 letters, digits, "-" or "_".`);
    } else if (ids.has(option.id)) {
      report(`${path}.id`, 'duplicate', `Option id "${option.id}" is used twice.`);
    } else {
      ids.add(option.id);
    }
    const languages = checkLocalised(option.text, `${path}.text`, MAX_ANSWER_LENGTH, report);
    if (textLanguages.length > 0 && languages.join() !== textLanguages.join()) {
      // A candidate sitting in Russian must see every option in Russian, and never an option with no text.
      report(
        `${path}.text`,
        'language-mismatch',
        `Option ${index + 1} is given in ${describe(languages)} but the question in ${describe(textLanguages)}.`,
      );
    }
  });
  return ids;
}

function checkTags(tags: readonly string[], report: Report): void {
  if (tags.length > MAX_TAGS) report('tags', 'too-long', `At most ${MAX_TAGS} tags.`);
  const seen = new Set<string>();
  tags.forEach((tag, index) => {
    checkLabel(tag, `tags.${index}`, MAX_LABEL_LENGTH, true, report);
    if (seen.has(tag)) report(`tags.${index}`, 'duplicate', `Tag "${tag}" is given twice.`);
    seen.add(tag);
  });
}

/** Checks each language's text; returns the languages present, in bank order. */
function checkLocalised(text: Localised, path: string, maxLength: number, report: Report): Language[] {
  if (typeof text !== 'object' || text === null) {
    report(path, 'invalid', 'Expected a text per language.');
    return [];
  }
  for (const language of Object.keys(text)) {
    if (!(LANGUAGES as readonly string[]).includes(language)) {
      report(`${path}.${language}`, 'invalid', `"${language}" is not an exam language (${LANGUAGES.join(', ')}).`);
    }
  }
  for (const language of LANGUAGES) {
    const value: unknown = text[language];
    if (value === undefined) continue;
    const field = `${path}.${language}`;
    if (typeof value !== 'string') report(field, 'invalid', 'Expected text.');
    else checkText(value, field, maxLength, false, report);
  }
  return languagesOf(text);
}

function checkSubset(text: Localised, allowed: Language[], path: string, what: string, report: Report): void {
  const extra = languagesOf(text).filter((language) => !allowed.includes(language));
  if (extra.length > 0 && allowed.length > 0) {
    report(path, 'language-mismatch', `${capitalise(what)} is given in ${describe(extra)}, which the question is not.`);
  }
}

function checkLabel(
  value: string | undefined,
  field: string,
  maxLength: number,
  required: boolean,
  report: Report,
): void {
  if (value === undefined || value === '') {
    if (required) report(field, 'required', `${capitalise(field)} is required.`);
    else if (value === '') report(field, 'invalid', `${capitalise(field)} is empty; leave it out instead.`);
    return;
  }
  if (typeof value !== 'string') {
    report(field, 'invalid', 'Expected text.');
    return;
  }
  checkText(value, field, maxLength, true, report);
}

function checkText(value: string, field: string, maxLength: number, singleLine: boolean, report: Report): void {
  if (value.trim() === '') report(field, 'required', 'The text is empty.');
  else if (value !== value.trim()) report(field, 'invalid', 'The text starts or ends with blank space.');
  if (value.length > maxLength) {
    report(field, 'too-long', `The text is ${value.length} characters long; at most ${maxLength} are allowed.`);
  }
  if (FORBIDDEN_CHARACTER.test(value)) {
    report(field, 'invalid', 'The text contains a control character or a broken Unicode character.');
  } else if (singleLine && /[\n\t]/.test(value)) {
    report(field, 'invalid', 'This value must be a single line.');
  }
}

function describe(languages: readonly string[]): string {
  return languages.length === 0 ? 'no language' : languages.join(', ');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
