/**
 * npm run bench -- stats: item statistics of one sitting, 5,000 candidates × 100 items (the target:
 * under 2 s). The attempts come from a two-parameter item response model with az and ru papers, four options
 * per item, and go through the statistics service's own computation (rows as the repository returns them,
 * JSON-parsed, built into the core's input, analysed), with the database replaced by those rows.
 */
import type { Db } from '../../db/index';
import type { QuestionContent, QuestionKey } from '../../server/core/question';
import type { ItemResult } from '../../server/core/scoring/index';
import type { LogService } from '../../server/modules/log/log.service';
import type { StatisticsRepository } from '../../server/modules/statistics/statistics.repository';
import { createStatisticsService } from '../../server/modules/statistics/statistics.service';
import { lcg } from './stats';

const OPTIONS = ['a', 'b', 'c', 'd'];

function population(candidates: number, items: number) {
  const random = lcg(2026);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const bank = Array.from({ length: items }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    difficulty: normal(),
    discrimination: 0.5 + random() * 1.5,
    key: OPTIONS[i % 4]!,
  }));
  const rows = Array.from({ length: candidates }, (_, c) => {
    const ability = normal();
    const choices: Record<string, string[]> = {};
    const results: ItemResult[] = bank.map((item, slot) => {
      const p = 0.25 + 0.75 / (1 + Math.exp(-item.discrimination * (ability - item.difficulty)));
      const right = random() < p;
      const chosen = right ? item.key : OPTIONS.filter((o) => o !== item.key)[Math.floor(random() * 3)]!;
      choices[item.id] = [chosen];
      return {
        versionId: item.id,
        section: slot < 30 ? 0 : slot < 70 ? 1 : slot < 85 ? 2 : 3,
        outcome: right ? 'correct' : 'wrong',
        points: right ? 1 : 0,
        maxPoints: 1,
      };
    });
    // As the database hands them over: JSON text to parse.
    return { id: `attempt-${c}`, items: JSON.stringify(results), choices: JSON.stringify(choices) };
  });
  return { bank, rows };
}

export async function statsBench(options: { candidates: number; items: number; runs: number }): Promise<string[]> {
  const { bank, rows } = population(options.candidates, options.items);
  const versions = bank.map((item) => ({
    id: item.id,
    questionId: item.id,
    content: {
      type: 'single',
      text: { az: `Sual ${item.id}` },
      options: OPTIONS.map((id) => ({ id, text: { az: id } })),
    } satisfies QuestionContent,
    key: { type: 'single', correct: [item.key] } satisfies QuestionKey,
  }));
  const repository = {
    sitting: () =>
      Promise.resolve({
        id: 'bench',
        code: 'BENCH',
        startsAt: new Date(0),
        revision: 1,
        blueprint: {
          name: 'bench',
          language: 'az',
          durationMinutes: 180,
          passMark: 50,
          scoring: { pointsPerItem: 1, negativeMarking: 0, annulled: 'award-all' },
          sections: [],
        },
      }),
    scoredAttempts: () =>
      Promise.resolve(
        rows.map((r) => ({
          id: r.id,
          items: JSON.parse(r.items) as ItemResult[],
          choices: JSON.parse(r.choices) as Record<string, string[]>,
        })),
      ),
    versions: () => Promise.resolve(versions),
  } as unknown as StatisticsRepository;
  const service = createStatisticsService({
    db: null as unknown as Db,
    clock: () => new Date(),
    repository,
    log: null as unknown as LogService,
  });

  const times: number[] = [];
  let attempts = 0;
  let cic: number | null = null;
  for (let run = 0; run < options.runs; run++) {
    const started = performance.now();
    const computed = await service.compute('bench');
    times.push(performance.now() - started);
    attempts = computed!.attempts;
    cic = computed!.analysis.test.cic;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  return [
    `item statistics: ${attempts.toLocaleString('en')} candidates × ${options.items} items (2PL model, 4 options)`,
    `  compute (parse rows, build input, analyse): median ${(median / 1000).toFixed(2)} s, best ${(times[0]! / 1000).toFixed(2)} s over ${options.runs} runs (target < 2 s)`,
    `  Cronbach's α ${cic?.toFixed(1)} %`,
  ];
}
