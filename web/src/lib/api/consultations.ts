import type { Static } from '@sinclair/typebox';
import type {
  AskBody,
  ConsultationQueue,
  ConsultationView,
  FaqBody,
  FaqEntryView,
  FaqList as FaqListSchema,
  OwnConsultations,
  PassBody,
  RateBody,
  RatingStanding as RatingStandingSchema,
  RatingView,
  RelatedChoices,
  ServiceStandard as ServiceStandardSchema,
  StaffConsultationView,
  StaffRatings as StaffRatingsSchema,
} from '$api-types';
import { callApi, type ApiEvent } from './client';

export type Consultation = Static<typeof ConsultationView>;
export type StaffConsultation = Static<typeof StaffConsultationView>;
export type ConsultationSummary = Static<typeof OwnConsultations>[number];
export type RelatedChoice = Static<typeof RelatedChoices>[number];
export type Queue = Static<typeof ConsultationQueue>;
export type FaqEntry = Static<typeof FaqEntryView>;
export type FaqList = Static<typeof FaqListSchema>;
export type ServiceStandard = Static<typeof ServiceStandardSchema>;
export type Rating = Static<typeof RatingView>;
export type RatingStanding = Static<typeof RatingStandingSchema>;
export type StaffRatings = Static<typeof StaffRatingsSchema>;
export type Topic = Consultation['topic'];
export type RatedSubject = Rating['subjectType'];
export type { AskBody, FaqBody, PassBody, RateBody };

export { TOPICS, isTopic } from '../consultation-topics';

const id = (value: string) => encodeURIComponent(value);

/** Consultations: the public's side (asking, the FAQ, the standard), the asker's, and staff's. */
export function consultationsApi(event: ApiEvent) {
  return {
    ask: (body: AskBody) =>
      callApi<{ id: string; targetAt: string; inAccount: boolean }>(event, 'POST', '/api/consultations', { body }),
    standard: () => callApi<ServiceStandard>(event, 'GET', '/api/consultations/standard'),
    faq: (query: { q?: string; topic?: Topic; page?: number; match?: 'all' | 'any' }) =>
      callApi<FaqList>(event, 'GET', '/api/faq', { query }),
    own: () => callApi<ConsultationSummary[]>(event, 'GET', '/api/consultations'),
    related: () => callApi<RelatedChoice[]>(event, 'GET', '/api/consultations/related'),
    one: (consultationId: string) => callApi<Consultation>(event, 'GET', `/api/consultations/${id(consultationId)}`),
    reply: (consultationId: string, body: string) =>
      callApi<Consultation>(event, 'POST', `/api/consultations/${id(consultationId)}/reply`, { body: { body } }),
    rating: (subjectType: RatedSubject, subjectId: string) =>
      callApi<RatingStanding>(event, 'GET', '/api/ratings', { query: { subjectType, subjectId } }),
    rate: (body: RateBody) => callApi<Rating>(event, 'POST', '/api/ratings', { body }),
    queue: (query: { status?: 'open' | 'answered'; topic?: Topic; page?: number }) =>
      callApi<Queue>(event, 'GET', '/api/admin/consultations', { query }),
    staffOne: (consultationId: string) =>
      callApi<StaffConsultation>(event, 'GET', `/api/admin/consultations/${id(consultationId)}`),
    take: (consultationId: string) =>
      callApi<StaffConsultation>(event, 'POST', `/api/admin/consultations/${id(consultationId)}/take`),
    answer: (consultationId: string, body: string) =>
      callApi<StaffConsultation>(event, 'POST', `/api/admin/consultations/${id(consultationId)}/answer`, {
        body: { body },
      }),
    pass: (consultationId: string, body: PassBody) =>
      callApi<StaffConsultation>(event, 'POST', `/api/admin/consultations/${id(consultationId)}/pass`, { body }),
    publishFaq: (body: FaqBody) => callApi<FaqEntry>(event, 'POST', '/api/admin/faq', { body }),
    editFaq: (entryId: string, body: FaqBody) =>
      callApi<FaqEntry>(event, 'PUT', `/api/admin/faq/${id(entryId)}`, { body }),
    withdrawFaq: (entryId: string) => callApi<FaqEntry>(event, 'POST', `/api/admin/faq/${id(entryId)}/withdraw`),
    ratings: (page: number) => callApi<StaffRatings>(event, 'GET', '/api/admin/ratings', { query: { page } }),
    setTarget: (topic: Topic, targetDays: number) =>
      callApi<{ topic: string; targetDays: number }[]>(event, 'PUT', `/api/admin/consultation-topics/${id(topic)}`, {
        body: { targetDays },
      }),
  };
}
