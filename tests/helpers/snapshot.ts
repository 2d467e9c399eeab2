import { asc } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '../../db/index';
import { auditLog, sessions, settings, users } from '../../db/schema/index';

/** Every row of the tables the foundation writes, in a stable order. */
export interface DatabaseSnapshot {
  counts: { users: number; sessions: number; audit_log: number; settings: number };
  rows: {
    users: unknown[];
    sessions: unknown[];
    audit_log: unknown[];
    settings: unknown[];
  };
}

/**
 * Reads the whole of users, sessions, audit_log and settings. Test databases are small, so a full
 * copy is cheap, and comparing rows (not only counts) also catches an UPDATE that should not have happened.
 */
export async function snapshotDatabase(db: Db): Promise<DatabaseSnapshot> {
  const [u, s, a, st] = await Promise.all([
    db.select().from(users).orderBy(asc(users.id)),
    db.select().from(sessions).orderBy(asc(sessions.id)),
    db.select().from(auditLog).orderBy(asc(auditLog.id)),
    db.select().from(settings).orderBy(asc(settings.key)),
  ]);
  return {
    counts: { users: u.length, sessions: s.length, audit_log: a.length, settings: st.length },
    rows: { users: u, sessions: s, audit_log: a, settings: st },
  };
}

/** Runs `action` and asserts that it left the database exactly as it found it. */
export async function expectDatabaseUnchanged<T>(db: Db, action: () => Promise<T>): Promise<T> {
  const before = await snapshotDatabase(db);
  const result = await action();
  const after = await snapshotDatabase(db);
  expect(after.counts).toEqual(before.counts);
  expect(after.rows).toEqual(before.rows);
  return result;
}
