import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { LanguageSchema, LocalisedSchema, Uuid } from '../../schemas';
import { AnswerSchema, ShownItemProperties, ShownSections } from '../attempts/attempts.schemas';

const Timestamp = Type.String({ format: 'date-time' });

export const ResultsSittingParams = Type.Object({ sittingId: Uuid });

/** Why the administrator releases a held attempt: kept in the audit log. */
export const ReleaseHoldBody = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 1_000 }) },
  { additionalProperties: false },
);

/** What DİM publishes with a pass list. */
export const SittingStatisticsSchema = Type.Object({
  registered: Type.Integer(),
  absent: Type.Integer(),
  annulled: Type.Integer(),
  sat: Type.Integer(),
  /** Finished but held back, unscored, until an administrator releases them; absent when none. */
  held: Type.Optional(Type.Integer()),
  /** Started and not yet finalised: still writing, never absent; present only before publication. */
  writing: Type.Optional(Type.Integer()),
  passed: Type.Integer(),
  /** How many who sat scored each total, lowest first. */
  distribution: Type.Array(Type.Object({ points: Type.Number(), count: Type.Integer() })),
});

export const PublishedSittingList = Type.Array(
  Type.Object({
    sittingId: Type.String(),
    code: Type.String(),
    categoryCode: Type.String(),
    categoryName: LocalisedSchema,
    startsAt: Timestamp,
    /** The first publication. */
    publishedAt: Timestamp,
    /** 1, then one more per republication after a re-scoring. */
    revision: Type.Integer(),
    revisedAt: Timestamp,
    registered: Type.Integer(),
    sat: Type.Integer(),
    passed: Type.Integer(),
  }),
);
export type PublishedSittingList = Static<typeof PublishedSittingList>;

/** The public pass list: candidate codes only, never a name or national ID; each row with its log receipt. */
export const SittingResultsResponse = Type.Object({
  sitting: Type.Object({
    id: Type.String(),
    code: Type.String(),
    category: Type.String(),
    categoryName: LocalisedSchema,
    startsAt: Timestamp,
  }),
  publishedAt: Timestamp,
  revision: Type.Integer(),
  revisedAt: Timestamp,
  appealClosesAt: Timestamp,
  statistics: SittingStatisticsSchema,
  /** The `sitting.results_published` entry of the latest revision. */
  logIndex: Type.Integer(),
  leafHash: Type.String(),
  results: Type.Array(
    Type.Object({
      candidateCode: Type.String(),
      points: Type.Number(),
      maxPoints: Type.Number(),
      passed: Type.Boolean(),
      /** Competition ranking ("1224") by points. */
      rank: Type.Integer(),
      /** The `result.published` entry this row shows. */
      logIndex: Type.Integer(),
      leafHash: Type.String(),
    }),
  ),
});
export type SittingResultsResponse = Static<typeof SittingResultsResponse>;

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const AdminResultsResponse = Type.Object({
  sittingId: Type.String(),
  code: Type.String(),
  publishedAt: Nullable(Timestamp),
  revision: Nullable(Type.Integer()),
  appealClosesAt: Nullable(Timestamp),
  /** As they stand now, published or not. */
  statistics: SittingStatisticsSchema,
  results: Type.Array(
    Type.Object({
      attemptId: Type.String(),
      candidateCode: Type.String(),
      fullName: Type.String(),
      status: Type.Union([
        Type.Literal('ready'),
        Type.Literal('started'),
        Type.Literal('submitted'),
        Type.Literal('annulled'),
      ]),
      points: Nullable(Type.Number()),
      maxPoints: Nullable(Type.Number()),
      passed: Nullable(Type.Boolean()),
      rank: Nullable(Type.Integer()),
      /** The log entry of the result as last published; null before publication. */
      logIndex: Nullable(Type.Integer()),
    }),
  ),
  /**
   * Attempts that closed but could not be scored, by name, with why: held back from publication (and
   * from each republication) until an administrator releases them. The others are never held up.
   */
  held: Type.Array(
    Type.Object({
      attemptId: Type.String(),
      candidateCode: Type.String(),
      fullName: Type.String(),
      heldAt: Timestamp,
      problems: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
    }),
  ),
});
export type AdminResultsResponse = Static<typeof AdminResultsResponse>;

/**
 * The candidate's own paper in review, during the appeal window only: their answers, the key in force
 * (the right option ids, or the accepted short answers in the exam language) and each item's outcome.
 */
export const ReviewView = Type.Object({
  attemptId: Type.String(),
  sittingCode: Type.String(),
  candidateCode: Type.String(),
  language: LanguageSchema,
  appealClosesAt: Timestamp,
  points: Type.Number(),
  maxPoints: Type.Number(),
  sections: ShownSections(
    Type.Object({
      ...ShownItemProperties,
      answer: Type.Union([AnswerSchema, Type.Null()]),
      key: Type.Object({
        type: Type.Union([
          Type.Literal('single'),
          Type.Literal('multiple'),
          Type.Literal('short'),
          Type.Literal('essay'),
        ]),
        optionIds: Type.Array(Type.String()),
        accepted: Type.Array(Type.String()),
      }),
      /** Annulled by an upheld appeal. */
      annulled: Type.Boolean(),
      outcome: Type.Union([
        Type.Literal('correct'),
        Type.Literal('partial'),
        Type.Literal('wrong'),
        Type.Literal('unanswered'),
        Type.Literal('annulled'),
        Type.Literal('pending'),
      ]),
      points: Type.Number(),
      maxPoints: Type.Number(),
    }),
  ),
});
export type ReviewView = Static<typeof ReviewView>;
