import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../db/schema/index';
import { insertUser } from '../factories/users';
import { createTestApp, type TestApp } from '../helpers/app';
import { expectDatabaseUnchanged } from '../helpers/snapshot';

/**
 * The check behind every "nothing changed" assertion (bad-input, authorisation, refusals). It skips reading every
 * table while no transaction has written since its last full read; these cases prove that the shortcut never hides a
 * write, whether the write adds a row, changes one in place, or comes right after calls that found nothing.
 */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await insertUser(t);
});
afterAll(() => t?.close());

const renameEveryone = (name: string) => t.database.db.update(users).set({ fullName: name });

describe('expectDatabaseUnchanged', () => {
  it('passes an action that only reads, again and again', async () => {
    for (let i = 0; i < 3; i += 1) {
      const count = await expectDatabaseUnchanged(t.database.db, async () =>
        t.database.db.$count(users, eq(users.role, 'applicant')),
      );
      expect(count).toBe(1);
    }
  });

  it('fails an action that adds a row, after calls that changed nothing', async () => {
    await expectDatabaseUnchanged(t.database.db, async () => undefined);
    await expect(expectDatabaseUnchanged(t.database.db, () => insertUser(t))).rejects.toThrow();
  });

  it('fails an action that changes a row in place (the counts stay the same)', async () => {
    await expectDatabaseUnchanged(t.database.db, async () => undefined);
    await expect(expectDatabaseUnchanged(t.database.db, () => renameEveryone('Renamed Everyone'))).rejects.toThrow();
  });

  it('fails a change made between two calls in the action, however small', async () => {
    await expect(
      expectDatabaseUnchanged(t.database.db, async () => {
        await renameEveryone('Briefly Renamed');
        await t.database.db.execute(sql`select 1`);
      }),
    ).rejects.toThrow();
  });

  it('passes again once the database stays as it is', async () => {
    await expectDatabaseUnchanged(t.database.db, async () => undefined);
    await expectDatabaseUnchanged(t.database.db, async () => undefined);
  });
});
