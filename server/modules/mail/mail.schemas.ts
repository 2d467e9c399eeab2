import { Type, type Static } from '@sinclair/typebox';

export const OUTBOX_PAGE_SIZE = 25;

export const OutboxQuery = Type.Object(
  {
    page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: OUTBOX_PAGE_SIZE }),
  },
  { additionalProperties: false },
);
export type OutboxQuery = Static<typeof OutboxQuery>;

export const OutboxMailSchema = Type.Object({
  id: Type.String(),
  to: Type.String(),
  locale: Type.String(),
  template: Type.String(),
  subject: Type.String(),
  /** Empty for a mail whose body held a secret (a reset link) once it was sent. */
  body: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed')]),
  attempts: Type.Integer({ minimum: 0 }),
  createdAt: Type.String({ format: 'date-time' }),
  sentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
});
export type OutboxMailView = Static<typeof OutboxMailSchema>;

export const OutboxResponse = Type.Object({
  /** False without SMTP_URL: mails are kept here and written to the log, not sent. */
  delivering: Type.Boolean(),
  total: Type.Integer({ minimum: 0 }),
  items: Type.Array(OutboxMailSchema),
});
export type OutboxResponse = Static<typeof OutboxResponse>;
