import { Type, type Static } from '@sinclair/typebox';
import { LocalisedView } from './agencies.schemas';
import { PublicVacancy, RubricCriterionView } from './rounds.schemas';

const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const PanelRoleSchema = Type.Union([Type.Literal('chair'), Type.Literal('member')]);

export const PanelBody = Type.Object(
  {
    /** At least three staff accounts, exactly one of them the chair. */
    members: Type.Array(
      Type.Object(
        { userId: Type.String({ format: 'uuid' }), panelRole: PanelRoleSchema },
        { additionalProperties: false },
      ),
      { minItems: 3, maxItems: 15 },
    ),
  },
  { additionalProperties: false },
);
export type PanelBody = Static<typeof PanelBody>;

export const SlotBody = Type.Object(
  {
    startsAt: Timestamp,
    location: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type SlotBody = Static<typeof SlotBody>;

export const ScoreBody = Type.Object(
  {
    /** Points per rubric criterion key: every criterion of the round's rubric, and no other. */
    scores: Type.Record(
      Type.String({ pattern: '^[a-z][a-z0-9-]{0,31}$' }),
      Type.Integer({ minimum: 0, maximum: 100 }),
      {
        minProperties: 1,
        maxProperties: 12,
      },
    ),
  },
  { additionalProperties: false },
);
export type ScoreBody = Static<typeof ScoreBody>;

export const ScoreReceipt = Type.Object({
  applicationId: Type.String(),
  memberId: Type.String(),
  scores: Type.Record(Type.String(), Type.Number()),
  total: Type.Number(),
  commitment: Type.String(),
  logIndex: Type.Integer(),
  leafHash: Type.String(),
  enteredAt: Timestamp,
});
export type ScoreReceipt = Static<typeof ScoreReceipt>;

/** What a panel member sees of their panel: the candidates, and only their own scores. */
export const PanelAssignment = Type.Object({
  vacancy: PublicVacancy,
  panelRole: PanelRoleSchema,
  rubric: Type.Array(RubricCriterionView),
  roundTitle: LocalisedView,
  candidates: Type.Array(
    Type.Object({
      applicationId: Type.String(),
      candidateCode: Type.String(),
      fullName: Type.String(),
      status: Type.Union([Type.Literal('active'), Type.Literal('withdrawn'), Type.Literal('absent')]),
      slot: Nullable(Type.Object({ startsAt: Timestamp, location: Type.String() })),
      myScore: Nullable(ScoreReceipt),
      scoredBy: Type.Integer(),
      panelSize: Type.Integer(),
    }),
  ),
});
export const PanelAssignmentList = Type.Array(PanelAssignment);
export type PanelAssignment = Static<typeof PanelAssignment>;
