import { Type, type Static } from '@sinclair/typebox';
import { LanguageSchema, Uuid } from '../../schemas';

export const NOTICES_PAGE_SIZE = 20;

export const NoticesQuery = Type.Object(
  {
    page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: NOTICES_PAGE_SIZE }),
    /** The language to write them in: the page's; the account's own language when left out. */
    lang: Type.Optional(LanguageSchema),
  },
  { additionalProperties: false },
);
export type NoticesQuery = Static<typeof NoticesQuery>;

export const NoticeView = Type.Object({
  id: Uuid,
  kind: Type.String(),
  title: Type.String(),
  text: Type.String(),
  /** A path on this site to the thing the notice is about. */
  link: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  read: Type.Boolean(),
});
export type NoticeView = Static<typeof NoticeView>;

export const NoticesResponse = Type.Object({
  total: Type.Integer({ minimum: 0 }),
  unread: Type.Integer({ minimum: 0 }),
  items: Type.Array(NoticeView),
});
export type NoticesResponse = Static<typeof NoticesResponse>;

export const UnreadResponse = Type.Object({ unread: Type.Integer({ minimum: 0 }) });
export type UnreadResponse = Static<typeof UnreadResponse>;

export const MarkedResponse = Type.Object({
  /** How many notices this call marked read (0 when they already were). */
  marked: Type.Integer({ minimum: 0 }),
  unread: Type.Integer({ minimum: 0 }),
});
export type MarkedResponse = Static<typeof MarkedResponse>;

export const NoticeParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const NoticeLanguageBody = Type.Object({ language: LanguageSchema }, { additionalProperties: false });
export type NoticeLanguageBody = Static<typeof NoticeLanguageBody>;
export const NoticeLanguageResponse = Type.Object({ language: LanguageSchema });
