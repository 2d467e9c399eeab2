/**
 * The digest a result records of its inputs (DESIGN.md rule 5, issue 6): SHA-256, in hex, of the RFC
 * 8785 canonical JSON of the inputs in a normal form, together with the scoring version.
 *
 * The normal form holds exactly what the result depends on, so that equal digests mean equal results
 * and a digest changes only when something that could change the result does:
 * - the paper's items in paper order (question, version, section, option order); not the seed, which
 *   only says how the paper was drawn;
 * - the answers to the paper's items, the unanswered ones left out (a missing answer, an empty choice
 *   and a blank text mean the same), chosen option ids as a sorted set, texts exactly as typed;
 * - the keys of the paper's items: option ids as sorted sets, a short key's accepted answers in the exam
 *   language only, as a sorted set;
 * - the blueprint's language, pass mark, scoring rules and each section's minimum correct;
 * - the annulments of the paper's items, with the mode in force, sorted by version.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json';
import type { QuestionKey } from '../question';
import type { AnnulmentMode } from './annulment';
import type { ScoringInput } from './input';
import { isUnanswered } from './mark-item';
import { own } from './own';

/** The hex SHA-256 of the canonical inputs; `modes` are the paper's annulments as `annulmentModes` gives them. */
export function inputDigest(
  input: ScoringInput,
  scoringVersion: number,
  modes: ReadonlyMap<string, AnnulmentMode>,
): string {
  return createHash('sha256')
    .update(canonicalJson(canonicalInputs(input, scoringVersion, modes)), 'utf8')
    .digest('hex');
}

/** The normal form the digest is taken of; see the file comment. */
export function canonicalInputs(
  input: ScoringInput,
  scoringVersion: number,
  modes: ReadonlyMap<string, AnnulmentMode>,
): unknown {
  const { blueprint } = input;
  const items = input.paper.sections.flatMap((s) => s.items);
  const answers: [string, unknown][] = [];
  const keys: [string, unknown][] = [];
  for (const item of items) {
    const answer = own(input.answers, item.versionId);
    if (answer !== undefined && !isUnanswered(answer)) {
      answers.push([
        item.versionId,
        answer.kind === 'choice'
          ? { kind: 'choice', optionIds: sortedSet(answer.optionIds) }
          : { kind: 'text', text: answer.text },
      ]);
    }
    const key = own(input.keys, item.versionId);
    if (key !== undefined) keys.push([item.versionId, canonicalKey(key, blueprint.language)]);
  }
  return {
    scoringVersion,
    paper: items.map((i) => ({
      questionId: i.questionId,
      versionId: i.versionId,
      section: i.section,
      optionOrder: i.optionOrder.slice(),
    })),
    // fromEntries defines own properties, so even a version id such as "__proto__" is kept as data.
    answers: Object.fromEntries(answers),
    keys: Object.fromEntries(keys),
    blueprint: {
      language: blueprint.language,
      passMark: blueprint.passMark,
      scoring: {
        pointsPerItem: blueprint.scoring.pointsPerItem,
        negativeMarking: blueprint.scoring.negativeMarking,
        annulled: blueprint.scoring.annulled,
      },
      sections: blueprint.sections.map((s) => ({ minCorrect: s.minCorrect })),
    },
    annulments: [...modes].sort(([a], [b]) => compare(a, b)).map(([versionId, mode]) => ({ versionId, mode })),
  };
}

function canonicalKey(key: QuestionKey, language: ScoringInput['blueprint']['language']): unknown {
  switch (key.type) {
    case 'single':
      return { type: 'single', correct: key.correct.slice() };
    case 'multiple':
      return { type: 'multiple', correct: sortedSet(key.correct), scoring: key.scoring };
    case 'short':
      return {
        type: 'short',
        match: key.match,
        accepted: sortedSet(
          key.accepted.flatMap((entry) => (typeof entry[language] === 'string' ? [entry[language]] : [])),
        ),
      };
    case 'essay':
      // The rubric does not touch the objective score, so it is not one of its inputs.
      return { type: 'essay' };
  }
}

/** Sorted by UTF-16 code units, as RFC 8785 sorts names, so the order is the same on every machine. */
function sortedSet(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compare);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
