import type { Static } from '@sinclair/typebox';
import type { AuditListResponse } from '$api-types';
import { callApi, type ApiEvent } from './client';

export type AuditList = Static<typeof AuditListResponse>;
export type AuditEntry = AuditList['items'][number];

/** The log's search as the page and the CSV export take it (see server/modules/audit/audit.schemas.ts). */
export interface AuditSearch {
  person?: string | undefined;
  action?: string | undefined;
  targetType?: string | undefined;
  target?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export const AUDIT_SEARCH_FIELDS = ['person', 'action', 'targetType', 'target', 'from', 'to'] as const;

/** The audit log, as this browser's request may read it. Server-side only. */
export function auditApi(event: ApiEvent) {
  return {
    list: (query: AuditSearch & { before?: number; after?: number; limit?: number; lang?: string }) =>
      callApi<AuditList>(event, 'GET', '/api/admin/audit', { query: { ...query } }),
  };
}
