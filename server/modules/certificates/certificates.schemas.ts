import { Type, type Static } from '@sinclair/typebox';
import { LocalisedSchema, Uuid } from '../../schemas';

const Timestamp = Type.String({ format: 'date-time' });

export const CertificateParams = Type.Object({ id: Uuid });
/** A certificate code as printed, `CQ7H-4KXM-9TRW`; lower case is accepted as typed. */
export const CertificateCodeParams = Type.Object({
  code: Type.String({ pattern: '^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$' }),
});

const CertificateStatus = Type.Union([Type.Literal('valid'), Type.Literal('expired'), Type.Literal('revoked')], {
  description: 'revoked when a re-scoring turned the pass into a fail; expired after validUntil',
});

/** The holder's own certificate. */
export const CertificateView = Type.Object({
  id: Type.String(),
  code: Type.String(),
  sittingCode: Type.String(),
  categoryCode: Type.String(),
  categoryName: LocalisedSchema,
  /** Every subgroup it covers, its own first. */
  covers: Type.Array(Type.String()),
  issuedAt: Timestamp,
  validUntil: Timestamp,
  status: CertificateStatus,
  valid: Type.Boolean(),
  revokedAt: Type.Union([Timestamp, Type.Null()]),
  revokeReason: Type.Union([Type.String(), Type.Null()]),
  /** The log entry that published the certificate's current state. */
  logIndex: Type.Union([Type.Integer(), Type.Null()]),
  leafHash: Type.Union([Type.String(), Type.Null()]),
});
export type CertificateView = Static<typeof CertificateView>;

export const CertificateListResponse = Type.Array(CertificateView);

/** The public verification: genuine and valid or not, and the holder's name; no other personal data. */
export const CertificateVerification = Type.Object({
  code: Type.String(),
  fullName: Type.String(),
  categoryCode: Type.String(),
  categoryName: LocalisedSchema,
  covers: Type.Array(Type.String()),
  sittingCode: Type.String(),
  issuedAt: Timestamp,
  validUntil: Timestamp,
  status: CertificateStatus,
  valid: Type.Boolean(),
  revokedAt: Type.Union([Timestamp, Type.Null()]),
  logIndex: Type.Union([Type.Integer(), Type.Null()]),
  leafHash: Type.Union([Type.String(), Type.Null()]),
});
export type CertificateVerification = Static<typeof CertificateVerification>;
