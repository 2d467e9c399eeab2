import type { Static } from '@sinclair/typebox';
import type { ImportAccepted } from '$api-types';
import { callApi, type ApiEvent } from './client';

export type ImportKind = 'candidates' | 'bookings';
export const IMPORT_KINDS: readonly ImportKind[] = ['candidates', 'bookings'];
export type ImportSummary = Static<typeof ImportAccepted>;
export interface ImportProblem {
  row: number;
  field: string;
  code: string;
  message: string;
}

/** The bulk imports, as this browser's request may call them. Server-side only. */
export function importsApi(event: ApiEvent) {
  return {
    send: (kind: ImportKind, content: string, dryRun: boolean) =>
      callApi<ImportSummary>(event, 'POST', `/api/admin/imports/${kind}`, { body: { content, dryRun } }),
  };
}
