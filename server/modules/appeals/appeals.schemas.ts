import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { LocalisedSchema, Uuid } from '../../schemas';
import { QuestionKeySchema, QuestionTypeSchema } from '../questions/questions.schemas';

const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const AttemptAppealParams = Type.Object({ id: Uuid });
export const VersionParams = Type.Object({ versionId: Uuid });
export const DecisionParams = Type.Object({ id: Uuid });
export const JobParams = Type.Object({ id: Uuid });

/** A candidate's appeal against one item of their own paper. */
export const FileAppealBody = Type.Object(
  {
    versionId: Uuid,
    reason: Type.String({ minLength: 10, maxLength: 4_000 }),
  },
  { additionalProperties: false },
);
export type FileAppealBody = Static<typeof FileAppealBody>;

export const DecisionOutcomeSchema = Type.Union([
  Type.Literal('reject'),
  Type.Literal('annul'),
  Type.Literal('accept-answer'),
  Type.Literal('correct-key'),
]);

/**
 * The commission's decision on every pending appeal against one version. `key` is the key in force
 * afterwards, given for accept-answer (a short-answer key accepting at least one more answer) and
 * correct-key (a key of the item's own type), and only then.
 */
export const DecisionBody = Type.Object(
  {
    outcome: DecisionOutcomeSchema,
    reason: Type.String({ minLength: 10, maxLength: 4_000 }),
    key: Type.Optional(QuestionKeySchema),
  },
  { additionalProperties: false },
);
export type DecisionBody = Static<typeof DecisionBody>;

export const QueueQuery = Type.Object(
  { status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('decided')])) },
  { additionalProperties: false },
);

const Role = Type.Union([
  Type.Literal('applicant'),
  Type.Literal('examiner'),
  Type.Literal('administrator'),
  Type.Literal('invigilator'),
]);
/** The official who answers for a decision (DESIGN.md rule 9). */
export const Official = Type.Object({ name: Type.String(), role: Role });

const AppealStatus = Type.Union([Type.Literal('pending'), Type.Literal('rejected'), Type.Literal('upheld')]);
const DecisionStatus = Type.Union([
  Type.Literal('awaiting-confirmation'),
  Type.Literal('final'),
  Type.Literal('withdrawn'),
  Type.Literal('declined'),
]);

/** A second examiner declining an upheld decision, or its decider withdrawing it: always with a reason. */
export const CloseDecisionBody = Type.Object(
  { reason: Type.String({ minLength: 10, maxLength: 4_000 }) },
  { additionalProperties: false },
);
export type CloseDecisionBody = Static<typeof CloseDecisionBody>;

/** The written decision as an appellant receives it: no key, only what was decided, why and by whom. */
export const AppellantDecision = Type.Object({
  outcome: DecisionOutcomeSchema,
  reason: Type.String(),
  decidedBy: Official,
  decidedAt: Timestamp,
  confirmedBy: Nullable(Official),
  confirmedAt: Nullable(Timestamp),
});

export const AppealView = Type.Object({
  id: Type.String(),
  attemptId: Type.String(),
  sittingCode: Type.String(),
  versionId: Type.String(),
  /** The item's 1-based position on this candidate's paper. */
  number: Type.Integer(),
  reason: Type.String(),
  status: AppealStatus,
  createdAt: Timestamp,
  /** Present once the decision is final; an upheld one only after the second examiner confirmed it. */
  decision: Nullable(AppellantDecision),
});
export type AppealView = Static<typeof AppealView>;
export const AppealListResponse = Type.Array(AppealView);

