import { Type, type Static } from '@sinclair/typebox';
import { RejectedImport } from '../../http/rejected-import';
import { LanguageSchema, LocalisedSchema } from '../../schemas';

/** Identifiers of subjects and topics: lower-case Latin letters, digits and hyphens. */
export const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' });

export const DifficultySchema = Type.Union([Type.Literal('easy'), Type.Literal('medium'), Type.Literal('hard')]);
export const QuestionTypeSchema = Type.Union([
  Type.Literal('single'),
  Type.Literal('multiple'),
  Type.Literal('short'),
  Type.Literal('essay'),
]);
export const QuestionStatusSchema = Type.Union([
  Type.Literal('draft'),
  Type.Literal('in_review'),
  Type.Literal('approved'),
  Type.Literal('retired'),
]);

const OptionSchema = Type.Object(
  { id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,16}$' }), text: LocalisedSchema },
  { additionalProperties: false },
);

export const QuestionKeySchema = Type.Union([
  Type.Object(
    {
      type: Type.Literal('single'),
      // Exactly one option, typed as a one-element tuple; a plain array in the schema, since a draft-07 tuple
      // (`items: […]`) is not JSON Schema 2020-12, which OpenAPI 3.1 documents are read as.
      correct: Type.Unsafe<[string]>(Type.Array(Type.String({ maxLength: 16 }), { minItems: 1, maxItems: 1 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('multiple'),
      correct: Type.Array(Type.String({ maxLength: 16 }), { minItems: 1, maxItems: 20 }),
      scoring: Type.Union([Type.Literal('all-or-nothing'), Type.Literal('partial')]),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('short'),
      accepted: Type.Array(LocalisedSchema, { minItems: 1, maxItems: 20 }),
      match: Type.Union([Type.Literal('exact'), Type.Literal('normalised')]),
    },
    { additionalProperties: false },
  ),
  // An essay's rubric; the bounds the bank enforces (ids, ascending levels…) are in validate-draft.ts.
  Type.Object(
    {
      type: Type.Literal('essay'),
      rubric: Type.Array(
        Type.Object(
          {
            id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$' }),
            title: LocalisedSchema,
            maxPoints: Type.Integer({ minimum: 1, maximum: 100 }),
            levels: Type.Array(
              Type.Object(
                { points: Type.Integer({ minimum: 0, maximum: 100 }), descriptor: LocalisedSchema },
                { additionalProperties: false },
              ),
              { maxItems: 10 },
            ),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 12 },
      ),
    },
    { additionalProperties: false },
  ),
]);

/** An essay's asked-for length in words. */
export const ExpectedLengthSchema = Type.Object(
  { minWords: Type.Integer({ minimum: 1, maximum: 5_000 }), maxWords: Type.Integer({ minimum: 1, maximum: 5_000 }) },
  { additionalProperties: false },
);

/** One version of a question, as an examiner writes it. */
export const QuestionDraftSchema = Type.Object(
  {
    externalId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    subject: Slug,
    topic: Type.Optional(Slug),
    difficulty: DifficultySchema,
    content: Type.Object(
      {
        type: QuestionTypeSchema,
        text: LocalisedSchema,
        options: Type.Array(OptionSchema, { maxItems: 12 }),
        expectedLength: Type.Optional(ExpectedLengthSchema),
      },
      { additionalProperties: false },
    ),
    key: QuestionKeySchema,
    explanation: LocalisedSchema,
    source: Type.Optional(Type.String({ maxLength: 500 })),
    tags: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 30 }),
  },
  { additionalProperties: false },
);

// Composite does not carry the parts' `additionalProperties: false` over, so it is stated again here.
export const EditQuestionBody = Type.Composite(
  [QuestionDraftSchema, Type.Object({ expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })) })],
  { additionalProperties: false },
);

export const QuestionParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const QuestionListQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    subject: Type.Optional(Slug),
    topic: Type.Optional(Slug),
    status: Type.Optional(QuestionStatusSchema),
    difficulty: Type.Optional(DifficultySchema),
    type: Type.Optional(QuestionTypeSchema),
    tag: Type.Optional(Type.String({ maxLength: 50 })),
    after: Type.Optional(Type.Integer({ minimum: 0 })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  },
  { additionalProperties: false },
);
export type QuestionListQuerySchema = Static<typeof QuestionListQuerySchema>;

/** A confirmed appeal ruling on one of the question's versions, linked to the commission's page of it. */
export const RulingRefSchema = Type.Object({
  versionId: Type.String(),
  version: Type.Integer(),
  kind: Type.Union([Type.Literal('annul'), Type.Literal('key')]),
  decisionId: Type.String(),
  at: Type.String({ format: 'date-time' }),
});
export type RulingRef = Static<typeof RulingRefSchema>;

export const QuestionSummarySchema = Type.Object({
  id: Type.String(),
  externalId: Type.Union([Type.String(), Type.Null()]),
  subject: Type.String(),
  topic: Type.Union([Type.String(), Type.Null()]),
  status: QuestionStatusSchema,
  currentVersion: Type.Integer(),
  approvedVersion: Type.Union([Type.Integer(), Type.Null()]),
  type: QuestionTypeSchema,
  difficulty: DifficultySchema,
  text: LocalisedSchema,
  tags: Type.Array(Type.String()),
  authorId: Type.String(),
  authorName: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
  /** The rulings on any of its versions, oldest first: an annulled version is never drawn again. */
  rulings: Type.Array(RulingRefSchema),
});

export const QuestionListResponse = Type.Object({
  items: Type.Array(QuestionSummarySchema),
  total: Type.Integer(),
  nextCursor: Type.Union([Type.Integer(), Type.Null()]),
});
export type QuestionListResponse = Static<typeof QuestionListResponse>;

