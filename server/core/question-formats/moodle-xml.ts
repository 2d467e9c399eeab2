import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type {
  Difficulty,
  ExpectedLength,
  Language,
  Localised,
  MultipleScoring,
  QuestionDraft,
  QuestionKey,
  QuestionOption,
} from '../question';
import { categoryPath, subjectFromCategory } from './category';
import { correctFraction, defaultOptionId, readChoiceKey } from './choice-key';
import { finishImport, refuse, type ParsedRow } from './import-result';
import { cleanText, languagesOf } from './localised';
import { ESSAY_RUBRIC_ELEMENT, essayGrade, essayXml, readEssay } from './moodle-essay';
import { metadataTags, readTags } from './moodle-tags';
import { decodeMultilang, encodeMultilang } from './multilang';
import { escapeWildcards, flattenAccepted, groupAccepted, unescapeWildcards } from './short-answers';
import type { ExtraRules, Filing, ImportProblem, ImportResult, ReadOptions } from './types';

/*
 * Moodle XML (https://docs.moodle.org/en/Moodle_XML_format), the format examiners export from Moodle's bank.
 *
 * Mapping, and why:
 * - single → `multichoice` with `<single>true</single>`; multiple → `<single>false</single>`, each correct
 *   option worth 100/n % and each wrong one 0 % (wrong answers cost nothing, as at DİM; a blueprint adds negative
 *   marking if it wants it). All-or-nothing scoring, which plain `multichoice` cannot express, is kept in the
 *   `imtahan:scoring` tag; on import `multichoiceset` (the all-or-nothing plugin) is understood too.
 * - short → `shortanswer`; exact matching is `<usecase>1</usecase>`, normalised is `0` (Moodle's closest:
 *   case-insensitive). Answers are written with `*` escaped, since Moodle reads a bare `*` as a wildcard.
 * - Texts are HTML in CDATA, one Moodle multilang span per language; the explanation is `<generalfeedback>`;
 *   externalId is Moodle's own `<idnumber>`; subject and topic also become the `$course$/top/subject/topic`
 *   category, so a Moodle site files the questions sensibly.
 * - Everything else the bank needs travels in `imtahan:` tags (see moodle-tags.ts).
 * - A plain Moodle export without imtahan tags is read with defaults: subject (and topic) from the category,
 *   difficulty `medium`, option ids `a`, `b`, `c`…, multiple-choice scoring `partial` (Moodle's own meaning),
 *   short answers in Azerbaijani. Per-answer feedback, penalties and grades have no place in the bank and are
 *   not read; images, wildcards and other question types are refused rather than lost.
 */

