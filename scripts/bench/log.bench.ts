/**
 * The transparency log at growing sizes: append throughput, and the latency of inclusion proofs,
 * consistency proofs and tile reads through HTTP. Proofs and tiles must stay flat as the log grows
 * (O(log n) reads per proof, O(1) per tile), so the report gives each figure as a ratio to the
 * smallest size.
 */
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { parseSignerKey } from '../../server/core/signed-note';
import { tilePath } from '../../server/core/tlog-tiles';
import { generateLogSignerKey } from '../../server/modules/log/log-key';
import { createTestDatabase } from '../../tests/helpers/database';
import { lcg, measure, ms, type LatencySummary } from './stats';

export async function logBench(options: { sizes: number[]; batch: number; samples: number }): Promise<string[]> {
  const config = loadConfig({ NODE_ENV: 'test', DEMO: 'false' });
  const database = await createTestDatabase();
  const logSigner = parseSignerKey(generateLogSignerKey(config.log.origin));
  const { app, services } = await buildApp({ config, database, logSigner });
  await app.ready();
  const lines: string[] = [
    `log bench on ${database.kind}: sizes ${options.sizes.join(', ')}, batches of ${options.batch}`,
  ];
  const random = lcg(42);
  const rows: { size: number; proof: LatencySummary; consistency: LatencySummary; tile: LatencySummary }[] = [];
  let size = 0;
  let appendMs = 0;
  try {
    for (const target of options.sizes) {
      while (size < target) {
        const count = Math.min(options.batch, target - size);
        const started = performance.now();
        await services.log.publish(
          Array.from({ length: count }, (_, i) => ({
            type: 'bench.fact',
            n: size + i,
            candidate: `C-${(size + i).toString(36)}`,
          })),
        );
        appendMs += performance.now() - started;
        size += count;
      }
      const proof = await measure(options.samples, async () => {
        const response = await app.inject({ url: `/api/log/entries/${Math.floor(random() * size)}` });
        if (response.statusCode !== 200) throw new Error(response.body);
      });
      const consistency = await measure(options.samples, async () => {
        const from = 1 + Math.floor(random() * (size - 1));
        const response = await app.inject({ url: `/api/log/consistency?from=${from}&to=${size}` });
        if (response.statusCode !== 200) throw new Error(response.body);
      });
      const fullTiles = Math.floor(size / 256);
      const tile = await measure(options.samples, async () => {
        const n = Math.floor(random() * fullTiles);
        const response = await app.inject({ url: `/log/${tilePath(0, n)}` });
        if (response.statusCode !== 200) throw new Error(`tile ${n}: ${response.statusCode}`);
      });
      rows.push({ size, proof, consistency, tile });
    }
  } finally {
    await app.close();
    await database.close();
  }
  lines.push(
    `append: ${size} entries in ${(appendMs / 1000).toFixed(1)} s = ${Math.round(size / (appendMs / 1000))} entries/s`,
  );
  const base = rows[0]!;
  lines.push('size       | inclusion proof p50 / p95 / p99 (×first p50) | consistency p50 / p95 | full tile p50 / p95');
  for (const row of rows) {
    lines.push(
      `${String(row.size).padEnd(10)} | ${ms(row.proof.p50)} / ${ms(row.proof.p95)} / ${ms(row.proof.p99)} (×${(row.proof.p50 / base.proof.p50).toFixed(2)})` +
        ` | ${ms(row.consistency.p50)} / ${ms(row.consistency.p95)} (×${(row.consistency.p50 / base.consistency.p50).toFixed(2)})` +
        ` | ${ms(row.tile.p50)} / ${ms(row.tile.p95)} (×${(row.tile.p50 / base.tile.p50).toFixed(2)})`,
    );
  }
  return lines;
}
