/**
 * The public register at scale: N appointments and M results (1,000,000 and 5,000,000 by default)
 * generated straight into the read-model tables with generate_series, then the latencies of search,
 * filter and page-deep (a cursor far into the set) queries through the real HTTP routes
 * (`app.inject`: validation, service, SQL, serialisation), and the export rate of the streamed CSV
 * and JSON over a real socket, with the process's memory (RSS) before, at its peak and after.
 *
 * Appointments are generated in time order with an hour's jitter, as the register records them when
 * they are made, so the table's physical order follows the date as it would in production.
 * The names are drawn from a pool written in Azerbaijani Latin, English transliteration and
 * Cyrillic, folded by server/core/name-search.ts exactly as the register folds them. The receipts
 * (`logIndex`, `leafHash`) are synthetic: the log is not what is measured here.
 */
import { sql } from 'drizzle-orm';
import type { AddressInfo } from 'node:net';
import { rowsOf } from '../../db/rows';
import { searchDocument } from '../../server/core/name-search';
import { encodeCursor } from '../../server/modules/register/register-cursor';
import { createTestApp, type TestApp } from '../../tests/helpers/app';
import { lcg, measure, ms, type LatencySummary } from './stats';

const SURNAMES = [
  ['Əliyev', 'Aliyev', 'Алиев'],
  ['Məmmədov', 'Mammadov', 'Мамедов'],
  ['Həsənov', 'Hasanov', 'Гасанов'],
  ['Hüseynov', 'Huseynov', 'Гусейнов'],
  ['Quliyev', 'Guliyev', 'Кулиев'],
  ['Cəfərov', 'Jafarov', 'Джафаров'],
  ['Xəlilov', 'Khalilov', 'Халилов'],
  ['Rzayev', 'Rzayev', 'Рзаев'],
  ['Babayev', 'Babayev', 'Бабаев'],
  ['Abbasov', 'Abbasov', 'Аббасов'],
  ['Qasımov', 'Gasimov', 'Гасымов'],
  ['Nəsirov', 'Nasirov', 'Насиров'],
  ['İsmayılov', 'Ismayilov', 'Исмаилов'],
  ['Süleymanov', 'Suleymanov', 'Сулейманов'],
  ['Kərimov', 'Karimov', 'Керимов'],
  ['Orucov', 'Orujov', 'Оруджев'],
  ['Bağırov', 'Bagirov', 'Багиров'],
  ['Səfərov', 'Safarov', 'Сафаров'],
  ['Vəliyev', 'Valiyev', 'Велиев'],
  ['Zeynalov', 'Zeynalov', 'Зейналов'],
];
const FIRST_NAMES = [
  'Nərmin',
  'Rəşad',
  'Aysel',
  'Orxan',
  'Elçin',
  'Günel',
  'Cavid',
  'Leyla',
  'Şahin',
  'Murad',
  'Tural',
  'Fərid',
  'Səbinə',
  'Kamran',
  'Ülviyyə',
  'Nigar',
  'Elvin',
  'Aytac',
  'Rauf',
  'Lalə',
  'Tunar',
  'Fidan',
  'Vüsal',
  'Könül',
];
const CODE_ALPHABET = 'ACDEFGHJKLMNPQRTUVWXY34679';
const AGENCIES = 40;
const CATEGORIES = ['AA', 'AB', 'AC', 'BA', 'BB', 'BC'];
const SITTING_SIZE = 5_000;

export interface RegisterBenchOptions {
  appointments: number;
  results: number;
  samples: number;
}

/**
 * Rows per second and memory of one export read to its end over HTTP. RSS is sampled throughout; with
 * `node --expose-gc` (as `npm run bench:register` runs) the heap is also measured after a full
 * collection every second, which is what stays constant if nothing accumulates.
 */
