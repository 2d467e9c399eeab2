import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors } from '../../schemas';
import { APPLICANTS } from '../auth/access';
import { DocumentLanguageQuery, PdfResponse, sendPdf } from '../documents/pdf-route';
import { renderCertificatePdf } from './certificate-pdf';
import {
  CertificateCodeParams,
  CertificateListResponse,
  CertificateParams,
  CertificateVerification,
} from './certificates.schemas';
import type { CertificatesService } from './certificates.service';

/** `publicUrl` is the configured public address: a certificate's QR code never comes from the request's Host. */
export const certificatesRoutes: FastifyPluginAsyncTypebox<{
  certificates: CertificatesService;
  publicUrl: string;
}> = async (app, { certificates, publicUrl }) => {
  const tags = ['certificates'];

  app.get(
    '/api/certificates',
    {
      config: { access: APPLICANTS },
      schema: {
        tags,
        summary: 'My certificates, newest first',
        response: { 200: CertificateListResponse, ...errors(401, 403) },
      },
    },
    async (request) => certificates.listOwn(request.auth!.user.id),
  );

  app.get(
    '/api/certificates/:id/pdf',
    {
      config: { access: APPLICANTS },
      schema: {
        tags,
        summary: 'My certificate as a PDF, with a QR code of its public verification page',
        params: CertificateParams,
        querystring: DocumentLanguageQuery,
        response: { 200: PdfResponse, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const language = request.query.lang ?? 'az';
      const input = await certificates.pdf(request.auth!.user.id, request.params.id, language);
      const verifyUrl = `${publicUrl}/certificates/${input.code}`;
      const pdf = await renderCertificatePdf(input, language, verifyUrl);
      return sendPdf(reply, `imtahan-certificate-${input.code}.pdf`, pdf);
    },
  );

  app.get(
    '/api/certificates/verify/:code',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Check a certificate: genuine, valid, and the holder’s name (no other personal data)',
        params: CertificateCodeParams,
        response: { 200: CertificateVerification, ...errors(400, 404) },
      },
    },
    async (request, reply) => {
      // A revocation must show at once: no cache may keep an old answer.
      reply.header('cache-control', 'no-cache');
      return certificates.verify(request.params.code);
    },
  );
};
