import { Type, type Static } from '@sinclair/typebox';
import { LanguageSchema, LocalisedSchema } from '../../schemas';
import { MarkingAppealDecisionView, MarkingAppealOutcome, RubricView, ScriptCode } from './marking.schemas';

const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
/** As long as an item appeal's reason (server/modules/appeals). */
const Reason = Type.String({ minLength: 10, maxLength: 4_000 });

/** The candidate's appeal against the marking of one of their scripts, named by its code. */
export const MarkingAppealBody = Type.Object(
  { scriptCode: ScriptCode, reason: Reason },
  { additionalProperties: false },
);
export type MarkingAppealBody = Static<typeof MarkingAppealBody>;

/** Upheld with a new mark for every rubric criterion, or rejected; a reason either way. */
export const MarkingAppealDecisionBody = Type.Object(
  {
    outcome: MarkingAppealOutcome,
    reason: Reason,
    criteria: Type.Optional(
      Type.Array(
        Type.Object(
          {
            criterionId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$' }),
            points: Type.Integer({ minimum: 0, maximum: 100 }),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 12 },
      ),
    ),
  },
  { additionalProperties: false },
);
export type MarkingAppealDecisionBody = Static<typeof MarkingAppealDecisionBody>;

/** The appeals a staff member may decide: scripts they marked none of, by code only. */
export const MarkingAppealQueue = Type.Object({
  appeals: Type.Array(
    Type.Object({
      code: Type.String(),
      sittingCode: Type.String(),
      maxPoints: Type.Integer(),
      filedAt: Timestamp,
      outcome: Nullable(MarkingAppealOutcome),
      decidedAt: Nullable(Timestamp),
    }),
  ),
});
export type MarkingAppealQueue = Static<typeof MarkingAppealQueue>;

/**
 * An appealed script as its decider sees it: the task, the rubric, the text, the markings by role (no marker's
 * name) and the candidate's reason; never the candidate's name, code or attempt.
 */
export const MarkingAppealCase = Type.Object({
  code: Type.String(),
  sittingCode: Type.String(),
  language: LanguageSchema,
  prompt: LocalisedSchema,
  rubric: RubricView,
  text: Type.String(),
  maxPoints: Type.Integer(),
  finalPoints: Type.Number(),
  finalHow: Nullable(Type.String()),
  markings: Type.Array(
    Type.Object({
      role: Type.Union([Type.Literal('first'), Type.Literal('second'), Type.Literal('chief')]),
      criteria: Type.Array(
        Type.Object({ criterionId: Type.String(), points: Type.Integer(), justification: Type.String() }),
      ),
      total: Type.Integer(),
    }),
  ),
  appeal: Type.Object({
    reason: Type.String(),
    filedAt: Timestamp,
    decision: Nullable(Type.Composite([Type.Object({ decidedByMe: Type.Boolean() }), MarkingAppealDecisionView])),
  }),
});
export type MarkingAppealCase = Static<typeof MarkingAppealCase>;
