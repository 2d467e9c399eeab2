import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDb } from '../../../db/index';

/**
 * A throw-away, migrated database on the PostgreSQL server of `serverUrl`, for the server process,
 * the baseline process and the benchmark itself to share; `drop` removes it, connections and all.
 */
export async function createBenchDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `imtahan_bench_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = createDb({ databaseUrl: url.toString(), maxConnections: 2 });
  try {
    await handle.migrate();
  } finally {
    await handle.close();
  }
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
