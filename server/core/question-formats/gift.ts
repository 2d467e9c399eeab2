import {
  type Difficulty,
  type Language,
  type Localised,
  type MultipleScoring,
  type QuestionDraft,
  type QuestionKey,
  type QuestionOption,
  type QuestionType,
  type ShortMatch,
} from '../question';
import { categoryPath, subjectFromCategory } from './category';
import { correctFraction, defaultOptionId, readChoiceKey } from './choice-key';
import {
  escapeGift,
  findUnescaped,
  giftFormat,
  readGiftText,
  splitUnescaped,
  unescapeGift,
  writeGiftText,
  type GiftFormat,
} from './gift-syntax';
import { finishImport, type ParsedRow } from './import-result';
import { cleanText, languagesOf, without } from './localised';
import { readGiftMetadata, type GiftMetadata } from './gift-metadata';
import { escapeWildcards, flattenAccepted, groupAccepted, unescapeWildcards } from './short-answers';
import type { ExtraRules, Filing, ImportProblem, ImportResult, ReadOptions } from './types';

/*
 * GIFT (https://docs.moodle.org/en/GIFT_format), the text format examiners write by hand.
 *
 * Each question is written in one language, its "body language" (az when present, else the first the question
 * has): `::externalId::stem{=right ~wrong ####explanation}`. Everything else the bank knows — subject, topic,
 * difficulty, source, tags, option ids, scoring, match mode and the other languages — goes in a comment line
 * just before it, `// imtahan: {…JSON…}`, which Moodle ignores. Multiple choice is written with weights
 * (`~%50%right ~wrong`), short answers as `{=answer =other}` with every language's wording listed so Moodle
 * accepts each. A `$CATEGORY: $course$/top/<subject>/<topic>` line precedes each change of subject or topic.
 *
 * A plain GIFT file (no imtahan comments) is read with defaults: subject and topic from the `$CATEGORY`, the
 * title as external id, difficulty `medium`, texts in Azerbaijani, option ids `a`, `b`…, single choice when
 * exactly one option is right, otherwise multiple choice scored `partial` (what the weights mean in Moodle),
 * short answers matched `normalised` (Moodle's GIFT default is case-insensitive). Per-answer feedback is not
 * kept; true/false, numerical, matching and description questions are refused.
 *
 * An essay is GIFT's empty answer block, `stem{####explanation}`, which Moodle reads as its essay; its rubric and
 * asked-for length, which GIFT has no syntax for, ride in the imtahan comment. A plain GIFT essay has no rubric, so
 * it is refused (Moodle XML's plain essays have a mark to make one of; GIFT's have none).
 */

const METADATA_COMMENT = /^\/\/\s*imtahan:\s*(.*)$/s;

/** GIFT for the drafts, in order. */
export function exportGift(drafts: readonly QuestionDraft[]): string {
  const out: string[] = [];
  let category: string | undefined;
  for (const draft of drafts) {
    const path = categoryPath(draft.subject, draft.topic);
    if (path !== category) {
      out.push(`$CATEGORY: ${path}`, '');
      category = path;
    }
    out.push(...questionGift(draft), '');
  }
  return out.join('\n');
}

