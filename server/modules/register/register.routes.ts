import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';
import type { FastifyReply, FastifySchema } from 'fastify';
import type { Readable } from 'node:stream';
import { errors } from '../../schemas';
import { APPOINTMENT_COLUMNS, csvStream, jsonStream, RESULT_COLUMNS, VACANCY_COLUMNS } from './register.export';
import {
  AppointmentDetail,
  AppointmentItem,
  AppointmentPage,
  AppointmentParams,
  AppointmentsExportQuery,
  AppointmentsQuery,
  RegisterStatistics,
  ResultDetail,
  ResultItem,
  ResultPage,
  ResultParams,
  ResultsExportQuery,
  ResultsQuery,
  StatisticsQuery,
  VacanciesExportQuery,
  VacanciesQuery,
  VacancyDetail,
  VacancyItem,
  VacancyPage,
  VacancyParams,
} from './register.schemas';
import type { RegisterService } from './register.service';

/** A streamed export's 200 in the OpenAPI document: its media type and what it holds. */
const streamed = (mediaType: string, description: string, schema: TSchema = Type.String({ description })) =>
  ({ description, content: { [mediaType]: { schema } } }) as unknown as TSchema;

/** `?bom=1`: the CSV starts with a byte-order mark, for spreadsheets (Excel) that otherwise misread UTF-8. */
const CsvOptions = Type.Object({
  bom: Type.Optional(
    Type.Union([Type.Literal('0'), Type.Literal('1')], {
      description: 'With `1`, the file starts with a UTF-8 byte-order mark, so Excel reads its letters right',
    }),
  ),
});

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

  /**
   * A public read: a list (by its query) or one record (by its path; a 404 when there is none), never cached
   * stale. `read` must give what `answer` declares, so the response schema still checks the service.
   */
  function publicRead<Input extends TSchema, Answer extends TSchema>(
    path: string,
    route: { summary: string; answer: Answer; read: (input: Static<Input>) => Promise<Static<Answer>> } & (
      { querystring: Input } | { params: Input }
    ),
  ) {
    const { summary, answer, read, ...input } = route;
    const byPath = 'params' in input;
    // Typed loosely here on purpose: the generic schema is too deep for the type provider, and `read`'s
    // signature already ties the input to its schema and the answer to the response's.
    const schema: FastifySchema = {
      tags,
      summary,
      ...input,
      response: { 200: answer, ...errors(...(byPath ? [400, 404] : [400])) },
    };
    app.get(path, { config, schema }, async (request, reply) => {
      listHeaders(reply);
      return read((byPath ? request.params : request.query) as Static<Input>);
    });
  }

  /** A list's two exports, `.csv` and `.json`: every row of the filtered set, in the list's order, streamed. */
  function exportRoutes<Query extends TObject, Item>(list: {
    name: 'appointments' | 'results' | 'vacancies';
    /** How the summary names the rows (`Every …`) and how the CSV's description names one. */
    every: string;
    row: string;
    querystring: Query;
    /** The schema of one item: the JSON export is an array of them. */
    item: TSchema;
    batches: (query: Static<Query>) => AsyncIterable<Item[]>;
    columns: Parameters<typeof csvStream<Item>>[1];
  }) {
    app.get(
      `/api/register/${list.name}.csv`,
      {
        config,
        schema: {
          tags,
          summary: `${list.every} of the filtered set, in the list’s order, as CSV (streamed)`,
          querystring: Type.Composite([list.querystring, CsvOptions], { additionalProperties: false }),
          response: { 200: streamed('text/csv', `CSV with a header row, one ${list.row} per line`), ...errors(400) },
        },
      },
      async (request, reply) => {
        const { bom, ...query } = request.query as Static<Query> & { bom?: '0' | '1' };
        const csv = csvStream(list.batches(query as Static<Query>), list.columns, { bom: bom === '1' });
        return sendExport(reply, csv, list.name, 'csv');
      },
    );
    app.get(
      `/api/register/${list.name}.json`,
      {
        config,
        schema: {
          tags,
          summary: `${list.every} of the filtered set, in the list’s order, as a JSON array (streamed)`,
          querystring: list.querystring,
          response: {
            200: streamed('application/json', 'A JSON array of the list’s items', Type.Array(list.item)),
            ...errors(400),
          },
        },
      },
      async (request, reply) =>
        sendExport(reply, jsonStream(list.batches(request.query as Static<Query>)), list.name, 'json'),
    );
  }

  // Appointments.
  publicRead('/api/register/appointments', {
    summary: 'Appointments: search by name across scripts, filters, sorting, keyset pages',
    querystring: AppointmentsQuery,
    answer: AppointmentPage,
    read: register.listAppointments,
  });
  exportRoutes({
    name: 'appointments',
    every: 'Every appointment',
    row: 'appointment',
    querystring: AppointmentsExportQuery,
    item: AppointmentItem,
    batches: register.exportAppointments,
    columns: APPOINTMENT_COLUMNS,
  });
  publicRead('/api/register/appointments/:id', {
    summary: 'An appointment with its log receipt',
    params: AppointmentParams,
    answer: AppointmentDetail,
    read: ({ id }) => register.appointment(id),
  });

  // Results, by candidate code.
  publicRead('/api/register/results', {
    summary: 'Published results by candidate code: filters, sorting, keyset pages',
    querystring: ResultsQuery,
    answer: ResultPage,
    read: register.listResults,
  });
  exportRoutes({
    name: 'results',
    every: 'Every published result',
    row: 'result',
    querystring: ResultsExportQuery,
    item: ResultItem,
    batches: register.exportResults,
    columns: RESULT_COLUMNS,
  });
  publicRead('/api/register/results/:candidateCode', {
    summary: 'A published result with its log receipt',
    params: ResultParams,
    answer: ResultDetail,
    read: ({ candidateCode }) => register.result(candidateCode),
  });

  // Vacancies.
  publicRead('/api/register/vacancies', {
    summary: 'Every vacancy announced, with its timeline: search, filters, sorting, keyset pages',
    querystring: VacanciesQuery,
    answer: VacancyPage,
    read: register.listVacancies,
  });
  exportRoutes({
    name: 'vacancies',
    every: 'Every vacancy',
    row: 'vacancy',
    querystring: VacanciesExportQuery,
    item: VacancyItem,
    batches: register.exportVacancies,
    columns: VACANCY_COLUMNS,
  });
  publicRead('/api/register/vacancies/:id', {
    summary: 'A vacancy with its timeline, reserve list and log receipt',
    params: VacancyParams,
    answer: VacancyDetail,
    read: ({ id }) => register.vacancy(id),
  });

  publicRead('/api/register/statistics', {
    summary: 'Candidates, sat and pass rate per category and month; score histograms; appointments per agency',
    querystring: StatisticsQuery,
    answer: RegisterStatistics,
    read: register.statistics,
  });
};
