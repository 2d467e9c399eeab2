import { desc, eq, lt, and, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { auditLog, users, type AuditEntry } from '../../../db/schema/index';

export interface AuditEvent {
  actorId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export function createAuditRepository(db: Db) {
  return {
    /** Appends one event. Pass the transaction that makes the change, so the record and the change commit together. */
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

    /** Newest first, keyset-paginated by id. */
    /** Entries with the acting account's name (null for the system and for anonymous events). */
    async list(options: {
      before?: number;
      limit: number;
      actorId?: string;
      action?: string;
    }): Promise<(AuditEntry & { actorName: string | null })[]> {
      const where: SQL[] = [];
      if (options.before !== undefined) where.push(lt(auditLog.id, options.before));
      if (options.actorId) where.push(eq(auditLog.actorId, options.actorId));
      if (options.action) where.push(eq(auditLog.action, options.action));
      const rows = await executor(db)
        .select({ entry: auditLog, actorName: users.fullName })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorId))
        .where(and(...where))
        .orderBy(desc(auditLog.id))
        .limit(options.limit);
      return rows.map((r) => ({ ...r.entry, actorName: r.actorName }));
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
