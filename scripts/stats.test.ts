import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { statsFromCsv } from './stats';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'imtahan-stats-'));

const SMALL = [
  'attempt,item,mark,max',
  '1,q1,1,1',
  '1,q2,1,1',
  '2,q1,1,1',
  '2,q2,0,1',
  '3,q1,0,1',
  '3,q2,1,1',
  '4,q1,0,1',
  '4,q2,0,1',
];

async function cli(csv: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, csv);
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/stats.ts', '--marks', file]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run stats -- --marks', () => {
  it('prints the test and item statistics with Moodle field names and units', async () => {
    const { code, stdout } = await cli(`${SMALL.join('\n')}\n`);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { test: Record<string, number>; items: Record<string, unknown>[] };
    expect(Object.keys(json.test)).toEqual(
      expect.arrayContaining([
        'attempts',
        'mean',
        'median',
        'sd',
        'skewness',
        'kurtosis',
        'cic',
        'errorRatio',
        'standardError',
      ]),
    );
    // Totals 2, 1, 1, 0 marks: mean and median in marks, not percent.
    expect(json.test).toMatchObject({ attempts: 4, mean: 1, median: 1 });
    expect(json.test.sd).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(json.items.map((i) => i.item)).toEqual(['q1', 'q2']);
    expect(json.items[0]).toMatchObject({ facility: 0.5, intendedWeight: 50 });
    expect(Object.keys(json.items[0]!)).toEqual(
      expect.arrayContaining([
        'item',
        'facility',
        'sd',
        'intendedWeight',
        'effectiveWeight',
        'discriminationIndex',
        'discriminativeEfficiency',
      ]),
    );
  });

  it.each([
    ['a missing column', 'attempt,item,mark\n1,q1,1\n', 1],
    ['a mark above its max', `${SMALL.slice(0, 4).join('\n')}\n5,q1,1.5,1\n`, 5],
    ['a non-number', `${SMALL.slice(0, 3).join('\n')}\n2,q1,one,1\n`, 4],
  ])('exits 1 on %s with the line number', async (_name, csv, line) => {
    const { code, stdout, stderr } = await cli(csv);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`line ${line}:`);
  });

  it('keeps the file order of items and reports percentages as Moodle stores them', () => {
    const outcome = statsFromCsv('attempt,item,mark,max\n1,z,1,1\n1,a,0,3\n2,z,0,1\n2,a,3,3\n3,z,1,1\n3,a,2,3\n');
    expect(outcome.code).toBe(0);
    const json = (outcome as { json: { items: { item: string; intendedWeight: number; facility: number }[] } }).json;
    expect(json.items.map((i) => [i.item, i.intendedWeight])).toEqual([
      ['z', 25],
      ['a', 75],
    ]);
    expect(json.items[1]!.facility).toBeCloseTo(5 / 9, 12);
  });
});
