import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/index';
import { analyseItems, seededRandom, type StatAttempt } from '../../core/item-statistics/index';
import type { QuestionContent, QuestionKey } from '../../core/question';
import type { ItemResult } from '../../core/scoring/index';
import type { LogService } from '../log/log.service';
import { stopAnalysisThread } from './analysis-thread';
import type { BlueprintStatisticsRepository, ScoredAttemptRow, StatisticsRepository } from './statistics.repository';
import { ATTEMPTS_PAGE, createStatisticsService } from './statistics.service';

const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const OPTIONS = ['a', 'b', 'c', 'd'];

/** A sitting's scored attempts as the repository returns them, in id order; one has a shorter paper. */
function rows(n: number, k: number): ScoredAttemptRow[] {
  const random = seededRandom(11);
  return Array.from({ length: n }, (_, a) => {
    const length = a === 7 ? k - 1 : k;
    const choices: Record<string, string[]> = {};
    const items: ItemResult[] = Array.from({ length }, (_, i) => {
      const right = random() < 0.3 + (0.4 * a) / n;
      if (random() > 0.1) choices[uuid(i)] = [right ? 'a' : OPTIONS[1 + Math.floor(random() * 3)]!];
      return {
        versionId: uuid(i),
        section: i < k / 2 ? 0 : 1,
        outcome: right ? 'correct' : 'wrong',
        points: right ? 1 : 0,
        maxPoints: 1,
      } as ItemResult;
    });
    return { id: uuid(10_000 + a), items, choices: a % 50 === 0 ? null : choices };
  });
}

function service(all: ScoredAttemptRow[], asked: ({ after: string | null; limit: number } | undefined)[]) {
  const repository = {
    sitting: () =>
      Promise.resolve({
        id: 'S',
        code: 'S-1',
        startsAt: new Date(0),
        revision: 1,
        blueprint: {
          name: 'test',
          language: 'az',
          durationMinutes: 60,
          passMark: 50,
          scoring: { pointsPerItem: 1, negativeMarking: 0, annulled: 'award-all' },
          sections: [],
        },
      }),
    scoredAttempts: (_sittingId: string, page?: { after: string | null; limit: number }) => {
      asked.push(page);
      const from = page?.after ? all.findIndex((r) => r.id === page.after) + 1 : 0;
      return Promise.resolve(all.slice(from, page ? from + page.limit : undefined));
    },
    versions: (ids: readonly string[]) =>
      Promise.resolve(
        ids.map((id) => ({
          id,
          questionId: id,
          content: {
            type: 'single',
            text: { az: `Sual ${id}` },
            options: OPTIONS.map((o) => ({ id: o, text: { az: o } })),
          } satisfies QuestionContent,
          key: { type: 'single', correct: ['a'] } satisfies QuestionKey,
        })),
      ),
  } as unknown as StatisticsRepository;
  return createStatisticsService({
    db: null as unknown as Db,
    clock: () => new Date(0),
    repository,
    blueprints: null as unknown as BlueprintStatisticsRepository,
    log: null as unknown as LogService,
  });
}

afterAll(() => stopAnalysisThread());

describe('statistics of a sitting', () => {
  it('read the attempts a page at a time, never the whole sitting at once', async () => {
    const all = rows(2 * ATTEMPTS_PAGE + 17, 12);
    const asked: ({ after: string | null; limit: number } | undefined)[] = [];
    const computed = await service(all, asked).compute('S');
    expect(asked).toEqual([
      { after: null, limit: ATTEMPTS_PAGE },
      { after: all[ATTEMPTS_PAGE - 1]!.id, limit: ATTEMPTS_PAGE },
      { after: all[2 * ATTEMPTS_PAGE - 1]!.id, limit: ATTEMPTS_PAGE },
    ]);
    // The shorter paper is left out, as before.
    expect(computed!.attempts).toBe(all.length - 1);
  });

  it('are what the core gives for all the attempts read at once', async () => {
    const all = rows(ATTEMPTS_PAGE + 40, 10);
    const computed = await service(all, []).compute('S');
    const attempts: StatAttempt[] = all
      .filter((row) => row.items.length === 10)
      .map((row) => ({
        id: row.id,
        language: 'az',
        responses: row.items.map((item) => ({
          item: item.versionId,
          mark: item.points,
          chosen: row.choices?.[item.versionId] ?? null,
        })),
      }));
    const items = Array.from({ length: 10 }, (_, i) => ({
      id: uuid(i),
      maxMark: 1,
      section: i < 5 ? 0 : 1,
      annulled: false,
      options: OPTIONS,
      key: ['a'],
      randomGuessScore: 0.25,
    }));
    const { language, sectionTitles, labels, ...analysis } = computed!.analysis;
    expect(analysis).toEqual(analyseItems(items, attempts, { difMinGroup: 100 }));
    expect(language).toBe('az');
    expect(sectionTitles).toEqual([]);
    expect(labels[uuid(3)]).toEqual({ questionId: uuid(3), label: `Sual ${uuid(3)}`, positions: [4] });
  });
});
