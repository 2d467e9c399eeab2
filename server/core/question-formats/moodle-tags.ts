import type { QuestionDraft } from '../question';

/**
 * What the bank knows about a question that Moodle has no field for travels in Moodle tags named
 * `imtahan:<key>=<value>`: Moodle keeps tags through its own import and export, so a question can make a round
 * trip through a Moodle site too (within Moodle's 50-character tag limit: long sources are cut there).
 */
export const TAG_PREFIX = 'imtahan:';

export const METADATA_KEYS = [
  'subject',
  'topic',
  'difficulty',
  'source',
  'option-ids',
  'scoring',
  'answer-languages',
  'tag',
] as const;
export type MetadataKey = (typeof METADATA_KEYS)[number];

/** The metadata tags for a draft, then its ordinary tags. */
export function metadataTags(draft: QuestionDraft, answerLayout: string | undefined): string[] {
  const tags: string[] = [];
  const add = (key: MetadataKey, value: string | undefined) => {
    if (value !== undefined) tags.push(`${TAG_PREFIX}${key}=${value}`);
  };
  add('subject', draft.subject);
  add('topic', draft.topic);
  add('difficulty', draft.difficulty);
  add('source', draft.source);
  if (draft.key.type === 'single' || draft.key.type === 'multiple')
    add('option-ids', draft.content.options.map((option) => option.id).join(','));
  if (draft.key.type === 'multiple') add('scoring', draft.key.scoring);
  add('answer-languages', answerLayout);
  for (const tag of draft.tags) {
    // An ordinary tag that happens to start with the prefix is wrapped, so it is never read as metadata.
    if (tag.startsWith(TAG_PREFIX)) add('tag', tag);
    else tags.push(tag);
  }
  return tags;
}

export interface ReadTags {
  metadata: Partial<Record<MetadataKey, string>>;
  tags: string[];
  problems: { index: number; message: string }[];
}

/** Splits a Moodle question's tags into imtahan metadata and ordinary tags. */
export function readTags(rawTags: readonly string[]): ReadTags {
  const result: ReadTags = { metadata: {}, tags: [], problems: [] };
  rawTags.forEach((raw, index) => {
    if (!raw.startsWith(TAG_PREFIX)) {
      result.tags.push(raw);
      return;
    }
    const body = raw.slice(TAG_PREFIX.length);
    const equals = body.indexOf('=');
    const key = equals < 0 ? body : body.slice(0, equals);
    const value = equals < 0 ? '' : body.slice(equals + 1);
    if (!(METADATA_KEYS as readonly string[]).includes(key)) {
      result.problems.push({ index, message: `Unknown imtahan tag "${raw}".` });
    } else if (key === 'tag') {
      result.tags.push(value);
    } else if (result.metadata[key as MetadataKey] !== undefined) {
      result.problems.push({ index, message: `The imtahan tag "${key}" is given twice.` });
    } else {
      result.metadata[key as MetadataKey] = value;
    }
  });
  return result;
}