async function exportRun(baseUrl: string, path: string) {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  let peak = before.rss;
  let heapPeak = before.heapUsed;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const collector = gc
    ? setInterval(() => {
        gc();
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      }, 1_000)
    : undefined;
  const started = performance.now();
  const response = await fetch(`${baseUrl}${path}`);
  if (!response.ok || !response.body) throw new Error(`${path}: ${response.status}`);
  let lines = 0;
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    let at = chunk.indexOf(10);
    while (at !== -1) {
      lines++;
      at = chunk.indexOf(10, at + 1);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  if (collector) clearInterval(collector);
  gc?.();
  const after = process.memoryUsage();
  return {
    lines,
    bytes,
    seconds,
    before: before.rss,
    peak: Math.max(peak, after.rss),
    after: after.rss,
    heap: gc ? { before: before.heapUsed, peak: heapPeak, after: after.heapUsed } : null,
  };
}

/** The figures, also written to stderr as they come, since a full run takes minutes. */
function progress(lines: string[]): string[] {
  for (const line of lines) process.stderr.write(`${line}\n`);
  const push = lines.push.bind(lines);
  lines.push = (...added: string[]) => {
    for (const line of added) process.stderr.write(`${line}\n`);
    return push(...added);
  };
  return lines;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const row = (name: string, s: LatencySummary) =>
  `  ${name.padEnd(44)} p50 ${ms(s.p50).padStart(10)}  p95 ${ms(s.p95).padStart(10)}  p99 ${ms(s.p99).padStart(10)}  (n=${s.n})${s.p95 < 50 ? '' : '  ← over the 50 ms target'}`;

async function generate(t: TestApp, options: RegisterBenchOptions, lines: string[]) {
  // Bulk loading drops and rebuilds indexes and analyses tables: the owner's work, not the application's.
  const db = t.database.ownerDb;
  const started = performance.now();
  // The name pool, folded in TypeScript as the register folds a recorded name.
  const pool: { fullName: string; document: string }[] = [];
  for (const variants of SURNAMES)
    for (const surname of variants)
      for (const first of FIRST_NAMES) {
        const fullName = `${surname} ${first}`;
        pool.push({ fullName, document: searchDocument(fullName) });
      }
  // Not a temporary table: the statements below may run on any of the pool's connections.
  await db.execute(sql`create table bench_names (i int primary key, full_name text, document text)`);
  await db.execute(
    sql`insert into bench_names values ${sql.join(
      pool.map((p, i) => sql`(${i}, ${p.fullName}, ${p.document})`),
      sql`, `,
    )}`,
  );

  // Indexes are built after the rows, as a bulk load would: far faster than maintaining them row by row.
  const indexes = rowsOf<{ indexname: string; indexdef: string }>(
    await db.execute(sql`select indexname, indexdef from pg_indexes
      where tablename in ('register_appointments', 'register_results') and indexname not like '%_pkey'`),
  );
  for (const i of indexes) await db.execute(sql.raw(`drop index ${i.indexname}`));

  const base = sql.raw(String(Date.parse('2021-01-04T06:00:00Z')));
  const spanMs = sql.raw(String(5 * 365 * 86_400_000));
  const agencies = sql.raw(String(AGENCIES));
  const categories = sql.raw(`array[${CATEGORIES.map((c) => `'${c}'`).join(',')}]`);
  const ncategories = sql.raw(String(CATEGORIES.length));
  const sittingSize = sql.raw(String(SITTING_SIZE));
  await db.execute(sql`
    insert into register_appointments (appointment_id, vacancy_id, vacancy_code, round_code, full_name, search,
      position, agency_name, agency_code, category_code, appointed_at, test_score, interview_score, final_score,
      rank, log_index, leaf_hash)
    select md5('a' || g)::uuid, md5('v' || (g / 2))::uuid, 'V-' || (g / 2), 'R-' || (g / 2000), n.full_name,
      to_tsvector('simple', n.document),
      jsonb_build_object('az', 'Baş məsləhətçi ' || (g % 97), 'ru', 'Главный консультант ' || (g % 97), 'en', 'Chief adviser ' || (g % 97)),
      jsonb_build_object('az', 'Qurum ' || (g % ${agencies}), 'ru', 'Орган ' || (g % ${agencies}), 'en', 'Agency ' || (g % ${agencies})),
      'AG' || lpad((g % ${agencies})::text, 2, '0'),
      (${categories})[1 + (g * 7) % ${ncategories}],
      to_timestamp((${base} + floor(g::double precision * ${spanMs} / ${sql.raw(String(options.appointments))} + random() * 3600000))::double precision / 1000),
      round((40 + random() * 60)::numeric, 2), round((30 + random() * 70)::numeric, 2), round((40 + random() * 60)::numeric, 2),
      1 + g % 3, g, encode(sha256(g::text::bytea), 'base64')
    from generate_series(1, ${sql.raw(String(options.appointments))}) g
    join bench_names n on n.i = (hashint4(g) & 2147483647) % ${sql.raw(String(pool.length))}`);
  lines.push(
    `  ${options.appointments} appointments generated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const resultsStarted = performance.now();
  // An 8-letter candidate code from the ticket alphabet, distinct per row: g written in base 26.
  const digit = (k: number) => sql.raw(`substr('${CODE_ALPHABET}', 1 + ((g / ${26 ** k}) % 26)::int, 1)`);
  await db.execute(sql`
    insert into register_results (candidate_code, sitting_code, category_code, sitting_date, points, max_points,
      passed, revision, published_at, log_index, leaf_hash)
    select ${digit(7)} || ${digit(6)} || ${digit(5)} || ${digit(4)} || ${digit(3)} || ${digit(2)} || ${digit(1)} || ${digit(0)},
      'S-' || (g / ${sittingSize}), (${categories})[1 + (g / ${sittingSize}) % ${ncategories}],
      to_timestamp((${base} + (g / ${sittingSize})::bigint * 86400000 * 1.8)::double precision / 1000),
      p, 100, p >= 60, 1, to_timestamp((${base} + (g / ${sittingSize})::bigint * 86400000 * 1.8 + 86400000 * 3)::double precision / 1000),
      ${sql.raw(String(options.appointments))} + g, encode(sha256(('r' || g)::bytea), 'base64')
    from (select g, floor(random() * 101)::double precision as p from generate_series(0, ${sql.raw(String(options.results - 1))}) g) s`);
  await db.execute(sql`
    insert into register_sittings (sitting_code, category_code, sitting_date, revision, registered, sat, passed,
      distribution, log_index, leaf_hash)
    select s.sitting_code, s.category_code, s.sitting_date, 1, (s.sat * 1.1)::int, s.sat, s.passed, d.distribution,
      s.log_index, s.leaf_hash
    from (select sitting_code, min(category_code) as category_code, min(sitting_date) as sitting_date,
            count(*)::int as sat, (count(*) filter (where passed))::int as passed, min(log_index) as log_index,
            min(leaf_hash) as leaf_hash
          from register_results group by sitting_code) s
    join (select sitting_code, jsonb_agg(jsonb_build_object('points', points, 'count', c) order by points) as distribution
          from (select sitting_code, points, count(*)::int as c from register_results group by 1, 2) x
          group by sitting_code) d using (sitting_code)`);
  lines.push(`  ${options.results} results generated in ${((performance.now() - resultsStarted) / 1000).toFixed(1)} s`);

  const indexStarted = performance.now();
  for (const i of indexes)
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local maintenance_work_mem = '512MB'`);
      await tx.execute(sql.raw(i.indexdef));
    });
  await db.execute(sql`drop table bench_names`);
  await db.execute(sql`analyze register_appointments`);
  await db.execute(sql`analyze register_results`);
  await db.execute(sql`analyze register_sittings`);
  lines.push(`  indexes built and analysed in ${((performance.now() - indexStarted) / 1000).toFixed(1)} s`);
  return pool;
}

