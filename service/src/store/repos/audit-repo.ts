import { and, desc, eq, gte, lt, lte, or, type SQL } from 'drizzle-orm';
import { chunkItems, clampLimit, type Db } from '../db.ts';
import { auditEvents } from '../schema.ts';
import type { AuditEvent, StoreOps } from '../types.ts';

export const AUDIT_DEFAULT_LIMIT = 100;
export const AUDIT_MAX_LIMIT = 1000;
/** 13 columns per row; keeps one insert far below PostgreSQL's 65,535 bound parameters. */
const AUDIT_ROWS_PER_INSERT = 500;

type AuditRow = typeof auditEvents.$inferSelect;

function toEvent(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    at: row.at,
    flowId: row.flowId,
    runId: row.runId,
    sourceId: row.sourceId,
    sourceVersion: row.sourceVersion,
    targetId: row.targetId,
    contentHash: row.contentHash,
    outcome: row.outcome,
    errorCategory: row.errorCategory,
    message: row.message,
    requestIds: row.requestIds,
    details: row.details,
  };
}

export function createAuditRepo(db: Db): StoreOps['audit'] {
  return {
    async append(events) {
      const rows = events.map((e) => ({
        flowId: e.flowId,
        runId: e.runId,
        sourceId: e.sourceId ?? null,
        sourceVersion: e.sourceVersion ?? null,
        targetId: e.targetId ?? null,
        contentHash: e.contentHash ?? null,
        outcome: e.outcome,
        errorCategory: e.errorCategory ?? null,
        message: e.message ?? null,
        requestIds: e.requestIds ?? [],
        details: e.details ?? {},
      }));
      for (const batch of chunkItems(rows, AUDIT_ROWS_PER_INSERT)) await db.insert(auditEvents).values(batch);
    },

    /** Newest first (by id); filters are ANDed; `from` and `to` are both inclusive. */
    async query(q) {
      const filters: (SQL | undefined)[] = [
        q.flowId === undefined ? undefined : eq(auditEvents.flowId, q.flowId),
        q.runId === undefined ? undefined : eq(auditEvents.runId, q.runId),
        q.recordId === undefined
          ? undefined
          : or(eq(auditEvents.sourceId, q.recordId), eq(auditEvents.targetId, q.recordId)),
        q.outcome === undefined ? undefined : eq(auditEvents.outcome, q.outcome),
        q.from === undefined ? undefined : gte(auditEvents.at, q.from),
        q.to === undefined ? undefined : lte(auditEvents.at, q.to),
        q.beforeId === undefined ? undefined : lt(auditEvents.id, q.beforeId),
      ];
      const rows = await db
        .select()
        .from(auditEvents)
        .where(and(...filters))
        .orderBy(desc(auditEvents.id))
        .limit(clampLimit(q.limit, AUDIT_DEFAULT_LIMIT, AUDIT_MAX_LIMIT));
      return rows.map(toEvent);
    },
  };
}
