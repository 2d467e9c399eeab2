import { error } from '@sveltejs/kit';
import { api } from '$lib/api';
import { AUDIT_ACTIONS } from '$lib/audit';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const params = event.url.searchParams;
  const actionParam = params.get('action') ?? '';
  const action = (AUDIT_ACTIONS as readonly string[]).includes(actionParam) ? actionParam : '';
  const beforeParam = Number(params.get('before'));
  const before = Number.isSafeInteger(beforeParam) && beforeParam > 0 ? beforeParam : undefined;

  const result = await api(event).listAudit({ action: action || undefined, before, limit: PAGE_SIZE });
  if (!result.ok) error(result.status >= 500 ? 503 : result.status, { message: result.error.message });
  return { log: result.data, filters: { action, before: before ?? null } };
};
