import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actionRoutes } from '../../http/actions';
import { operations } from '../../http/operation';
import { Type } from '@sinclair/typebox';
import { errors } from '../../schemas';
import { actorOf } from '../../actor';
import type { Config } from '../../config';
import { ADMINISTRATORS, APPLICANTS, STAFF } from '../auth/access';
import { perMinuteLimit } from '../auth/limits';
import {
  AnswerBody,
  AskBody,
  AskResult,
  ConsultationParams,
  ConsultationView,
  FaqBody,
  FaqEntryView,
  FaqList,
  FaqParams,
  FaqQuery,
  OwnConsultations,
  PassBody,
  Queue,
  QueueQuery,
  RateBody,
  RatingQuery,
  RatingsQuery,
  RatingStanding,
  RatingView,
  RelatedChoices,
  ReplyBody,
  ServiceStandard,
  StaffConsultationView,
  StaffRatings,
  TopicParams,
  TopicTargetBody,
} from './consultations.schemas';
import type { ConsultationsService } from './consultations.service';

/**
 * Consultations (issue 17): the public asks and reads the FAQ and the service standard; an applicant reads
 * their own threads and rates; staff (examiners and administrators) answer from a queue.
 */
export const consultationsRoutes: FastifyPluginAsyncTypebox<{
  consultations: ConsultationsService;
  config: Config;
}> = async (app, { consultations, config }) => {
  const tags = ['consultations'];
  const operation = operations({ tags: ['consultations'], access: STAFF });
  // Asking without an account is a public form that writes: limited like sign-up and the reset request.
  const limited = perMinuteLimit(config);

  app.post(
    '/api/consultations',
    {
      config: { access: 'public', rateLimit: limited },
      schema: {
        tags,
        summary: 'Ask the centre a question: as a signed-in applicant, or anonymously with an e-mail for the answer',
        body: AskBody,
        response: { 201: AskResult, ...errors(400, 403, 413, 429) },
      },
    },
    async (request, reply) => {
      const auth = request.auth;
      const who = { id: auth?.user.id ?? null, role: auth?.user.role ?? null, ip: request.ip };
      return reply.status(201).send(await consultations.ask(who, request.body));
    },
  );

  app.get(
    '/api/consultations/standard',
    operation({
      access: 'public',
      summary: 'The service standard: response targets per topic, and per topic and month how well they were kept',
      response: { 200: ServiceStandard },
    }),
    async () => consultations.standard(),
  );

  app.get(
    '/api/faq',
    operation({
      access: 'public',
      summary: 'Published answers to frequently asked questions, searched by words in any language',
      querystring: FaqQuery,
      response: { 200: FaqList },
    }),
    async (request) => consultations.faq(request.query),
  );

  app.get(
    '/api/consultations',
    operation({
      access: APPLICANTS,
      summary: 'My questions, newest first',
      response: { 200: OwnConsultations },
    }),
    async (request) => consultations.own(actorOf(request)),
  );

  app.get(
    '/api/consultations/related',
    operation({
      access: APPLICANTS,
      summary: 'My bookings, attempts, appeals and applications a question may refer to',
      response: { 200: RelatedChoices },
    }),
    async (request) => consultations.relatedChoices(actorOf(request)),
  );

  app.get(
    '/api/consultations/:id',
    operation({
      access: APPLICANTS,
      summary: 'One of my questions with its answers, each signed by its official',
      params: ConsultationParams,
      response: { 200: ConsultationView },
    }),
    async (request) => consultations.one(actorOf(request), request.params.id),
  );

  const ownQuestionAction = actionRoutes(app, operation, {
    path: '/api/consultations',
    params: ConsultationParams,
    view: ConsultationView,
    access: APPLICANTS,
  });

  ownQuestionAction('reply', {
    summary: 'Reply once to an answer I am not satisfied with; the question goes back to its official',
    body: ReplyBody,
    errors: [413],
    run: (actor, id, body) => consultations.reply(actor, id, body),
  });

  app.get(
    '/api/ratings',
    operation({
      access: APPLICANTS,
      summary: 'My rating of an answered question, a decided appeal or a submitted exam, and whether I may rate it',
      querystring: RatingQuery,
      response: { 200: RatingStanding },
      errors: [404],
    }),
    async (request) =>
      consultations.ratingStanding(actorOf(request), request.query.subjectType, request.query.subjectId),
  );

  app.post(
    '/api/ratings',
    operation({
      access: APPLICANTS,
      summary: 'Rate the service 1–5, once, with an optional comment that only staff read',
      body: RateBody,
      response: { 201: RatingView },
      errors: [404, 409, 413],
    }),
    async (request, reply) => reply.status(201).send(await consultations.rate(actorOf(request), request.body)),
  );

  app.get(
    '/api/admin/consultations',
    operation({
      summary: 'The queue: open questions oldest first (or answered ones newest first), by topic',
      querystring: QueueQuery,
      response: { 200: Queue },
    }),
    async (request) => consultations.queue(request.query),
  );

  app.get(
    '/api/admin/consultations/:id',
    operation({
      summary: 'A question with its asker, holder, thread and notes',
      params: ConsultationParams,
      response: { 200: StaffConsultationView },
    }),
    async (request) => consultations.staffOne(request.params.id),
  );

  const questionAction = actionRoutes(app, operation, {
    path: '/api/admin/consultations',
    params: ConsultationParams,
    view: StaffConsultationView,
  });

  questionAction('take', {
    summary: 'Take an open question: it then shows who holds it',
    run: (actor, id) => consultations.take(actor, id),
  });

  questionAction('answer', {
    summary: "Answer a question in the asker's language, signed with my name and role",
    body: AnswerBody,
    errors: [413],
    run: (actor, id, body) => consultations.answer(actor, id, body),
  });

  questionAction('pass', {
    summary: 'Pass a question on with a note: back to the queue, to another topic, or to a named official',
    body: PassBody,
    errors: [413],
    run: (actor, id, body) => consultations.pass(actor, id, body),
  });

  app.post(
    '/api/admin/faq',
    operation({
      summary: 'Publish an FAQ entry in az, ru and en (edited to remove anything personal)',
      body: FaqBody,
      response: { 201: FaqEntryView },
      errors: [413],
    }),
    async (request, reply) => reply.status(201).send(await consultations.publishFaq(actorOf(request), request.body)),
  );

  app.put(
    '/api/admin/faq/:id',
    operation({
      summary: 'Correct a published FAQ entry',
      params: FaqParams,
      body: FaqBody,
      response: { 200: FaqEntryView },
      errors: [413],
    }),
    async (request) => consultations.editFaq(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/admin/faq/:id/withdraw',
    operation({
      summary: 'Withdraw an FAQ entry from the public list',
      params: FaqParams,
      response: { 200: FaqEntryView },
    }),
    async (request) => consultations.withdrawFaq(actorOf(request), request.params.id),
  );

  app.get(
    '/api/admin/ratings',
    operation({
      summary: 'Ratings with their comments, newest first (staff only)',
      querystring: RatingsQuery,
      response: { 200: StaffRatings },
    }),
    async (request) => consultations.ratings(request.query.page ?? 1),
  );

  app.put(
    '/api/admin/consultation-topics/:topic',
    {
      config: { access: ADMINISTRATORS },
      schema: {
        tags,
        summary: "Set a topic's published response target, in working days",
        params: TopicParams,
        body: TopicTargetBody,
        response: {
          200: Type.Array(Type.Object({ topic: Type.String(), targetDays: Type.Integer() })),
          ...errors(400, 401, 403, 413),
        },
      },
    },
    async (request) => consultations.setTopicTarget(actorOf(request), request.params.topic, request.body.targetDays),
  );
};
