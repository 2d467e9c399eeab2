import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actionRoutes } from '../../http/actions';
import { operations } from '../../http/operation';
import { sendDownload } from '../documents/download';
import { rejectedImport } from '../../http/rejected-import';
import { Type } from '@sinclair/typebox';
import { FORMATS } from '../../core/question-formats/index';
import type { QuestionDraft } from '../../core/question';
import { errors } from '../../schemas';
import { STAFF } from '../auth/access';
import { actorOf } from '../../actor';
import {
  CandidateViewSchema,
  CommentBody,
  EditQuestionBody,
  ExportQuery,
  ImportBody,
  ImportCheckResponse,
  ImportProblemsResponse,
  ImportResponse,
  PreviewQuery,
  QuestionDetailResponse,
  QuestionDraftSchema,
  QuestionListQuerySchema,
  QuestionListResponse,
  QuestionParams,
  QuestionRefResponse,
  RetireBody,
  ReviewBody,
  StatusResponse,
  SubjectParams,
  TaxonomyResponse,
  TopicBody,
} from './questions.schemas';
import type { QuestionsService } from './questions.service';

/** The export's 200 in the OpenAPI document: a file of the chosen format's own media type. */
const ExportResponse = Type.Unsafe<string>({
  description: 'The questions in the chosen format',
  content: Object.fromEntries(
    Object.values(FORMATS).map((format) => [format.mediaType.split(';')[0], { schema: Type.String() }]),
  ),
});

/** Imports carry whole banks; everything else stays under the API's 64 KiB limit. */
const IMPORT_BODY_LIMIT = 5 * 1024 * 1024;

export const questionsRoutes: FastifyPluginAsyncTypebox<{ questions: QuestionsService }> = async (
  app,
  { questions },
) => {
  const tags = ['question bank'];
  const operation = operations({ tags: ['question bank'], access: STAFF });
  const staff = { access: STAFF };

  app.get(
    '/api/subjects',
    operation({
      summary: 'Subjects and their topics',
      response: { 200: TaxonomyResponse },
    }),
    async () => questions.taxonomy(),
  );

  app.post(
    '/api/subjects/:subjectId/topics',
    operation({
      summary: 'Add a topic to a subject',
      params: SubjectParams,
      body: TopicBody,
      response: { 201: TaxonomyResponse.items.properties.topics.items },
      errors: [409],
    }),
    async (request, reply) =>
      reply.status(201).send(await questions.createTopic(actorOf(request), request.params.subjectId, request.body)),
  );

  app.get(
    '/api/questions',
    operation({
      summary: 'Search the bank (current versions, no keys)',
      querystring: QuestionListQuerySchema,
      response: { 200: QuestionListResponse },
    }),
    async (request) => questions.list(request.query),
  );

  app.post(
    '/api/questions',
    operation({
      summary: 'Write a new question (version 1, draft)',
      body: QuestionDraftSchema,
      response: { 201: QuestionRefResponse },
      errors: [409, 413],
    }),
    async (request, reply) =>
      reply.status(201).send(await questions.create(actorOf(request), request.body as QuestionDraft)),
  );

  app.post(
    '/api/questions/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      config: staff,
      schema: {
        tags,
        summary: 'Import Moodle XML, GIFT or CSV: all questions or none',
        description:
          'A rejected import answers 422 with every problem, row by row, and adds nothing. With update, a question ' +
          'whose external id is in the bank gets a new version (when changed), in draft for review; a 409 means ' +
          'another change took an external id or retired a question since the file was checked.',
        body: ImportBody,
        response: { 201: ImportResponse, 422: ImportProblemsResponse, ...errors(400, 401, 403, 409, 413) },
      },
    },
    async (request, reply) => {
      const { format, content, ...choices } = request.body;
      const result = await questions.importFile(actorOf(request), format, content, choices);
      if (!result.ok) {
        return reply.status(422).send(rejectedImport(result.problems));
      }
      const { ok: _ok, ...imported } = result;
      return reply.status(201).send(imported);
    },
  );

  app.post(
    '/api/questions/import/check',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      config: staff,
      schema: {
        tags,
        summary: 'Check a Moodle XML, GIFT or CSV file for import, writing nothing',
        description:
          'Says what the import would do: new, updated and unchanged questions, where each Moodle category path ' +
          'would file its questions, stems already in the bank (possible duplicates) and every problem by row.',
        body: ImportBody,
        response: { 200: ImportCheckResponse, ...errors(400, 401, 403, 413) },
      },
    },
    async (request) => {
      const { format, content, ...choices } = request.body;
      return questions.checkImport(format, content, choices);
    },
  );

  app.get(
    '/api/questions/export',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Export current versions (keys included; audited)',
        querystring: ExportQuery,
        // A file in the chosen format (XML, GIFT text or CSV), sent as it is.
        response: { 200: ExportResponse, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const drafts = await questions.exportDrafts(actorOf(request), filter, format);
      const chosen = FORMATS[format];
      return sendDownload(reply, `imtahan-questions.${chosen.extension}`, chosen.mediaType, chosen.export(drafts));
    },
  );

  app.get(
    '/api/questions/:id',
    operation({
      summary: 'A question: all versions, keys and review trail (audited)',
      params: QuestionParams,
      response: { 200: QuestionDetailResponse },
      cache: 'no-store',
    }),
    async (request) => questions.get(actorOf(request), request.params.id),
  );

  app.put(
    '/api/questions/:id',
    operation({
      summary: 'Save an edit as a new version',
      params: QuestionParams,
      body: EditQuestionBody,
      response: { 200: QuestionRefResponse },
      errors: [409, 413],
    }),
    async (request) => {
      const { expectedVersion, ...draft } = request.body;
      return questions.edit(actorOf(request), request.params.id, draft as QuestionDraft, expectedVersion);
    },
  );

  app.get(
    '/api/questions/:id/preview',
    operation({
      summary: 'The question as a candidate sees it (no key)',
      params: QuestionParams,
      querystring: PreviewQuery,
      response: { 200: CandidateViewSchema },
    }),
    async (request) => questions.preview(request.params.id, request.query.language, request.query.version),
  );

  const statusReply = (q: { id: string; status: 'draft' | 'in_review' | 'approved' | 'retired' }) => ({
    id: q.id,
    status: q.status,
  });

  const questionAction = actionRoutes(app, operation, {
    path: '/api/questions',
    params: QuestionParams,
    view: StatusResponse,
  });

  questionAction('submit', {
    summary: 'Send a draft for review',
    run: async (actor, id) => statusReply(await questions.submit(actor, id)),
  });

  questionAction('review', {
    summary: 'Approve, or send back with a comment (never one’s own question)',
    body: ReviewBody,
    run: async (actor, id, body) => statusReply(await questions.review(actor, id, body.decision, body.comment)),
  });

  app.post(
    '/api/questions/:id/comments',
    operation({
      summary: 'Add a review comment',
      params: QuestionParams,
      body: CommentBody,
      response: { 204: { type: 'null' } },
    }),
    async (request, reply) => {
      await questions.comment(actorOf(request), request.params.id, request.body.comment);
      return reply.status(204).send();
    },
  );

  questionAction('retire', {
    summary: 'Retire a question from use',
    body: RetireBody,
    run: async (actor, id, body) => statusReply(await questions.retire(actor, id, body.reason)),
  });
};
