import type { SQL } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { TestApp } from '../helpers/app';

/** The database's own message, wherever the driver and Drizzle put it in the cause chain. */
export function databaseMessages(error: unknown): string {
  const out: string[] = [];
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    out.push(String((e as { message?: unknown }).message));
  }
  return out.join(' | ');
}

/**
 * An append-only table's refusals, one test a statement: the application's connection runs it, it is refused,
 * and every row is still there as it was. `atLeast` rows must be there first, or keeping them proves nothing.
 */
export function itRefusesEveryChange(
  app: () => TestApp,
  table: { rows: () => Promise<unknown[]>; atLeast: number; what: string },
  statements: [op: string, statement: SQL][],
) {
  it.each(statements)(`refuses %s and keeps every ${table.what}`, async (op, statement) => {
    const t = app();
    const before = await table.rows();
    expect(before.length).toBeGreaterThanOrEqual(table.atLeast);
    const error = await t.database.db.execute(statement).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error, `${op} was allowed`).not.toBeNull();
    // On PostgreSQL the application's role has no TRUNCATE right at all, so the trigger is not even reached.
    const refusal = op === 'TRUNCATE' && t.database.kind === 'postgres' ? /permission denied/ : /append-only/;
    expect(databaseMessages(error)).toMatch(refusal);
    expect(await table.rows()).toEqual(before);
  });
}
