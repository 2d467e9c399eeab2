/**
 * The exam-day start burst's real work, without I/O: drawing papers from a bank, and scoring them.
 * A DİM-shaped blueprint (100 items in four sections) over a 5,000-question bank; figures per paper
 * and per attempt, and the ratio of a prepared drawer to drawing from scratch.
 */
import type { Blueprint } from '../../server/core/blueprint';
import { generatePaper, preparePaper, type PoolItem } from '../../server/core/paper/index';
import type { QuestionKey } from '../../server/core/question';
import { scoreAttempt, type Answer } from '../../server/core/scoring/index';
import { dimBlueprint } from '../../server/modules/demo/demo.bank';
import { lcg } from './stats';

const SUBJECTS = ['logic', 'legislation', 'informatics', 'language'];
const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;

function bank(size: number): PoolItem[] {
  return Array.from({ length: size }, (_, i) => ({
    questionId: `q${i}`,
    versionId: `v${String(i).padStart(6, '0')}`,
    subject: SUBJECTS[i % SUBJECTS.length]!,
    topic: null,
    difficulty: DIFFICULTIES[i % 3]!,
    languages: ['az', 'ru', 'en'],
    optionIds: ['a', 'b', 'c', 'd'],
    position: i,
  }));
}

function timeIt(runs: number, task: (i: number) => void): number {
  const started = performance.now();
  for (let i = 0; i < runs; i++) task(i);
  return (performance.now() - started) / runs;
}

export function paperBench(options: { bankSize: number; papers: number }): string[] {
  const blueprint: Blueprint = dimBlueprint();
  const pool = bank(options.bankSize);
  const lines = [`paper bench: DİM blueprint (100 items) over a bank of ${options.bankSize}, ${options.papers} papers`];

  const fromScratch = timeIt(Math.min(200, options.papers), (i) => generatePaper(blueprint, pool, `seed-${i}`));
  const drawer = preparePaper(blueprint, pool);
  const prepared = timeIt(options.papers, (i) => drawer.draw(`seed-${i}`));
  lines.push(
    `generatePaper (from scratch): ${fromScratch.toFixed(3)} ms/paper = ${Math.round(1000 / fromScratch)} papers/s`,
  );
  lines.push(
    `prepared drawer:              ${prepared.toFixed(3)} ms/paper = ${Math.round(1000 / prepared)} papers/s (×${(fromScratch / prepared).toFixed(1)} faster)`,
  );
  lines.push(
    `5,000 candidates' papers with the prepared drawer: ${((prepared * 5000) / 1000).toFixed(2)} s on one core`,
  );

  const keys: Record<string, QuestionKey> = Object.fromEntries(
    pool.map((p) => [p.versionId, { type: 'single', correct: ['a'] }]),
  );
  const random = lcg(7);
  const papers = Array.from({ length: 200 }, (_, i) => drawer.draw(`score-${i}`));
  const answers = papers.map((paper) =>
    Object.fromEntries(
      paper.sections
        .flatMap((s) => s.items)
        .map((item) => [item.versionId, { kind: 'choice', optionIds: [random() < 0.6 ? 'a' : 'b'] } as Answer]),
    ),
  );
  const scoring = timeIt(1000, (i) =>
    scoreAttempt({ paper: papers[i % 200]!, answers: answers[i % 200]!, keys, blueprint, annulments: [] }),
  );
  lines.push(
    `scoreAttempt (100 items):     ${scoring.toFixed(3)} ms/attempt = ${Math.round(1000 / scoring)} attempts/s`,
  );
  return lines;
}
