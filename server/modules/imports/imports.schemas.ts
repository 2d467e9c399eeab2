import { Type, type Static } from '@sinclair/typebox';
import { RejectedImport } from '../../http/rejected-import';

/** A CSV file's text: up to 5 MiB, some twenty thousand rows. */
export const IMPORT_CONTENT_MAX = 5 * 1024 * 1024;

export const ImportBody = Type.Object(
  {
    content: Type.String({ minLength: 1, maxLength: IMPORT_CONTENT_MAX, description: 'The CSV file, UTF-8' }),
    dryRun: Type.Boolean({ description: 'Check every row and report, writing nothing' }),
  },
  { additionalProperties: false },
);
export type ImportBody = Static<typeof ImportBody>;

export const ImportAccepted = Type.Object({
  dryRun: Type.Boolean(),
  /** Rows that would be (on a dry run) or were added. */
  rows: Type.Integer(),
  /** For bookings: how many seats each sitting gains. */
  sittings: Type.Optional(Type.Array(Type.Object({ id: Type.String(), code: Type.String(), added: Type.Integer() }))),
});
export type ImportAccepted = Static<typeof ImportAccepted>;

/** The question import's report shape: every problem by line, nothing added. */
export const ImportRejected = RejectedImport(
  Type.Object({ row: Type.Integer(), field: Type.String(), code: Type.String(), message: Type.String() }),
);