function questionGift(draft: QuestionDraft): string[] {
  const { content, key } = draft;
  const [language = 'az'] = languagesOf(content.text);
  const short = key.type === 'short' ? flattenAccepted(key.accepted) : undefined;
  const metadata: GiftMetadata = {
    subject: draft.subject,
    ...(draft.topic === undefined ? {} : { topic: draft.topic }),
    difficulty: draft.difficulty,
    ...(draft.source === undefined ? {} : { source: draft.source }),
    ...(draft.tags.length === 0 ? {} : { tags: draft.tags }),
    type: content.type,
    ...(key.type === 'multiple' ? { scoring: key.scoring } : {}),
    ...(key.type === 'short' ? { match: key.match, answerLanguages: short?.layout ?? '' } : {}),
    ...(key.type === 'single' || key.type === 'multiple'
      ? { optionIds: content.options.map((option) => option.id) }
      : {}),
    ...(key.type === 'essay' ? { rubric: key.rubric } : {}),
    ...(content.expectedLength ? { expectedLength: content.expectedLength } : {}),
    ...(language === 'az' ? {} : { language }),
    ...nonEmpty('text', without(content.text, language)),
    ...(content.options.some((option) => languagesOf(option.text).length > 1)
      ? { options: content.options.map((option) => without(option.text, language)) }
      : {}),
    ...nonEmpty('explanation', without(draft.explanation, language)),
  };
  const title = draft.externalId === undefined ? '' : `::${escapeGift(draft.externalId)}::`;
  const lines = [
    ...moodleComment(draft),
    `// imtahan: ${JSON.stringify(metadata)}`,
    `${title}${writeGiftText(content.text[language] ?? '')}{`,
  ];
  if (short) {
    for (const answer of short.answers)
      lines.push(`=${weightIfNeeded(answer, 100)}${writeGiftText(escapeWildcards(answer))}`);
  } else {
    const correct = new Set<string>(key.type === 'short' || key.type === 'essay' ? [] : key.correct);
    for (const option of content.options) {
      const text = option.text[language] ?? '';
      if (key.type === 'single') {
        lines.push(
          `${correct.has(option.id) ? '=' : '~'}${weightIfNeeded(text, correct.has(option.id) ? 100 : 0)}${writeGiftText(text)}`,
        );
      } else {
        const weight = correct.has(option.id) ? correctFraction(correct.size) : 0;
        lines.push(`~${weight > 0 ? `%${weight}%` : weightIfNeeded(text, 0)}${writeGiftText(text)}`);
      }
    }
  }
  const explanation = draft.explanation[language];
  if (explanation !== undefined) lines.push(`####${writeGiftText(explanation)}`);
  lines.push('}');
  return lines;
}

/**
 * Moodle's own comment for the idnumber and tags (`// [id:…] [tag:…]`), so a Moodle site importing the file keeps
 * them too; `]` inside a value is written `\]`, as Moodle does.
 */
function moodleComment(draft: QuestionDraft): string[] {
  const values = [
    ...(draft.externalId === undefined ? [] : [['id', draft.externalId] as const]),
    ...draft.tags.map((tag) => ['tag', tag] as const),
  ];
  // Moodle escapes `]` but not the backslash, so a value with one (or with a line break, which would end the
  // comment) cannot be written unambiguously; the title and the imtahan comment still carry it.
  if (values.length === 0 || values.some(([, value]) => /[\\\r\n]/.test(value))) return [];
  return [`// ${values.map(([kind, value]) => `[${kind}:${value.replace(/]/g, '\\]')}]`).join(' ')}`];
}

/** Moodle's `[id:…]` and `[tag:…]` from the comment lines before a question. */
function readMoodleComment(comment: string, into: { id?: string; tags: string[] }): void {
  const bit = /\[(id|tag):((?:\\]|[^\]])*)\]/g;
  for (let match = bit.exec(comment); match; match = bit.exec(comment)) {
    const value = (match[2] ?? '').replace(/\\]/g, ']').trim();
    if (value === '') continue;
    if (match[1] === 'id') into.id = value;
    else if (!into.tags.includes(value)) into.tags.push(value);
  }
}

/** A text starting with `%` would be read as a weight, so its (default) weight is then written explicitly. */
function weightIfNeeded(text: string, weight: number): string {
  return text.startsWith('%') ? `%${weight}%` : '';
}

function nonEmpty<K extends string>(name: K, text: Localised): Partial<Record<K, Localised>> {
  return languagesOf(text).length === 0 ? {} : ({ [name]: text } as Record<K, Localised>);
}

interface GiftBlock {
  raw: string;
  line: number;
  metadata?: { json: string; line: number };
  /** Moodle's own `// [id:…] [tag:…]` comment. */
  moodle: { id?: string; tags: string[] };
  category?: string;
}

/** Reads a GIFT file. All-or-nothing: any problem refuses the whole file, listing every problem. */
export function importGift(text: string, extraRules?: ExtraRules, options: ReadOptions = {}): ImportResult {
  return finishImport(
    splitBlocks(text.replace(/^\uFEFF/, '')).map((block, index) => readBlock(block, index + 1, options)),
    { extraRules },
  );
}

