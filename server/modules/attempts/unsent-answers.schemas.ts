import { Type } from '@sinclair/typebox';

/** `signingKey`, not `key`: it signs the candidate's own file and says nothing about any answer key. */
export const UnsentKeyView = Type.Object({ attemptId: Type.String(), signingKey: Type.String() });

export const InspectUnsentBody = Type.Object(
  { file: Type.String({ minLength: 2, maxLength: 60_000 }) },
  { additionalProperties: false },
);

const Stored = Type.Object({ answer: Type.Unknown(), flagged: Type.Boolean(), seq: Type.Integer() });

export const UnsentInspection = Type.Object({
  valid: Type.Boolean(),
  reason: Type.Union([
    Type.Literal('malformed'),
    Type.Literal('other-attempt'),
    Type.Literal('bad-signature'),
    Type.Null(),
  ]),
  recordedAt: Type.Union([Type.String(), Type.Null()]),
  answers: Type.Array(
    Type.Object({
      versionId: Type.String(),
      number: Type.Integer(),
      onPaper: Type.Boolean(),
      seq: Type.Integer(),
      answer: Type.Unknown(),
      flagged: Type.Boolean(),
      stored: Type.Union([Stored, Type.Null()]),
    }),
  ),
});

/** Accepting a file's answers into the attempt under the local-incident rule (README): the file and why. */
export const AcceptUnsentBody = Type.Object(
  {
    file: Type.String({ minLength: 2, maxLength: 60_000 }),
    reason: Type.String({ minLength: 3, maxLength: 1_000 }),
  },
  { additionalProperties: false },
);

export const UnsentAcceptance = Type.Object({
  attemptId: Type.String(),
  /** The questions whose answers were taken from the file, by their number on the paper. */
  accepted: Type.Array(Type.Integer()),
  /** Those left as they were, because the server already held a newer answer. */
  notNewer: Type.Array(Type.Integer()),
  pointsBefore: Type.Union([Type.Number(), Type.Null()]),
  pointsAfter: Type.Union([Type.Number(), Type.Null()]),
  held: Type.Boolean(),
});
