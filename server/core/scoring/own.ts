/**
 * `record[key]` for own properties only. Answers and keys arrive as plain records keyed by version id,
 * and a plain lookup would find `Object.prototype` members for ids such as "constructor".
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
