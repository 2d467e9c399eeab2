import type { Static } from '@sinclair/typebox';
import type { QuestionStatisticsView, SittingStatisticsView, StatisticsSittingList } from '$api-types';
import { callApi, type ApiEvent } from '$lib/api/client';

export type StatisticsListRow = Static<typeof StatisticsSittingList>[number];
export type SittingStatistics = Static<typeof SittingStatisticsView>;
export type Analysis = NonNullable<SittingStatistics['analysis']>;
export type ItemRow = Analysis['items'][number];
export type Flag = ItemRow['flags'][number];
export type QuestionStatistics = Static<typeof QuestionStatisticsView>;

/** The examiners' item statistics, as this browser's request may read them. Server-side only. */
export function statisticsApi(event: ApiEvent) {
  return {
    list: () => callApi<StatisticsListRow[]>(event, 'GET', '/api/statistics/sittings'),
    sitting: (sittingId: string) =>
      callApi<SittingStatistics>(event, 'GET', `/api/statistics/sittings/${encodeURIComponent(sittingId)}`),
    question: (questionId: string) =>
      callApi<QuestionStatistics>(event, 'GET', `/api/statistics/questions/${encodeURIComponent(questionId)}`),
  };
}
