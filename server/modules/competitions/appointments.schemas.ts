import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from '../../schemas';
import { Official } from './applications.schemas';
import { PanelRoleSchema } from './interviews.schemas';
import { PublicVacancy, RoundTerms } from './rounds.schemas';

const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const AppointmentBody = Type.Object({ applicationId: Uuid }, { additionalProperties: false });
export type AppointmentBody = Static<typeof AppointmentBody>;

const Terms = Type.Object(RoundTerms);

export const RankingEntry = Type.Object({
  rank: Type.Integer(),
  candidateCode: Type.String(),
  testScore: Type.Number(),
  interviewScore: Type.Number(),
  finalScore: Type.Number(),
  result: Type.Union([Type.Literal('appointed'), Type.Literal('to_appoint'), Type.Literal('reserve')]),
  /** The appointee's name only: public office is public; everyone else is a candidate code. */
  fullName: Nullable(Type.String()),
});

export const AppointmentView = Type.Object({
  rank: Type.Integer(),
  fullName: Type.String(),
  candidateCode: Type.String(),
  testScore: Type.Number(),
  interviewScore: Type.Number(),
  finalScore: Type.Number(),
  appointedAt: Timestamp,
  appointedBy: Official,
  logIndex: Type.Integer(),
  leafHash: Type.String(),
});

/** A vacancy as the public sees it, with its published ranking, reserve list and appointments. */
export const PublicVacancyDetail = Type.Object({
  vacancy: PublicVacancy,
  round: Terms,
  ranking: Nullable(Type.Array(RankingEntry)),
  reserve: Type.Array(
    Type.Object({
      position: Type.Integer(),
      rank: Type.Integer(),
      candidateCode: Type.String(),
      finalScore: Type.Number(),
    }),
  ),
  appointments: Type.Array(AppointmentView),
});
export type PublicVacancyDetail = Static<typeof PublicVacancyDetail>;

export const AdminVacancyDetail = Type.Object({
  vacancy: PublicVacancy,
  round: Terms,
  panel: Type.Array(
    Type.Object({
      userId: Type.String(),
      fullName: Type.String(),
      role: Official.properties.role,
      panelRole: PanelRoleSchema,
    }),
  ),
  applications: Type.Array(
    Type.Object({
      id: Type.String(),
      candidateCode: Type.String(),
      fullName: Type.String(),
      status: Type.Union([Type.Literal('active'), Type.Literal('withdrawn'), Type.Literal('absent')]),
      testScore: Type.Number(),
      slot: Nullable(Type.Object({ startsAt: Timestamp, location: Type.String() })),
      scores: Type.Array(
        Type.Object({
          memberId: Type.String(),
          fullName: Type.String(),
          total: Type.Number(),
          enteredAt: Timestamp,
          logIndex: Type.Integer(),
        }),
      ),
    }),
  ),
  ranking: Nullable(Type.Array(RankingEntry)),
  appointments: Type.Array(AppointmentView),
});
export type AdminVacancyDetail = Static<typeof AdminVacancyDetail>;
