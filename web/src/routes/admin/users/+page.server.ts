import { error, fail } from '@sveltejs/kit';
import { api, isRole, type Role } from '$lib/api';
import { apiFailure, formValues, messageFor } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

const CREATE_FIELDS = ['fullName', 'email', 'role', 'password'] as const;
const PAGE_SIZE = 25;

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const params = event.url.searchParams;
  const q = (params.get('q') ?? '').trim().slice(0, 100);
  const roleParam = params.get('role');
  const role = isRole(roleParam) ? roleParam : undefined;
  const after = params.get('after') ?? undefined;

  const result = await api(event).listUsers({ q: q || undefined, role, after, limit: PAGE_SIZE });
  if (!result.ok) error(result.status >= 500 ? 503 : result.status, { message: result.error.message });
  return { list: result.data, filters: { q, role: role ?? '', after: after ?? '' } };
};

interface RoleChange {
  id: string;
  name: string;
  email: string;
  from: Role;
  to: Role;
}

function roleChange(data: FormData): RoleChange | null {
  const v = formValues(data, ['id', 'name', 'email', 'from', 'role'] as const);
  if (!v.id || !isRole(v.from) || !isRole(v.role)) return null;
  return { id: v.id, name: v.name, email: v.email, from: v.from, to: v.role };
}

export const actions: Actions = {
  create: async (event) => {
    const values = formValues(await event.request.formData(), CREATE_FIELDS);
    const role = isRole(values.role) ? values.role : 'examiner';
    const result = await api(event).createAccount({ ...values, role });
    if (!result.ok) {
      const failure = apiFailure(result.status, result.error, values, {
        fields: CREATE_FIELDS,
        keep: ['fullName', 'email', 'role'],
      });
      return fail(failure.status, { kind: 'create' as const, ...failure.data });
    }
    return { kind: 'created' as const, name: result.data.fullName };
  },

  /** First step of a role change: nothing is sent to the API until the administrator confirms. */
  prepareRole: async (event) => {
    const change = roleChange(await event.request.formData());
    if (!change) return fail(400, { kind: 'role-error' as const, message: 'errors.unexpected' as MessageKey });
    if (change.from === change.to)
      return fail(400, { kind: 'role-error' as const, message: 'adminUsers.sameRole' as MessageKey });
    return { kind: 'confirm' as const, change };
  },

  changeRole: async (event) => {
    const change = roleChange(await event.request.formData());
    if (!change) return fail(400, { kind: 'role-error' as const, message: 'errors.unexpected' as MessageKey });
    const result = await api(event).changeRole(change.id, change.to);
    if (!result.ok) {
      const message: MessageKey =
        result.status === 404
          ? 'adminUsers.notFound'
          : result.status === 403
            ? 'adminUsers.lastAdmin'
            : messageFor(result.status, result.error);
      return fail(result.status, { kind: 'role-error' as const, message });
    }
    return { kind: 'role-changed' as const, name: result.data.fullName, role: result.data.role };
  },
};
