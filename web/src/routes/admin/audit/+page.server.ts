import { AUDIT_SEARCH_FIELDS, auditApi, type AuditList, type AuditSearch } from '$lib/api/audit';
import type { FieldErrors } from '$lib/forms';
import { loadFailure, messageFor, placeProblems } from '$lib/forms';
import type { MessageKey } from '$lib/i18n';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

const cursor = (value: string | null) => {
  const n = Number(value);
  return value && Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

export const load: PageServerLoad = async (event) => {
  const parent = await event.parent();
  requireRole(parent, event.url, 'administrator');
  const params = event.url.searchParams;
  const search: Required<Record<keyof AuditSearch, string>> = {
    person: '',
    action: '',
    targetType: '',
    target: '',
    from: '',
    to: '',
  };
  for (const name of AUDIT_SEARCH_FIELDS) search[name] = (params.get(name) ?? '').trim();
  const before = cursor(params.get('before'));
  const after = before === undefined ? cursor(params.get('after')) : undefined;
  const query = Object.fromEntries(Object.entries(search).filter(([, v]) => v !== '')) as AuditSearch;

  const result = await auditApi(event).list({ ...query, before, after, limit: PAGE_SIZE, lang: parent.locale });
  if (result.ok) return { log: result.data, search, errors: {} as FieldErrors, message: null as MessageKey | null };
  if (result.status !== 400) loadFailure(result);
  // A search the API refuses is shown beside its field, with the vocabulary an empty search gives.
  const { errors, unplaced } = placeProblems(result.error, search, (path) => {
    const field = path.replace(/^query\.?/, '').split('.')[0] ?? '';
    return (AUDIT_SEARCH_FIELDS as readonly string[]).includes(field) ? field : null;
  });
  const empty = await auditApi(event).list({ limit: 1 });
  const vocabulary: AuditList = {
    items: [],
    nextCursor: null,
    previousCursor: null,
    actions: empty.ok ? empty.data.actions : [],
    targetTypes: empty.ok ? empty.data.targetTypes : [],
  };
  const message = unplaced.length || !Object.keys(errors).length ? messageFor(result.status, result.error) : null;
  return { log: vocabulary, search, errors, message };
};
