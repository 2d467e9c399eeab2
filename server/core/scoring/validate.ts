/**
 * Everything that makes a scoring input impossible to score honestly. Checked before any marking, so
 * a bad input changes nothing and reports all its problems at once.
 */
import { LANGUAGES, type Language, type QuestionKey } from '../question';
import type { PaperItem } from '../paper/generate';
import { ANNULMENT_MODES, type AnnulmentMode } from './annulment';
import type { ScoringInputProblem } from './errors';
import type { Answer, ScoringInput } from './input';
import { isUnanswered } from './mark-item';
import { isBlankText } from './normalise-answer';
import { own } from './own';

/** Every problem of `input`; empty when it can be scored. */
export function scoringInputProblems(input: ScoringInput): ScoringInputProblem[] {
  const problems: ScoringInputProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const { blueprint, paper } = input;
  const { scoring } = blueprint;

  if (!LANGUAGES.includes(blueprint.language)) add('blueprint.language', `unknown language "${blueprint.language}"`);
  if (!(Number.isFinite(scoring.pointsPerItem) && scoring.pointsPerItem > 0)) {
    add('blueprint.scoring.pointsPerItem', 'must be a number greater than 0');
  }
  if (!(Number.isFinite(scoring.negativeMarking) && scoring.negativeMarking >= 0)) {
    add('blueprint.scoring.negativeMarking', 'must be a number, 0 or more');
  }
  if (!ANNULMENT_MODES.includes(scoring.annulled)) {
    add('blueprint.scoring.annulled', `must be one of ${ANNULMENT_MODES.join(', ')}`);
  }
  if (!(Number.isFinite(blueprint.passMark) && blueprint.passMark >= 0)) {
    add('blueprint.passMark', 'must be a number, 0 or more');
  }
  blueprint.sections.forEach((section, i) => {
    if (!(Number.isInteger(section.minCorrect) && section.minCorrect >= 0)) {
      add(`blueprint.sections[${i}].minCorrect`, 'must be a whole number, 0 or more');
    }
  });

  const sectionIndexes = new Set<number>();
  const versions = new Set<string>();
  paper.sections.forEach((section, s) => {
    const at = `paper.sections[${s}]`;
    if (!(Number.isInteger(section.index) && section.index >= 0 && section.index < blueprint.sections.length)) {
      add(`${at}.index`, `the blueprint has no section ${section.index}`);
    } else if (sectionIndexes.has(section.index)) {
      add(`${at}.index`, `section ${section.index} appears twice`);
    }
    sectionIndexes.add(section.index);
    section.items.forEach((item, i) => {
      const itemAt = `${at}.items[${i}]`;
      if (item.section !== section.index) add(`${itemAt}.section`, `is ${item.section}, in section ${section.index}`);
      if (versions.has(item.versionId)) add(`${itemAt}.versionId`, `"${item.versionId}" is on the paper twice`);
      versions.add(item.versionId);
      problems.push(
        ...itemProblems(item, own(input.keys, item.versionId), own(input.answers, item.versionId), blueprint.language),
      );
    });
  });

  const modes = new Map<string, AnnulmentMode>();
  input.annulments.forEach((annulment, i) => {
    if (annulment.mode !== undefined && !ANNULMENT_MODES.includes(annulment.mode)) {
      add(`annulments[${i}].mode`, `must be one of ${ANNULMENT_MODES.join(', ')}`);
      return;
    }
    if (!versions.has(annulment.versionId)) return;
    const mode = annulment.mode ?? scoring.annulled;
    const earlier = modes.get(annulment.versionId);
    if (earlier !== undefined && earlier !== mode) {
      add(`annulments[${i}]`, `"${annulment.versionId}" is annulled both as ${earlier} and as ${mode}`);
    }
    modes.set(annulment.versionId, mode);
  });
  return problems;
}

function itemProblems(
  item: PaperItem,
  key: QuestionKey | undefined,
  answer: Answer | undefined,
  language: Language,
): ScoringInputProblem[] {
  const problems: ScoringInputProblem[] = [];
  const keyAt = `keys[${JSON.stringify(item.versionId)}]`;
  const answerAt = `answers[${JSON.stringify(item.versionId)}]`;
  const add = (path: string, message: string) => problems.push({ path, message });
  const options = new Set(item.optionOrder);

  if (key === undefined) {
    add(keyAt, 'the paper carries this item but no key is given for it');
    return problems;
  }
  switch (key.type) {
    case 'single':
    case 'multiple': {
      if (key.type === 'single' && key.correct.length !== 1) add(`${keyAt}.correct`, 'must name exactly one option');
      if (key.type === 'multiple') {
        if (key.correct.length === 0) add(`${keyAt}.correct`, 'must name at least one option');
        if (new Set(key.correct).size !== key.correct.length) add(`${keyAt}.correct`, 'names an option twice');
        if (key.scoring !== 'all-or-nothing' && key.scoring !== 'partial') {
          add(`${keyAt}.scoring`, 'must be all-or-nothing or partial');
        }
      }
      for (const id of key.correct) {
        if (!options.has(id)) add(`${keyAt}.correct`, `option "${id}" is not among the item's options`);
      }
      break;
    }
    case 'short':
      if (key.match !== 'exact' && key.match !== 'normalised') add(`${keyAt}.match`, 'must be exact or normalised');
      // Without an accepted answer in the exam language nobody could be marked correct.
      if (!key.accepted.some((entry) => isAcceptedText(entry[language]))) {
        add(`${keyAt}.accepted`, `has no accepted answer in the exam language (${language})`);
      }
      break;
    case 'essay':
      // Marked by people against its rubric; scoring only needs to know it is not objective.
      break;
    default:
      add(`${keyAt}.type`, 'must be single, multiple, short or essay');
      return problems;
  }

  if (answer === undefined) return problems;
  if (answer.kind === 'choice') {
    if (!Array.isArray(answer.optionIds) || answer.optionIds.some((id) => typeof id !== 'string')) {
      add(`${answerAt}.optionIds`, 'must be a list of option ids');
      return problems;
    }
  } else if (answer.kind === 'text') {
    if (typeof answer.text !== 'string') {
      add(`${answerAt}.text`, 'must be text');
      return problems;
    }
    // Such text has no JSON form, so it could neither be digested nor stored faithfully.
    if (/\p{Cs}/u.test(answer.text)) {
      add(`${answerAt}.text`, 'is not valid Unicode (a lone surrogate)');
      return problems;
    }
  } else {
    add(`${answerAt}.kind`, 'must be choice or text');
    return problems;
  }
  if (isUnanswered(answer)) return problems;
  const expected = key.type === 'short' || key.type === 'essay' ? 'text' : 'choice';
  if (answer.kind !== expected) {
    add(`${answerAt}.kind`, `a ${key.type} item takes a ${expected} answer, not ${answer.kind}`);
  } else if (answer.kind === 'choice') {
    for (const id of answer.optionIds) {
      if (!options.has(id)) add(`${answerAt}.optionIds`, `option "${id}" is not among the item's options`);
    }
  }
  return problems;
}

function isAcceptedText(text: unknown): boolean {
  return typeof text === 'string' && !isBlankText(text);
}
