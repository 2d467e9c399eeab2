import type { Certificate } from '../../../db/schema/index';

/** A certificate as it stands at a moment: revoked, or valid until its date and expired after. */
export type CertificateState = 'valid' | 'expired' | 'revoked';

export function certificateState(certificate: Pick<Certificate, 'status' | 'validUntil'>, now: Date): CertificateState {
  if (certificate.status === 'revoked') return 'revoked';
  return now.getTime() < certificate.validUntil.getTime() ? 'valid' : 'expired';
}
