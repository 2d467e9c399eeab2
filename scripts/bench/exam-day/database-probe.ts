import postgres from 'postgres';

/** One look at the server's connections and two timed statements, on the probe's own connection. */
export interface DatabaseSample {
  at: number;
  /** The server's pooled connections (postgres.js's application_name) by state. */
  active: number;
  idle: number;
  idleInTransaction: number;
  /** What the active ones wait on (`Lock:transactionid`, `IO:WALSync`, …). */
  waits: Record<string, number>;
  /** A round trip with no work: the database's queueing for a CPU. */
  selectMs: number;
  /** A single-row upsert committed: what one durable write costs right now. */
  upsertMs: number;
}

/**
 * Samples PostgreSQL while the benchmark runs: how many of the server's pooled connections are busy
 * (all of them busy, every time, means requests wait for the pool) and on what, and how long the
 * database takes to answer a trivial query and to commit a one-row upsert under the same load.
 */
export function sampleDatabase(databaseUrl: string, everyMs = 250) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, connection: { application_name: 'bench-probe' } });
  const samples: DatabaseSample[] = [];
  let stopped = false;
  const loop = (async () => {
    await sql`create table if not exists bench_probe (id int primary key, at timestamptz not null)`;
    while (!stopped) {
      const at = Date.now();
      try {
        const rows = await sql<{ state: string | null; wait: string | null; n: number }[]>`
          select state, wait_event_type || ':' || wait_event as wait, count(*)::int as n
          from pg_stat_activity
          where datname = current_database() and application_name = 'postgres.js'
          group by 1, 2`;
        let t = performance.now();
        await sql`select 1`;
        const selectMs = performance.now() - t;
        t = performance.now();
        await sql`insert into bench_probe values (1, now()) on conflict (id) do update set at = excluded.at`;
        const upsertMs = performance.now() - t;
        const count = (state: string) => rows.filter((r) => r.state === state).reduce((n, r) => n + r.n, 0);
        const waits: Record<string, number> = {};
        for (const r of rows) if (r.state === 'active' && r.wait) waits[r.wait] = (waits[r.wait] ?? 0) + r.n;
        samples.push({
          at,
          active: count('active'),
          idle: count('idle'),
          idleInTransaction: count('idle in transaction'),
          waits,
          selectMs,
          upsertMs,
        });
      } catch {
        // the database is busy restarting nothing we own; try again next tick
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, everyMs - (Date.now() - at))));
    }
  })();
  return {
    async stop(): Promise<DatabaseSample[]> {
      stopped = true;
      await loop;
      await sql.end({ timeout: 5 });
      return samples;
    },
  };
}
