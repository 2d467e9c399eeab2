import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { LanguageSchema } from '../../schemas';

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
  return reply
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .type('application/pdf')
    .send(pdf);
}
