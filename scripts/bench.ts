/**
 * npm run bench [-- <name> …]: runs the benchmarks and prints figures and ratios.
 * They use PostgreSQL when TEST_DATABASE_URL is set (each in a throw-away database), else PGlite.
 */
import { EXAM_DAY_HELP, EXAM_DAY_VALUE_FLAGS, examDayBench, parseExamDayOptions } from './bench/exam-day.bench';
import { examPageBench } from './bench/exam-page';
import { logBench } from './bench/log.bench';
import { paperBench } from './bench/paper.bench';
import { passListBench } from './bench/pass-list.bench';
import { registerBench } from './bench/register.bench';
import { rescoringBench } from './bench/rescoring.bench';
import { statsBench, statsDbBench } from './bench/stats-items.bench';

const HELP = `Usage: npm run bench [-- log paper exam exam-page rescoring register stats] [--quick] [exam's options]
  log      the transparency log: append rate, proof and tile latency as the log grows
  paper    drawing papers from the bank and scoring attempts (pure cores, no database)
${EXAM_DAY_HELP}
  exam-page  the exam page in Chromium on a 400 ms / 50 KB/s line with a cold cache: compressed JS,
           time until a click is saved; register and result pages' first content (needs the build)
  pass-list  results day: 5,000 readers of a 5,000-row pass list within a second (1,000 of 1,000 with
           --quick), against the bare route; p50/p99 and the server's RSS (PostgreSQL)
  rescoring  the background re-scoring after an upheld appeal: 10,000 attempts (1,000 with --quick)
  stats    item statistics of one sitting, 5,000 candidates × 100 items (1,000 with --quick), target < 2 s:
           in memory, then from the database
  register the public register: 1,000,000 appointments and 5,000,000 results (PostgreSQL; 20,000 and
           100,000 with --quick): search, filter and page-deep latencies, export rows/s and memory
  --quick  smaller sizes, for a smoke run
Set TEST_DATABASE_URL=postgres://… to measure on PostgreSQL (recommended), otherwise PGlite.`;

const args = process.argv.slice(2);
if (args.includes('--help')) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
const quick = args.includes('--quick');
const names = args.filter((a, i) => !a.startsWith('--') && !EXAM_DAY_VALUE_FLAGS.has(args[i - 1] ?? ''));
const wanted = names.length ? names : ['paper', 'log'];
if (process.env.TEST_DATABASE_URL) process.env.TEST_DB = 'postgres';

for (const name of wanted) {
  const started = performance.now();
  let lines: string[];
  switch (name) {
    case 'log':
      lines = await logBench(
        quick
          ? { sizes: [1_000, 5_000], batch: 1_000, samples: 50 }
          : { sizes: [1_000, 10_000, 100_000], batch: 2_000, samples: 300 },
      );
      break;
    case 'paper':
      lines = paperBench(quick ? { bankSize: 1_000, papers: 500 } : { bankSize: 5_000, papers: 5_000 });
      break;
    case 'rescoring':
      lines = await rescoringBench({ attempts: quick ? 1_000 : 10_000, batch: 500 });
      break;
    case 'register':
      lines = await registerBench(
        quick
          ? { appointments: 20_000, results: 100_000, samples: 50 }
          : { appointments: 1_000_000, results: 5_000_000, samples: 300 },
      );
      break;
    case 'stats':
      lines = [
        ...(await statsBench({ candidates: quick ? 1_000 : 5_000, items: 100, runs: quick ? 3 : 5 })),
        ...(await statsDbBench({ candidates: quick ? 1_000 : 5_000, runs: 3 })),
      ];
      break;
    case 'exam':
      lines = await examDayBench(parseExamDayOptions(args, quick));
      break;
    case 'pass-list':
      lines = await passListBench(
        quick ? { candidates: 1_000, readers: 1_000 } : { candidates: 5_000, readers: 5_000 },
      );
      break;
    case 'exam-page':
      lines = await examPageBench();
      break;
    default:
      process.stderr.write(`unknown benchmark ${name}\n\n${HELP}\n`);
      process.exit(2);
  }
  process.stdout.write(`${lines.join('\n')}\n(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)\n\n`);
}