export const VersionViewSchema = Type.Composite([
  QuestionDraftSchema,
  Type.Object({
    version: Type.Integer(),
    versionId: Type.String(),
    createdBy: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    usedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  }),
]);

export const QuestionDetailResponse = Type.Object({
  id: Type.String(),
  externalId: Type.Union([Type.String(), Type.Null()]),
  subject: Type.String(),
  topic: Type.Union([Type.String(), Type.Null()]),
  status: QuestionStatusSchema,
  authorId: Type.String(),
  authorName: Type.String(),
  currentVersion: Type.Integer(),
  approvedVersion: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  versions: Type.Array(Type.Composite([VersionViewSchema, Type.Object({ createdByName: Type.String() })])),
  rulings: Type.Array(RulingRefSchema),
  reviews: Type.Array(
    Type.Object({
      version: Type.Integer(),
      actorId: Type.String(),
      actorName: Type.String(),
      action: Type.String(),
      comment: Type.Union([Type.String(), Type.Null()]),
      at: Type.String({ format: 'date-time' }),
    }),
  ),
});
export type QuestionDetailResponse = Static<typeof QuestionDetailResponse>;

export const QuestionRefResponse = Type.Object({ id: Type.String(), version: Type.Integer() });

export const StatusResponse = Type.Object({ id: Type.String(), status: QuestionStatusSchema });

export const ReviewBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('request-changes')]),
    comment: Type.Optional(Type.String({ maxLength: 4_000 })),
  },
  { additionalProperties: false },
);
export const CommentBody = Type.Object(
  { comment: Type.String({ minLength: 1, maxLength: 4_000 }) },
  { additionalProperties: false },
);
export const RetireBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 1_000 }) },
  { additionalProperties: false },
);

export const PreviewQuery = Type.Object(
  { language: LanguageSchema, version: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);
export const CandidateViewSchema = Type.Object({
  type: QuestionTypeSchema,
  language: LanguageSchema,
  text: Type.String(),
  options: Type.Array(Type.Object({ id: Type.String(), text: Type.String() })),
});
export type CandidateViewSchema = Static<typeof CandidateViewSchema>;

export const FormatSchema = Type.Union([Type.Literal('moodle-xml'), Type.Literal('gift'), Type.Literal('csv')]);

/** Where the questions of one Moodle category path go, as the importer chose. */
export const CategoryChoiceSchema = Type.Object(
  {
    path: Type.String({ minLength: 1, maxLength: 1000 }),
    subject: Slug,
    topic: Type.Optional(Slug),
  },
  { additionalProperties: false },
);

export const ImportBody = Type.Object(
  {
    format: FormatSchema,
    content: Type.String({ minLength: 1, maxLength: 4 * 1024 * 1024 }),
    language: Type.Optional(
      Type.Union([Type.Literal('az'), Type.Literal('ru'), Type.Literal('en')], {
        description: 'The language of text the file does not mark (a plain Moodle, GIFT file); az by default',
      }),
    ),
    categories: Type.Optional(
      Type.Array(CategoryChoiceSchema, {
        maxItems: 1000,
        description: 'Subject and topic per Moodle category path; a path not listed is filed by its last name',
      }),
    ),
    update: Type.Optional(
      Type.Boolean({
        description: 'Give a question whose external id is already in the bank a new version (when changed)',
      }),
    ),
  },
  { additionalProperties: false },
);
export const ImportResponse = Type.Object({
  /** New questions. */
  imported: Type.Integer(),
  /** Existing questions given a new version, in draft for review. */
  updated: Type.Integer(),
  /** Existing questions the file repeats unchanged. */
  unchanged: Type.Integer(),
  ids: Type.Array(Type.String()),
});

const ImportProblemSchema = Type.Object({
  row: Type.Integer(),
  field: Type.String(),
  code: Type.String(),
  message: Type.String(),
});

/** What importing the file would do, without doing it. */
export const ImportCheckResponse = Type.Object({
  /** Whether the file would be accepted as it stands (no problems). */
  ok: Type.Boolean(),
  new: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  categories: Type.Array(
    Type.Object({
      path: Type.String(),
      questions: Type.Integer(),
      subject: Type.String(),
      topic: Type.Union([Type.String(), Type.Null()]),
      /** Whether the importer chose this filing (otherwise it is the default, by the path's last name). */
      chosen: Type.Boolean(),
    }),
  ),
  duplicates: Type.Array(
    Type.Object({
      row: Type.Integer(),
      language: Type.String(),
      questionId: Type.Optional(Type.String()),
      externalId: Type.Optional(Type.String()),
      sameAsRow: Type.Optional(Type.Integer()),
    }),
  ),
  problems: Type.Array(ImportProblemSchema),
});
export const ImportProblemsResponse = RejectedImport(ImportProblemSchema);

export const ExportQuery = Type.Object(
  { format: FormatSchema, subject: Type.Optional(Slug), status: Type.Optional(QuestionStatusSchema) },
  { additionalProperties: false },
);

export const TaxonomyResponse = Type.Array(
  Type.Object({
    id: Type.String(),
    name: LocalisedSchema,
    position: Type.Integer(),
    topics: Type.Array(
      Type.Object({ id: Type.String(), subjectId: Type.String(), name: LocalisedSchema, position: Type.Integer() }),
    ),
  }),
);
export type TaxonomyResponse = Static<typeof TaxonomyResponse>;

export const TopicBody = Type.Object({ id: Slug, name: LocalisedSchema }, { additionalProperties: false });
export const SubjectParams = Type.Object({ subjectId: Slug });
