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
