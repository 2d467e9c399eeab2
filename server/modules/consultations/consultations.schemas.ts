import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { LanguageSchema, NumberedPage, Uuid } from '../../schemas';
import { Official } from '../appeals/appeals.schemas';

const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Topic = Type.Union(
  [
    Type.Literal('registration'),
    Type.Literal('booking'),
    Type.Literal('exam'),
    Type.Literal('results'),
    Type.Literal('certificates'),
    Type.Literal('vacancies'),
    Type.Literal('technical'),
    Type.Literal('other'),
  ],
  { description: 'What the question is about: each topic has its own queue and response target.' },
);
const RelatedType = Type.Union([
  Type.Literal('booking'),
  Type.Literal('attempt'),
  Type.Literal('appeal'),
  Type.Literal('application'),
]);
const RatedSubject = Type.Union([Type.Literal('consultation'), Type.Literal('appeal'), Type.Literal('attempt')]);
const Status = Type.Union([Type.Literal('open'), Type.Literal('answered')]);
const Page = Type.Integer({ minimum: 1, maximum: 10_000 });

export const SUBJECT_MAX = 200;
export const MESSAGE_MAX = 4_000;

export const ConsultationParams = Type.Object({ id: Uuid });
export const FaqParams = Type.Object({ id: Uuid });
export const TopicParams = Type.Object({ topic: Topic });

/** A question: a signed-in applicant asks as themselves; an anonymous visitor leaves an e-mail address. */
export const AskBody = Type.Object(
  {
    topic: Topic,
    language: LanguageSchema,
    subject: Type.String({ minLength: 3, maxLength: SUBJECT_MAX }),
    question: Type.String({ minLength: 10, maxLength: MESSAGE_MAX }),
    /** Where an anonymous asker wants the answer; ignored for a signed-in applicant (their account's address). */
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    /** One of the signed-in asker's own bookings, attempts, appeals or applications. */
    related: Type.Optional(Type.Object({ type: RelatedType, id: Uuid }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type AskBody = Static<typeof AskBody>;

export const AskResult = Type.Object({
  id: Type.String(),
  /** By when the centre promises a first answer. */
  targetAt: Timestamp,
  /** Whether the answer will be in the account (true) or only by e-mail (false). */
  inAccount: Type.Boolean(),
});

export const ReplyBody = Type.Object(
  { body: Type.String({ minLength: 10, maxLength: MESSAGE_MAX }) },
  { additionalProperties: false },
);
export const AnswerBody = Type.Object(
  { body: Type.String({ minLength: 10, maxLength: MESSAGE_MAX }) },
  { additionalProperties: false },
);
export const PassBody = Type.Object(
  {
    note: Type.String({ minLength: 3, maxLength: 1_000 }),
    /** Another topic's queue, if the question belongs there. */
    topic: Type.Optional(Topic),
    /** A named official to hand it to; without one it goes back to the queue. */
    toUserId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type PassBody = Static<typeof PassBody>;

const Message = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('question'), Type.Literal('answer'), Type.Literal('reply')]),
  body: Type.String(),
  createdAt: Timestamp,
  /** The official who answered, by name and role (DESIGN.md rule 9); null for the asker's own words. */
  official: Nullable(Official),
});

export const RatingView = Type.Object({
  subjectType: RatedSubject,
  subjectId: Type.String(),
  score: Type.Integer({ minimum: 1, maximum: 5 }),
  comment: Nullable(Type.String()),
  createdAt: Timestamp,
});
export type RatingView = Static<typeof RatingView>;

const Related = Nullable(Type.Object({ type: RelatedType, id: Type.String(), label: Type.String() }));

/** What every view of a question shows first: what it is about and in which language, where it stands, its target. */
const Heading = {
  id: Type.String(),
  topic: Topic,
  language: LanguageSchema,
  subject: Type.String(),
  status: Status,
  createdAt: Timestamp,
  targetAt: Timestamp,
};

/** A consultation as its asker reads it: their question and replies, and the officials' answers. */
export const ConsultationView = Type.Object({
  ...Heading,
  related: Related,
  messages: Type.Array(Message),
  canReply: Type.Boolean(),
  canRate: Type.Boolean(),
  rating: Nullable(RatingView),
});
export type ConsultationView = Static<typeof ConsultationView>;

export const ConsultationSummary = Type.Object({
  id: Type.String(),
  topic: Topic,
  subject: Type.String(),
  status: Status,
  createdAt: Timestamp,
  targetAt: Timestamp,
  firstAnsweredAt: Nullable(Timestamp),
});
export const OwnConsultations = Type.Array(ConsultationSummary);

/** What a signed-in asker may tie a question to: their own things, each with a label they recognise. */
export const RelatedChoices = Type.Array(Type.Object({ type: RelatedType, id: Type.String(), label: Type.String() }));

const StaffOfficial = Type.Object({ id: Type.String(), name: Type.String(), role: Official.properties.role });

export const QueueQuery = Type.Object(
  {
    status: Type.Optional(Status),
    topic: Type.Optional(Topic),
    page: Type.Optional(Page),
  },
  { additionalProperties: false },
);
export type QueueQuery = Static<typeof QueueQuery>;

export const QueueItem = Type.Object({
  ...Heading,
  overdue: Type.Boolean(),
  holder: Nullable(StaffOfficial),
  anonymous: Type.Boolean(),
  replied: Type.Boolean(),
});
export const Queue = NumberedPage(QueueItem);

/** The same thread as staff read it: who asked, who holds it, and the notes officials left passing it on. */
export const StaffConsultationView = Type.Object({
  ...Heading,
  firstAnsweredAt: Nullable(Timestamp),
  overdue: Type.Boolean(),
  asker: Type.Object({ name: Nullable(Type.String()), email: Type.String(), anonymous: Type.Boolean() }),
  holder: Nullable(StaffOfficial),
  related: Related,
  replied: Type.Boolean(),
  messages: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.Union([Type.Literal('question'), Type.Literal('answer'), Type.Literal('reply'), Type.Literal('note')]),
      body: Type.String(),
      createdAt: Timestamp,
      official: Nullable(StaffOfficial),
    }),
  ),
  rating: Nullable(RatingView),
  /** Officials it may be passed on to. */
  officials: Type.Array(StaffOfficial),
  faqEntryIds: Type.Array(Type.String()),
});
export type StaffConsultationView = Static<typeof StaffConsultationView>;

