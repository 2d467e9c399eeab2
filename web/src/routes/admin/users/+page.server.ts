import { fail } from '@sveltejs/kit';
import { api, isRole, type ApiError, type Role } from '$lib/api';
import { accountApi } from '$lib/api/account';
import { apiFailure, formValues, loadFailure, messageFor } from '$lib/forms';
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
  if (!result.ok) loadFailure(result);
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

/** What an administrator does to an account besides its role; each is confirmed first. */
const ACCOUNT_STEPS = ['disable', 'enable', 'resetTwoFactor'] as const;
type AccountStep = (typeof ACCOUNT_STEPS)[number];

interface AccountTarget {
  step: AccountStep;
  id: string;
  name: string;
  email: string;
}

function accountTarget(data: FormData): AccountTarget | null {
  const v = formValues(data, ['step', 'id', 'name', 'email'] as const);
  const step = ACCOUNT_STEPS.find((s) => s === v.step);
  return step && v.id ? { step, id: v.id, name: v.name, email: v.email } : null;
}

/**
 * The refusal of an account step, worded for the page. The page offers no step on one's own row, so a
 * refused disabling is the last administrator's, and a refused reset one's own (from a stale page).
 */
function accountRefusal(step: AccountStep, status: number, error: ApiError): MessageKey {
  if (status === 404) return 'adminUsers.notFound';
  if (status === 409) return 'accountCare.admin.notStaff';
  if (status === 403 && error.code === 'FORBIDDEN') {
    return step === 'disable' ? 'accountCare.admin.lastAdmin' : 'accountCare.admin.selfRefused';
  }
  return messageFor(status, error);
}

export const actions: Actions = {
  /** First step of disabling, enabling or resetting two-factor: nothing is sent until the administrator confirms. */
  prepareAccount: async (event) => {
    const target = accountTarget(await event.request.formData());
    if (!target) return fail(400, { kind: 'account-error' as const, message: 'errors.unexpected' as MessageKey });
    return { kind: 'confirm-account' as const, target, errors: {} as Record<string, string>, reason: '' };
  },

  accountStep: async (event) => {
    const data = await event.request.formData();
    const target = accountTarget(data);
    if (!target) return fail(400, { kind: 'account-error' as const, message: 'errors.unexpected' as MessageKey });
    const reason = formValues(data, ['reason'] as const).reason.trim();
    const client = accountApi(event);
    if (target.step === 'disable' && reason.length < 3) {
      // Asked again with the reason's problem beside it, still unsent.
      const errors = { reason: reason === '' ? 'required' : 'minLength' };
      return fail(400, { kind: 'confirm-account' as const, target, errors, reason });
    }
    const result =
      target.step === 'disable'
        ? await client.disable(target.id, reason)
        : target.step === 'enable'
          ? await client.enable(target.id)
          : await client.resetTwoFactor(target.id);
    if (!result.ok) {
      return fail(result.status, {
        kind: 'account-error' as const,
        message: accountRefusal(target.step, result.status, result.error),
      });
    }
    return { kind: 'account-done' as const, step: target.step, name: result.data.fullName };
  },

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
