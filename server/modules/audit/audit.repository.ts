import { desc, eq, lt, and, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { auditLog, type AuditEntry } from '../../../db/schema/index';

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
    async append(event: AuditEvent, at: Date, tx: Db = db): Promise<void> {
      await tx.insert(auditLog).values({
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
    async list(options: { before?: number; limit: number; actorId?: string; action?: string }): Promise<AuditEntry[]> {
      const where: SQL[] = [];
      if (options.before !== undefined) where.push(lt(auditLog.id, options.before));
      if (options.actorId) where.push(eq(auditLog.actorId, options.actorId));
      if (options.action) where.push(eq(auditLog.action, options.action));
      return db
        .select()
        .from(auditLog)
        .where(and(...where))
        .orderBy(desc(auditLog.id))
        .limit(options.limit);
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
