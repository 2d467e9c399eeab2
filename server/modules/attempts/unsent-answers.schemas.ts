import { Type } from '@sinclair/typebox';

export const UnsentKeyView = Type.Object({ attemptId: Type.String(), key: Type.String() });

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