/** Questions are separated by blank lines; comment and `$CATEGORY` lines are taken out as they are met. */
function splitBlocks(text: string): GiftBlock[] {
  const blocks: GiftBlock[] = [];
  let category: string | undefined;
  let metadata: GiftBlock['metadata'];
  let moodle: GiftBlock['moodle'] = { tags: [] };
  let current: { lines: string[]; line: number } | undefined;
  const close = () => {
    if (current) {
      blocks.push({
        raw: current.lines.join('\n'),
        line: current.line,
        metadata,
        moodle,
        ...(category ? { category } : {}),
      });
      metadata = undefined;
      moodle = { tags: [] };
    }
    current = undefined;
  };
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '') return close();
    if (trimmed.startsWith('//')) {
      const match = METADATA_COMMENT.exec(trimmed);
      if (match) metadata = { json: match[1] ?? '', line: index + 1 };
      else readMoodleComment(trimmed, moodle);
      return;
    }
    if (!current && trimmed.startsWith('$CATEGORY:')) {
      category = trimmed.slice('$CATEGORY:'.length).trim();
      return;
    }
    if (!current) current = { lines: [], line: index + 1 };
    current.lines.push(line);
  });
  close();
  return blocks;
}

interface GiftAnswer {
  marker: '=' | '~';
  weight?: number;
  raw: string;
}

