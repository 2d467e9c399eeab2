/** The audit actions the API records, for the log's filter. Keep in step with server/modules/**. */
export const AUDIT_ACTIONS = [
  'sign-in',
  'sign-in.failed',
  'sign-in.two-factor',
  'sign-out',
  'account.signed-up',
  'account.created',
  'account.role-changed',
  'two-factor.setup-started',
  'two-factor.enabled',
  'two-factor.failed',
] as const;

/** Message key of an action's label; dots in action names would read as nesting to i18next. */
export function auditActionKey(action: string): string {
  return `adminAudit.actions.${action.replaceAll('.', '_')}`;
}
