import { Type, type Static } from '@sinclair/typebox';
import { LanguageSchema, LocalisedSchema } from '../../schemas';
import { DifficultySchema, QuestionKeySchema, QuestionTypeSchema, Slug } from '../questions/questions.schemas';

export const BlueprintSectionSchema = Type.Object(
  {
    title: LocalisedSchema,
    subject: Slug,
    topics: Type.Array(Slug, { maxItems: 50 }),
    count: Type.Integer({ minimum: 1, maximum: 500 }),
    difficultyMix: Type.Optional(
      Type.Object(
        {
          easy: Type.Optional(Type.Integer({ minimum: 0, maximum: 500 })),
          medium: Type.Optional(Type.Integer({ minimum: 0, maximum: 500 })),
          hard: Type.Optional(Type.Integer({ minimum: 0, maximum: 500 })),
        },
        { additionalProperties: false },
      ),
    ),
    minCorrect: Type.Integer({ minimum: 0, maximum: 500 }),
    shuffleQuestions: Type.Boolean(),
    shuffleOptions: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const BlueprintBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 2_000 })),
    language: LanguageSchema,
    durationMinutes: Type.Integer({ minimum: 1, maximum: 600 }),
    passMark: Type.Integer({ minimum: 0, maximum: 100_000 }),
    scoring: Type.Object(
      {
        pointsPerItem: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
        negativeMarking: Type.Number({ minimum: 0, maximum: 100 }),
        annulled: Type.Union([Type.Literal('award-all'), Type.Literal('remove')]),
      },
      { additionalProperties: false },
    ),
    sections: Type.Array(BlueprintSectionSchema, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type BlueprintBody = Static<typeof BlueprintBody>;

export const BlueprintView = Type.Composite([
  Type.Omit(BlueprintBody, ['description']),
  Type.Object({
    id: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    revision: Type.Integer(),
    archived: Type.Boolean(),
    createdBy: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  }),
]);
export type BlueprintView = Static<typeof BlueprintView>;

export const BlueprintParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const BlueprintListQuery = Type.Object(
  { archived: Type.Boolean({ default: false }) },
  { additionalProperties: false },
);
export const ArchiveBody = Type.Object({ archived: Type.Boolean() }, { additionalProperties: false });

export const FeasibilityQuery = Type.Object(
  { languages: Type.Optional(Type.Array(LanguageSchema, { maxItems: 3 })) },
  { additionalProperties: false },
);

export const PreviewQuery = Type.Object(
  { seed: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);

export const PaperPreviewResponse = Type.Object({
  seed: Type.String(),
  language: LanguageSchema,
  sections: Type.Array(
    Type.Object({
      index: Type.Integer(),
      title: LocalisedSchema,
      items: Type.Array(
        Type.Object({
          questionId: Type.String(),
          versionId: Type.String(),
          version: Type.Integer(),
          difficulty: DifficultySchema,
          topic: Type.Union([Type.String(), Type.Null()]),
          type: QuestionTypeSchema,
          text: Type.String(),
          options: Type.Array(Type.Object({ id: Type.String(), text: Type.String() })),
          key: QuestionKeySchema,
        }),
      ),
    }),
  ),
});
export type PaperPreviewResponse = Static<typeof PaperPreviewResponse>;

export const FeasibilityResponse = Type.Object({
  ok: Type.Boolean({ description: 'Every requested language can be drawn' }),
  languages: Type.Array(
    Type.Object({
      language: LanguageSchema,
      ok: Type.Boolean(),
      sections: Type.Array(
        Type.Object({
          index: Type.Integer(),
          ok: Type.Boolean(),
          difficulties: Type.Array(
            Type.Object({
              difficulty: Type.Union([DifficultySchema, Type.Literal('any')]),
              required: Type.Integer(),
              available: Type.Integer(),
              shortBy: Type.Integer(),
            }),
          ),
        }),
      ),
    }),
  ),
});
export type FeasibilityResponse = Static<typeof FeasibilityResponse>;
