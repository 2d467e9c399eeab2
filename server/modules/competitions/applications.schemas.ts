import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from '../../schemas';
import { PublicVacancy } from './rounds.schemas';

const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const APPLICATION_REFUSALS = [
  'application.not_open',
  'application.deadline_passed',
  'application.exists',
  'application.no_certificate',
  'application.limit',
] as const;
export type ApplicationRefusal = (typeof APPLICATION_REFUSALS)[number];

export const ApplicationParams = Type.Object({ id: Uuid });
export const ApplicationBody = Type.Object({ vacancyId: Uuid }, { additionalProperties: false });
export type ApplicationBody = Static<typeof ApplicationBody>;

export const Eligibility = Type.Object({
  eligible: Type.Boolean(),
  reason: Nullable(Type.Union(APPLICATION_REFUSALS.map((r) => Type.Literal(r)))),
  message: Type.String(),
  /** The certificate an application would rest on. */
  certificateCode: Nullable(Type.String()),
  /** How many applications the caller has in the round, and how many the round allows. */
  applied: Type.Integer(),
  limit: Type.Integer(),
});
export type Eligibility = Static<typeof Eligibility>;

/** An official who answers for a decision: their name and role, shown to the applicant. */
export const Official = Type.Object({
  fullName: Type.String(),
  role: Type.Union([Type.Literal('examiner'), Type.Literal('administrator')]),
});

export const ApplicantScore = Type.Object({
  member: Type.Object({
    fullName: Type.String(),
    role: Type.Union([Type.Literal('examiner'), Type.Literal('administrator')]),
    panelRole: Type.Union([Type.Literal('chair'), Type.Literal('member')]),
  }),
  scores: Type.Record(Type.String(), Type.Number()),
  total: Type.Number(),
  maxTotal: Type.Number(),
  enteredAt: Timestamp,
  commitment: Type.String(),
  logIndex: Type.Integer(),
  leafHash: Type.String(),
});

export const ApplicationOutcome = Type.Object({
  rank: Type.Integer(),
  testScore: Type.Number(),
  interviewScore: Type.Number(),
  finalScore: Type.Number(),
  /** `to_appoint`: ranked within the places, the appointment not yet recorded. */
  result: Type.Union([Type.Literal('appointed'), Type.Literal('to_appoint'), Type.Literal('reserve')]),
  /** 1 for the first on the reserve list. */
  reservePosition: Nullable(Type.Integer()),
  appointedAt: Nullable(Timestamp),
  appointedBy: Nullable(Official),
  rankingLogIndex: Nullable(Type.Integer()),
  appointmentLogIndex: Nullable(Type.Integer()),
});

export const ApplicationView = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('withdrawn'), Type.Literal('absent')]),
  candidateCode: Type.String(),
  certificateCode: Type.String(),
  createdAt: Timestamp,
  withdrawnAt: Nullable(Timestamp),
  canWithdraw: Type.Boolean(),
  /** The last moment to withdraw: the start of the interview's day in Baku; null before a slot is set. */
  withdrawUntil: Nullable(Timestamp),
  vacancy: PublicVacancy,
  slot: Nullable(Type.Object({ startsAt: Timestamp, location: Type.String() })),
  absentRecordedBy: Nullable(Official),
  scores: Type.Array(ApplicantScore),
  outcome: Nullable(ApplicationOutcome),
});
export type ApplicationView = Static<typeof ApplicationView>;
export const ApplicationListResponse = Type.Array(ApplicationView);
