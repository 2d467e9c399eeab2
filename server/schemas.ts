import { Type, type TSchema } from '@sinclair/typebox';

/** The one shape of every API error: a stable code, an English message, and the fields at fault. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      fields: Type.Optional(
        Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() })),
      ),
    }),
  },
  { $id: 'ErrorResponse', title: 'Error' },
);

/** Error responses a route may give, referenced by status, for the OpenAPI document. */
export function errors(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, Type.Ref('ErrorResponse')]));
}

export const Uuid = Type.String({ format: 'uuid' });

/** A page of a list read by page number: its items, how many there are in all, the page's number and size. */
export const NumberedPage = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

/** An exam language: the languages every page, paper and certificate comes in. */
export const LanguageSchema = Type.Union([Type.Literal('az'), Type.Literal('ru'), Type.Literal('en')]);

const LOCALISED_TEXT_MAX = 10_000;

/** Text in each exam language; a language may be missing. */
export const LocalisedSchema = Type.Object(
  {
    az: Type.Optional(Type.String({ maxLength: LOCALISED_TEXT_MAX })),
    ru: Type.Optional(Type.String({ maxLength: LOCALISED_TEXT_MAX })),
    en: Type.Optional(Type.String({ maxLength: LOCALISED_TEXT_MAX })),
  },
  { additionalProperties: false },
);

/** A lone UTF-16 surrogate: JSON's `"\uD800"` parses to one, and no UTF-8 text can hold it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What makes a string unstorable as text, if anything: PostgreSQL refuses a NUL in text and jsonb,
 * and a lone surrogate has no UTF-8 form (the driver would store U+FFFD instead).
 */
export function unreadableText(value: string): { code: 'text.nul' | 'text.surrogate'; what: string } | undefined {
  if (value.includes('\u0000')) return { code: 'text.nul', what: 'a NUL character (U+0000), which text cannot hold' };
  if (LONE_SURROGATE.test(value)) return { code: 'text.surrogate', what: 'a lone surrogate, which is not text' };
  return undefined;
}

/** The same text with what cannot be stored (a NUL, a lone surrogate) replaced by U+FFFD, for logs and audits. */
export function storableText(value: string): string {
  return value.replace(new RegExp(`\u0000|${LONE_SURROGATE.source}`, 'g'), '\uFFFD');
}
