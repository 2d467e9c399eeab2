import { error, fail, redirect } from '@sveltejs/kit';
import { sittingsApi } from '$lib/api/sittings';
import { unsentAnswersApi } from '$lib/api/unsent-answers';
import { conflictMessage, messageFor, reasonProblem, type FieldErrors } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

/** The most a file may hold, as the API takes it. */
const MAX_FILE = 60_000;

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const [sitting, board] = await Promise.all([
    sittingsApi(event).get(event.params.id),
    sittingsApi(event).board(event.params.id),
  ]);
  if (!sitting.ok) error(sitting.status === 400 || sitting.status === 404 ? 404 : 503);
  const candidate = board.ok ? board.data.candidates.find((c) => c.attemptId === event.params.attemptId) : undefined;
  if (board.ok && !candidate) error(404);
  return { sitting: sitting.data, candidate: candidate ?? null };
};

const CONFLICTS: Record<string, MessageKey> = {
  'results.published': 'sittings.unsent.conflicts.published',
  'attempt.not_finished': 'sittings.unsent.conflicts.not_finished',
  'attempt.annulled': 'sittings.unsent.conflicts.annulled',
  'unsent.nothing_newer': 'sittings.unsent.conflicts.nothing_newer',
};

/** The file's text, from the upload (first step) or from the hidden field that carries it to the second. */
async function fileText(data: FormData): Promise<string> {
  const upload = data.get('upload');
  if (upload instanceof File && upload.size > 0) return upload.size > MAX_FILE ? '' : await upload.text();
  const carried = data.get('file');
  return typeof carried === 'string' ? carried : '';
}

export const actions: Actions = {
  /** First step: the file is checked and set beside what the server holds; nothing changes. */
  inspect: async (event) => {
    const file = await fileText(await event.request.formData());
    if (file.length < 2)
      return fail(400, { kind: 'inspect' as const, errors: { upload: 'required' } as FieldErrors, message: undefined });
    const result = await unsentAnswersApi(event).inspect(event.params.attemptId, file);
    if (!result.ok)
      return fail(result.status, {
        kind: 'inspect' as const,
        errors: {} as FieldErrors,
        message: messageFor(result.status, result.error),
      });
    return { kind: 'inspected' as const, file, inspection: result.data };
  },

  /** Second step: the administrator's recorded decision, with the reason. */
  accept: async (event) => {
    const data = await event.request.formData();
    const file = await fileText(data);
    const reason = String(data.get('reason') ?? '').trim();
    const inspection = await unsentAnswersApi(event).inspect(event.params.attemptId, file);
    const again = inspection.ok ? inspection.data : null;
    const problem = reasonProblem(reason);
    if (problem)
      return fail(400, {
        kind: 'accept' as const,
        file,
        inspection: again,
        values: { reason },
        errors: { reason: problem } as FieldErrors,
        message: undefined,
      });
    const result = await unsentAnswersApi(event).accept(event.params.attemptId, file, reason);
    if (!result.ok) {
      const fileProblem = result.error.fields?.find((f) => f.field === 'file' && f.code.startsWith('unsent.'));
      const conflict = conflictMessage(result.error, CONFLICTS);
      return fail(result.status, {
        kind: 'accept' as const,
        file,
        inspection: again,
        values: { reason },
        errors: {} as FieldErrors,
        message:
          conflict ??
          (fileProblem ? ('sittings.unsent.conflicts.file' as MessageKey) : messageFor(result.status, result.error)),
      });
    }
    const query = new URLSearchParams({ accepted: result.data.accepted.join(', ') });
    if (result.data.pointsAfter !== null) query.set('points', String(result.data.pointsAfter));
    redirect(
      303,
      `/admin/sittings/${encodeURIComponent(event.params.id)}/unsent/${encodeURIComponent(event.params.attemptId)}?${query.toString()}`,
    );
  },
};
