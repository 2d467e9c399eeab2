import type { ApplicationStages, RoundStages, StagePreview, StagesBody } from '$api-types';
import { callApi, type ApiEvent } from './client';

export type { ApplicationStages, RoundStages, StagePreview, StagesBody };
export type Stage = RoundStages['stages'][number];
export type StageInput = StagesBody['stages'][number];
export type StageList = RoundStages['lists'][number];
export type StageResult = StagePreview['results'][number];
export type OwnStage = ApplicationStages[number];
export type StageReason = NonNullable<OwnStage['reason']>;

const seg = (id: string) => encodeURIComponent(id);

/** A round's selection stages, their gates and the published lists (issue 18). Server-side only. */
export function stagesApi(event: ApiEvent) {
  return {
    publicStages: (roundId: string) =>
      callApi<RoundStages>(event, 'GET', `/api/competitions/rounds/${seg(roundId)}/stages`),
    ownStages: (applicationId: string) =>
      callApi<ApplicationStages>(event, 'GET', `/api/applications/${seg(applicationId)}/stages`),
    roundStages: (roundId: string) => callApi<RoundStages>(event, 'GET', `/api/admin/rounds/${seg(roundId)}/stages`),
    setStages: (roundId: string, body: StagesBody) =>
      callApi<RoundStages>(event, 'PUT', `/api/admin/rounds/${seg(roundId)}/stages`, { body }),
    preview: (vacancyId: string, position: number) =>
      callApi<StagePreview>(event, 'GET', `/api/admin/vacancies/${seg(vacancyId)}/stages/${position}`),
    advance: (vacancyId: string, position: number) =>
      callApi<StagePreview>(event, 'POST', `/api/admin/vacancies/${seg(vacancyId)}/stages/${position}/advance`, {
        body: {},
      }),
  };
}
