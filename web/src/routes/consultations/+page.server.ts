import { fail } from '@sveltejs/kit';
import { consultationsApi, isTopic, type AskBody, type FaqEntry } from '$lib/api/consultations';
import { apiFailure, formValues, loadFailure } from '$lib/forms';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['topic', 'language', 'subject', 'question', 'email', 'related', 'confirmed'] as const;

export const load: PageServerLoad = async (event) => {
  const { user, locale } = await event.parent();
  const q = event.url.searchParams.get('q')?.slice(0, 200) ?? '';
  const topicParam = event.url.searchParams.get('topic');
  const topic = isTopic(topicParam) ? topicParam : undefined;
  const page = Math.max(1, Math.min(10_000, Number(event.url.searchParams.get('page')) || 1));
  const api = consultationsApi(event);
  const applicant = user?.role === 'applicant';
  const [faq, standard, related] = await Promise.all([
    api.faq({ ...(q ? { q } : {}), ...(topic ? { topic } : {}), page }),
    api.standard(),
    applicant ? api.related() : null,
  ]);
  if (!faq.ok) loadFailure(faq);
  if (!standard.ok) loadFailure(standard);
  return {
    q,
    topic: topic ?? '',
    faq: faq.data,
    standard: standard.data,
    asker: !user ? ('anonymous' as const) : applicant ? ('applicant' as const) : ('staff' as const),
    related: related?.ok ? related.data : [],
    locale,
  };
};

export const actions: Actions = {
  /**
   * Asking, in two steps when the FAQ may already answer it: the first submission shows matching entries and
   * sends nothing; "send it anyway" (confirmed) sends. Without matches it is sent at once.
   */
  ask: async (event) => {
    const values = formValues(await event.request.formData(), FIELDS);
    const api = consultationsApi(event);
    if (values.confirmed !== 'yes' && (values.subject.trim() || values.question.trim())) {
      const found = await api.faq({ q: `${values.subject} ${values.question}`.slice(0, 200), match: 'any' });
      const suggestions: FaqEntry[] = found.ok ? found.data.entries.slice(0, 5) : [];
      if (suggestions.length > 0) return { kind: 'suggest' as const, values, suggestions };
    }
    const [relatedType, relatedId] = values.related.split(':');
    const body: AskBody = {
      topic: values.topic as AskBody['topic'],
      language: values.language as AskBody['language'],
      subject: values.subject,
      question: values.question,
      ...(values.email.trim() ? { email: values.email.trim() } : {}),
      ...(relatedType && relatedId ? { related: { type: relatedType as 'booking', id: relatedId } } : {}),
    };
    const result = await api.ask(body);
    if (!result.ok) {
      const failure = apiFailure(result.status, result.error, values, { fields: FIELDS });
      return fail(failure.status, { kind: 'failed' as const, ...failure.data });
    }
    return { kind: 'asked' as const, ...result.data };
  },
};
