/**
 * Which items on a paper are annulled, and how. An annulment names a question version, so it applies to
 * every paper that carries the version, wherever the item sits; one naming a version this paper does not
 * carry is simply not about this attempt.
 */
import type { ScoringRules } from '../blueprint';
import type { Annulment } from './input';

export type AnnulmentMode = ScoringRules['annulled'];

export const ANNULMENT_MODES: readonly AnnulmentMode[] = ['award-all', 'remove'];

/**
 * The annulled versions among `onPaper`, each with the mode in force: its own, or the blueprint's.
 * Conflicting modes for one version are rejected earlier, by `scoringInputProblems`.
 */
export function annulmentModes(
  annulments: readonly Annulment[],
  onPaper: ReadonlySet<string>,
  blueprintMode: AnnulmentMode,
): Map<string, AnnulmentMode> {
  const modes = new Map<string, AnnulmentMode>();
  for (const annulment of annulments) {
    if (onPaper.has(annulment.versionId)) modes.set(annulment.versionId, annulment.mode ?? blueprintMode);
  }
  return modes;
}