const FaqText = Type.Object(
  {
    az: Type.String({ minLength: 3, maxLength: MESSAGE_MAX }),
    ru: Type.String({ minLength: 3, maxLength: MESSAGE_MAX }),
    en: Type.String({ minLength: 3, maxLength: MESSAGE_MAX }),
  },
  { additionalProperties: false },
);

/** An FAQ entry, written in all three languages, with anything personal taken out. */
export const FaqBody = Type.Object(
  { topic: Topic, question: FaqText, answer: FaqText, consultationId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export type FaqBody = Static<typeof FaqBody>;

export const FaqEntryView = Type.Object({
  id: Type.String(),
  topic: Topic,
  question: Type.Object({ az: Type.String(), ru: Type.String(), en: Type.String() }),
  answer: Type.Object({ az: Type.String(), ru: Type.String(), en: Type.String() }),
  updatedAt: Timestamp,
});
export type FaqEntryView = Static<typeof FaqEntryView>;

export const FaqQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    /** Every word must appear (a search), or any word of three letters or more (suggestions for a question). */
    match: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('any')])),
    topic: Type.Optional(Topic),
    page: Type.Optional(Page),
  },
  { additionalProperties: false },
);
export type FaqQuery = Static<typeof FaqQuery>;
export const FaqList = Type.Object({
  entries: Type.Array(FaqEntryView),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

/** The published service standard: each topic's target, the holidays counted out, and how well it is kept. */
export const ServiceStandard = Type.Object({
  topics: Type.Array(Type.Object({ topic: Topic, targetDays: Type.Integer() })),
  /** The public holidays from this month on (Baku), which the working days skip. */
  holidays: Type.Array(Type.String()),
  figures: Type.Array(
    Type.Object({
      month: Type.String(),
      topic: Topic,
      received: Type.Integer(),
      answered: Type.Integer(),
      medianHours: Nullable(Type.Number()),
      p90Hours: Nullable(Type.Number()),
      withinTarget: Nullable(Type.Number()),
      due: Type.Integer(),
      ratings: Type.Integer(),
      satisfaction: Nullable(Type.Number()),
    }),
  ),
});
export type ServiceStandard = Static<typeof ServiceStandard>;

export const TopicTargetBody = Type.Object(
  { targetDays: Type.Integer({ minimum: 1, maximum: 60 }) },
  { additionalProperties: false },
);

export const RateBody = Type.Object(
  {
    subjectType: RatedSubject,
    subjectId: Uuid,
    score: Type.Integer({ minimum: 1, maximum: 5 }),
    comment: Type.Optional(Type.String({ maxLength: 2_000 })),
  },
  { additionalProperties: false },
);
export type RateBody = Static<typeof RateBody>;

export const RatingQuery = Type.Object({ subjectType: RatedSubject, subjectId: Uuid }, { additionalProperties: false });
export const RatingStanding = Type.Object({ rating: Nullable(RatingView), canRate: Type.Boolean() });
export type RatingStanding = Static<typeof RatingStanding>;

export const RatingsQuery = Type.Object({ page: Type.Optional(Page) }, { additionalProperties: false });
/** Ratings with their comments, for staff only: the comment never reaches a public page. */
export const StaffRatings = NumberedPage(Type.Composite([RatingView, Type.Object({ topic: Topic })]));