function readBlock(block: GiftBlock, row: number, readOptions: ReadOptions): ParsedRow {
  const problems: ImportProblem[] = [];
  const report = (field: string | undefined, code: ImportProblem['code'], message: string) =>
    problems.push(field === undefined ? { row, code, message } : { row, field, code, message });
  const where = `(question starting on line ${block.line})`;

  let metadata: GiftMetadata = {};
  if (block.metadata) {
    const reading = readGiftMetadata(block.metadata.json);
    if (!reading.ok) {
      report(
        undefined,
        'syntax',
        `The imtahan comment on line ${block.metadata.line} is unreadable: ${reading.message}`,
      );
      return { row, problems };
    }
    metadata = reading.metadata;
  }

  const parsed = parseQuestion(block.raw.trim());
  if (!parsed.ok) {
    report(parsed.field, parsed.code, `${parsed.message} ${where}`);
    return { row, problems };
  }
  const { title, stem, answers, generalFeedback } = parsed;
  const language: Language = metadata.language ?? readOptions.language ?? 'az';
  // An empty answer block is an essay, whatever the comment says; a comment's essay with answers is a mistake.
  const type = answers.length === 0 ? 'essay' : (metadata.type ?? inferType(answers));
  if (answers.length === 0 && metadata.type !== undefined && metadata.type !== 'essay') {
    report('content.type', 'invalid', `The imtahan comment says ${metadata.type}, but the answers are empty ${where}.`);
  }
  if (answers.length > 0 && type === 'essay') {
    report('content.type', 'invalid', `An essay's answer block is empty, {}; this one has answers ${where}.`);
  }
  if (type !== 'essay' && (metadata.rubric !== undefined || metadata.expectedLength !== undefined)) {
    report('content.type', 'invalid', `A rubric and an expected length belong to essays only ${where}.`);
  }
  if (type === 'matching') {
    report('content.type', 'unsupported', `Matching questions are not supported ${where}.`);
    return { row, problems };
  }

  const filedByCategory = metadata.subject === undefined && block.category !== undefined;
  const category: Filing =
    filedByCategory && block.category !== undefined ? fileUnder(block.category, readOptions) : {};
  const subject = metadata.subject ?? category.subject;
  if (subject === undefined) {
    report('subject', 'required', 'No subject: add a $CATEGORY line or an imtahan comment before the question.');
  }
  const topic = metadata.topic ?? (metadata.subject === undefined ? category.topic : undefined);
  // The question's format marker is also its answers' and feedback's, as in Moodle.
  const format: GiftFormat = giftFormat(stem.trim()) ?? 'moodle';
  const localised = (raw: string, field: string): Localised => {
    const reading = readGiftText(raw, format, language);
    if (reading.ok) return reading.text;
    report(field, 'unsupported', `${reading.message} ${where}`);
    return {};
  };
  const stemText = localised(stem, 'content.text');
  const explanationText = generalFeedback === undefined ? {} : localised(generalFeedback, 'explanation');

  let options: QuestionOption[] = [];
  let key: QuestionKey;
  if (type === 'essay') {
    if (!metadata.rubric) {
      report(
        'content.type',
        'unsupported',
        `The essay has no rubric: a GIFT essay carries it in the imtahan comment, as the bank's GIFT export writes it, or comes from Moodle XML ${where}.`,
      );
      return { row, problems };
    }
    key = { type: 'essay', rubric: metadata.rubric };
  } else if (type === 'short') {
    const accepted: string[] = [];
    answers.forEach((answer, index) => {
      // A 0 % answer (Moodle's catch-all `=%0%*#feedback`) accepts nothing and earns nothing, as in Moodle XML.
      if (answer.marker === '=' && answer.weight === 0) return;
      if (answer.marker !== '=' || (answer.weight !== undefined && Math.abs(answer.weight - 100) >= 0.01)) {
        report(
          'key.accepted',
          'unsupported',
          `Answer ${index + 1} is not a fully correct "=" answer; short answers earn full credit or none.`,
        );
        return;
      }
      const value = unescapeWildcards(plainGiftText(answer.raw));
      if (value === undefined)
        report('key.accepted', 'unsupported', `Answer ${index + 1} uses a * wildcard, which the bank cannot match.`);
      else accepted.push(value);
    });
    const grouped = groupAccepted(accepted, metadata.answerLanguages, language);
    if (!grouped.ok) report('key.accepted', 'invalid', grouped.message);
    const match = (metadata.match ?? 'normalised') as ShortMatch;
    key = { type: 'short', accepted: grouped.ok ? grouped.accepted : [], match };
  } else {
    const ids = metadata.optionIds;
    if (ids && ids.length !== answers.length) {
      report(
        'content.options',
        'invalid',
        `The imtahan comment names ${ids.length} option ids but there are ${answers.length} answers.`,
      );
    }
    if (metadata.options && metadata.options.length !== answers.length) {
      report(
        'content.options',
        'invalid',
        `The imtahan comment has texts for ${metadata.options.length} options but there are ${answers.length}.`,
      );
    }
    options = answers.map((answer, index) => ({
      id: ids?.[index] ?? defaultOptionId(index),
      text: { ...metadata.options?.[index], ...localised(answer.raw, `content.options.${index}.text`) },
    }));
    const scoring = (metadata.scoring ?? 'partial') as MultipleScoring;
    const reading = readChoiceKey(
      answers.map((answer, index) => ({
        id: options[index]?.id ?? '',
        fraction: answer.weight ?? (answer.marker === '=' ? 100 : 0),
      })),
      type === 'single' || type === 'multiple' ? type : undefined,
      scoring,
    );
    if (!reading.ok) report('key.correct', 'invalid', `${reading.message} ${where}`);
    key = reading.ok
      ? reading.key
      : ({ type: type === 'multiple' ? 'multiple' : 'single', correct: [], scoring } as QuestionKey);
  }

  const externalId = block.moodle.id ?? (title === undefined ? '' : cleanText(unescapeGift(title)));
  const draft: QuestionDraft = {
    ...(externalId === '' ? {} : { externalId }),
    subject: subject ?? '',
    ...(topic === undefined ? {} : { topic }),
    difficulty: (metadata.difficulty ?? 'medium') as Difficulty,
    content: {
      type: key.type,
      text: { ...metadata.text, ...stemText },
      options,
      ...(key.type === 'essay' && metadata.expectedLength ? { expectedLength: metadata.expectedLength } : {}),
    },
    key,
    explanation: { ...metadata.explanation, ...explanationText },
    ...(metadata.source === undefined ? {} : { source: metadata.source }),
    tags: metadata.tags ?? block.moodle.tags,
  };
  return { row, draft, problems, ...(filedByCategory ? { category: block.category } : {}) };
}

/** The subject and topic a category path files a question under: the importer's mapping, else the path's shape. */
function fileUnder(path: string, options: ReadOptions): Filing {
  return options.category ? options.category(path) : subjectFromCategory(path);
}

/** A short answer as written: Moodle keeps answers as plain strings, whatever the question's format. */
function plainGiftText(raw: string): string {
  return cleanText(unescapeGift(raw.replace(/^\s*\[(html|plain|moodle|markdown)\]/, '')));
}

