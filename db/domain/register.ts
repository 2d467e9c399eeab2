/** The register's published shapes that the schema stores as they are. */

/** One entry of a vacancy's reserve list: candidate code only, never a name. */
export type RegisterReserveEntry = {
  rank: number;
  candidateCode: string;
  finalScore: number;
};
