import { Type, type TSchema } from '@sinclair/typebox';

/** An import refused whole, nothing written, with every problem of the file by row: the 422 of every import route. */
export const RejectedImport = <Problem extends TSchema>(problem: Problem) =>
  Type.Object({
    error: Type.Object({
      code: Type.Literal('IMPORT_REJECTED'),
      message: Type.String(),
      problems: Type.Array(problem),
    }),
  });

/** The body of a refused import (see `RejectedImport`). */
export function rejectedImport<Problem>(problems: Problem[]) {
  return {
    error: {
      code: 'IMPORT_REJECTED' as const,
      message: `Nothing was imported: ${problems.length} problem(s).`,
      problems,
    },
  };
}