/** Moodle XML for the drafts, in order, each preceded by its category when that changes. */
export function exportMoodleXml(drafts: readonly QuestionDraft[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<quiz>'];
  let category: string | undefined;
  for (const draft of drafts) {
    const path = categoryPath(draft.subject, draft.topic);
    if (path !== category) {
      lines.push('  <question type="category">', '    <category>', `      <text>${escapeXml(path)}</text>`);
      lines.push('    </category>', '  </question>');
      category = path;
    }
    lines.push(...questionXml(draft).map((line) => `  ${line}`));
  }
  lines.push('</quiz>', '');
  return lines.join('\n');
}

function questionXml(draft: QuestionDraft): string[] {
  const { content, key } = draft;
  const short = key.type === 'short' ? flattenAccepted(key.accepted) : undefined;
  const type = short ? 'shortanswer' : key.type === 'essay' ? 'essay' : 'multichoice';
  const lines = [
    `<question type="${type}">`,
    '  <name>',
    `    <text>${escapeXml(questionName(draft))}</text>`,
    '  </name>',
    ...htmlField('questiontext', content.text),
    ...htmlField('generalfeedback', draft.explanation),
    `  <defaultgrade>${key.type === 'essay' ? essayGrade(key.rubric) : 1}</defaultgrade>`,
    '  <penalty>0</penalty>',
    '  <hidden>0</hidden>',
  ];
  if (draft.externalId !== undefined) lines.push(`  <idnumber>${escapeXml(draft.externalId)}</idnumber>`);
  if (key.type === 'essay') {
    lines.push(...essayXml(key.rubric, content.expectedLength, languagesOf(content.text), cdata));
  } else if (short) {
    lines.push(`  <usecase>${key.type === 'short' && key.match === 'exact' ? 1 : 0}</usecase>`);
    for (const answer of short.answers) {
      lines.push('  <answer fraction="100" format="moodle_auto_format">');
      lines.push(`    <text>${escapeXml(escapeWildcards(answer))}</text>`, ...emptyFeedback(), '  </answer>');
    }
  } else {
    const correct = new Set<string>(key.type === 'short' ? [] : key.correct);
    lines.push(`  <single>${key.type === 'single'}</single>`);
    lines.push('  <shuffleanswers>true</shuffleanswers>', '  <answernumbering>abc</answernumbering>');
    for (const option of content.options) {
      const fraction = correct.has(option.id) ? correctFraction(correct.size) : 0;
      lines.push(`  <answer fraction="${fraction}" format="html">`);
      lines.push(`    <text>${cdata(encodeMultilang(option.text))}</text>`, ...emptyFeedback(), '  </answer>');
    }
  }
  const tags = metadataTags(draft, short?.layout);
  lines.push('  <tags>', ...tags.map((tag) => `    <tag><text>${escapeXml(tag)}</text></tag>`), '  </tags>');
  lines.push('</question>');
  return lines;
}

/** Moodle requires a name; the external id is the natural one, else the start of the stem. */
function questionName(draft: QuestionDraft): string {
  return draft.externalId ?? derivedName(draft.content.text);
}

/** A name made from the start of the stem, for a question that has no external id. */
function derivedName(stemText: Localised): string {
  const [language] = languagesOf(stemText);
  const stem = (language && stemText[language]) || 'question';
  const firstLine = stem.split('\n')[0] ?? stem;
  return firstLine.length > 80 ? `${firstLine.slice(0, 79)}…` : firstLine;
}

function htmlField(element: string, text: Localised): string[] {
  return [`  <${element} format="html">`, `    <text>${cdata(encodeMultilang(text))}</text>`, `  </${element}>`];
}

function emptyFeedback(): string[] {
  return ['    <feedback format="html">', '      <text></text>', '    </feedback>'];
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** HTML goes in CDATA as Moodle writes it; a `]]>` inside (impossible in escaped HTML, but cheap) is split. */
function cdata(text: string): string {
  return text === '' ? '' : `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

// Reading. The validator runs first because the parser is lenient about unclosed tags, and a file that is not
// well formed must be refused whole, with the line where it breaks.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  // Decodes numeric character references (&#601;) as XML requires; named HTML entities are harmless extras.
  htmlEntities: true,
  isArray: (name) => ['question', 'answer', 'tag', 'file'].includes(name),
});

type XmlNode = Record<string, unknown>;

/** Reads a Moodle XML file. All-or-nothing: any problem refuses the whole file, listing every problem. */
export function importMoodleXml(xml: string, extraRules?: ExtraRules, options: ReadOptions = {}): ImportResult {
  const source = xml.replace(/^\uFEFF/, '');
  // Moodle never writes a DOCTYPE; refusing one rules out entity-expansion tricks before the parser sees them.
  if (/<!DOCTYPE/i.test(source))
    return refuse('unsupported', 'The file declares a DOCTYPE, which Moodle XML never has.');
  const validation = XMLValidator.validate(source);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    const where = col === undefined ? `line ${line}` : `line ${line}, column ${col}`;
    return refuse('syntax', `The file is not well-formed XML (${where}): ${msg}`);
  }
  let document: XmlNode;
  try {
    document = parser.parse(source) as XmlNode;
  } catch (error) {
    // The validator lets a few malformed constructs through (an unclosed <?…?>); the parser then throws.
    return refuse('syntax', `The file is not well-formed XML: ${(error as Error).message}`);
  }
  const quiz = document.quiz;
  if (quiz === undefined) return refuse('syntax', 'This is not a Moodle XML file: there is no <quiz> element.');

  const rows: ParsedRow[] = [];
  let category: string | undefined;
  for (const question of asNodes(isNode(quiz) ? quiz.question : undefined)) {
    const type = text(question['@_type']);
    if (type === 'category') {
      category = cleanText(text(child(question, 'category').text));
      continue;
    }
    rows.push(readQuestion(question, type, category, rows.length + 1, options));
  }
  return finishImport(rows, { extraRules });
}

function readQuestion(
  question: XmlNode,
  type: string,
  categoryPathRead: string | undefined,
  row: number,
  readOptions: ReadOptions,
): ParsedRow {
  const problems: ImportProblem[] = [];
  const report = (field: string, code: ImportProblem['code'], message: string) =>
    problems.push({ row, field, code, message });
  const language = readOptions.language ?? 'az';

  if (!['multichoice', 'multichoiceset', 'shortanswer', 'essay'].includes(type)) {
    report(
      'content.type',
      'unsupported',
      `Moodle "${type}" questions are not supported; use multichoice, shortanswer or essay.`,
    );
    return { row, problems };
  }

  const rawTags = asNodes(child(question, 'tags').tag).map((tag) => cleanText(text(tag.text)));
  const { metadata, tags, problems: tagProblems } = readTags(rawTags);
  for (const { index, message } of tagProblems) report(`tags.${index}`, 'invalid', message);

  const filedByCategory = metadata.subject === undefined && categoryPathRead !== undefined;
  const category = filedByCategory ? fileUnder(categoryPathRead, readOptions) : {};
  const subject = metadata.subject ?? category.subject;
  if (subject === undefined) {
    report(
      'subject',
      'required',
      'No subject: add an imtahan:subject tag or put the question in a $course$/… category.',
    );
  }
  const topic = metadata.topic ?? (metadata.subject === undefined ? category.topic : undefined);

  const readText = (node: XmlNode, field: string) => readHtml(node, field, language, report);
  const questionText = readText(child(question, 'questiontext'), 'content.text');
  const explanation = readText(child(question, 'generalfeedback'), 'explanation');
  const idnumber = cleanText(text(question.idnumber));
  const name = cleanText(text(child(question, 'name').text));
  const answers = asNodes(question.answer).map((answer) => ({
    node: answer,
    fraction: Number(text(answer['@_fraction']) || '0'),
  }));
  answers.forEach(({ fraction }, index) => {
    if (!Number.isFinite(fraction))
      report(`content.options.${index}`, 'invalid', `Answer ${index + 1} has no valid fraction.`);
  });

  let options: QuestionOption[] = [];
  let key: QuestionKey;
  let expectedLength: ExpectedLength | undefined;
  if (type === 'essay') {
    const ownRubric = question[ESSAY_RUBRIC_ELEMENT] !== undefined;
    const essay = readEssay(
      {
        defaultGrade: text(question.defaultgrade),
        responseFormat: text(question.responseformat).trim(),
        attachments: text(question.attachments),
        responseTemplate: text(child(question, 'responsetemplate').text),
        minWords: text(question.minwordlimit),
        maxWords: text(question.maxwordlimit),
        // With our own rubric the grader information is only its rendering; without, it is the marking guide.
        graderInfo: ownRubric ? {} : readText(child(question, 'graderinfo'), 'key.rubric'),
        rubricJson: text(question[ESSAY_RUBRIC_ELEMENT]),
      },
      languagesOf(questionText),
      report,
    );
    key = { type: 'essay', rubric: essay.rubric };
    expectedLength = essay.expectedLength;
  } else if (type === 'shortanswer') {
    const accepted: string[] = [];
    answers.forEach(({ node, fraction }, index) => {
      // 0 % answers are Moodle's "wrong answer" feedback entries (often the catch-all `*`): they accept nothing
      // and earn nothing, which is what every answer not in the key earns in the bank too. GIFT reads them alike.
      if (fraction === 0) return;
      if (Math.abs(fraction - 100) >= 0.01) {
        report(
          `key.accepted`,
          'unsupported',
          `Answer ${index + 1} earns ${fraction}%; the bank accepts short answers only at full credit.`,
        );
        return;
      }
      const answer = unescapeWildcards(cleanText(text(node.text)));
      if (answer === undefined) {
        report(`key.accepted`, 'unsupported', `Answer ${index + 1} uses a * wildcard, which the bank cannot match.`);
      } else {
        accepted.push(answer);
      }
    });
    const grouped = groupAccepted(accepted, metadata['answer-languages'], language);
    if (!grouped.ok) report('key.accepted', 'invalid', grouped.message);
    const usecase = text(question.usecase).trim();
    key = {
      type: 'short',
      accepted: grouped.ok ? grouped.accepted : [],
      match: usecase === '1' ? 'exact' : 'normalised',
    };
  } else {
    const declaredIds = metadata['option-ids']?.split(',');
    if (declaredIds && declaredIds.length !== answers.length) {
      report(
        'content.options',
        'invalid',
        `The imtahan:option-ids tag names ${declaredIds.length} options but there are ${answers.length}.`,
      );
    }
    options = answers.map(({ node }, index) => ({
      id: declaredIds?.[index] ?? defaultOptionId(index),
      text: readText(node, `content.options.${index}.text`),
    }));
    const single = type === 'multichoice' && !['false', '0'].includes(text(question.single).trim().toLowerCase());
    const scoring = (metadata.scoring ?? (type === 'multichoiceset' ? 'all-or-nothing' : 'partial')) as MultipleScoring;
    const reading = readChoiceKey(
      answers.map(({ fraction }, index) => ({ id: options[index]?.id ?? '', fraction })),
      single ? 'single' : 'multiple',
      scoring,
    );
    if (!reading.ok) report('key.correct', 'invalid', reading.message);
    key = reading.ok ? reading.key : ({ type: single ? 'single' : 'multiple', correct: [], scoring } as QuestionKey);
  }

  const content = { type: key.type, text: questionText, options, ...(expectedLength ? { expectedLength } : {}) };
  // Moodle requires a name and has no other place for an examiner's identifier when <idnumber> is empty, so the name
  // is kept as the external id then; a name that is only the start of the stem (what the bank's export writes
  // for a question without an external id) identifies nothing and is left out.
  const externalId = idnumber !== '' ? idnumber : name === cleanText(derivedName(content.text)) ? '' : name;
  const draft: QuestionDraft = {
    ...(externalId === '' ? {} : { externalId }),
    subject: subject ?? '',
    ...(topic === undefined ? {} : { topic }),
    difficulty: (metadata.difficulty ?? 'medium') as Difficulty,
    content,
    key,
    explanation,
    ...(metadata.source === undefined ? {} : { source: metadata.source }),
    tags,
  };
  return { row, draft, problems, ...(filedByCategory ? { category: categoryPathRead } : {}) };
}

/** The subject and topic a category path files a question under: the importer's mapping, else the path's shape. */
function fileUnder(path: string, options: ReadOptions): Filing {
  return options.category ? options.category(path) : subjectFromCategory(path);
}

function readHtml(
  node: XmlNode,
  field: string,
  language: Language,
  report: (field: string, code: ImportProblem['code'], message: string) => void,
): Localised {
  const raw = text(node.text);
  const format = text(node['@_format']);
  // A file travels inside the question (base64 in <file>); the bank has nowhere to keep it.
  const files = asNodes(node.file);
  if (files.length > 0) {
    const names = files.map((file) => text(file['@_name'])).join(', ');
    report(field, 'unsupported', `The text carries an embedded file (${names}), which the question bank cannot store.`);
    return {};
  }
  // Plain-text and Markdown fields are not HTML: their `<` is literal and there are no spans to read.
  if (format === 'plain_text' || format === 'markdown') {
    const value = cleanText(raw);
    return value === '' ? {} : { [language]: value };
  }
  // Moodle's own "auto" format is HTML in which a line break in the source is a line break on the page.
  const html = format === 'moodle_auto_format' ? raw.replace(/\r\n?|\n/g, '<br>') : raw;
  const decoded = decodeMultilang(html, language);
  if (!decoded.ok) {
    report(field, 'unsupported', decoded.message);
    return {};
  }
  const clean: Localised = {};
  for (const language of languagesOf(decoded.text)) clean[language] = cleanText(decoded.text[language] ?? '');
  return clean;
}

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asNodes(value: unknown): XmlNode[] {
  return Array.isArray(value) ? value.filter(isNode) : [];
}

function child(node: XmlNode, name: string): XmlNode {
  const value = node[name];
  return isNode(value) ? value : {};
}

/** An element's text, whether the parser gave it as a string or as a node with attributes and `#text`. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isNode(value)) return text(value['#text']);
  return '';
}
