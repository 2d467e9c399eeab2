import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { settings } from '../../../db/schema/index';

export function createSettingsRepository(db: Db) {
  return {
    async get<T>(key: string): Promise<T | undefined> {
      const [row] = await executor(db).select().from(settings).where(eq(settings.key, key));
      return row?.value as T | undefined;
    },
    /** Stores a value unless one is there: the first of racing writers wins, and all then read it. */
    async setIfAbsent(key: string, value: unknown): Promise<void> {
      await executor(db).insert(settings).values({ key, value }).onConflictDoNothing({ target: settings.key });
    },
    async set(key: string, value: unknown): Promise<void> {
      await executor(db)
        .insert(settings)
        .values({ key, value })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
    },
  };
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
