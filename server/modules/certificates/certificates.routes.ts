import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { operations } from '../../http/operation';
import { APPLICANTS } from '../auth/access';
import { pdfRoute } from '../documents/pdf-route';
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
  const operation = operations({ tags: ['certificates'], access: APPLICANTS });

  app.get(
    '/api/certificates',
    operation({
      summary: 'My certificates, newest first',
      response: { 200: CertificateListResponse },
    }),
    async (request) => certificates.listOwn(request.auth!.user.id),
  );

  pdfRoute(app, operation, {
    path: '/api/certificates/:id/pdf',
    summary: 'My certificate as a PDF, with a QR code of its public verification page',
    params: CertificateParams,
    errors: [409],
    print: async (request, language) => {
      const input = await certificates.pdf(request.auth!.user.id, request.params.id, language);
      const verifyUrl = `${publicUrl}/certificates/${input.code}`;
      const pdf = await renderCertificatePdf(input, language, verifyUrl);
      return { filename: `imtahan-certificate-${input.code}.pdf`, pdf };
    },
  });

  app.get(
    '/api/certificates/verify/:code',
    operation({
      access: 'public',
      summary: 'Check a certificate: genuine, valid, and the holder’s name (no other personal data)',
      params: CertificateCodeParams,
      response: { 200: CertificateVerification },
    }),
    async (request, reply) => {
      // A revocation must show at once: no cache may keep an old answer.
      reply.header('cache-control', 'no-cache');
      return certificates.verify(request.params.code);
    },
  );
};
