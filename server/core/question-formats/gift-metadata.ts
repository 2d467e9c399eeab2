import {
  QUESTION_TYPES,
  type ExpectedLength,
  type Language,
  type Localised,
  type QuestionType,
  type RubricCriterion,
} from '../question';
import { expectedLengthFrom, rubricFrom } from './essay-parts';
import { isLanguage } from './localised';

/**
 * What the `// imtahan: {…}` comment before a GIFT question carries: everything GIFT has no syntax for. Only
 * what differs from GIFT's defaults is written, so the comment stays short. Values are checked for shape here
 * and for meaning by the shared draft rules.
 */
export interface GiftMetadata {
  subject?: string;
  topic?: string;
  difficulty?: string;
  source?: string;
  tags?: string[];
  type?: QuestionType;
  scoring?: string;
  match?: string;
  /** The option ids, in the order of the answers. */
  optionIds?: string[];
  /** The language the GIFT body is written in, when not az. */
  language?: Language;
  /** The stem, option texts and explanation in the languages other than the body's. */
  text?: Localised;
  options?: Localised[];
  explanation?: Localised;
  /** How the `=` answers group into accepted answers (see short-answers.ts). */
  answerLanguages?: string;
  /** An essay's rubric and asked-for length, for which GIFT (whose essay is just `{}`) has no syntax. */
  rubric?: RubricCriterion[];
  expectedLength?: ExpectedLength;
}

const STRING_KEYS = ['subject', 'topic', 'difficulty', 'source', 'scoring', 'match', 'answerLanguages'] as const;

export type GiftMetadataReading = { ok: true; metadata: GiftMetadata } | { ok: false; message: string };

/** Parses and shape-checks the JSON of an imtahan comment. */
export function readGiftMetadata(json: string): GiftMetadataReading {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { ok: false, message: `not valid JSON (${(error as Error).message}).` };
  }
  if (!isRecord(value)) return { ok: false, message: 'expected a JSON object.' };
  const metadata: GiftMetadata = {};
  for (const [key, field] of Object.entries(value)) {
    if ((STRING_KEYS as readonly string[]).includes(key)) {
      if (typeof field !== 'string') return { ok: false, message: `"${key}" must be a string.` };
      metadata[key as (typeof STRING_KEYS)[number]] = field;
    } else if (key === 'tags' || key === 'optionIds') {
      if (!Array.isArray(field) || !field.every((item) => typeof item === 'string')) {
        return { ok: false, message: `"${key}" must be a list of strings.` };
      }
      metadata[key] = field as string[];
    } else if (key === 'type') {
      if (!(QUESTION_TYPES as readonly unknown[]).includes(field)) {
        return { ok: false, message: `"type" must be one of ${QUESTION_TYPES.join(', ')}.` };
      }
      metadata.type = field as QuestionType;
    } else if (key === 'language') {
      if (typeof field !== 'string' || !isLanguage(field))
        return { ok: false, message: '"language" must be az, ru or en.' };
      metadata.language = field;
    } else if (key === 'text' || key === 'explanation') {
      if (!isLocalised(field)) return { ok: false, message: `"${key}" must map languages to texts.` };
      metadata[key] = field;
    } else if (key === 'options') {
      if (!Array.isArray(field) || !field.every(isLocalised)) {
        return { ok: false, message: '"options" must be a list of texts per language.' };
      }
      metadata.options = field;
    } else if (key === 'rubric') {
      const rubric = rubricFrom(field);
      if (!rubric) return { ok: false, message: '"rubric" must be a list of criteria with their levels.' };
      metadata.rubric = rubric;
    } else if (key === 'expectedLength') {
      const length = expectedLengthFrom(field);
      if (!length) return { ok: false, message: '"expectedLength" must have minWords and maxWords.' };
      metadata.expectedLength = length;
    } else {
      return { ok: false, message: `unknown key "${key}".` };
    }
  }
  return { ok: true, metadata };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Language keys are left to the draft rules, which name the offending path; only the value type is checked. */
function isLocalised(value: unknown): value is Localised {
  return isRecord(value) && Object.values(value).every((text) => typeof text === 'string');
}
