/**
 * The exam-day start burst's real work, without I/O: drawing papers from a bank, and scoring them.
 * A DİM-shaped blueprint (100 items in four sections) over a 5,000-question bank; figures per paper
 * and per attempt, and the ratio of a prepared drawer to drawing from scratch.
 */
import type { Blueprint } from '../../server/core/blueprint';
import { createHash } from 'node:crypto';
import {
  generatePaper,
  LABEL_SCHEMES,
  optionLabels,
  preparePaper,
  type Paper,
  type PoolItem,
} from '../../server/core/paper/index';
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
  lines.push(...labelsBench(papers));
  return lines;
}

/**
 * The paper view's option labels (DESIGN.md rule 11) under each scheme: every item's labels made and
 * every option's read, as the exam room's view does. Items alternate four and five options (450 a paper).
 */
function labelsBench(papers: Paper[]): string[] {
  const seeds = papers.map((_, i) => createHash('sha256').update(`labels-${i}`).digest('hex'));
  const optionIds = (n: number) => (n % 2 ? ['a', 'b', 'c', 'd', 'e'] : ['a', 'b', 'c', 'd']);
  const runs = 2_000;
  const perPaper = LABEL_SCHEMES.map((scheme) =>
    timeIt(runs, (i) => {
      const paper = papers[i % papers.length]!;
      let n = 0;
      for (const section of paper.sections)
        for (const item of section.items) {
          const ids = optionIds(n++);
          const labels = optionLabels(seeds[i % papers.length]!, item.versionId, ids, scheme);
          for (const id of ids) labels.shown(id);
        }
    }),
  );
  const [v1, v2] = perPaper as [number, number];
  return [
    `paper view labels v1 (an HMAC per option, 450/paper): ${v1.toFixed(3)} ms/paper = ${Math.round(1000 / v1)} papers/s`,
    `paper view labels v2 (an HMAC per item, 100/paper):   ${v2.toFixed(3)} ms/paper = ${Math.round(1000 / v2)} papers/s (×${(v1 / v2).toFixed(1)} faster)`,
    `5,000 paper views' labels, v1 / v2: ${((v1 * 5000) / 1000).toFixed(2)} s / ${((v2 * 5000) / 1000).toFixed(2)} s on one core`,
  ];
}