/**
 * What a plain GIFT answer set is, as Moodle reads it: all `=` is a short answer (or matching, with `->`); with a
 * `~`, a choice, which is single choice when some answer is `=` and multiple response when none is
 * (`{~%100%a ~%-50%b ~%-50%c}`).
 */
function inferType(answers: readonly GiftAnswer[]): QuestionType | 'matching' {
  if (answers.every((answer) => answer.marker === '=')) {
    return answers.some((answer) => findUnescaped(answer.raw, '->') >= 0) ? 'matching' : 'short';
  }
  return answers.some((answer) => answer.marker === '=') ? 'single' : 'multiple';
}

type ParsedQuestion =
  | { ok: true; title?: string; stem: string; answers: GiftAnswer[]; generalFeedback?: string }
  | { ok: false; field?: string; code: ImportProblem['code']; message: string };

/** `::title::stem{answers ####feedback}rest`, with escapes still in place. */
function parseQuestion(source: string): ParsedQuestion {
  let rest = source;
  let title: string | undefined;
  if (rest.startsWith('::')) {
    const end = findUnescaped(rest, '::', 2);
    if (end < 0) return { ok: false, code: 'syntax', message: 'The title is not closed with "::".' };
    title = rest.slice(2, end);
    rest = rest.slice(end + 2);
  }
  const open = findUnescaped(rest, '{');
  const close = findUnescaped(rest, '}');
  if (open < 0 && close < 0) {
    return {
      ok: false,
      field: 'content.type',
      code: 'unsupported',
      message: 'The question has no answers in {…}; descriptions are not supported.',
    };
  }
  if (close < 0) return { ok: false, code: 'syntax', message: 'The "{" is never closed with "}".' };
  if (open < 0 || close < open) return { ok: false, code: 'syntax', message: 'A "}" has no matching "{".' };
  const nested = findUnescaped(rest.slice(0, close), '{', open + 1);
  if (nested >= 0)
    return {
      ok: false,
      code: 'syntax',
      message: 'A second "{" opens before the first is closed; escape literal braces as \\{.',
    };
  const after = rest.slice(close + 1);
  if (findUnescaped(after, '{') >= 0 || findUnescaped(after, '}') >= 0) {
    return {
      ok: false,
      code: 'syntax',
      message: 'There is more than one answer block, or a stray brace; escape literal braces as \\{ and \\}.',
    };
  }
  // Text after the answers makes a "missing word" question: the answers fill the gap.
  const stem = after.trim() === '' ? rest.slice(0, open) : `${rest.slice(0, open).trim()} _____ ${after.trim()}`;

  let body = rest.slice(open + 1, close);
  let generalFeedback: string | undefined;
  const feedbackAt = findUnescaped(body, '####');
  if (feedbackAt >= 0) {
    generalFeedback = body.slice(feedbackAt + 4);
    body = body.slice(0, feedbackAt);
  }
  const trimmed = body.trim();
  const unsupported = (kind: string) =>
    ({
      ok: false,
      field: 'content.type',
      code: 'unsupported',
      message: `${kind} questions are not supported.`,
    }) as const;
  if (trimmed.startsWith('#')) return unsupported('Numerical');
  if (/^(t|f|true|false)\s*(#|$)/i.test(trimmed)) return unsupported('True/false');

  const [lead, ...parts] = splitUnescaped(body, '=~');
  if (lead && lead.part.trim() !== '') {
    return { ok: false, code: 'syntax', message: 'Each answer must start with "=" (right) or "~" (wrong).' };
  }
  const answers: GiftAnswer[] = [];
  for (const { separator, part } of parts) {
    // Per-answer feedback (`#…`) has no place in the bank and is dropped.
    const feedbackStart = findUnescaped(part, '#');
    let raw = (feedbackStart >= 0 ? part.slice(0, feedbackStart) : part).trim();
    const weight = /^%(-?\d+(?:\.\d+)?)%/.exec(raw);
    if (weight) raw = raw.slice(weight[0].length);
    answers.push({ marker: separator === '=' ? '=' : '~', ...(weight ? { weight: Number(weight[1]) } : {}), raw });
  }
  return {
    ok: true,
    ...(title === undefined ? {} : { title }),
    stem,
    answers,
    ...(generalFeedback === undefined ? {} : { generalFeedback }),
  };
}
