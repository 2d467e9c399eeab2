/**
 * Drawing a paper: blueprint + pool + seed → the question versions and option orders a candidate
 * sees. Pure and deterministic (DESIGN.md, rule 4): the same inputs give the same paper on any
 * machine, in any year, whatever order the pool arrives in.
 */
import type { Blueprint } from '../blueprint';
import { InfeasibleBlueprintError, InvalidBlueprintError } from './errors';
import { planPaper } from './plan';
import { sortPool, type PoolItem } from './pool';
import { createRandom } from './random';
import { selectionProblems } from './validate';
import type { Paper, PaperItem } from '../../../db/domain/paper';

export type { Paper, PaperItem } from '../../../db/domain/paper';

/**
 * Draws a paper for the blueprint's language.
 *
 * Each quota (a section's difficulty, or the whole section without a mix) walks its eligible items
 * in a seeded shuffle and takes the first ones that still let the rest of the paper be completed.
 * When no item suits two quotas, as in a blueprint whose sections are different subjects, nothing
 * is ever skipped: that is exactly "shuffle, take the first n", a uniform draw. When sections
 * compete for items, an item is skipped only if taking it would leave a later section short, so
 * generation succeeds for every seed exactly when `checkFeasibility` says ok, and any paper that
 * can be drawn at all is drawn with some seed (every eligible item is reachable).
 *
 * @throws InvalidBlueprintError for a count or difficulty mix that makes no sense.
 * @throws InvalidPoolError when the pool holds a question twice.
 * @throws InfeasibleBlueprintError when the pool cannot fill the blueprint; it lists each short quota.
 */
export function generatePaper(blueprint: Blueprint, pool: readonly PoolItem[], seed: string): Paper {
  return preparePaper(blueprint, pool).draw(seed);
}

/** Draws papers for one blueprint and pool; see `preparePaper`. */
export interface PaperDrawer {
  /** The paper for `seed`: always the one `generatePaper(blueprint, pool, seed)` returns. */
  draw(seed: string): Paper;
}

/**
 * Does the seed-independent work of `generatePaper` once (checking the blueprint, sorting the pool,
 * planning the allocation), for drawing a whole sitting's papers in one batch before the start.
 *
 * @throws as `generatePaper` does, at once rather than on the first draw.
 */
export function preparePaper(blueprint: Blueprint, pool: readonly PoolItem[]): PaperDrawer {
  const problems = selectionProblems(blueprint);
  if (problems.length > 0) throw new InvalidBlueprintError(problems);
  const items = sortPool(pool);
  const { quotas, allocation: plan, outcomes } = planPaper(blueprint, items, blueprint.language, false);
  if (outcomes.some((o) => o.shortBy > 0)) {
    // Only a failure needs the full `available` counts, so only a failure pays for them.
    const measured = planPaper(blueprint, items, blueprint.language).outcomes;
    throw new InfeasibleBlueprintError(
      blueprint.language,
      measured.filter((o) => o.shortBy > 0),
    );
  }

  const draw = (seed: string): Paper => {
    const random = createRandom(seed);
    const allocation = plan.clone();
    quotas.forEach((quota, q) => {
      let chosen = 0;
      // The allocation is complete, so the walk always finds enough: a quota's own members are
      // always accepted. Stopping at the last pick keeps later quotas' draws independent of pool size.
      for (const item of random.permute(quota.candidates)) {
        if (allocation.choose(item, q) && ++chosen === quota.required) break;
      }
    });

    const sections = blueprint.sections.map((section, index) => {
      const drawn = quotas.flatMap((quota, q) => (quota.section === index ? allocation.membersOf(q) : []));
      drawn.sort((a, b) => a - b);
      const ordered = section.shuffleQuestions
        ? random.shuffle(drawn)
        : drawn.sort((a, b) => items[a]!.position - items[b]!.position || a - b);
      return {
        index,
        items: ordered.map((i): PaperItem => {
          const item = items[i]!;
          return {
            questionId: item.questionId,
            versionId: item.versionId,
            section: index,
            optionOrder: section.shuffleOptions ? random.shuffle(item.optionIds) : item.optionIds.slice(),
          };
        }),
      };
    });
    return { seed, sections };
  };
  return { draw };
}
