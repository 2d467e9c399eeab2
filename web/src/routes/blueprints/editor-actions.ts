import { fail, type RequestEvent } from '@sveltejs/kit';
import { bankApi, type Blueprint, type Taxonomy } from '$lib/api/bank';
import type { ApiResult } from '$lib/api/client';
import { failStatus, loadFailure, messageFor } from '$lib/forms';
import type { MessageKey } from '$lib/i18n';
import {
  MAX_SECTIONS,
  blueprintErrors,
  bodyFromValues,
  emptySection,
  valuesFromForm,
  type BlueprintFormValues,
} from '$lib/components/bank/blueprint-form';

export async function loadSubjects(event: RequestEvent): Promise<Taxonomy> {
  const subjects = await bankApi(event).subjects();
  if (!subjects.ok) loadFailure(subjects);
  return subjects.data;
}

type Change = (values: BlueprintFormValues, index: number) => void;

const CHANGES = {
  addSection: (values) => {
    if (values.sections.length < MAX_SECTIONS) values.sections.push(emptySection(values.sections.at(-1)?.subject));
  },
  removeSection: (values, index) => {
    if (values.sections.length > 1) values.sections.splice(index, 1);
  },
  moveUp: (values, index) => {
    if (index > 0) values.sections.splice(index - 1, 0, ...values.sections.splice(index, 1));
  },
  moveDown: (values, index) => {
    if (index < values.sections.length - 1) values.sections.splice(index + 1, 0, ...values.sections.splice(index, 1));
  },
} satisfies Record<string, Change>;

/**
 * Section changes made by named submit buttons, so they work without JavaScript. Nothing is saved:
 * the changed form comes back to be edited further and saved as a whole.
 */
export function sectionAction(change: keyof typeof CHANGES) {
  return async (event: RequestEvent) => {
    const data = await event.request.formData();
    const values = valuesFromForm(data);
    const index = Number(data.get('index'));
    if (Number.isInteger(index) && index >= 0 && index < values.sections.length) CHANGES[change](values, index);
    else if (change === 'addSection') CHANGES.addSection(values);
    return {
      kind: 'editing' as const,
      values,
      errors: {} as Record<string, string>,
      message: undefined as MessageKey | undefined,
    };
  };
}

export async function saveAction(
  event: RequestEvent,
  send: (body: ReturnType<typeof bodyFromValues>) => Promise<ApiResult<Blueprint>>,
) {
  const values = valuesFromForm(await event.request.formData());
  const result = await send(bodyFromValues(values));
  if (result.ok) return { ok: true as const, blueprint: result.data };
  const placed = blueprintErrors(result.error, values.sections.length);
  let message: MessageKey | undefined;
  if (result.status === 404) message = 'bank.blueprints.notFound';
  else if (placed.unplaced) message = messageFor(result.status, result.error);
  return {
    ok: false as const,
    failure: fail(failStatus(result.status), {
      kind: 'invalid' as const,
      values,
      errors: placed.errors,
      message,
    }),
  };
}
