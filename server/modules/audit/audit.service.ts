import { Readable } from 'node:stream';
import type { Clock } from '../../clock';
import type { Actor } from '../../actor';
import { ValidationError } from '../../errors';
import type { Language } from '../../../db/domain/question';
import { csvLine } from '../register/register.export';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from './audit-actions';
import type { AuditFilter, AuditRepository, AuditRow } from './audit.repository';
import type { AuditEntryView, AuditExportQuery, AuditListResponse, AuditQuery } from './audit.schemas';
import { targetKey } from './audit-targets.repository';

/** Baku keeps UTC+4 all year (no daylight saving since 2016): a day there starts at 20:00 UTC the day before. */
const BAKU_OFFSET = '+04:00';
const DAY_MS = 24 * 60 * 60 * 1000;

/** The query's days as instants, refusing a range that ends before it starts. */
export function auditFilter(query: AuditExportQuery): AuditFilter {
  const from = query.from ? new Date(`${query.from}T00:00:00${BAKU_OFFSET}`) : undefined;
  const until = query.to ? new Date(new Date(`${query.to}T00:00:00${BAKU_OFFSET}`).getTime() + DAY_MS) : undefined;
  if (from && until && until.getTime() <= from.getTime()) {
    throw ValidationError.field('to', 'date.before_from', 'The last day must not be before the first day.');
  }
  return {
    person: query.person?.trim() || undefined,
    action: query.action,
    targetType: query.targetType,
    target: query.target?.trim() || undefined,
    from,
    until,
  };
}

const EXPORT_BATCH = 1000;

const CSV_HEADER = [
  'id',
  'at',
  'actorId',
  'actorName',
  'actorEmail',
  'action',
  'targetType',
  'targetId',
  'targetName',
  'ip',
  'details',
];

/** Reading the audit log: the search the administrators' page uses, and its CSV export. */
export function createAuditLogService(deps: { clock: Clock; repository: AuditRepository }) {
  const { clock, repository } = deps;

  /** The rows as the API gives them, with each object's human name read in one query per kind of object. */
  async function view(rows: AuditRow[], language: Language): Promise<AuditEntryView[]> {
    const names = await repository.targetNames(
      rows.map((r) => ({ type: r.targetType, id: r.targetId })),
      language,
    );
    return rows.map((r) => {
      const target = names.get(targetKey(r.targetType, r.targetId));
      return {
        ...r,
        at: r.at.toISOString(),
        targetName: target?.name ?? null,
        targetParentId: target?.parentId ?? null,
      };
    });
  }

  return {
    async list(query: AuditQuery): Promise<AuditListResponse> {
      if (query.before !== undefined && query.after !== undefined) {
        throw ValidationError.field('after', 'cursor.both', 'Give either before or after, not both.');
      }
      const filter = auditFilter(query);
      const rows = await repository.list(filter, { before: query.before, after: query.after, limit: query.limit });
      const more = rows.length > query.limit;
      // The extra row read to see whether more follow sits at the far end of the direction read.
      const page = query.after !== undefined ? rows.slice(more ? 1 : 0) : rows.slice(0, query.limit);
      const newest = page.at(0);
      const oldest = page.at(-1);
      const olderFollow = query.after !== undefined ? page.length > 0 : more;
      const newerFollow = query.after !== undefined ? more : query.before !== undefined;
      return {
        items: await view(page, query.lang ?? 'az'),
        nextCursor: olderFollow && oldest ? oldest.id : null,
        previousCursor: newerFollow && newest ? newest.id : null,
        actions: [...AUDIT_ACTIONS],
        targetTypes: [...AUDIT_TARGET_TYPES],
      };
    },

    /**
     * The whole filtered log as CSV, newest first, a keyset batch at a time (one batch in memory however long
     * the log). The export itself is audited, with its filter, before the first row is read.
     */
    async exportCsv(actor: Actor, query: AuditExportQuery): Promise<Readable> {
      const filter = auditFilter(query);
      const language = query.lang ?? 'az';
      await repository.append(
        {
          actorId: actor.id,
          action: 'audit.exported',
          ip: actor.ip,
          details: Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)),
        },
        clock(),
      );
      async function* lines() {
        yield `\uFEFF${csvLine(CSV_HEADER)}`;
        let before: number | undefined;
        for (;;) {
          const rows = (await repository.list(filter, { before, limit: EXPORT_BATCH })).slice(0, EXPORT_BATCH);
          if (rows.length === 0) return;
          let text = '';
          for (const e of await view(rows, language)) {
            text += csvLine([
              e.id,
              e.at,
              e.actorId,
              e.actorName,
              e.actorEmail,
              e.action,
              e.targetType,
              e.targetId,
              e.targetName,
              e.ip,
              JSON.stringify(e.details),
            ]);
          }
          yield text;
          if (rows.length < EXPORT_BATCH) return;
          before = rows.at(-1)!.id;
        }
      }
      return Readable.from(lines(), { objectMode: false });
    },
  };
}

export type AuditLogService = ReturnType<typeof createAuditLogService>;
