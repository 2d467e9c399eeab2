import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { LanguageSchema, LocalisedSchema, Uuid } from '../../schemas';
import { MAX_ESSAY_ANSWER } from '../../core/scoring';

const Timestamp = Type.String({ format: 'date-time' });

export const AttemptParams = Type.Object({ id: Uuid });

/**
 * An answer: chosen option ids, or typed text. One flat object rather than a union, so that a bad
 * answer is reported at the exact field (`answer.optionIds`, `answer.text`) instead of every branch.
 */
export const AnswerSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('choice'), Type.Literal('text')]),
    optionIds: Type.Optional(
      Type.Array(Type.String({ pattern: '^[A-Za-z0-9_-]{1,16}$' }), { maxItems: 20, uniqueItems: true }),
    ),
    /** An essay's limit; a short answer's lower one is checked against its item (answer-fit.ts). */
    text: Type.Optional(Type.String({ maxLength: MAX_ESSAY_ANSWER })),
  },
  { additionalProperties: false },
);

/** One autosave: the latest state of one item, numbered by the browser's per-item counter. */
export const SaveAnswerBody = Type.Object(
  {
    versionId: Uuid,
    seq: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
    /** null clears the answer. (One nullable object, not a union, so errors name the inner field.) */
    answer: Type.Unsafe<Static<typeof AnswerSchema> | null>({ ...AnswerSchema, type: ['object', 'null'] }),
    flagged: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type SaveAnswerBody = Static<typeof SaveAnswerBody>;

/**
 * Sent only after the write committed. `applied: false` means a newer write (`seq`) was already
 * stored, which acknowledges this one too: the browser may drop it.
 */
export const SaveAck = Type.Object({
  versionId: Type.String(),
  seq: Type.Integer(),
  applied: Type.Boolean(),
  savedAt: Timestamp,
  /** When not applied: what the server holds for the item, under the paper's labels, to show as a conflict. */
  stored: Type.Optional(Type.Object({ answer: Type.Union([AnswerSchema, Type.Null()]), flagged: Type.Boolean() })),
});

export const ExtendBody = Type.Object(
  {
    minutes: Type.Integer({ minimum: 1, maximum: 240 }),
    reason: Type.String({ minLength: 3, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export const AnnulBody = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 1_000 }) },
  { additionalProperties: false },
);

const AttemptStatus = Type.Union([
  Type.Literal('ready'),
  Type.Literal('started'),
  Type.Literal('submitted'),
  Type.Literal('annulled'),
]);

/** An item of a paper as its candidate sees it (see shownSections): its text and options in the exam language. */
export const ShownItemProperties = {
  versionId: Type.String(),
  /** 1-based position on this paper. */
  number: Type.Integer(),
  section: Type.Integer(),
  type: Type.Union([Type.Literal('single'), Type.Literal('multiple'), Type.Literal('short'), Type.Literal('essay')]),
  text: Type.String(),
  options: Type.Array(Type.Object({ id: Type.String(), text: Type.String() })),
};

/** A paper's sections as its candidate sees them, each item as the view shows it. */
export const ShownSections = <Item extends TSchema>(item: Item) =>
  Type.Array(Type.Object({ index: Type.Integer(), title: LocalisedSchema, items: Type.Array(item) }));

/** The candidate's own paper: texts and options in the exam language, never a key. */
export const AttemptItemView = Type.Object({
  ...ShownItemProperties,
  /** Essays only: the asked-for length, shown beside the word count. */
  expectedLength: Type.Optional(Type.Object({ minWords: Type.Integer(), maxWords: Type.Integer() })),
});

export const SavedAnswerView = Type.Object({
  versionId: Type.String(),
  answer: Type.Union([AnswerSchema, Type.Null()]),
  flagged: Type.Boolean(),
  seq: Type.Integer(),
});

export const AttemptView = Type.Object({
  id: Type.String(),
  status: AttemptStatus,
  sittingCode: Type.String(),
  candidateCode: Type.String(),
  language: LanguageSchema,
  /** The server's clock when this response was made, for the browser's offset. */
  serverNow: Timestamp,
  startedAt: Type.Union([Timestamp, Type.Null()]),
  deadline: Type.Union([Timestamp, Type.Null()]),
  /** Writes are accepted until the deadline plus this many seconds. */
  graceSeconds: Type.Integer(),
  sections: ShownSections(AttemptItemView),
  answers: Type.Array(SavedAnswerView),
});
export type AttemptView = Static<typeof AttemptView>;

/** Returned by start: the deadline is fixed and the paper may be fetched. */
export const StartResponse = Type.Object({
  attemptId: Type.String(),
  status: AttemptStatus,
  startedAt: Timestamp,
  deadline: Timestamp,
  serverNow: Timestamp,
});

/** The candidate's score at once: per section and total, pass or fail, and why. No item-level key. */
export const ResultView = Type.Object({
  attemptId: Type.String(),
  status: AttemptStatus,
  sittingCode: Type.String(),
  candidateCode: Type.String(),
  submittedAt: Type.Union([Timestamp, Type.Null()]),
  finalisedBy: Type.Union([Type.Literal('candidate'), Type.Literal('deadline'), Type.Null()]),
  annulReason: Type.Union([Type.String(), Type.Null()]),
  /** Finished, but held back unscored until an official releases it (see `scoringHold`): the score is null. */
  held: Type.Boolean(),
  /** Null for an annulled attempt, and for a held one until it is released. */
  score: Type.Union([
    Type.Object({
      points: Type.Number(),
      maxPoints: Type.Number(),
      passMark: Type.Number(),
      passed: Type.Boolean(),
      sections: Type.Array(
        Type.Object({
          index: Type.Integer(),
          title: LocalisedSchema,
          points: Type.Number(),
          maxPoints: Type.Number(),
          correct: Type.Integer(),
          wrong: Type.Integer(),
          unanswered: Type.Integer(),
          minCorrect: Type.Integer(),
          metMinimum: Type.Boolean(),
        }),
      ),
      failReasons: Type.Array(
        Type.Object({
          code: Type.Union([Type.Literal('section-minimum'), Type.Literal('pass-mark')]),
          section: Type.Optional(Type.Integer()),
        }),
      ),
      scoringVersion: Type.Integer(),
      inputDigest: Type.String(),
    }),
    Type.Null(),
  ]),
  /** The place among those who sat ("1224" ranking), once the results are published. */
  rank: Type.Union([Type.Object({ position: Type.Integer(), of: Type.Integer() }), Type.Null()]),
  published: Type.Boolean(),
  /** Set at publication: appeals and the paper review are open until then. */
  appealClosesAt: Type.Union([Timestamp, Type.Null()]),
  appealOpen: Type.Boolean(),
  /** The pass certificate, while it is valid. */
  certificateId: Type.Union([Type.String(), Type.Null()]),
  /** Essay items on the paper: not in `score`, marked blind by two examiners (GET /api/attempts/:id/written). */
  writtenItems: Type.Integer(),
});
export type ResultView = Static<typeof ResultView>;
