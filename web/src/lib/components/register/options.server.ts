import type { ApiEvent } from '$lib/api/client';
import { pickText } from '$lib/format';
import { registerApi } from '$lib/api/register';
import type { Locale } from '$lib/i18n';

export type Option = { value: string; label: string };

/**
 * The filters' choices: test categories and the agencies that announced vacancies. A filter still
 * works without them (the page keeps the chosen value), so a failure here only empties the choices.
 */
export async function filterOptions(event: ApiEvent, locale: Locale, want: { agencies?: boolean } = {}) {
  const client = registerApi(event);
  const [categories, agencies] = await Promise.all([
    client.categories(),
    want.agencies ? client.agencies() : Promise.resolve(null),
  ]);
  const categoryOptions: Option[] = categories.ok
    ? categories.data
        .filter((c) => c.parentCode !== null)
        .map((c) => ({ value: c.code, label: `${c.code} · ${pickText(c.name, locale)}` }))
    : [];
  const agencyOptions: Option[] | undefined = agencies
    ? agencies.ok
      ? agencies.data.map((a) => ({ value: a.code, label: pickText(a.name, locale) }))
      : []
    : undefined;
  return { categories: categoryOptions, agencies: agencyOptions };
}
