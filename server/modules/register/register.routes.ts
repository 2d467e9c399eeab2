import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { errors } from '../../schemas';
import { APPOINTMENT_COLUMNS, csvStream, jsonStream, RESULT_COLUMNS, VACANCY_COLUMNS } from './register.export';
import {
  AppointmentDetail,
  AppointmentPage,
  AppointmentParams,
  AppointmentsExportQuery,
  AppointmentsQuery,
  RegisterStatistics,
  ResultDetail,
  ResultPage,
  ResultParams,
  ResultsExportQuery,
  ResultsQuery,
  StatisticsQuery,
  VacanciesExportQuery,
  VacanciesQuery,
  VacancyDetail,
  VacancyPage,
  VacancyParams,
} from './register.schemas';
import type { RegisterService } from './register.service';

/** A streamed export's 200 in the OpenAPI document: text of the given media type. */
const streamed = (mediaType: string, description: string) =>
  ({
    description,
    content: { [mediaType]: { schema: Type.String({ description }) } },
  }) as unknown as TSchema;

/** Streams an export: nothing is buffered beyond one batch; the client's pace sets the database's. */
function sendExport(reply: FastifyReply, stream: Readable, name: string, format: 'csv' | 'json') {
  return reply
    .header('content-disposition', `attachment; filename="imtahan-register-${name}.${format}"`)
    .header('cache-control', 'no-cache')
    .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
    .send(stream);
}

export const registerRoutes: FastifyPluginAsyncTypebox<{ register: RegisterService }> = async (app, { register }) => {
  const tags = ['register'];
  const config = { access: 'public' as const };
  const listHeaders = (reply: FastifyReply) => reply.header('cache-control', 'no-cache');

  /** A list's two exports, `.csv` and `.json`: every row of the filtered set, in the list's order, streamed. */
  function exportRoutes<Query extends TSchema, Item>(list: {
    name: 'appointments' | 'results' | 'vacancies';
    /** How the summary names the rows (`Every …`) and how the CSV's description names one. */
    every: string;
    row: string;
    querystring: Query;
    batches: (query: Static<Query>) => AsyncIterable<string[]>;
    columns: Parameters<typeof csvStream<Item>>[1];
  }) {
    app.get(
      `/api/register/${list.name}.csv`,
      {
        config,
        schema: {
          tags,
          summary: `${list.every} of the filtered set, in the list’s order, as CSV (streamed)`,
          querystring: list.querystring,
          response: { 200: streamed('text/csv', `CSV with a header row, one ${list.row} per line`), ...errors(400) },
        },
      },
      async (request, reply) =>
        sendExport(reply, csvStream(list.batches(request.query), list.columns), list.name, 'csv'),
    );
    app.get(
      `/api/register/${list.name}.json`,
      {
        config,
        schema: {
          tags,
          summary: `${list.every} of the filtered set, in the list’s order, as a JSON array (streamed)`,
          querystring: list.querystring,
          response: { 200: streamed('application/json', 'A JSON array of the list’s items'), ...errors(400) },
        },
      },
      async (request, reply) => sendExport(reply, jsonStream(list.batches(request.query)), list.name, 'json'),
    );
  }

  // Appointments.
  app.get(
    '/api/register/appointments',
    {
      config,
      schema: {
        tags,
        summary: 'Appointments: search by name across scripts, filters, sorting, keyset pages',
        querystring: AppointmentsQuery,
        response: { 200: AppointmentPage, ...errors(400) },
      },
    },
    async (request, reply) => {
      listHeaders(reply);
      return register.listAppointments(request.query);
    },
  );
  exportRoutes({
    name: 'appointments',
    every: 'Every appointment',
    row: 'appointment',
    querystring: AppointmentsExportQuery,
    batches: register.exportAppointments,
    columns: APPOINTMENT_COLUMNS,
  });
  app.get(
    '/api/register/appointments/:id',
    {
      config,
      schema: {
        tags,
        summary: 'An appointment with its log receipt',
        params: AppointmentParams,
        response: { 200: AppointmentDetail, ...errors(400, 404) },
      },
    },
    async (request, reply) => {
      listHeaders(reply);
      return register.appointment(request.params.id);
    },
  );

  // Results, by candidate code.
  app.get(
    '/api/register/results',
    {
      config,
      schema: {
        tags,
        summary: 'Published results by candidate code: filters, sorting, keyset pages',
        querystring: ResultsQuery,
        response: { 200: ResultPage, ...errors(400) },
      },
    },
    async (request, reply) => {
      listHeaders(reply);
      return register.listResults(request.query);
    },
  );
  exportRoutes({
    name: 'results',
    every: 'Every published result',
    row: 'result',
    querystring: ResultsExportQuery,
    batches: register.exportResults,
    columns: RESULT_COLUMNS,
  });
  app.get(
    '/api/register/results/:candidateCode',
    {
      config,
      schema: {
        tags,
        summary: 'A published result with its log receipt',
        params: ResultParams,
        response: { 200: ResultDetail, ...errors(400, 404) },
      },
    },
    async (request, reply) => {
      listHeaders(reply);
      return register.result(request.params.candidateCode);
    },
  );

  // Vacancies.
  app.get(
    '/api/register/vacancies',
    {
      config,
      schema: {
        tags,
        summary: 'Every vacancy announced, with its timeline: search, filters, sorting, keyset pages',
        querystring: VacanciesQuery,
        response: { 200: VacancyPage, ...errors(400) },
      },
    },
    async (request, reply) => {
      listHeaders(reply);
      return register.listVacancies(request.query);
    },
  );
  exportRoutes({
    name: 'vacancies',
    every: 'Every vacancy',
    row: 'vacancy',
    querystring: VacanciesExportQuery,
    batches: register.exportVacancies,
    columns: VACANCY_COLUMNS,
  });
  app.get(
    '/api/register/vacancies/:id',
    {
      config,
      schema: {
        tags,
        summary: 'A vacancy with its timeline, reserve list and log receipt',
        params: VacancyParams,
        response: { 200: VacancyDetail, ...errors(400, 404) },
      },
    },
    async (request, reply) => {
      listHeaders(reply);
      return register.vacancy(request.params.id);
    },
  );

  app.get(
    '/api/register/statistics',
    {
      config,
      schema: {
        tags,
        summary: 'Candidates, sat and pass rate per category and month; score histograms; appointments per agency',
        querystring: StatisticsQuery,
        response: { 200: RegisterStatistics, ...errors(400) },
      },
    },
    async (request, reply) => {
      listHeaders(reply);
      return register.statistics(request.query);
    },
  );
};
