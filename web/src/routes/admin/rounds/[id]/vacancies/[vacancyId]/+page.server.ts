import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { ApiError } from '$lib/api/client';
import { competitionsApi } from '$lib/api/competitions';
import { stagesApi } from '$lib/api/stages';
import { bakuInput, refusal, text } from '$lib/components/competitions/forms';
import { loadFailure, type FieldErrors } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { Actions, PageServerLoad } from './$types';

const NOTICES = ['panel', 'slot', 'absent', 'ranked', 'appointed', 'closed'] as const;

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const api = competitionsApi(event);
  const [detail, staff] = await Promise.all([api.adminVacancy(event.params.vacancyId), api.staff()]);
  if (!detail.ok) loadFailure(detail, 'Not found');
  if (detail.data.vacancy.roundId !== event.params.id) error(404, { message: 'Not found' });
  // A draft is still being written: its page is the form.
  if (detail.data.vacancy.status === 'draft')
    redirect(303, `/admin/rounds/${event.params.id}/vacancies/${event.params.vacancyId}/edit`);
  const params = event.url.searchParams;
  const notice = params.get('notice');
  // A staged round: each stage's state for this vacancy, with a link to preview and advance it.
  const stages = stagesApi(event);
  const round = await stages.roundStages(event.params.id);
  const previews = round.ok
    ? await Promise.all(round.data.stages.map((s) => stages.preview(event.params.vacancyId, s.position)))
    : [];
  return {
    stages: round.ok
      ? round.data.stages.map((stage, i) => {
          const preview = previews[i];
          return { stage, state: preview?.ok ? preview.data.state : null };
        })
      : [],
    detail: detail.data,
    staff: staff.ok ? staff.data.map((s) => ({ id: s.id, fullName: s.fullName, role: s.role })) : [],
    notice: (NOTICES as readonly string[]).includes(notice ?? '') ? (notice as (typeof NOTICES)[number]) : null,
    candidate: params.get('candidate') ?? '',
    /** The application whose interview the slot form schedules, chosen by a link in the table. */
    slot: params.get('slot') ?? '',
  };
};

function done(event: RequestEvent, notice: (typeof NOTICES)[number], candidate = ''): never {
  const query = new URLSearchParams({ notice, ...(candidate ? { candidate } : {}) });
  redirect(303, `/admin/rounds/${event.params.id ?? ''}/vacancies/${event.params.vacancyId ?? ''}?${query.toString()}`);
}

/** A refusal of one of the page's buttons: no field to show it beside, only its reason. */
const general = (status: number, err: ApiError) => refusal('vacancy' as const, status, err, {}, () => null);

export const actions: Actions = {
  panel: async (event) => {
    const data = await event.request.formData();
    const members = data.getAll('member').filter((v): v is string => typeof v === 'string');
    const chair = text(data, 'chair');
    const values = { members: members.join(','), chair };
    if (chair && !members.includes(chair)) {
      return fail(400, {
        kind: 'panel' as const,
        values,
        errors: { members: 'chair_not_member' } as FieldErrors,
        problem: undefined,
      });
    }
    const result = await competitionsApi(event).setPanel(event.params.vacancyId, {
      members: members.map((userId) => ({ userId, panelRole: userId === chair ? 'chair' : 'member' })),
    });
    if (!result.ok)
      return refusal('panel' as const, result.status, result.error, values, (path) =>
        path.startsWith('members') ? 'members' : null,
      );
    done(event, 'panel');
  },

  slot: async (event) => {
    const data = await event.request.formData();
    const values = {
      applicationId: text(data, 'applicationId'),
      startsAt: text(data, 'startsAt'),
      location: text(data, 'location'),
    };
    const known: FieldErrors = {};
    if (values.startsAt === '') known.startsAt = 'required';
    else if (bakuInput(values.startsAt) === '') known.startsAt = 'format';
    const result = await competitionsApi(event).setSlot(values.applicationId, {
      startsAt: bakuInput(values.startsAt),
      location: values.location,
    });
    if (!result.ok)
      return refusal(
        'slot' as const,
        result.status,
        result.error,
        values,
        (path) => (path === 'startsAt' || path === 'location' ? path : null),
        known,
      );
    const app = result.data.applications.find((a) => a.id === values.applicationId);
    done(event, 'slot', app?.candidateCode);
  },

  /** Absence takes the candidate out of the ranking: confirmed first. */
  prepareAbsent: async (event) => ({
    kind: 'confirm-absent' as const,
    applicationId: text(await event.request.formData(), 'applicationId'),
  }),

  absent: async (event) => {
    const applicationId = text(await event.request.formData(), 'applicationId');
    const result = await competitionsApi(event).recordAbsence(applicationId);
    if (!result.ok) return general(result.status, result.error);
    done(event, 'absent', result.data.applications.find((a) => a.id === applicationId)?.candidateCode);
  },

  /** Publishing the ranking reveals every score and fixes the order for good: confirmed first. */
  prepareRanking: () => ({ kind: 'confirm-ranking' as const }),

  ranking: async (event) => {
    const result = await competitionsApi(event).publishRanking(event.params.vacancyId);
    if (!result.ok) return general(result.status, result.error);
    done(event, 'ranked');
  },

  /** An appointment is published and final: confirmed first. */
  prepareAppoint: async (event) => ({
    kind: 'confirm-appoint' as const,
    applicationId: text(await event.request.formData(), 'applicationId'),
  }),

  appoint: async (event) => {
    const applicationId = text(await event.request.formData(), 'applicationId');
    const result = await competitionsApi(event).appoint(event.params.vacancyId, applicationId);
    if (!result.ok) return general(result.status, result.error);
    done(event, 'appointed', result.data.applications.find((a) => a.id === applicationId)?.candidateCode);
  },

  prepareClose: () => ({ kind: 'confirm-close' as const }),

  close: async (event) => {
    const result = await competitionsApi(event).closeVacancy(event.params.vacancyId);
    if (!result.ok) return general(result.status, result.error);
    done(event, 'closed');
  },
};
