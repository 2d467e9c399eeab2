import { and, asc, desc, eq, gt, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import type { Actor } from '../../actor';
import { executor } from '../../../db/transaction';
import { auditLog, users, type AuditEntry } from '../../../db/schema/index';
import { AUDIT_TARGET_TYPES, type AuditAction } from './audit-actions';
import { containing, createAuditTargetsRepository } from './audit-targets.repository';

export interface AuditEvent {
  actorId: string | null;
  /** Only the listed actions (audit-actions.ts), so every one has a label and a place in the log's filter. */
  action: AuditAction;
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/**
 * The entry of a step someone took on one object: who (their account and address), what, on which object, and the
 * particulars worth keeping.
 */
export function auditEvent(
  actor: Actor,
  action: AuditAction,
  targetType: string,
  targetId: string,
  details?: Record<string, unknown>,
): AuditEvent {
  return { actorId: actor.id, action, targetType, targetId, ip: actor.ip, ...(details && { details }) };
}

/** What the log can be searched by; every part optional, all parts together. */
export interface AuditFilter {
  /** The acting person: an account id, or text found in the name or e-mail. */
  person?: string | undefined;
  action?: string | undefined;
  targetType?: string | undefined;
  /** The object: its id, or text found in its name. */
  target?: string | undefined;
  /** From this instant, inclusive. */
  from?: Date | undefined;
  /** Up to this instant, exclusive. */
  until?: Date | undefined;
}

/** A keyset page: entries older than `before`, or newer than `after`, by id. */
export interface AuditPage {
  before?: number | undefined;
  after?: number | undefined;
  limit: number;
}

export type AuditRow = AuditEntry & { actorName: string | null; actorEmail: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createAuditRepository(db: Db) {
  const targets = createAuditTargetsRepository(db);
  function conditions(filter: AuditFilter): SQL[] {
    const where: SQL[] = [];
    if (filter.person) {
      where.push(
        UUID.test(filter.person)
          ? eq(auditLog.actorId, filter.person)
          : inArray(
              auditLog.actorId,
              executor(db)
                .select({ id: users.id })
                .from(users)
                .where(
                  or(ilike(users.fullName, containing(filter.person)), ilike(users.email, containing(filter.person))),
                ),
            ),
      );
    }
    if (filter.action) where.push(eq(auditLog.action, filter.action));
    if (filter.targetType) where.push(eq(auditLog.targetType, filter.targetType));
    if (filter.target) {
      const types = filter.targetType ? [filter.targetType] : AUDIT_TARGET_TYPES;
      const byName = types.flatMap((type) => {
        const ids = targets.matching(type, filter.target!);
        return ids ? [sql`(${auditLog.targetType} = ${type} and ${auditLog.targetId} in (${ids}))`] : [];
      });
      where.push(or(eq(auditLog.targetId, filter.target), ...byName)!);
    }
    if (filter.from) where.push(gte(auditLog.at, filter.from));
    if (filter.until) where.push(lt(auditLog.at, filter.until));
    return where;
  }

  return {
    /** The human names of the objects a page of entries names (see audit-targets.repository.ts). */
    targetNames: targets.names,

    /** Appends one event, inside the caller's transaction when there is one, so the record and the change commit together. */
    async append(event: AuditEvent, at: Date): Promise<void> {
      await executor(db)
        .insert(auditLog)
        .values({
          at,
          actorId: event.actorId,
          action: event.action,
          targetType: event.targetType ?? null,
          targetId: event.targetId ?? null,
          ip: event.ip ?? null,
          details: event.details ?? {},
        });
    },

    /**
     * One keyset page of the filtered log, newest first, with the acting account's name and e-mail (null for
     * the system and for anonymous events). Reads `limit + 1` rows so the caller knows whether more follow.
     */
    async list(filter: AuditFilter, page: AuditPage): Promise<AuditRow[]> {
      const where = conditions(filter);
      if (page.before !== undefined) where.push(lt(auditLog.id, page.before));
      if (page.after !== undefined) where.push(gt(auditLog.id, page.after));
      const rows = await executor(db)
        .select({ entry: auditLog, actorName: users.fullName, actorEmail: users.email })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorId))
        .where(and(...where))
        // Paging forward from `after` reads upwards from it; the rows are turned back to newest first below.
        .orderBy(page.after !== undefined ? asc(auditLog.id) : desc(auditLog.id))
        .limit(page.limit + 1);
      const ordered = page.after !== undefined ? rows.reverse() : rows;
      return ordered.map((r) => ({ ...r.entry, actorName: r.actorName, actorEmail: r.actorEmail }));
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
