import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/index';
import { executor, inTransaction, outside, transaction } from '../../db/transaction';
import { createSettingsRepository } from '../../server/modules/settings/settings.repository';
import { createTestDatabase } from '../helpers/database';

/**
 * The transaction helper every service uses: repositories take no `tx`, they join whatever transaction
 * the call they run in has opened.
 */
let database: DbHandle;
let settings: ReturnType<typeof createSettingsRepository>;

beforeAll(async () => {
  database = await createTestDatabase();
  settings = createSettingsRepository(database.db);
});
afterAll(() => database.close());

class Rollback extends Error {}

describe('transaction()', () => {
  it('gives repositories the open transaction: they see its uncommitted rows, and its rollback undoes them', async () => {
    await expect(
      transaction(database.db, async () => {
        await settings.set('tx.visible', 1);
        expect(await settings.get('tx.visible')).toBe(1);
        expect(executor(database.db)).not.toBe(database.db);
        expect(inTransaction(database.db)).toBe(true);
        expect(await outside(async () => inTransaction(database.db))).toBe(false);
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(await settings.get('tx.visible')).toBeUndefined();
    expect(executor(database.db)).toBe(database.db);
    expect(inTransaction(database.db)).toBe(false);
  });

  it('commits what it wrote when the work succeeds, and returns its value', async () => {
    const value = await transaction(database.db, async () => {
      await settings.set('tx.committed', 'yes');
      return 42;
    });
    expect(value).toBe(42);
    expect(await settings.get('tx.committed')).toBe('yes');
  });

  it('opens a savepoint inside another: a failed nested transaction rolls back only its own part', async () => {
    await transaction(database.db, async () => {
      await settings.set('tx.outer', 'kept');
      await expect(
        transaction(database.db, async () => {
          await settings.set('tx.inner', 'undone');
          expect(await settings.get('tx.inner')).toBe('undone');
          throw new Rollback();
        }),
      ).rejects.toBeInstanceOf(Rollback);
      expect(await settings.get('tx.inner')).toBeUndefined();
      expect(await settings.get('tx.outer')).toBe('kept');
    });
    expect(await settings.get('tx.outer')).toBe('kept');
    expect(await settings.get('tx.inner')).toBeUndefined();
  });

  it('keeps the transaction to the call that opened it: work running beside it uses the pool', async () => {
    let inside: unknown;
    let entered!: () => void;
    let release!: () => void;
    const started = new Promise<void>((resolve) => (entered = resolve));
    const held = new Promise<void>((resolve) => (release = resolve));
    const work = transaction(database.db, async () => {
      inside = executor(database.db);
      entered();
      await held;
    });
    await started;
    const beside = executor(database.db);
    release();
    await work;
    expect(inside).not.toBe(database.db);
    expect(beside).toBe(database.db);
  });

  it('keeps the frames of two databases apart', async () => {
    const other = await createTestDatabase();
    try {
      await transaction(database.db, async () => {
        expect(executor(other.db)).toBe(other.db);
        await transaction(other.db, async () => {
          expect(executor(other.db)).not.toBe(other.db);
          expect(executor(database.db)).not.toBe(database.db);
        });
      });
    } finally {
      await other.close();
    }
  });

  // PGlite has one connection: a query beside an open transaction waits for it, so this needs PostgreSQL.
  it.skipIf(process.env.TEST_DB !== 'postgres')(
    'leaves queries outside it (and in outside()) blind to its uncommitted rows',
    async () => {
      await transaction(database.db, async () => {
        await settings.set('tx.hidden', 'uncommitted');
        expect(await settings.get('tx.hidden')).toBe('uncommitted');
        expect(await outside(() => settings.get('tx.hidden'))).toBeUndefined();
      });
      expect(await settings.get('tx.hidden')).toBe('uncommitted');
    },
  );
});
