import { fail } from '@sveltejs/kit';
import { bankApi } from '$lib/api/bank';
import { apiFailure, formValues } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['subjectId', 'id', 'nameAz', 'nameRu', 'nameEn'] as const;

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const subjects = await bankApi(event).subjects();
  return { subjects: subjects.ok ? subjects.data : [] };
};

export const actions: Actions = {
  default: async (event) => {
    const values = formValues(await event.request.formData(), FIELDS);
    const name = {
      ...(values.nameAz.trim() ? { az: values.nameAz.trim() } : {}),
      ...(values.nameRu.trim() ? { ru: values.nameRu.trim() } : {}),
      ...(values.nameEn.trim() ? { en: values.nameEn.trim() } : {}),
    };
    // A topic needs at least its Azerbaijani name: the exam centre's working language.
    if (!name.az) return fail(400, { values, errors: { nameAz: 'required' } });
    const result = await bankApi(event).createTopic(values.subjectId, { id: values.id.trim(), name });
    if (!result.ok) {
      // The API names `id` and `name.*`; the form's fields are `id` and `nameAz`.
      const error = {
        ...result.error,
        fields: result.error.fields?.map((f) => ({ ...f, field: f.field.startsWith('name') ? 'nameAz' : f.field })),
      };
      return apiFailure(result.status, error, values, { fields: ['id', 'nameAz', 'subjectId'] });
    }
    return { added: result.data.name.az ?? result.data.id };
  },
};
