import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from '../../schemas';
import { LocalisedView, RequiredLocalised } from './agencies.schemas';

const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const RoundParams = Type.Object({ id: Uuid });
export const VacancyParams = Type.Object({ id: Uuid });

export const RubricCriterionBody = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z][a-z0-9-]{0,31}$' }),
    name: RequiredLocalised(200),
    maxPoints: Type.Integer({ minimum: 1, maximum: 100 }),
  },
  { additionalProperties: false },
);

export const RoundBody = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Za-z0-9-]{3,40}$' }),
    title: RequiredLocalised(300),
    /** Relative weights of the normalised test and interview scores; not both zero. */
    testWeight: Type.Integer({ minimum: 0, maximum: 100 }),
    interviewWeight: Type.Integer({ minimum: 0, maximum: 100 }),
    rubric: Type.Array(RubricCriterionBody, { minItems: 1, maxItems: 12 }),
    applicationLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
  },
  { additionalProperties: false },
);
export type RoundBody = Static<typeof RoundBody>;

export const VacancyBody = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Za-z0-9-]{3,40}$' }),
    agencyId: Uuid,
    position: RequiredLocalised(300),
    /** A subgroup, e.g. `AB`. */
    categoryCode: Type.String({ pattern: '^[A-Z]{1,4}$' }),
    places: Type.Integer({ minimum: 1, maximum: 1000 }),
    location: Type.String({ minLength: 1, maxLength: 200 }),
    requirements: RequiredLocalised(5000),
    interviewProgramme: RequiredLocalised(5000),
    applicationDeadline: Timestamp,
  },
  { additionalProperties: false },
);
export type VacancyBody = Static<typeof VacancyBody>;

export const RubricCriterionView = Type.Object({ key: Type.String(), name: LocalisedView, maxPoints: Type.Integer() });

const VacancyStatus = Type.Union([
  Type.Literal('draft'),
  Type.Literal('announced'),
  Type.Literal('ranked'),
  Type.Literal('appointed'),
  Type.Literal('closed'),
]);

/** A vacancy as anyone may read it once announced. */
export const PublicVacancy = Type.Object({
  id: Type.String(),
  code: Type.String(),
  roundId: Type.String(),
  roundCode: Type.String(),
  agency: Type.Object({ id: Type.String(), code: Type.String(), name: LocalisedView }),
  position: LocalisedView,
  categoryCode: Type.String(),
  places: Type.Integer(),
  location: Type.String(),
  requirements: LocalisedView,
  interviewProgramme: LocalisedView,
  applicationDeadline: Timestamp,
  status: VacancyStatus,
  announcedAt: Nullable(Timestamp),
  closedAt: Nullable(Timestamp),
  rankingPublishedAt: Nullable(Timestamp),
  logIndex: Nullable(Type.Integer()),
  leafHash: Nullable(Type.String()),
  rankingLogIndex: Nullable(Type.Integer()),
  rankingLeafHash: Nullable(Type.String()),
});
export type PublicVacancy = Static<typeof PublicVacancy>;

/** What a round sets for each of its vacancies: the weights of test and interview, the rubric, the application limit. */
export const RoundTerms = {
  id: Type.String(),
  code: Type.String(),
  title: LocalisedView,
  testWeight: Type.Integer(),
  interviewWeight: Type.Integer(),
  rubric: Type.Array(RubricCriterionView),
  applicationLimit: Type.Integer(),
};

/** The terms with the announcement's log receipt (null fields while a draft). */
const AnnouncedTerms = {
  ...RoundTerms,
  announcedAt: Nullable(Timestamp),
  logIndex: Nullable(Type.Integer()),
  leafHash: Nullable(Type.String()),
};

export const PublicRound = Type.Object({ ...AnnouncedTerms, vacancies: Type.Array(PublicVacancy) });
export type PublicRound = Static<typeof PublicRound>;
export const PublicRoundList = Type.Array(PublicRound);

export const AdminRound = Type.Object({
  ...AnnouncedTerms,
  status: Type.Union([Type.Literal('draft'), Type.Literal('announced')]),
  createdAt: Timestamp,
  announcedBy: Nullable(Type.Object({ id: Type.String(), fullName: Type.String() })),
  vacancies: Type.Array(PublicVacancy),
});
export type AdminRound = Static<typeof AdminRound>;
export const AdminRoundList = Type.Array(AdminRound);
