import type { Localised } from '../question';
import type { Filing } from './types';

/**
 * Moodle and GIFT file questions under a category path such as `$course$/top/Legislation/Constitution`. The
 * bank files them by subject and topic instead, so the path is written as `…/top/<subject>/<topic>` and, for a
 * plain Moodle or GIFT file without imtahan metadata, read back as the subject and topic.
 */

/** The category path for a subject and topic. A `/` inside a name is doubled, as Moodle does. */
export function categoryPath(subject: string, topic?: string): string {
  const names = topic === undefined ? [subject] : [subject, topic];
  return ['$course$', 'top', ...names.map((name) => name.replace(/\//g, '//'))].join('/');
}

/**
 * The subject and topic a category path files questions under: the first name below the context (`$course$`,
 * `$system$`…) and its `top` category is the subject; the names below it, joined by ` / `, are the topic.
 */
export function subjectFromCategory(path: string): { subject?: string; topic?: string } {
  const names = splitPath(path.trim());
  if (/^\$[a-z]+\$$/.test(names[0] ?? '')) names.shift();
  if (names[0] === 'top') names.shift();
  const [subject, ...rest] = names.map((name) => name.trim()).filter((name) => name !== '');
  const topic = rest.join(' / ');
  return { ...(subject === undefined ? {} : { subject }), ...(topic === '' ? {} : { topic }) };
}

function splitPath(path: string): string[] {
  const names: string[] = [];
  let name = '';
  for (let i = 0; i < path.length; i++) {
    if (path[i] !== '/') {
      name += path[i];
    } else if (path[i + 1] === '/') {
      name += '/';
      i++;
    } else {
      names.push(name);
      name = '';
    }
  }
  names.push(name);
  return names;
}

/** A bank subject with its topics, as far as filing by name needs them. */
export interface TaxonomySubject {
  id: string;
  name: Localised;
  topics: readonly { id: string; name: Localised }[];
}

/** The category's own name: the last one in its path, below the context and `top`; undefined for `top` itself. */
export function lastCategoryName(path: string): string | undefined {
  const names = splitPath(path.trim())
    .map((name) => name.trim())
    .filter((name) => name !== '' && !/^\$[a-z]+\$$/.test(name));
  const last = names.at(-1);
  return last === undefined || (last === 'top' && names.length === 1) ? undefined : last;
}

/**
 * Where a question in a foreign category goes when the importer has not chosen: the category's own name (the last
 * in its path) as a topic's or else a subject's id or name in any language, compared without regard to case. A
 * name the bank does not know stays the subject, so the bank's rules refuse it naming it, and the import page
 * offers a choice for the path.
 */
export function defaultFiling(path: string, taxonomy: readonly TaxonomySubject[]): Filing {
  const name = lastCategoryName(path);
  if (name === undefined) return {};
  const key = foldCase(name);
  const names = (entry: { id: string; name: Localised }) =>
    [entry.id, ...Object.values(entry.name)].map((value) => foldCase(value.trim()));
  for (const subject of taxonomy) {
    const topic = subject.topics.find((candidate) => names(candidate).includes(key));
    if (topic) return { subject: subject.id, topic: topic.id };
  }
  const subject = taxonomy.find((candidate) => names(candidate).includes(key));
  return { subject: subject?.id ?? name };
}

/**
 * A name without regard to case, for matching: Azerbaijani and Turkish casing pairs I with ı and İ with i, English
 * pairs I with i, so dotted and dotless i are folded together and either file's spelling matches.
 */
export function foldCase(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\u0307/g, '')
    .replace(/ı/g, 'i');
}
