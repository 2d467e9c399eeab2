/**
 * npm run bench -- stats: item statistics of one sitting, 5,000 candidates × 100 items (the target:
 * under 2 s). The attempts come from a two-parameter item response model with az and ru papers, four options
 * per item, and go through the statistics service's own computation (rows as the repository returns them,
 * JSON-parsed, built into the core's input, analysed), with the database replaced by those rows.
 */
import type { Db } from '../../db/index';
import type { QuestionContent, QuestionKey } from '../../server/core/question';
import type { ItemResult, ScoringResult } from '../../server/core/scoring/index';
import type { LogService } from '../../server/modules/log/log.service';
import type {
  BlueprintStatisticsRepository,
  StatisticsRepository,
} from '../../server/modules/statistics/statistics.repository';
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
    // A page at a time, as the service reads them (after an id, in the rows' order).
    scoredAttempts: (_sittingId: string, page?: { after: string | null; limit: number }) => {
      const from = page?.after ? rows.findIndex((r) => r.id === page.after) + 1 : 0;
      return Promise.resolve(
        rows.slice(from, page ? from + page.limit : undefined).map((r) => ({
          id: r.id,
          items: JSON.parse(r.items) as ItemResult[],
          choices: JSON.parse(r.choices) as Record<string, string[]>,
        })),
      );
    },
    versions: () => Promise.resolve(versions),
  } as unknown as StatisticsRepository;
  const service = createStatisticsService({
    db: null as unknown as Db,
    clock: () => new Date(),
    repository,
    blueprints: null as unknown as BlueprintStatisticsRepository,
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

/**
 * The same sitting through the database: N submitted attempts of 100 items (and their 100·N answers) inserted
 * straight into a throw-away database, then the service's computation timed with the real repository, which
 * reads the attempts' results with their chosen options aggregated, a page of attempts per query.
 */
export async function statsDbBench(options: { candidates: number; runs: number }): Promise<string[]> {
  const { sql } = await import('drizzle-orm');
  const { rowsOf } = await import('../../db/rows');
  const { benchSitting, insertSubmittedAttempts } = await import('./submitted-attempts');
  const bench = await benchSitting();
  const { t, bank, sitting } = bench;
  const lines = [
    `item statistics on ${t.database.kind}: ${options.candidates.toLocaleString('en')} candidates × 100 items`,
  ];
  try {
    const db = t.database.db;
    const single = bank.questions.find((q) => q.key.type === 'single')!;
    const key = single.key.type === 'single' ? single.key.correct[0] : 'a';
    // 100 versions of one four-option question, each its own item for the statistics.
    await db.execute(sql`
      insert into question_versions (id, question_id, version, type, difficulty, content, answer_key, explanation,
                                     source, tags, created_by, created_at, used_at)
      select gen_random_uuid(), question_id, 1000 + g, type, difficulty, content, answer_key, explanation,
             source, tags, created_by, created_at, used_at
      from question_versions, generate_series(0, 99) g where id = ${single.versionId}`);
    const versionIds = rowsOf<{ id: string }>(
      await db.execute(
        sql`select id from question_versions where question_id = ${single.questionId} and version >= 1000 order by version`,
      ),
    ).map((r) => r.id);
    const { bank: model } = population(1, 100);
    const random = lcg(7);
    const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const at = new Date(new Date(sitting.startsAt).getTime() + 60_000);
    const seconds = await insertSubmittedAttempts(
      bench,
      { count: options.candidates, prefix: 'Stat', startedAt: at, submittedAt: at },
      (_, id) => {
        const ability = normal();
        const items: ItemResult[] = versionIds.map((versionId, slot) => {
          const m = model[slot]!;
          const right = random() < 0.25 + 0.75 / (1 + Math.exp(-m.discrimination * (ability - m.difficulty)));
          return { versionId, section: 0, outcome: right ? 'correct' : 'wrong', points: right ? 1 : 0, maxPoints: 1 };
        });
        const points = items.reduce((sum, i) => sum + i.points, 0);
        // A right answer chose the copied question's key, a wrong one another option.
        const others = OPTIONS.filter((o) => o !== key);
        const answers = items.map((item) => ({
          versionId: item.versionId,
          answer: {
            kind: 'choice' as const,
            optionIds: [item.points > 0 ? key : others[Math.floor(random() * others.length)]!],
          },
        }));
        return {
          paper: {
            seed: id,
            sections: [
              {
                index: 0,
                items: versionIds.map((versionId) => ({
                  questionId: single.questionId,
                  versionId,
                  section: 0,
                  optionOrder: OPTIONS,
                })),
              },
            ],
          },
          answers,
          result: {
            scoringVersion: 1,
            inputDigest: 'bench',
            items,
            sections: [],
            points,
            maxPoints: 100,
            passed: points >= 50,
            failReasons: [],
          } as unknown as ScoringResult,
        };
      },
    );
    lines.push(`  seeded in ${seconds.toFixed(1)} s`);
    const times: number[] = [];
    let counted = 0;
    for (let run = 0; run < options.runs; run++) {
      const started = performance.now();
      const computed = await t.services.statistics.compute(sitting.id);
      times.push(performance.now() - started);
      counted = computed!.attempts;
    }
    times.sort((a, b) => a - b);
    const { createStatisticsRepository } = await import('../../server/modules/statistics/statistics.repository');
    const queryStarted = performance.now();
    await createStatisticsRepository(db).scoredAttempts(sitting.id);
    lines.push(
      `  the attempts' query for the whole sitting at once: ${((performance.now() - queryStarted) / 1000).toFixed(2)} s`,
    );
    lines.push(
      `  compute from the database (the attempts a page per query, one query for the versions): median ${(times[Math.floor(times.length / 2)]! / 1000).toFixed(2)} s, best ${(times[0]! / 1000).toFixed(2)} s over ${options.runs} runs, ${counted} attempts (target < 2 s)`,
    );
  } finally {
    await t.close();
  }
  return lines;
}
