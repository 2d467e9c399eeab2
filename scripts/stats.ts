/**
 * npm run stats -- --marks FILE.csv
 * Item and test statistics for marks from elsewhere (another CBT system, a spreadsheet), computed by the same
 * pure core as the examiners' pages. Prints JSON; exits 1 with the line number on bad input.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { analyseItems, parseMarksCsv, type ItemAnalysis } from '../server/core/item-statistics/index';

const HELP = `Usage: npm run stats -- --marks FILE.csv

  --marks  a CSV with the header attempt,item,mark,max: one row per attempt and item, marks as decimals
           (every attempt has a row for every item; an item keeps one max)

Prints JSON with Moodle's fields and units:
  test.{attempts, mean, median, sd, skewness, kurtosis, cic, errorRatio, standardError}
      mean, median, sd and standardError in marks; cic (Cronbach's α, with cicLower/cicUpper, Feldt's
      95 % interval) and errorRatio in percent; skewness and excess kurtosis unitless (unbiased k-statistics)
  items[].{item, facility, sd, intendedWeight, effectiveWeight, discriminationIndex, discriminativeEfficiency}
      facility and sd as fractions of the item's max (0–1); the rest in percent
Exits 1 on bad input (a missing column, a mark above its max, a non-number) with the line number.`;

export type StatsOutcome = { code: 0; json: unknown } | { code: 1; error: string };

/** The command's work, apart from files and the process: CSV text in, JSON or a located error out. */
export function statsFromCsv(text: string): StatsOutcome {
  const parsed = parseMarksCsv(text);
  if (!parsed.ok) return { code: 1, error: `line ${parsed.line}: ${parsed.message}` };
  const analysis: ItemAnalysis = analyseItems(parsed.items, parsed.attempts);
  const byId = new Map(analysis.items.map((i) => [i.item, i]));
  return {
    code: 0,
    json: {
      test: analysis.test,
      // In the file's order, as the reader listed them.
      items: parsed.items.map(({ id }) => {
        const i = byId.get(id)!;
        return {
          item: i.item,
          attempts: i.attempts,
          facility: i.facility,
          sd: i.sd,
          intendedWeight: i.intendedWeight,
          effectiveWeight: i.effectiveWeight,
          discriminationIndex: i.discriminationIndex,
          discriminativeEfficiency: i.discriminativeEfficiency,
          upperFacility: i.upperFacility,
          lowerFacility: i.lowerFacility,
          upperLowerDiscrimination: i.upperLowerDiscrimination,
          flags: i.flags.map((f) => f.code),
        };
      }),
      histogram: analysis.histogram,
    },
  };
}

function main(): void {
  let values: { marks?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { marks: { type: 'string' }, help: { type: 'boolean' } } }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  if (!values.marks) {
    process.stderr.write(`--marks is required.\n\n${HELP}\n`);
    process.exit(2);
  }
  let text: string;
  try {
    text = readFileSync(values.marks, 'utf8');
  } catch (error) {
    process.stderr.write(`${values.marks}: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const outcome = statsFromCsv(text);
  if (outcome.code === 1) {
    process.stderr.write(`${values.marks}: ${outcome.error}\n`);
    process.exit(1);
  }
  process.stdout.write(`${JSON.stringify(outcome.json, null, 2)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
