import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/index';
import { prepared } from '../../db/prepared';
import { settings } from '../../db/schema/index';
import { transaction } from '../../db/transaction';
import { createSettingsRepository } from '../../server/modules/settings/settings.repository';
import { createTestDatabase } from '../helpers/database';

/**
 * Statements built once (db/prepared.ts) keep the one data-access convention: inside a transaction they
 * run on it, seeing its uncommitted rows and its locks, although they are not built again there.
 */
let database: DbHandle;
let read: (values: Record<string, unknown>) => Promise<{ value: unknown }[]>;
let repository: ReturnType<typeof createSettingsRepository>;

beforeAll(async () => {
  database = await createTestDatabase();
  repository = createSettingsRepository(database.db);
  read = prepared(database.db, 'test_setting_value', (on) =>
    on
      .select({ value: settings.value })
      .from(settings)
      .where(eq(settings.key, sql.placeholder('key'))),
  );
});
afterAll(() => database.close());

class Rollback extends Error {}

describe('prepared()', () => {
  it('runs on the pool outside a transaction, with its values and result mapping', async () => {
    await repository.set('prepared.outside', { n: 1 });
    expect(await read({ key: 'prepared.outside' })).toEqual([{ value: { n: 1 } }]);
    expect(await read({ key: 'prepared.absent' })).toEqual([]);
  });

  it("runs inside the caller's transaction: it sees the transaction's uncommitted row, and nothing after its rollback", async () => {
    await expect(
      transaction(database.db, async () => {
        await repository.set('prepared.inside', 'uncommitted');
        expect(await read({ key: 'prepared.inside' })).toEqual([{ value: 'uncommitted' }]);
        // A savepoint's statements run on the savepoint, which sees the same.
        await transaction(database.db, async () => {
          expect(await read({ key: 'prepared.inside' })).toEqual([{ value: 'uncommitted' }]);
        });
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(await read({ key: 'prepared.inside' })).toEqual([]);
  });
});
