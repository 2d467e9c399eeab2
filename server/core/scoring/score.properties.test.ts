import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QuestionKey } from '../question';
import type { ScoringInput } from './input';
import { matchesShortAnswer } from './normalise-answer';
import { scoreAttempt, type ScoringResult } from './score';
import {
  choose,
  correctAnswer,
  paperItems,
  permute,
  referencePoints,
  scoringInputArb,
  withAnswer,
  write,
} from './test-support';

const RUNS = { numRuns: 400 };

/** What must not depend on the order of questions or options: everything but item order and digest. */
function orderFree(result: ScoringResult) {
  const { items, inputDigest: _digest, ...rest } = result;
  return { ...rest, items: [...items].sort((a, b) => (a.versionId < b.versionId ? -1 : 1)) };
}

/** An input paired with one of its items that is not annulled (if it has one). */
const withFreeItemArb = scoringInputArb.chain((input) => {
  const annulled = new Set(input.annulments.map((a) => a.versionId));
  const free = paperItems(input).filter((i) => !annulled.has(i.versionId));
  return free.length === 0
    ? fc.constant({ input, versionId: undefined })
    : fc.constantFrom(...free).map((item) => ({ input, versionId: item.versionId as string | undefined }));
});

/** Checks `property` on RUNS inputs, each with one of its items that is not annulled (inputs without one are skipped). */
function forAFreeItem(property: (input: ScoringInput, versionId: string) => void) {
  fc.assert(
    fc.property(withFreeItemArb, ({ input, versionId }) => {
      if (versionId !== undefined) property(input, versionId);
    }),
    RUNS,
  );
}

