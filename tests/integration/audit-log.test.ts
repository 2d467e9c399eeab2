import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/index';
import { signUpApplicant } from '../factories/users';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await signUpApplicant(t);
  await t.services.repositories.audit.append(
    { actorId: null, action: 'test.event', details: { n: 1 } },
    t.clock.read(),
  );
});
afterAll(() => t.close());

const rows = () => t.database.db.select().from(auditLog).orderBy(auditLog.id);

/** The database's own message, wherever the driver and Drizzle put it in the cause chain. */
function messages(error: unknown): string {
  const out: string[] = [];
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    out.push(String((e as { message?: unknown }).message));
  }
  return out.join(' | ');
}

describe('audit_log is append-only in the database itself', () => {
  it.each([
    ['UPDATE', sql`update audit_log set action = 'rewritten'`],
    ['UPDATE of one row', sql`update audit_log set details = '{}'::jsonb where id = (select min(id) from audit_log)`],
    ['DELETE', sql`delete from audit_log`],
    ['DELETE of one row', sql`delete from audit_log where id = (select max(id) from audit_log)`],
    ['TRUNCATE', sql`truncate audit_log`],
  ])('refuses %s and keeps every row', async (op, statement) => {
    const before = await rows();
    expect(before.length).toBeGreaterThanOrEqual(2);
    const error = await t.database.db.execute(statement).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error, `${op} was allowed`).not.toBeNull();
    // On PostgreSQL the application's role has no TRUNCATE right at all, so the trigger is not even reached.
    const refusal = op === 'TRUNCATE' && t.database.kind === 'postgres' ? /permission denied/ : /append-only/;
    expect(messages(error)).toMatch(refusal);
    expect(await rows()).toEqual(before);
  });

  it('still accepts new entries', async () => {
    const before = (await rows()).length;
    await t.database.db.execute(sql`insert into audit_log (at, action) values (now(), 'test.appended')`);
    expect(await rows()).toHaveLength(before + 1);
  });
});