/** A decision as examiners see it, with the key it puts in force. */
export const DecisionView = Type.Object({
  id: Type.String(),
  versionId: Type.String(),
  outcome: DecisionOutcomeSchema,
  reason: Type.String(),
  key: Nullable(QuestionKeySchema),
  status: DecisionStatus,
  decidedBy: Type.Composite([Type.Object({ id: Type.String() }), Official]),
  decidedAt: Timestamp,
  confirmedBy: Nullable(Type.Composite([Type.Object({ id: Type.String() }), Official])),
  confirmedAt: Nullable(Timestamp),
  /** Who declined (a second examiner) or withdrew (the decider) it, when and why. */
  closedBy: Nullable(Type.Composite([Type.Object({ id: Type.String() }), Official])),
  closedAt: Nullable(Timestamp),
  closeReason: Nullable(Type.String()),
  /** The re-scoring the confirmation queued (upheld decisions only). */
  rescoringJobId: Nullable(Type.String()),
});
export type DecisionView = Static<typeof DecisionView>;

export const QueueAppeal = Type.Object({
  id: Type.String(),
  candidateCode: Type.String(),
  sittingCode: Type.String(),
  /** The item's position on that candidate's paper, which differs between variants. */
  number: Type.Integer(),
  reason: Type.String(),
  status: AppealStatus,
  createdAt: Timestamp,
});

/** Every appeal against one question version together, with the item and the key in force. */
export const QueueGroup = Type.Object({
  versionId: Type.String(),
  questionId: Type.String(),
  type: QuestionTypeSchema,
  text: LocalisedSchema,
  options: Type.Array(Type.Object({ id: Type.String(), text: LocalisedSchema })),
  key: QuestionKeySchema,
  appeals: Type.Array(QueueAppeal),
  /** pending: the decision awaiting confirmation, if any; decided: the final decision. */
  decision: Nullable(DecisionView),
});
export type QueueGroup = Static<typeof QueueGroup>;
export const QueueResponse = Type.Array(QueueGroup);

/** A ruling made on a version: what it did, under which log entry. */
export const RulingView = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('annul'), Type.Literal('key')]),
  key: Nullable(QuestionKeySchema),
  decisionId: Type.String(),
  logIndex: Nullable(Type.Integer()),
  createdAt: Timestamp,
});

/**
 * The commission's page of one question version: the item with the key in force, every appeal
 * against it, every decision (the one awaiting a second examiner first, if any) and the rulings.
 */
export const VersionRecord = Type.Object({
  versionId: Type.String(),
  questionId: Type.String(),
  version: Type.Integer(),
  type: QuestionTypeSchema,
  text: LocalisedSchema,
  options: Type.Array(Type.Object({ id: Type.String(), text: LocalisedSchema })),
  key: QuestionKeySchema,
  appeals: Type.Array(QueueAppeal),
  /** Newest first. */
  decisions: Type.Array(DecisionView),
  rulings: Type.Array(RulingView),
});
export type VersionRecord = Static<typeof VersionRecord>;

const RescoringStatus = Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done')]);

export const RescoringJobView = Type.Object({
  id: Type.String(),
  rulingId: Type.String(),
  versionId: Type.String(),
  kind: Type.Union([Type.Literal('annul'), Type.Literal('key')]),
  status: RescoringStatus,
  total: Type.Integer(),
  processed: Type.Integer(),
  /** Attempts whose points or pass changed so far. */
  changed: Type.Integer(),
  createdAt: Timestamp,
  startedAt: Nullable(Timestamp),
  finishedAt: Nullable(Timestamp),
});
export type RescoringJobView = Static<typeof RescoringJobView>;
export const RescoringJobListResponse = Type.Array(RescoringJobView);

export const RescoringChangeView = Type.Object({
  attemptId: Type.String(),
  sittingCode: Type.String(),
  candidateCode: Type.String(),
  fullName: Type.String(),
  pointsBefore: Type.Number(),
  pointsAfter: Type.Number(),
  passedBefore: Type.Boolean(),
  passedAfter: Type.Boolean(),
});

export const RescoringJobDetail = Type.Composite([
  RescoringJobView,
  Type.Object({ changes: Type.Array(RescoringChangeView) }),
]);
export type RescoringJobDetail = Static<typeof RescoringJobDetail>;
