/**
 * Domain errors thrown by services. They say what went wrong in the domain's terms;
 * the error plugin alone decides the HTTP status and the response shape.
 */
export interface FieldProblem {
  /** The input field, in the request's own naming (e.g. `nationalId`). */
  field: string;
  /** A stable, translatable code such as `required`, `taken` or `national_id.checksum`. */
  code: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
}

export class ValidationError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly fields: FieldProblem[]) {
    super(fields.map((f) => `${f.field}: ${f.message}`).join('; '));
  }
  static field(field: string, code: string, message: string): ValidationError {
    return new ValidationError([{ field, code, message }]);
  }
}

/** Well-formed, but it does not fit what it refers to (an answer its item cannot take): 422. */
export class UnprocessableError extends DomainError {
  readonly code = 'UNPROCESSABLE';
  constructor(readonly fields: FieldProblem[]) {
    super(fields.map((f) => `${f.field}: ${f.message}`).join('; '));
  }
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
  constructor(readonly fields: FieldProblem[]) {
    super(fields.map((f) => `${f.field}: ${f.message}`).join('; '));
  }
}

/** A conflict about one field: the shape nearly every domain refusal takes. */
export const conflict = (field: string, code: string, message: string) => new ConflictError([{ field, code, message }]);

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
}

/** Signed in, but the staff account has not yet passed (or set up) its second factor. */
export class TwoFactorRequiredError extends DomainError {
  readonly code = 'TWO_FACTOR_REQUIRED';
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
}

export class InvalidCredentialsError extends DomainError {
  readonly code = 'INVALID_CREDENTIALS';
  constructor() {
    super('The sign-in details are not correct.');
  }
}

/** Turned away because the server is busy with exam traffic: 503, to be asked again after `retryAfterSeconds`. */
export class BusyError extends DomainError {
  readonly code = 'BUSY';
  constructor(readonly retryAfterSeconds: number) {
    super(`The service is busy; try again in ${retryAfterSeconds} seconds.`);
  }
}
