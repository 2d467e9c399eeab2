/** A LIKE pattern matching `text` anywhere, with its own `%`, `_` and `\` taken literally. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
