import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * What the server needs of its PostgreSQL driver under exam-day load: a transaction keeps its connection to itself.
 *
 * postgres.js 3.4.9 (and 3.4.10) sent a transaction's BEGIN behind the queries already pipelined on a busy
 * connection without reserving that connection when the BEGIN filled the pipeline (porsager/postgres#823, #1189).
 * The transaction failed with UNSAFE_TRANSACTION (a submit answered 500 in the exam-day bench), and the connection
 * went back to the pool inside the transaction its BEGIN had opened, so later requests' statements ran in it,
 * uncommitted. The default pipeline holds 100 queries per connection, which the bench's burst fills; a pipeline of
 * one reaches the same edge with two queries. The pool's `max` must be above 1 (with one connection the driver
 * serialises everything).
 */
const serverUrl = process.env.TEST_DB === 'postgres' ? process.env.TEST_DATABASE_URL : undefined;

describe.skipIf(!serverUrl)('the PostgreSQL driver under a full pipeline', () => {
  let sql: postgres.Sql | undefined;
  afterEach(async () => {
    await sql?.end({ timeout: 1 });
    sql = undefined;
  });

  /**
   * A pool whose every connection is open and now busy with a query that holds it for a fifth of a second. The
   * query has no parameters, so the driver pipelines the next one behind it (one with parameters waits for its
   * description instead).
   */
  async function busyPool() {
    sql = postgres(serverUrl!, { max: 2, max_pipeline: 1, onnotice: () => {} });
    const pool = sql;
    await Promise.all([1, 2].map(() => pool`select pg_sleep(0.01)`));
    const holding = [1, 2].map(() => pool`select pg_sleep(0.2)`.execute());
    return { pool, holding };
  }

  it('begins a transaction queued behind running queries on a connection of its own', async () => {
    const { pool, holding } = await busyPool();
    const outcome = await pool
      .begin(async (tx) => {
        await tx`select set_config('imtahan.probe', 'in the transaction', true)`;
        await tx`select pg_sleep(0.05)`;
        return 'committed';
      })
      .catch((error: { code?: string; message: string }) => error.code ?? error.message);
    // A statement on the pool never sees the transaction's setting.
    const [seen] = await pool<{ probe: string | null }[]>`select current_setting('imtahan.probe', true) as probe`;
    await Promise.all(holding);

    expect(outcome).toBe('committed');
    expect(seen!.probe ?? '').toBe('');
  });

  it('leaves no statement of the pool inside a transaction afterwards', async () => {
    const { pool, holding } = await busyPool();
    await pool.begin((tx) => tx`select 1`).catch(() => undefined);
    await Promise.all(holding);
    // Each statement on its own is its own transaction: no two of them may share one.
    const starts: string[] = [];
    for (let i = 0; i < 6; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const [row] = await pool<{ started: string }[]>`
        select pg_backend_pid() || ' ' || xact_start::text as started
        from pg_stat_activity where pid = pg_backend_pid()`;
      starts.push(row!.started);
    }
    expect(new Set(starts).size, `transactions the statements ran in: ${starts.join('; ')}`).toBe(starts.length);
  });
});
