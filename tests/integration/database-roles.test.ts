import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/index';
import { applicantInput } from '../factories/users';
import { createTestApp, request, type TestApp } from '../helpers/app';

/**
 * On PostgreSQL the application's queries run as a role that owns nothing: it reads and writes rows,
 * and cannot alter, truncate or drop a table, nor switch off the triggers that keep the audit and the
 * transparency log append-only. Migrations run as the owner. (PGlite has one user: nothing to separate.)
 */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** SQLSTATE of the database's refusal, wherever the driver and Drizzle put it in the cause chain. */
function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

const refusal = (statement: ReturnType<typeof sql>) =>
  t.database.db.execute(statement).then(
    () => 'allowed',
    (e: unknown) => sqlState(e) ?? String(e),
  );

describe.skipIf(process.env.TEST_DB !== 'postgres')('the application role on PostgreSQL', () => {
  it('is not the owner: it runs as the application role', async () => {
    const rows = (await t.database.db.execute(sql`select current_user as role`)) as unknown as { role: string }[];
    expect(rows[0]!.role).toBe(t.config.databaseApp.role);
    const owner = (await t.database.ownerDb.execute(sql`select current_user as role`)) as unknown as {
      role: string;
    }[];
    expect(owner[0]!.role).not.toBe(t.config.databaseApp.role);
  });

  it.each([
    ['disable the audit triggers', sql`alter table audit_log disable trigger all`],
    ['disable the log triggers', sql`alter table log_entries disable trigger log_entries_append_only`],
    ['drop a trigger', sql`drop trigger audit_log_append_only on audit_log`],
    ['truncate the audit', sql`truncate audit_log`],
    ['truncate the log', sql`truncate log_entries`],
    ['drop a table', sql`drop table audit_log`],
    ['drop the refusal function', sql`drop function refuse_rewrite() cascade`],
    ['add a column', sql`alter table users add column note text`],
    ['create a table', sql`create table public.shadow (id int)`],
    ['switch triggers off for the session', sql`set session_replication_role = replica`],
  ])('cannot %s (permission denied)', async (_, statement) => {
    const before = await t.database.ownerDb.select().from(auditLog);
    // 42501 insufficient_privilege; 42P01/42883 would mean the object vanished, which is a failure too.
    expect(await refusal(statement)).toBe('42501');
    expect(await t.database.ownerDb.select().from(auditLog)).toEqual(before);
  });

  it('still does what the application does: signs up, reads, writes and audits', async () => {
    const response = await request(t.app, {
      method: 'POST',
      url: '/api/auth/sign-up',
      payload: applicantInput({ nationalId: '7AB2CD3' }),
    });
    expect(response.statusCode, response.body).toBe(201);
    expect((await t.database.db.select().from(auditLog)).map((e) => e.action)).toContain('account.signed-up');
    // And the append-only triggers still refuse what the role's UPDATE and DELETE rights would allow.
    expect(await refusal(sql`delete from audit_log`)).toBe('42501');
  });
});

describe.skipIf(process.env.TEST_DB === 'postgres')('on PGlite', () => {
  it('has one user, so the application and the owner share one handle', () => {
    expect(t.database.kind).toBe('pglite');
    expect(t.database.ownerDb).toBe(t.database.db);
  });
});