describe('scoreAttempt: properties', () => {
  it('is deterministic: equal inputs, however assembled, give deep-equal results and the same digest', () => {
    fc.assert(
      fc.property(scoringInputArb, (input) => {
        const first = scoreAttempt(input);
        const copy = structuredClone(input);
        const reassembled: ScoringInput = {
          ...copy,
          answers: Object.fromEntries(Object.entries(copy.answers).reverse()),
          keys: Object.fromEntries(Object.entries(copy.keys).reverse()),
          annulments: [...copy.annulments].reverse(),
        };
        expect(scoreAttempt(copy)).toEqual(first);
        expect(scoreAttempt(reassembled)).toEqual(first);
        expect(first.inputDigest).toMatch(/^[0-9a-f]{64}$/);
      }),
      RUNS,
    );
  });

  it('agrees with a naive floating-point scorer of the stated rules', () => {
    fc.assert(
      fc.property(scoringInputArb, (input) => {
        const language = input.blueprint.language;
        const reference = referencePoints(input, (text, key) =>
          matchesShortAnswer(text, key.accepted, key.match, language),
        );
        const result = scoreAttempt(input);
        // The result is the exact value rounded down to 4 decimals; the reference is within 1e-9 of it.
        expect(result.points).toBeLessThanOrEqual(reference.points + 1e-9);
        expect(result.points).toBeGreaterThan(reference.points - 1e-4 - 1e-9);
        expect(result.maxPoints).toBeCloseTo(reference.maxPoints, 9);
      }),
      RUNS,
    );
  });

  it('does not depend on the order of sections, of questions within them, or of options', () => {
    fc.assert(
      fc.property(scoringInputArb, fc.gen(), (input, g) => {
        const shuffled: ScoringInput = {
          ...input,
          paper: {
            ...input.paper,
            sections: permute(g, input.paper.sections).map((section) => ({
              ...section,
              items: permute(g, section.items).map((item) => ({ ...item, optionOrder: permute(g, item.optionOrder) })),
            })),
          },
        };
        expect(orderFree(scoreAttempt(shuffled))).toEqual(orderFree(scoreAttempt(input)));
      }),
      RUNS,
    );
  });

  it('stays within bounds: 0 ≤ total ≤ maximum, each item within [−negativeMarking, pointsPerItem]', () => {
    fc.assert(
      fc.property(scoringInputArb, (input) => {
        const { pointsPerItem, negativeMarking } = input.blueprint.scoring;
        const result = scoreAttempt(input);
        expect(result.points).toBeGreaterThanOrEqual(0);
        expect(result.points).toBeLessThanOrEqual(result.maxPoints);
        expect(result.maxPoints).toBeLessThanOrEqual(paperItems(input).length * pointsPerItem + 1e-9);
        for (const item of result.items) {
          expect(item.points).toBeLessThanOrEqual(item.maxPoints);
          expect([0, pointsPerItem]).toContain(item.maxPoints);
          if (item.outcome === 'wrong') expect(item.points).toBe(negativeMarking === 0 ? 0 : -negativeMarking);
          else expect(item.points).toBeGreaterThanOrEqual(0);
          if (item.outcome === 'unanswered') expect(item.points).toBe(0);
          if (item.outcome === 'correct') expect(item.points).toBe(pointsPerItem);
          if (item.outcome === 'partial') expect(item.points).toBeLessThan(pointsPerItem);
        }
        for (const section of result.sections) {
          const items = result.items.filter((i) => i.section === section.index);
          const awarded = items.filter((i) => i.outcome === 'annulled' && i.maxPoints > 0).length;
          expect(section.correct + section.partial + section.wrong + section.unanswered + section.annulled).toBe(
            items.length + awarded,
          );
          expect(section.points).toBeGreaterThanOrEqual(-negativeMarking * items.length - 1e-9);
          expect(section.points).toBeLessThanOrEqual(section.maxPoints);
          expect(section.metMinimum).toBe(section.correct >= section.minCorrect);
        }
        expect(result.passed).toBe(result.failReasons.length === 0);
        expect(result.passed).toBe(
          result.points >= input.blueprint.passMark && result.sections.every((s) => s.metMinimum),
        );
      }),
      RUNS,
    );
  });

  it('is monotone: answering an item correctly never lowers the score or turns a pass into a fail', () => {
    forAFreeItem((input, versionId) => {
      const before = scoreAttempt(input);
      const after = scoreAttempt(
        withAnswer(input, versionId, correctAnswer(input.keys[versionId]!, input.blueprint.language)),
      );
      expect(after.items.find((i) => i.versionId === versionId)!.outcome).toBe('correct');
      expect(after.points).toBeGreaterThanOrEqual(before.points);
      if (before.passed) expect(after.passed).toBe(true);
    });
  });

  it('without negative marking, answering never scores below leaving the item blank', () => {
    forAFreeItem((input, versionId) => {
      const noPenalty = {
        ...input,
        blueprint: { ...input.blueprint, scoring: { ...input.blueprint.scoring, negativeMarking: 0 } },
      };
      const answered = scoreAttempt(noPenalty);
      const blank = scoreAttempt(withAnswer(noPenalty, versionId, undefined));
      expect(answered.points).toBeGreaterThanOrEqual(blank.points);
      if (blank.passed) expect(answered.passed).toBe(true);
    });
  });

  it('with negative marking, a wrong answer scores exactly the penalty below leaving the item blank', () => {
    forAFreeItem((input, versionId) => {
      const answered = scoreAttempt(input);
      const item = answered.items.find((i) => i.versionId === versionId)!;
      if (item.outcome !== 'wrong') return;
      const blank = scoreAttempt(withAnswer(input, versionId, undefined));
      const section = (r: ScoringResult) => r.sections[item.section]!.points;
      expect(section(blank) - section(answered)).toBeCloseTo(input.blueprint.scoring.negativeMarking, 9);
    });
  });

  it("annulling an item with award-all never lowers anyone's score or turns a pass into a fail", () => {
    forAFreeItem((input, versionId) => {
      const before = scoreAttempt(input);
      const after = scoreAttempt({ ...input, annulments: [...input.annulments, { versionId, mode: 'award-all' }] });
      expect(after.points).toBeGreaterThanOrEqual(before.points);
      expect(after.maxPoints).toBe(before.maxPoints);
      if (before.passed) expect(after.passed).toBe(true);
    });
  });

  it('the digest changes when any key, answer or annulment of the paper changes', () => {
    fc.assert(
      fc.property(withFreeItemArb, fc.nat(), ({ input, versionId }, pick) => {
        if (versionId === undefined) return;
        const digest = scoreAttempt(input).inputDigest;
        const item = paperItems(input).find((i) => i.versionId === versionId)!;
        const key = input.keys[versionId]!;
        const changedKey: QuestionKey =
          key.type === 'short'
            ? { ...key, match: key.match === 'exact' ? 'normalised' : 'exact' }
            : key.type === 'single'
              ? { type: 'single', correct: [item.optionOrder.find((o) => o !== key.correct[0])!] }
              : key.type === 'multiple'
                ? { ...key, scoring: key.scoring === 'partial' ? 'all-or-nothing' : 'partial' }
                : key;
        const answer = input.answers[versionId];
        const changedAnswer =
          key.type === 'short'
            ? write(`${answer?.kind === 'text' ? answer.text : ''}x`)
            : choose(
                ...(answer?.kind === 'choice' && answer.optionIds.length > 0
                  ? []
                  : [item.optionOrder[pick % item.optionOrder.length]!]),
              );
        const changes: ScoringInput[] = [
          { ...input, keys: { ...input.keys, [versionId]: changedKey } },
          withAnswer(
            input,
            versionId,
            changedAnswer.kind === 'choice' && changedAnswer.optionIds.length === 0 ? undefined : changedAnswer,
          ),
          { ...input, annulments: [...input.annulments, { versionId, mode: pick % 2 === 0 ? 'award-all' : 'remove' }] },
        ];
        const annulled = input.annulments[pick % Math.max(1, input.annulments.length)];
        if (annulled !== undefined) {
          changes.push({ ...input, annulments: input.annulments.filter((a) => a !== annulled) });
          const mode = annulled.mode ?? input.blueprint.scoring.annulled;
          changes.push({
            ...input,
            annulments: input.annulments.map((a) =>
              a === annulled ? { ...a, mode: mode === 'remove' ? 'award-all' : 'remove' } : a,
            ),
          });
        }
        for (const changed of changes) expect(scoreAttempt(changed).inputDigest).not.toBe(digest);
      }),
      RUNS,
    );
  });

  it('the digest changes when the rules change', () => {
    fc.assert(
      fc.property(scoringInputArb, (input) => {
        const digest = scoreAttempt(input).inputDigest;
        const { blueprint } = input;
        const changes: ScoringInput['blueprint'][] = [
          { ...blueprint, passMark: blueprint.passMark + 0.5 },
          { ...blueprint, scoring: { ...blueprint.scoring, pointsPerItem: blueprint.scoring.pointsPerItem + 1 } },
          { ...blueprint, scoring: { ...blueprint.scoring, negativeMarking: blueprint.scoring.negativeMarking + 0.5 } },
          { ...blueprint, language: blueprint.language === 'ru' ? 'en' : 'ru' },
          {
            ...blueprint,
            sections: blueprint.sections.map((s, i) => (i === 0 ? { ...s, minCorrect: s.minCorrect + 1 } : s)),
          },
        ];
        for (const changed of changes) {
          expect(scoreAttempt({ ...input, blueprint: changed }).inputDigest).not.toBe(digest);
        }
      }),
      { numRuns: 100 },
    );
  });
});
