import type { MarkerScript } from '$api-types';
import { pickText } from '../../format';
import { fieldId, fieldMessage, type FieldErrors } from '../../forms';
import type { Translator } from '../../i18n';

type Rubric = MarkerScript['rubric'];

/** A criterion's title in the reader's language, or its id where the rubric no longer has it. */
export function criterionTitle(rubric: Rubric | null, id: string, locale: string): string {
  const criterion = rubric?.find((c) => c.id === id);
  return criterion ? pickText(criterion.title, locale) : id;
}

/**
 * Points as typed for one criterion, checked as the API will check them (a whole number up to the criterion's
 * maximum), so a marker's confirmation step cannot fail on them. Null when they will do.
 */
export function pointsProblem(points: string, maxPoints: number): 'required' | 'integer' | 'too_large' | null {
  if (points === '') return 'required';
  if (!/^\d+$/.test(points)) return 'integer';
  if (Number(points) > maxPoints) return 'too_large';
  return null;
}

/** The words for a refusal of a marking form that no field explains: a marking conflict's code, or a message key. */
export function markingProblem(i18n: Translator, problem: string | undefined): string | undefined {
  if (!problem) return undefined;
  return i18n.tAny([`marking.errors.codes.${problem.replaceAll('.', '_')}`, problem]) ?? i18n.t('errors.unexpected');
}

/**
 * A marking form's error summary: each refused field (`points.<criterion>`, `reason.<criterion>`, `outcome` …) in
 * the form's order, named by `label` from its kind and criterion, with its message in the marking words.
 */
export function markingSummary(
  i18n: Translator,
  errors: FieldErrors | undefined,
  order: readonly string[],
  label: (kind: string, criterionId: string) => string,
) {
  return Object.entries(errors ?? {})
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([field, code]) => {
      const [kind, id = ''] = field.split('.') as [string, string];
      return {
        field,
        target: fieldId(field),
        text: `${label(kind, id)}: ${fieldMessage(i18n, kind, code, 'marking')}`,
      };
    });
}
