/**
 * Refusals about the account itself rather than the request: 403 with a code of their own, so the pages
 * can say exactly what happened and where to go (the error plugin answers them by `statusCode` and `code`).
 */
export class AccountDisabledError extends Error {
  readonly statusCode = 403;
  readonly code = 'ACCOUNT_DISABLED';
  constructor() {
    super('This account has been disabled by an administrator. Contact the examination centre to have it enabled.');
  }
}

/** The account holds an initial password an administrator typed: nothing but changing it is allowed. */
export class PasswordChangeRequiredError extends Error {
  readonly statusCode = 403;
  readonly code = 'PASSWORD_CHANGE_REQUIRED';
  constructor() {
    super('Change the initial password first: it was set by an administrator.');
  }
}
