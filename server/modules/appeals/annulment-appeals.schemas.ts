import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Uuid } from '../../schemas';
import { Official } from './appeals.schemas';

const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const AnnulmentAttemptParams = Type.Object({ id: Uuid });
export const AnnulmentAppealParams = Type.Object({ id: Uuid });

/** A candidate's appeal against the annulment of their own attempt. */
export const FileAnnulmentAppealBody = Type.Object(
  { reason: Type.String({ minLength: 10, maxLength: 4_000 }) },
  { additionalProperties: false },
);
export type FileAnnulmentAppealBody = Static<typeof FileAnnulmentAppealBody>;

/** An administrator's decision: uphold (the attempt is reinstated and scored) or reject, with the reason. */
export const AnnulmentDecisionBody = Type.Object(
  {
    outcome: Type.Union([Type.Literal('uphold'), Type.Literal('reject')]),
    reason: Type.String({ minLength: 10, maxLength: 4_000 }),
  },
  { additionalProperties: false },
);
export type AnnulmentDecisionBody = Static<typeof AnnulmentDecisionBody>;

export const AnnulmentQueueQuery = Type.Object(
  { status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('decided')])) },
  { additionalProperties: false },
);

const Status = Type.Union([Type.Literal('pending'), Type.Literal('upheld'), Type.Literal('rejected')]);

/** An annulment appeal as its candidate reads it: the annulment, their reason, and the decision with its official. */
export const AnnulmentAppealView = Type.Object({
  id: Type.String(),
  attemptId: Type.String(),
  sittingCode: Type.String(),
  annulledAt: Timestamp,
  annulReason: Nullable(Type.String()),
  annulledBy: Nullable(Official),
  reason: Type.String(),
  status: Status,
  createdAt: Timestamp,
  decision: Nullable(
    Type.Object({
      outcome: Type.Union([Type.Literal('uphold'), Type.Literal('reject')]),
      reason: Type.String(),
      decidedBy: Official,
      decidedAt: Timestamp,
    }),
  ),
});
export type AnnulmentAppealView = Static<typeof AnnulmentAppealView>;

/** The same, as administrators read it: whose attempt, in which sitting, and who annulled it (by id too). */
export const AnnulmentAppealStaffView = Type.Composite([
  AnnulmentAppealView,
  Type.Object({
    sittingId: Type.String(),
    candidateCode: Type.String(),
    fullName: Type.String(),
    annulledById: Nullable(Type.String()),
  }),
]);
export type AnnulmentAppealStaffView = Static<typeof AnnulmentAppealStaffView>;
export const AnnulmentAppealQueue = Type.Array(AnnulmentAppealStaffView);

/**
 * Where a candidate's attempt stands on annulment: the annulment in force (if any), until when it may
 * be appealed, whether it may be now, and the appeals made (newest first).
 */
export const AnnulmentStanding = Type.Object({
  attemptId: Type.String(),
  sittingCode: Type.String(),
  annulment: Nullable(Type.Object({ at: Timestamp, reason: Nullable(Type.String()), by: Nullable(Official) })),
  appealUntil: Nullable(Timestamp),
  canAppeal: Type.Boolean(),
  appeals: Type.Array(AnnulmentAppealView),
});
export type AnnulmentStanding = Static<typeof AnnulmentStanding>;
