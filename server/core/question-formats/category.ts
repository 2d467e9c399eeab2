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
