import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { operations } from '../../http/operation';
import { sendCsv } from '../documents/download';
import { Type, type TSchema } from '@sinclair/typebox';
import { STAFF } from '../auth/access';
import {
  BlueprintStatisticsList,
  BlueprintStatisticsParams,
  BlueprintStatisticsView,
  PublicReliability,
  QuestionStatisticsParams,
  QuestionStatisticsView,
  ReliabilityParams,
  SittingStatisticsView,
  StatisticsSittingList,
  StatisticsSittingParams,
} from './statistics.schemas';
import type { StatisticsService } from './statistics.service';

const csvResponse = {
  description: 'CSV with a header row, one item per line',
  content: { 'text/csv': { schema: Type.String() } },
} as unknown as TSchema;

export const statisticsRoutes: FastifyPluginAsyncTypebox<{ statistics: StatisticsService }> = async (
  app,
  { statistics },
) => {
  const operation = operations({ tags: ['statistics'], access: STAFF });

  app.get(
    '/api/statistics/sittings',
    operation({
      summary: 'Sittings with published results and whether their item statistics are computed',
      response: { 200: StatisticsSittingList },
    }),
    async () => statistics.list(),
  );

  app.get(
    '/api/statistics/sittings/:id',
    operation({
      summary: 'Item and test statistics of a sitting, as computed in the background after publication',
      params: StatisticsSittingParams,
      response: { 200: SittingStatisticsView },
    }),
    async (request) => statistics.sittingStatistics(request.params.id),
  );

  app.get(
    '/api/statistics/sittings/:id/items.csv',
    operation({
      summary: 'The item table of a sitting as CSV',
      params: StatisticsSittingParams,
      response: { 200: csvResponse },
    }),
    async (request, reply) => {
      const { code, csv } = await statistics.itemsCsv(request.params.id);
      const safe = code.replace(/[^A-Za-z0-9._-]/g, '_');
      return sendCsv(reply, `imtahan-item-statistics-${safe}.csv`, csv);
    },
  );

  app.get(
    '/api/statistics/blueprints',
    operation({
      summary: 'Blueprints with two or more published sittings, whose statistics are computed across them',
      response: { 200: BlueprintStatisticsList },
    }),
    async () => statistics.blueprintList(),
  );

  app.get(
    '/api/statistics/blueprints/:id',
    operation({
      summary:
        'Item statistics across the published sittings of a blueprint: DIF between their exam languages, and the sittings compared as forms',
      params: BlueprintStatisticsParams,
      response: { 200: BlueprintStatisticsView },
    }),
    async (request) => statistics.blueprintStatistics(request.params.id),
  );

  app.get(
    '/api/statistics/questions/:questionId',
    operation({
      summary: 'A question’s item statistics in every sitting it appeared in',
      params: QuestionStatisticsParams,
      response: { 200: QuestionStatisticsView },
    }),
    async (request) => statistics.questionStatistics(request.params.questionId),
  );

  app.get(
    '/api/results/:sittingId/reliability',
    operation({
      access: 'public',
      summary:
        'A published sitting’s reliability (α with its interval), standard error of measurement and score histogram',
      params: ReliabilityParams,
      response: { 200: PublicReliability },
    }),
    async (request) => statistics.publicReliability(request.params.sittingId),
  );
};
