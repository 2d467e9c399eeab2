/**
 * Reading audit entries on the page. The actions and kinds of object come from the server with each page of
 * the log (`server/modules/audit/audit-actions.ts` lists them); each has a label in
 * `web/messages/audit/{az,ru,en}.json` under `actions` (dots become underscores) and `targets`.
 */

/** Message key of an action's label; dots in action names would read as nesting to i18next. */
export function auditActionKey(action: string): string {
  return `adminAudit.actions.${action.replaceAll('.', '_')}`;
}

export function auditTargetKey(targetType: string): string {
  return `adminAudit.targets.${targetType}`;
}

/** Where an audited object is shown, when it has a page of its own. */
export function auditTargetPath(entry: {
  targetType: string | null;
  targetId: string | null;
  targetName: string | null;
  targetParentId: string | null;
}): string | null {
  const { targetType: type, targetId: id, targetParentId: parentId } = entry;
  if (!type || !id) return null;
  const e = encodeURIComponent;
  switch (type) {
    case 'sitting':
      return `/admin/sittings/${e(id)}`;
    case 'booking':
    case 'attempt':
      return parentId ? `/admin/sittings/${e(parentId)}` : null;
    case 'question':
      return `/bank/${e(id)}`;
    case 'blueprint':
      return `/blueprints/${e(id)}`;
    case 'topic':
      return '/bank/topics';
    case 'agency':
      return `/admin/agencies/${e(id)}`;
    case 'round':
      return `/admin/rounds/${e(id)}`;
    case 'vacancy':
      return parentId ? `/admin/rounds/${e(parentId)}/vacancies/${e(id)}` : null;
    case 'rescoring_job':
      return `/admin/rescoring/${e(id)}`;
    case 'user':
      // The accounts list has no page per account; its search finds one by name.
      return entry.targetName ? `/admin/users?q=${e(entry.targetName)}` : null;
    default:
      return null;
  }
}

/** A detail's value as text: short values as they are, anything structured as compact JSON. */
export function auditDetailText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
