/**
 * The rows of a raw `db.execute(sql…)` result. postgres-js returns an array of rows, PGlite an
 * object with `rows`; the few hand-written statements that Drizzle's builder cannot express use this.
 */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
