import type { Sitting } from '../../../db/schema/index';
import type { ResultStanding } from '../attempts/attempts.service';
import type { CertificatesRepository } from '../certificates/certificates.repository';
import type { ResultsRepository } from './results.repository';

/**
 * Where a candidate stands once results are published: their place in the sitting and their certificate
 * while it is valid. The attempts service's `standing` step, answered from this module's rows.
 */
export function resultStanding(deps: {
  results: Pick<ResultsRepository, 'rank'>;
  certificates: Pick<CertificatesRepository, 'validForAttempt'>;
}) {
  return async (sitting: Pick<Sitting, 'id' | 'resultsPublishedAt'>, attemptId: string): Promise<ResultStanding> => {
    if (!sitting.resultsPublishedAt) return { rank: null, certificateId: null };
    const [rank, certificateId] = await Promise.all([
      deps.results.rank(sitting.id, attemptId),
      deps.certificates.validForAttempt(attemptId),
    ]);
    return { rank, certificateId };
  };
}
