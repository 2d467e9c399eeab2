/** A blueprint: what a paper must contain and how it is scored; the shapes live in the schema's leaf. */
export type { Blueprint, BlueprintSection, ScoringRules } from '../../db/domain/blueprint';
