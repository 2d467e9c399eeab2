import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { operations } from '../../http/operation';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { negotiateEncoding } from '../../plugins/web-compress';
import { ADMINISTRATORS, APPLICANTS } from '../auth/access';
import { AttemptParams } from '../attempts/attempts.schemas';
import { actorOf } from '../../actor';
import { SittingParams } from '../sittings/sittings.schemas';
import {
  AdminResultsResponse,
  PublishedSittingList,
  ReleaseHoldBody,
  ResultsSittingParams,
  ReviewView,
  SittingResultsResponse,
} from './results.schemas';
import type { ResultsService, ServedPassList } from './results.service';

/** Whether an If-None-Match header names this entity tag (or any, `*`); a weak comparison, as RFC 9110 asks for it. */
function tagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

/**
 * The pass list as the service keeps it serialised (its JSON is the response schema's, built once per
 * version). The same for every reader, so a reverse proxy may keep it; `no-cache` makes the proxy (and a
 * browser) ask again each time with the tag, answered 304 after one small read, so nobody is shown a list
 * that a re-scoring replaced.
 */
function sendPassList(request: FastifyRequest, reply: FastifyReply, list: ServedPassList) {
  reply.header('etag', list.etag).header('cache-control', 'public, no-cache').header('vary', 'Accept-Encoding');
  if (tagMatches(request.headers['if-none-match'], list.etag)) return reply.code(304).send();
  const encoding = negotiateEncoding(request.headers['accept-encoding']);
  if (encoding) reply.header('content-encoding', encoding);
  return list.body(encoding).then((body) => reply.type('application/json; charset=utf-8').send(body));
}

export const resultsRoutes: FastifyPluginAsyncTypebox<{ results: ResultsService }> = async (app, { results }) => {
  const operation = operations({ tags: ['results'], access: ADMINISTRATORS });

  app.post(
    '/api/admin/sittings/:id/publish-results',
    operation({
      summary: 'Publish the results of a finished sitting through the log (audited)',
      params: SittingParams,
      response: { 200: AdminResultsResponse },
      errors: [409],
    }),
    async (request) => results.publish(actorOf(request), request.params.id),
  );

  app.post(
    '/api/admin/attempts/:id/release-hold',
    operation({
      summary:
        'Release an attempt held back because it could not be scored: its unfit answers cleared, scored and published (audited)',
      params: AttemptParams,
      body: ReleaseHoldBody,
      response: { 200: AdminResultsResponse },
      errors: [409],
    }),
    async (request) => results.releaseHold(actorOf(request), request.params.id, request.body.reason),
  );

  app.get(
    '/api/admin/sittings/:id/results',
    operation({
      summary: 'Every candidate of a sitting with name, status, result and rank, published or not',
      params: SittingParams,
      response: { 200: AdminResultsResponse },
    }),
    async (request) => results.adminResults(request.params.id),
  );

  app.get(
    '/api/results',
    operation({
      access: 'public',
      summary: 'Sittings with published results, newest first',
      response: { 200: PublishedSittingList },
    }),
    async () => results.list(),
  );

  app.get(
    '/api/results/:sittingId',
    operation({
      access: 'public',
      summary: 'A sitting’s pass list by candidate code and its statistics, with log receipts',
      params: ResultsSittingParams,
      response: { 200: SittingResultsResponse },
    }),
    async (request, reply) => sendPassList(request, reply, await results.passList(request.params.sittingId)),
  );

  app.get(
    '/api/attempts/:id/review',
    operation({
      access: APPLICANTS,
      summary: 'My own paper with my answers, the key in force and each outcome, during the appeal window only',
      params: AttemptParams,
      response: { 200: ReviewView },
      errors: [409],
      // For reading on screen only: no cache, no copy kept anywhere on the way.
      cache: 'no-store',
    }),
    async (request) => results.review(request.auth!.user.id, request.params.id),
  );
};
