import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from '../../schemas';

const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const StageKind = Type.Union([
  Type.Literal('test'),
  Type.Literal('written'),
  Type.Literal('interview'),
  Type.Literal('commission'),
]);
const Ties = Type.Union([Type.Literal('include'), Type.Literal('exclude')]);
const Top = Type.Object(
  {
    kind: Type.Union([Type.Literal('share'), Type.Literal('number')]),
    /** A whole percent (1–100) for a share; a number of candidates (1–100000) otherwise. */
    value: Type.Integer({ minimum: 1, maximum: 100_000 }),
  },
  { additionalProperties: false },
);

export const StageBody = Type.Object(
  {
    kind: StageKind,
    /** The blueprint whose sittings give the score: required for written work, optional for a test (null = the certificate). */
    blueprintId: Type.Optional(Nullable(Uuid)),
    weight: Type.Integer({ minimum: 0, maximum: 100 }),
    minScore: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 100 }))),
    top: Type.Optional(Nullable(Top)),
    ties: Ties,
  },
  { additionalProperties: false },
);
export type StageBody = Static<typeof StageBody>;

export const StagesBody = Type.Object(
  { stages: Type.Array(StageBody, { maxItems: 8 }) },
  { additionalProperties: false },
);
export type StagesBody = Static<typeof StagesBody>;

export const StageParams = Type.Object({ id: Uuid, position: Type.Integer({ minimum: 1, maximum: 8 }) });

export const StageView = Type.Object({
  position: Type.Integer(),
  kind: StageKind,
  blueprint: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  weight: Type.Integer(),
  minScore: Nullable(Type.Number()),
  top: Nullable(
    Type.Object({ kind: Type.Union([Type.Literal('share'), Type.Literal('number')]), value: Type.Integer() }),
  ),
  ties: Ties,
});
export type StageView = Static<typeof StageView>;

/** One published list: who of a vacancy's candidates went through a stage, with their stage scores. */
export const StageList = Type.Object({
  vacancyId: Type.String(),
  vacancyCode: Type.String(),
  position: Type.Integer(),
  kind: StageKind,
  advancedAt: Timestamp,
  /** How many candidates had a result at this stage (the base of a top share). */
  withResult: Type.Integer(),
  candidates: Type.Integer(),
  advanced: Type.Array(Type.Object({ candidateCode: Type.String(), score: Type.Number(), rank: Type.Integer() })),
  logIndex: Type.Integer(),
  leafHash: Type.String(),
});
export type StageList = Static<typeof StageList>;

export const RoundStages = Type.Object({
  roundId: Type.String(),
  roundCode: Type.String(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('announced')]),
  stages: Type.Array(StageView),
  lists: Type.Array(StageList),
});
export type RoundStages = Static<typeof RoundStages>;

const Reason = Type.Union([
  Type.Literal('passed'),
  Type.Literal('no_result'),
  Type.Literal('below_minimum'),
  Type.Literal('outside_top'),
  Type.Literal('tie_at_limit'),
]);

/** A stage of one vacancy for the administrator: the published results, or a preview of the gate. */
export const StagePreview = Type.Object({
  vacancy: Type.Object({ id: Type.String(), code: Type.String(), roundId: Type.String(), status: Type.String() }),
  stage: StageView,
  stageCount: Type.Integer(),
  /** `advanced`: published; `ready`: can be advanced now; `waiting`: an earlier stage or a score is missing. */
  state: Type.Union([Type.Literal('advanced'), Type.Literal('ready'), Type.Literal('waiting')]),
  /** Why a stage is waiting: the refusal code advancing would meet. */
  waitingFor: Nullable(Type.String()),
  /** Candidates still to be scored or marked at this stage (their codes). */
  missing: Type.Array(Type.String()),
  limit: Nullable(Type.Integer()),
  results: Type.Array(
    Type.Object({
      applicationId: Type.String(),
      candidateCode: Type.String(),
      fullName: Type.String(),
      score: Nullable(Type.Number()),
      rank: Nullable(Type.Integer()),
      advanced: Type.Boolean(),
      reason: Reason,
    }),
  ),
  advancedAt: Nullable(Timestamp),
  advancedBy: Nullable(Type.Object({ fullName: Type.String() })),
  logIndex: Nullable(Type.Integer()),
  leafHash: Nullable(Type.String()),
});
export type StagePreview = Static<typeof StagePreview>;

/** An applicant's own result at each stage of their application's round. */
export const ApplicationStages = Type.Array(
  Type.Object({
    position: Type.Integer(),
    kind: StageKind,
    status: Type.Union([Type.Literal('pending'), Type.Literal('advanced'), Type.Literal('not_advanced')]),
    score: Nullable(Type.Number()),
    rank: Nullable(Type.Integer()),
    reason: Nullable(Reason),
    minScore: Nullable(Type.Number()),
    publishedAt: Nullable(Timestamp),
    logIndex: Nullable(Type.Integer()),
  }),
);
export type ApplicationStages = Static<typeof ApplicationStages>;
