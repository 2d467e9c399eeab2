import { Type, type Static } from '@sinclair/typebox';
import { LanguageSchema, LocalisedSchema, Uuid } from '../../schemas';
import { Official } from '../appeals/appeals.schemas';

const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const MarkingRuleSchema = Type.Union([
  Type.Literal('closest-pair'),
  Type.Literal('chief'),
  Type.Literal('mean-of-three'),
]);
const MarkerRoleSchema = Type.Union([Type.Literal('first'), Type.Literal('second'), Type.Literal('chief')]);
const ScriptStatusSchema = Type.Union([Type.Literal('marking'), Type.Literal('third'), Type.Literal('final')]);

export const SittingParams = Type.Object({ id: Uuid });
/** A script's anonymous code, e.g. `S-7K2Q9XHM`; any other code of capitals, digits and hyphens is simply not found. */
export const ScriptCode = Type.String({ pattern: '^[0-9A-Z-]{1,32}$' });
export const ScriptParams = Type.Object({ code: ScriptCode });
export const AttemptParams = Type.Object({ id: Uuid });

export const PlanBody = Type.Object(
  {
    /** The blind markers: at least two distinct examiners or administrators. */
    markerIds: Type.Array(Uuid, { minItems: 2, maxItems: 30 }),
    /** The third marker, who is none of the blind markers. */
    chiefId: Uuid,
    /** Totals differing by more than this many points go to the chief. */
    threshold: Type.Integer({ minimum: 0, maximum: 100 }),
    rule: MarkingRuleSchema,
  },
  { additionalProperties: false },
);
export type PlanBody = Static<typeof PlanBody>;

export const MarkBody = Type.Object(
  {
    criteria: Type.Array(
      Type.Object(
        {
          criterionId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$' }),
          points: Type.Integer({ minimum: 0, maximum: 100 }),
          justification: Type.String({ minLength: 3, maxLength: 1_000 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 12 },
    ),
  },
  { additionalProperties: false },
);
export type MarkBody = Static<typeof MarkBody>;

export const RubricView = Type.Array(
  Type.Object({
    id: Type.String(),
    title: LocalisedSchema,
    maxPoints: Type.Integer(),
    levels: Type.Array(Type.Object({ points: Type.Integer(), descriptor: LocalisedSchema })),
  }),
);

const CriterionMarkView = Type.Object({
  criterionId: Type.String(),
  points: Type.Integer(),
  justification: Type.String(),
});

const Person = Type.Object({ id: Type.String(), fullName: Type.String() });

/** A marker's list: codes and their own progress only. */
export const MarkerQueue = Type.Object({
  scripts: Type.Array(
    Type.Object({
      code: Type.String(),
      sittingCode: Type.String(),
      role: MarkerRoleSchema,
      maxPoints: Type.Integer(),
      /** The marker's own total once entered; never anyone else's. */
      myTotal: Nullable(Type.Integer()),
    }),
  ),
});
export type MarkerQueue = Static<typeof MarkerQueue>;

/** One script as its marker sees it: no name, no candidate code, no other marking. */
export const MarkerScript = Type.Object({
  code: Type.String(),
  sittingCode: Type.String(),
  role: MarkerRoleSchema,
  language: LanguageSchema,
  prompt: LocalisedSchema,
  expectedLength: Nullable(Type.Object({ minWords: Type.Integer(), maxWords: Type.Integer() })),
  rubric: RubricView,
  text: Type.String(),
  maxPoints: Type.Integer(),
  myMarking: Nullable(
    Type.Object({
      criteria: Type.Array(CriterionMarkView),
      total: Type.Integer(),
      logIndex: Type.Integer(),
      enteredAt: Timestamp,
    }),
  ),
});
export type MarkerScript = Static<typeof MarkerScript>;

export const MarkReceipt = Type.Object({
  code: Type.String(),
  role: MarkerRoleSchema,
  total: Type.Integer(),
  commitment: Type.String(),
  logIndex: Type.Integer(),
  enteredAt: Timestamp,
});
export type MarkReceipt = Static<typeof MarkReceipt>;

/** The administrator's view of a sitting's marking: scripts by code, progress, finals and agreement. */
export const PlanView = Type.Object({
  sittingId: Type.String(),
  sittingCode: Type.String(),
  plan: Nullable(
    Type.Object({
      threshold: Type.Integer(),
      rule: MarkingRuleSchema,
      chief: Person,
      markers: Type.Array(Person),
      logIndex: Type.Integer(),
      revealedAt: Nullable(Timestamp),
      createdAt: Timestamp,
    }),
  ),
  scripts: Type.Array(
    Type.Object({
      code: Type.String(),
      status: ScriptStatusSchema,
      maxPoints: Type.Integer(),
      markings: Type.Integer(),
      finalPoints: Nullable(Type.Number()),
      finalHow: Nullable(Type.String()),
    }),
  ),
  agreement: Type.Array(
    Type.Object({
      marker: Person,
      scripts: Type.Integer(),
      meanDifference: Nullable(Type.Number()),
      meanAbsoluteDifference: Nullable(Type.Number()),
      correlation: Nullable(Type.Number()),
      thirdMarkingRate: Nullable(Type.Number()),
    }),
  ),
  /** Scripts submitted after the plan and not yet handed to markers (the reveal waits for them). */
  late: Type.Integer(),
});
export type PlanView = Static<typeof PlanView>;

export const MarkingAppealOutcome = Type.Union([Type.Literal('upheld'), Type.Literal('rejected')]);

const CriterionPointsView = Type.Object({ criterionId: Type.String(), points: Type.Integer() });

/** A decision as the candidate reads it: what, why, and who answers for it (DESIGN rule 9). */
export const MarkingAppealDecisionView = Type.Object({
  outcome: MarkingAppealOutcome,
  reason: Type.String(),
  criteria: Nullable(Type.Array(CriterionPointsView)),
  previousPoints: Type.Number(),
  finalPoints: Type.Number(),
  decidedBy: Official,
  decidedAt: Timestamp,
  logIndex: Type.Integer(),
});

export const MarkingAppealView = Type.Object({
  scriptCode: Type.String(),
  reason: Type.String(),
  filedAt: Timestamp,
  decision: Nullable(MarkingAppealDecisionView),
});
export type MarkingAppealView = Static<typeof MarkingAppealView>;

/** The candidate's written work: their scripts, and after the reveal the markings with markers' names and roles. */
export const WrittenView = Type.Object({
  attemptId: Type.String(),
  sittingCode: Type.String(),
  language: LanguageSchema,
  revealed: Type.Boolean(),
  /** Until when the markings may be appealed: the sitting's appeal days from the reveal. */
  appealUntil: Nullable(Timestamp),
  appealOpen: Type.Boolean(),
  scripts: Type.Array(
    Type.Object({
      code: Type.String(),
      prompt: LocalisedSchema,
      text: Type.String(),
      maxPoints: Type.Integer(),
      /** `marking` until final; the candidate is not told of a third marking before the reveal. */
      status: Type.Union([Type.Literal('marking'), Type.Literal('final')]),
      finalPoints: Nullable(Type.Number()),
      rubric: Nullable(RubricView),
      markings: Type.Array(
        Type.Object({
          role: MarkerRoleSchema,
          markerName: Type.String(),
          criteria: Type.Array(CriterionMarkView),
          total: Type.Integer(),
          logIndex: Type.Integer(),
          enteredAt: Timestamp,
        }),
      ),
      /** The candidate's appeal against this script's marking, and its decision once made. */
      appeal: Nullable(MarkingAppealView),
    }),
  ),
});
export type WrittenView = Static<typeof WrittenView>;