export async function registerBench(options: RegisterBenchOptions): Promise<string[]> {
  const t = await createTestApp();
  const lines = progress([
    `register bench on ${t.database.kind}: ${options.appointments} appointments, ${options.results} results, ${options.samples} samples per query`,
  ]);
  try {
    const pool = await generate(t, options, lines);
    const db = t.database.db;
    const random = lcg(7);
    const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
    const get = async (url: string) => {
      const response = await t.app.inject({ method: 'GET', url });
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
      return response;
    };
    const day = (offsetDays: number) =>
      new Date(Date.parse('2021-01-04T00:00:00Z') + offsetDays * 86_400_000).toISOString().slice(0, 10);

    // Warm the caches once, as a running server's would be.
    await get('/api/register/appointments?q=Aliyev');
    await get('/api/register/results?q=AC');

    lines.push('appointments:');
    const surnames = SURNAMES.flat();
    lines.push(
      row(
        'search: a surname in any script',
        await measure(options.samples, () => get(`/api/register/appointments?q=${encodeURIComponent(pick(surnames))}`)),
      ),
    );
    lines.push(
      row(
        'search: surname and first name',
        await measure(options.samples, () =>
          get(`/api/register/appointments?q=${encodeURIComponent(pick(pool).fullName)}&sort=-score`),
        ),
      ),
    );
    lines.push(
      row(
        'search: a 3-letter prefix',
        await measure(options.samples, () =>
          get(`/api/register/appointments?q=${encodeURIComponent(pick(surnames).slice(0, 3))}`),
        ),
      ),
    );
    lines.push(
      row(
        'filter: agency + category + 90-day range',
        await measure(options.samples, () => {
          const from = Math.floor(random() * 1700);
          const agency = `AG${String(Math.floor(random() * AGENCIES)).padStart(2, '0')}`;
          return get(
            `/api/register/appointments?agency=${agency}&category=${pick(CATEGORIES)}&from=${day(from)}&to=${day(from + 90)}&sort=${pick(['-date', 'date', '-score', 'name'])}`,
          );
        }),
      ),
    );
    lines.push(
      row(
        'filter: category, sorted by name',
        await measure(options.samples, () => get(`/api/register/appointments?category=${pick(CATEGORIES)}&sort=name`)),
      ),
    );

    // Cursors far into the set: the position of rows at random depths, as a client walking there would hold.
    const deepCursors = async (table: string, column: string, sort: string, n: number, total: number) => {
      const direction = sort.startsWith('-') ? 'desc' : 'asc';
      const cursors: string[] = [];
      for (let i = 0; i < n; i++) {
        const offset = Math.floor((0.5 + random() * 0.49) * total);
        const [position] = rowsOf<{ value: string; id: number | string }>(
          await db.execute(
            sql.raw(
              `select ${column}::text as value, id from ${table} order by ${column} ${direction}, id ${direction} offset ${offset} limit 1`,
            ),
          ),
        );
        cursors.push(encodeCursor(sort, { value: position!.value, id: Number(position!.id) }));
      }
      return cursors;
    };
    const deep = await deepCursors('register_appointments', 'appointed_at', '-date', 20, options.appointments);
    lines.push(
      row(
        'page-deep: 50 rows at 50–99% of the set',
        await measure(options.samples, () => get(`/api/register/appointments?cursor=${pick(deep)}`)),
      ),
    );
    const deepScore = await deepCursors('register_appointments', 'final_score', '-score', 20, options.appointments);
    lines.push(
      row(
        'page-deep by score, one agency',
        await measure(options.samples, () =>
          get(`/api/register/appointments?sort=-score&agency=AG07&cursor=${pick(deepScore)}`),
        ),
      ),
    );
    lines.push(
      row(
        'page-deep with a search',
        await measure(options.samples, () =>
          get(`/api/register/appointments?q=${encodeURIComponent(pick(surnames))}&cursor=${pick(deep)}`),
        ),
      ),
    );

    lines.push('results:');
    lines.push(
      row(
        'search: candidate code, 4-letter prefix',
        await measure(options.samples, () =>
          get(`/api/register/results?q=${Array.from({ length: 4 }, () => pick([...CODE_ALPHABET])).join('')}`),
        ),
      ),
    );
    lines.push(
      row(
        'filter: category + 60-day range, by points',
        await measure(options.samples, () => {
          const from = Math.floor(random() * 1700);
          return get(
            `/api/register/results?category=${pick(CATEGORIES)}&from=${day(from)}&to=${day(from + 60)}&sort=-points`,
          );
        }),
      ),
    );
    lines.push(
      row(
        'filter: one sitting, by points',
        await measure(options.samples, () =>
          get(
            `/api/register/results?sitting=S-${Math.floor(random() * (options.results / SITTING_SIZE))}&sort=-points`,
          ),
        ),
      ),
    );
    const deepResults = await deepCursors('register_results', 'sitting_date', '-date', 20, options.results);
    lines.push(
      row(
        'page-deep: 50 rows at 50–99% of the set',
        await measure(options.samples, () => get(`/api/register/results?cursor=${pick(deepResults)}`)),
      ),
    );
    lines.push(row('statistics', await measure(Math.min(options.samples, 20), () => get('/api/register/statistics'))));

    // Exports over a real socket, read to the end by a client in this process.
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    lines.push('exports (whole set, streamed over HTTP):');
    for (const [path, rows] of [
      ['/api/register/appointments.csv', options.appointments],
      ['/api/register/appointments.json', options.appointments],
      ['/api/register/results.csv', options.results],
      ['/api/register/results.json?category=AB', undefined],
    ] as const) {
      const run = await exportRun(baseUrl, path);
      // CSV: a header line, then a line per row; JSON: '[', a line per row, ']'.
      const count = path.includes('.csv') ? run.lines - 1 : run.lines - 2;
      if (rows !== undefined && count !== rows) throw new Error(`${path}: ${count} rows, expected ${rows}`);
      const rate = count / run.seconds;
      lines.push(
        `  ${path.padEnd(44)} ${count} rows in ${run.seconds.toFixed(1)} s = ${Math.round(rate).toLocaleString('en')} rows/s, ${mb(run.bytes)}; RSS ${mb(run.before)} before, ${mb(run.peak)} peak, ${mb(run.after)} after${run.heap ? `; heap after GC ${mb(run.heap.before)} before, ${mb(run.heap.peak)} at most, ${mb(run.heap.after)} after` : ''}${rate >= 50_000 ? '' : '  ← under the 50,000 rows/s target'}`,
      );
    }
  } finally {
    await t.close();
  }
  return lines;
}
