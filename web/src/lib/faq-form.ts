import { fail } from '@sveltejs/kit';
import type { ApiResult } from '$lib/api/client';
import type { FaqBody, FaqEntry } from '$lib/api/consultations';
import { failStatus, formValues, messageFor, placeProblems, type FormFailure } from '$lib/forms';

/** The FAQ entry form's fields: a topic and the question and answer in each language. */
export const FAQ_FIELDS = [
  'topic',
  'question.az',
  'question.ru',
  'question.en',
  'answer.az',
  'answer.ru',
  'answer.en',
] as const;
export type FaqValues = Record<(typeof FAQ_FIELDS)[number], string>;

export function readFaqForm(data: FormData): { values: FaqValues; body: FaqBody } {
  const values = formValues(data, FAQ_FIELDS);
  return {
    values,
    body: {
      topic: values.topic as FaqBody['topic'],
      question: { az: values['question.az'], ru: values['question.ru'], en: values['question.en'] },
      answer: { az: values['answer.az'], ru: values['answer.ru'], en: values['answer.en'] },
    },
  };
}

/** An FAQ refusal, each problem beside its language's box (`answer.ru`), kept under `faq` for the page. */
export function faqFailure(result: Extract<ApiResult<FaqEntry>, { ok: false }>, values: FaqValues) {
  const known = new Set<string>(FAQ_FIELDS);
  const { errors, unplaced } = placeProblems(result.error, values, (path) => (known.has(path) ? path : null));
  const failure: FormFailure<FaqValues> = { values, errors };
  if (!result.error.fields?.length || unplaced.length > 0) failure.message = messageFor(result.status, result.error);
  return fail(failStatus(result.status), { faq: failure });
}
