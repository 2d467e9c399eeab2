import type { FastifyReply } from 'fastify';

/** Sends a personal file (a printed document, an export) as a download that no cache keeps. */
export function sendDownload(reply: FastifyReply, filename: string, mediaType: string, content: unknown): FastifyReply {
  return reply
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .type(mediaType)
    .send(content);
}

/** Sends a personal CSV export (a buffer, a string or a stream) as a download that no cache keeps. */
export function sendCsv(reply: FastifyReply, filename: string, csv: unknown): FastifyReply {
  return sendDownload(reply, filename, 'text/csv; charset=utf-8', csv);
}
