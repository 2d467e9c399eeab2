/**
 * A national identification scheme: how an ID is typed in, normalised and checked.
 * New countries plug in by adding a scheme to the registry; nothing else changes.
 */
export interface NationalIdScheme {
  /** Stable code stored with the ID, e.g. `AZ_FIN`. */
  code: string;
  /** ISO 3166-1 alpha-2 country code. */
  country: string;
  /** The longest input worth looking at; longer input is rejected before any work. */
  maxInputLength: number;
  /** Canonical form: what is stored and compared. */
  normalise(input: string): string;
  /** Why a normalised ID is not valid, or null when it is. */
  problem(normalised: string): NationalIdProblem | null;
}

export type NationalIdProblem = 'length' | 'characters' | 'checksum' | 'date';
