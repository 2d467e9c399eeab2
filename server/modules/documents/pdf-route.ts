import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static, type TObject } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { operations } from '../../http/operation';
import { LanguageSchema } from '../../schemas';
import type { Access } from '../auth/access';
import { sendDownload } from './download';

/** `?lang=az|ru|en`: the language a document is printed in; Azerbaijani when absent. */
export const DocumentLanguageQuery = Type.Object(
  { lang: Type.Optional(LanguageSchema) },
  { additionalProperties: false },
);

/** A PDF as the OpenAPI document describes it: its own media type, binary content. */
export const PdfResponse = Type.Unsafe<Buffer>({
  description: 'A tagged PDF',
  content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } },
});

/** Sends a personal document as a download that no cache keeps. */
export function sendPdf(reply: FastifyReply, filename: string, pdf: Buffer): FastifyReply {
  return sendDownload(reply, filename, 'application/pdf', pdf);
}

type App = Parameters<FastifyPluginAsyncTypebox>[0];
type DocumentLanguage = Static<typeof LanguageSchema>;

/**
 * `GET path?lang=`: a personal document (a ticket, a certificate, a room's roster, a pass list), printed by `print`
 * in the language asked for (Azerbaijani when absent) and sent by `sendPdf`.
 */
export function pdfRoute<P extends TObject>(
  app: App,
  operation: ReturnType<typeof operations>,
  route: {
    path: string;
    access?: Access;
    summary: string;
    params: P;
    /** Refusals beyond the implied ones (409: the document does not exist yet, or no longer). */
    errors?: readonly number[];
    print(
      request: FastifyRequest<{ Params: Static<P> }>,
      language: DocumentLanguage,
    ): Promise<{ filename: string; pdf: Buffer }>;
  },
): void {
  const { path, access, summary, params, errors, print } = route;
  app.get(
    path,
    operation({
      ...(access && { access }),
      summary,
      params,
      querystring: DocumentLanguageQuery,
      response: { 200: PdfResponse },
      ...(errors && { errors }),
    }),
    async (request, reply) => {
      const { filename, pdf } = await print(
        request as FastifyRequest<{ Params: Static<P> }>,
        request.query.lang ?? 'az',
      );
      return sendPdf(reply, filename, pdf);
    },
  );
}
