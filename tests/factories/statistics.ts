import type { Static } from '@sinclair/typebox';
import type { PublicReliability, SittingStatisticsView } from '../../server/modules/statistics/statistics.schemas';
import { request, type TestApp } from '../helpers/app';
import { finishedSitting, publishResults, type FinishedSitting, type Plan } from './results';
import type { ExamBank, Person } from './sittings';

export type StatisticsView = Static<typeof SittingStatisticsView>;
export type ReliabilityView = Static<typeof PublicReliability>;

/** A sitting sat by `plans`, published, and with its statistics computed by the background job. */
export async function sittingWithStatistics(
  t: TestApp,
  admin: Person,
  bank: ExamBank,
  plans: Plan[],
): Promise<FinishedSitting> {
  const finished = await finishedSitting(t, admin, bank, plans);
  await publishResults(t, admin, finished.sitting.id);
  await t.services.statistics.refreshStale();
  return finished;
}

export async function statisticsOf(t: TestApp, who: Person, sittingId: string): Promise<StatisticsView> {
  const response = await request(t.app, {
    method: 'GET',
    url: `/api/statistics/sittings/${sittingId}`,
    cookie: who.cookie,
  });
  if (response.statusCode !== 200) throw new Error(`statistics: ${response.statusCode} ${response.body}`);
  return response.json<StatisticsView>();
}
