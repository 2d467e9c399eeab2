import { fail } from '@sveltejs/kit';
import { consultationsApi, type RatedSubject } from '$lib/api/consultations';
import type { ApiEvent } from '$lib/api/client';
import { apiFailure, formValues } from '$lib/forms';

/**
 * The one form action behind every rating form (a consultation's page, an appeal's, an exam's): reads the
 * score and comment, records them, and hands a refusal back beside its field.
 */
export async function rateAction(event: ApiEvent & { request: Request }, expected: RatedSubject) {
  const values = formValues(await event.request.formData(), ['subjectType', 'subjectId', 'score', 'comment']);
  if (values.subjectType !== expected) return fail(400, { rating: { errors: { score: 'invalid' }, values } });
  if (!/^[1-5]$/.test(values.score)) return fail(400, { rating: { errors: { score: 'required' }, values } });
  const result = await consultationsApi(event).rate({
    subjectType: expected,
    subjectId: values.subjectId,
    score: Number(values.score),
    ...(values.comment.trim() ? { comment: values.comment } : {}),
  });
  if (!result.ok) {
    const failure = apiFailure(result.status, result.error, values, { fields: ['score', 'comment'] });
    return fail(failure.status, { rating: failure.data });
  }
  return { rated: true };
}
