import { Type, type TSchema } from '@sinclair/typebox';
import { FLAG_CODES } from '../../core/item-statistics/index';
import { LanguageSchema, LocalisedSchema, Uuid } from '../../schemas';

const Timestamp = Type.String({ format: 'date-time' });
const N = Type.Union([Type.Number(), Type.Null()]);
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const StatisticsSittingParams = Type.Object({ id: Uuid });
export const QuestionStatisticsParams = Type.Object({ questionId: Uuid });
export const ReliabilityParams = Type.Object({ sittingId: Uuid });
export const BlueprintStatisticsParams = Type.Object({ id: Uuid });

const StatusSchema = Type.Union([Type.Literal('ready'), Type.Literal('pending'), Type.Literal('stale')], {
  description:
    'ready: computed for the latest publication; stale: a republication awaits the background job; pending: not computed yet',
});

const TestSchema = {
  attempts: Type.Integer(),
  maxMark: Type.Number(),
  mean: N,
  median: N,
  sd: N,
  skewness: N,
  kurtosis: N,
  cic: N,
  cicLower: N,
  cicUpper: N,
  errorRatio: N,
  standardError: N,
};

const HistogramSchema = Type.Array(Type.Object({ from: Type.Number(), to: Type.Number(), count: Type.Integer() }));

const FlagSchema = Type.Object({
  code: Type.Union(FLAG_CODES.map((c) => Type.Literal(c))),
  option: Type.Optional(Type.String()),
  groups: Type.Optional(Type.String()),
});

export const ItemStatisticsSchema = Type.Object({
  item: Type.String(),
  section: Type.Integer(),
  annulled: Type.Boolean(),
  attempts: Type.Integer(),
  facility: N,
  sd: N,
  randomGuessScore: N,
  intendedWeight: Type.Number(),
  effectiveWeight: N,
  discriminationIndex: N,
  discriminativeEfficiency: N,
  upperFacility: N,
  lowerFacility: N,
  upperLowerDiscrimination: N,
  omitted: Type.Integer(),
  options: Type.Array(
    Type.Object({
      option: Type.String(),
      correct: Type.Boolean(),
      count: Type.Integer(),
      fraction: Type.Number(),
      upper: Type.Integer(),
      lower: Type.Integer(),
      pointBiserial: N,
    }),
  ),
  flags: Type.Array(FlagSchema),
});

export const AnalysisSchema = Type.Object({
  language: Nullable(LanguageSchema),
  sectionTitles: Type.Array(LocalisedSchema),
  labels: Type.Record(
    Type.String(),
    Type.Object({ questionId: Nullable(Type.String()), label: Type.String(), positions: Type.Array(Type.Integer()) }),
  ),
  test: Type.Object(TestSchema),
  sections: Type.Array(Type.Object({ section: Type.Integer(), slots: Type.Integer(), ...TestSchema })),
  items: Type.Array(ItemStatisticsSchema),
  dif: Type.Array(
    Type.Object({
      item: Type.String(),
      reference: Type.String(),
      focal: Type.String(),
      nReference: Type.Integer(),
      nFocal: Type.Integer(),
      alphaMH: N,
      dDif: N,
      se: N,
      chiSquare: N,
      p: N,
      class: Nullable(Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('C')])),
    }),
  ),
  positions: Type.Array(
    Type.Object({
      slot: Type.Integer(),
      section: Type.Integer(),
      variants: Type.Array(Type.Object({ item: Type.String(), attempts: Type.Integer(), facility: Type.Number() })),
      f: N,
      df1: Type.Integer(),
      df2: Type.Integer(),
      p: N,
    }),
  ),
  forms: Nullable(
    Type.Object({
      forms: Type.Array(Type.Object({ form: Type.String(), attempts: Type.Integer(), meanFacility: Type.Number() })),
      f: N,
      df1: Type.Integer(),
      df2: Type.Integer(),
      p: N,
    }),
  ),
  histogram: HistogramSchema,
});

export const SittingStatisticsView = Type.Object({
  sittingId: Type.String(),
  code: Type.String(),
  /** The latest publication revision of the sitting's results. */
  revision: Type.Integer(),
  status: StatusSchema,
  computedRevision: Nullable(Type.Integer()),
  computedAt: Nullable(Timestamp),
  logIndex: Type.Optional(Nullable(Type.Integer())),
  thresholds: Type.Record(Type.String(), Type.Number()),
  analysis: Nullable(AnalysisSchema),
});

export const StatisticsSittingList = Type.Array(
  Type.Object({
    sittingId: Type.String(),
    code: Type.String(),
    startsAt: Timestamp,
    revision: Type.Integer(),
    status: StatusSchema,
    computedAt: Nullable(Timestamp),
    attempts: Nullable(Type.Integer()),
  }),
);

export const PublicReliability = Type.Object({
  sittingId: Type.String(),
  code: Type.String(),
  revision: Type.Integer(),
  computedAt: Timestamp,
  attempts: Type.Integer(),
  maxMark: Type.Number(),
  /** Cronbach's α in percent, with Feldt's 95 % interval. */
  cic: N,
  cicLower: N,
  cicUpper: N,
  /** Standard error of measurement, in marks. */
  standardError: N,
  /** Candidates per 10-point band of the percentage score; 100 is in the last band. */
  histogram: HistogramSchema,
  /** Where the `sitting.statistics_published` entry sits in the transparency log. */
  logIndex: Nullable(Type.Integer()),
  leafHash: Nullable(Type.String()),
});

export const QuestionStatisticsView = Type.Object({
  questionId: Type.String(),
  /** One row per sitting and version of the question, newest sitting first. */
  sittings: Type.Array(
    Type.Object({
      sittingId: Type.String(),
      code: Type.String(),
      startsAt: Timestamp,
      computedAt: Timestamp,
      positions: Type.Array(Type.Integer()),
      item: ItemStatisticsSchema,
    }),
  ),
});

export const BlueprintStatisticsList = Type.Array(
  Type.Object({
    blueprintId: Type.String(),
    name: Type.String(),
    /** Published sittings of the blueprint. */
    sittings: Type.Integer(),
    status: StatusSchema,
    computedAt: Nullable(Timestamp),
    attempts: Nullable(Type.Integer()),
  }),
);

export const BlueprintStatisticsView = Type.Object({
  blueprintId: Type.String(),
  name: Type.String(),
  status: StatusSchema,
  computedAt: Nullable(Timestamp),
  /** The sittings analysed together: each one exam language and, for the forms comparison, one paper form. */
  sittings: Type.Array(
    Type.Object({
      sittingId: Type.String(),
      code: Type.String(),
      revision: Type.Integer(),
      language: Nullable(Type.String()),
      attempts: Type.Integer(),
    }),
  ),
  thresholds: Type.Record(Type.String(), Type.Number()),
  analysis: Nullable(AnalysisSchema),
});
