/**
 * The exam-day benchmark's two baselines, in a tiny process of their own: a bare Fastify route
 * (what HTTP, JSON and Fastify cost at all) and one single-row upsert through the `postgres` driver
 * (what one durable write costs). An autosave's latency is read against them.
 *   BASELINE_PORT=0 DATABASE_URL=postgres://… tsx scripts/bench/exam-day/baseline-server.ts
 */
import Fastify from 'fastify';
import postgres from 'postgres';

interface SaveBody {
  attemptId: string;
  versionId: string;
  seq: number;
  answer: unknown;
  flagged: boolean;
}

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
// The same pool size as the server's (db/client.ts), so the write baseline is a like-for-like floor.
const sql = postgres(databaseUrl, { max: 10, onnotice: () => {} });
await sql`create table if not exists bench_baseline (
  attempt_id uuid not null, version_id uuid not null, answer jsonb, flagged boolean not null,
  seq integer not null, saved_at timestamptz not null, primary key (attempt_id, version_id))`;

const app = Fastify({ logger: false });
app.put<{ Body: SaveBody }>('/bare', async (request) => ({
  versionId: request.body.versionId,
  seq: request.body.seq,
  applied: true,
  savedAt: new Date().toISOString(),
}));
app.put<{ Body: SaveBody }>('/upsert', async (request) => {
  const { attemptId, versionId, seq, answer, flagged } = request.body;
  const now = new Date();
  await sql`insert into bench_baseline (attempt_id, version_id, answer, flagged, seq, saved_at)
    values (${attemptId}, ${versionId}, ${sql.json(answer as never)}, ${flagged}, ${seq}, ${now})
    on conflict (attempt_id, version_id) do update
    set answer = excluded.answer, flagged = excluded.flagged, seq = excluded.seq, saved_at = excluded.saved_at`;
  return { versionId, seq, applied: true, savedAt: now.toISOString() };
});

const address = await app.listen({ port: Number(process.env.BASELINE_PORT ?? 0), host: '127.0.0.1' });
process.send?.({ type: 'listening', url: address });
const stop = () =>
  void app
    .close()
    .then(() => sql.end({ timeout: 2 }))
    .then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
