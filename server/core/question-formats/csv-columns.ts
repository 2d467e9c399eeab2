import { LANGUAGES } from '../question';
import { MAX_OPTIONS } from './validate-draft';

/**
 * The CSV layout: one row per question, one column per field and language, up to six options as column groups
 * `option_<n>_id`, `option_<n>_az`, `option_<n>_ru`, `option_<n>_en`. Lists (correct ids, accepted answers,
 * tags) sit in one cell separated by `|`. An essay's asked-for length is `min_words` and `max_words`, and its
 * rubric, criteria with levels in every language, is JSON in the one `rubric` cell (as in the other formats).
 */
export const OPTION_SLOTS = Array.from({ length: MAX_OPTIONS }, (_, index) => index + 1);

export const CSV_COLUMNS: readonly string[] = [
  'external_id',
  'subject',
  'topic',
  'type',
  'scoring',
  'match',
  'difficulty',
  ...LANGUAGES.map((language) => `text_${language}`),
  ...OPTION_SLOTS.flatMap((slot) => [
    `option_${slot}_id`,
    ...LANGUAGES.map((language) => `option_${slot}_${language}`),
  ]),
  'correct',
  ...LANGUAGES.map((language) => `accepted_${language}`),
  ...LANGUAGES.map((language) => `explanation_${language}`),
  'source',
  'tags',
  'min_words',
  'max_words',
  'rubric',
];

/** Columns a file cannot do without. Any other column may be left out and then reads as empty. */
export const REQUIRED_COLUMNS = ['subject', 'type'] as const;
export const TEXT_COLUMNS = LANGUAGES.map((language) => `text_${language}`);

/**
 * The column an examiner should look at for a problem the shared rules report by draft path, e.g.
 * `content.options.2.text.ru` → `option_3_ru`, `key.correct` → `correct`.
 */
export function columnForPath(path: string): string {
  const [head = '', second, third, fourth, fifth] = path.split('.');
  switch (head) {
    case 'externalId':
      return 'external_id';
    case 'subject':
    case 'topic':
    case 'difficulty':
    case 'source':
      return head;
    case 'tags':
      return 'tags';
    case 'explanation':
      return `explanation_${second ?? 'az'}`;
    case 'key':
      if (second === 'accepted') return `accepted_${fourth ?? 'az'}`;
      if (second === 'rubric') return 'rubric';
      return second === 'scoring' || second === 'match' ? second : second === 'type' ? 'type' : 'correct';
    case 'content':
      if (second === 'type') return 'type';
      if (second === 'text') return `text_${third ?? 'az'}`;
      if (second === 'expectedLength') return third === 'maxWords' ? 'max_words' : 'min_words';
      if (second === 'options') {
        const slot = third === undefined ? 1 : Number(third) + 1;
        return fourth === 'id' ? `option_${slot}_id` : `option_${slot}_${fifth ?? 'az'}`;
      }
      return path;
    default:
      return path;
  }
}
