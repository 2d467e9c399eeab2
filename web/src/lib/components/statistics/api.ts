import type { Static } from '@sinclair/typebox';
import type {
  BlueprintStatisticsList,
  BlueprintStatisticsView,
  PublicReliability,
  QuestionStatisticsView,
  SittingStatisticsView,
  StatisticsSittingList,
} from '$api-types';
import { callApi, type ApiEvent } from '$lib/api/client';

export type StatisticsListRow = Static<typeof StatisticsSittingList>[number];
export type SittingStatistics = Static<typeof SittingStatisticsView>;
export type Analysis = NonNullable<SittingStatistics['analysis']>;
export type ItemRow = Analysis['items'][number];
export type Flag = ItemRow['flags'][number];
export type QuestionStatistics = Static<typeof QuestionStatisticsView>;
export type BlueprintListRow = Static<typeof BlueprintStatisticsList>[number];
export type BlueprintStatistics = Static<typeof BlueprintStatisticsView>;
export type Reliability = Static<typeof PublicReliability>;

/** The examiners' item statistics, as this browser's request may read them. Server-side only. */
export function statisticsApi(event: ApiEvent) {
  return {
    list: () => callApi<StatisticsListRow[]>(event, 'GET', '/api/statistics/sittings'),
    sitting: (sittingId: string) =>
      callApi<SittingStatistics>(event, 'GET', `/api/statistics/sittings/${encodeURIComponent(sittingId)}`),
    question: (questionId: string) =>
      callApi<QuestionStatistics>(event, 'GET', `/api/statistics/questions/${encodeURIComponent(questionId)}`),
    blueprints: () => callApi<BlueprintListRow[]>(event, 'GET', '/api/statistics/blueprints'),
    blueprint: (blueprintId: string) =>
      callApi<BlueprintStatistics>(event, 'GET', `/api/statistics/blueprints/${encodeURIComponent(blueprintId)}`),
    /** The public part: a published sitting's reliability, SEM and score histogram. */
    reliability: (sittingId: string) =>
      callApi<Reliability>(event, 'GET', `/api/results/${encodeURIComponent(sittingId)}/reliability`),
  };
}
