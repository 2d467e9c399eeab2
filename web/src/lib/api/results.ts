import type { Static } from '@sinclair/typebox';
import type {
  CertificateListResponse as CertificateListSchema,
  CertificateVerification as CertificateVerificationSchema,
  CertificateView as CertificateViewSchema,
  PublishedSittingList as PublishedSittingListSchema,
  ReviewView as ReviewViewSchema,
  SittingResultsResponse as SittingResultsSchema,
} from '$api-types';
import { callApi, type ApiEvent } from './client';
import type { Answer } from './exam';

export { CERTIFICATE_CODE } from '$lib/components/results/certificate-code';

export type PublishedSitting = Static<typeof PublishedSittingListSchema>[number];
export type SittingResults = Static<typeof SittingResultsSchema>;
export type SittingStatistics = SittingResults['statistics'];
export type PassListRow = SittingResults['results'][number];
type ReviewSchema = Static<typeof ReviewViewSchema>;
type ReviewItemSchema = ReviewSchema['sections'][number]['items'][number];
/** An item in review; its answer spelled out as the two shapes it has (see `Answer`). */
export type ReviewItem = Omit<ReviewItemSchema, 'answer'> & { answer: Answer | null };
export type ReviewSection = Omit<ReviewSchema['sections'][number], 'items'> & { items: ReviewItem[] };
export type Review = Omit<ReviewSchema, 'sections'> & { sections: ReviewSection[] };
export type Certificate = Static<typeof CertificateViewSchema>;
export type CertificateList = Static<typeof CertificateListSchema>;
export type CertificateVerification = Static<typeof CertificateVerificationSchema>;
export type CertificateStatus = Certificate['status'];

/**
 * Published results, the candidate's paper review and certificates, as this browser's request may
 * call them. Server-side only.
 */
export function resultsApi(event: ApiEvent) {
  return {
    published: () => callApi<PublishedSitting[]>(event, 'GET', '/api/results'),
    sitting: (sittingId: string) =>
      callApi<SittingResults>(event, 'GET', `/api/results/${encodeURIComponent(sittingId)}`),
    review: (attemptId: string) =>
      callApi<Review>(event, 'GET', `/api/attempts/${encodeURIComponent(attemptId)}/review`),
    certificates: () => callApi<CertificateList>(event, 'GET', '/api/certificates'),
    verifyCertificate: (code: string) =>
      callApi<CertificateVerification>(event, 'GET', `/api/certificates/verify/${encodeURIComponent(code)}`),
  };
}
