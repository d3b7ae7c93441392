import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { chunkItems, sqlExcluded, sqlNow, type Db } from '../db.ts';
import { parkedRecords } from '../schema.ts';
import type { ParkedRecord, StoreOps } from '../types.ts';

type ParkedRow = typeof parkedRecords.$inferSelect;

function toParked(row: ParkedRow): ParkedRecord {
  return { ...row };
}

export function createParkedRepo(db: Db): StoreOps['parked'] {
  return {
    async park(entries) {
      if (entries.length === 0) return;
      // One statement per entry: the same record twice in a batch must count two attempts, which a single
      // multi-row ON CONFLICT cannot do ("cannot affect row a second time"). A savepoint keeps the batch atomic.
      await db.transaction(async (tx) => {
        for (const entry of entries) {
          await tx
            .insert(parkedRecords)
            .values({ ...entry, status: 'parked', attempts: 1 })
            .onConflictDoUpdate({
              target: [parkedRecords.flowId, parkedRecords.sourceId],
              targetWhere: sql`status = 'parked'`,
              set: {
                sourceVersion: sqlExcluded(parkedRecords.sourceVersion),
                category: sqlExcluded(parkedRecords.category),
                reason: sqlExcluded(parkedRecords.reason),
                payload: sqlExcluded(parkedRecords.payload),
                attempts: sql`${parkedRecords.attempts} + 1`,
                updatedAt: sqlNow(),
              },
            });
        }
      });
    },

    /** Newest first; without `limit` every matching row is returned (replay of "all" needs them all). */
    async list(q) {
      const filters: (SQL | undefined)[] = [
        q.flowId === undefined ? undefined : eq(parkedRecords.flowId, q.flowId),
        q.category === undefined ? undefined : eq(parkedRecords.category, q.category),
        q.status === undefined ? undefined : eq(parkedRecords.status, q.status),
        q.sourceId === undefined ? undefined : eq(parkedRecords.sourceId, q.sourceId),
        q.sourceIds === undefined ? undefined : inArray(parkedRecords.sourceId, q.sourceIds),
      ];
      if (q.ids !== undefined && q.ids.length === 0) return [];
      if (q.sourceIds !== undefined && q.sourceIds.length === 0) return [];
      const idChunks = q.ids === undefined ? [undefined] : chunkItems(q.ids);
      const found: ParkedRecord[] = [];
      for (const ids of idChunks) {
        const base = db
          .select()
          .from(parkedRecords)
          .where(and(...filters, ids === undefined ? undefined : inArray(parkedRecords.id, ids)))
          .orderBy(desc(parkedRecords.id));
        const rows = q.limit === undefined ? await base : await base.limit(Math.max(1, Math.floor(q.limit)));
        found.push(...rows.map(toParked));
      }
      found.sort((a, b) => b.id - a.id);
      return q.limit === undefined ? found : found.slice(0, Math.max(1, Math.floor(q.limit)));
    },

    async resolve(flowId, sourceIds) {
      let resolved = 0;
      for (const ids of chunkItems([...new Set(sourceIds)])) {
        const rows = await db
          .update(parkedRecords)
          .set({ status: 'resolved', updatedAt: sqlNow() })
          .where(
            and(
              eq(parkedRecords.flowId, flowId),
              inArray(parkedRecords.sourceId, ids),
              eq(parkedRecords.status, 'parked'),
            ),
          )
          .returning({ id: parkedRecords.id });
        resolved += rows.length;
      }
      return resolved;
    },

    /** Open (status 'parked') rows only: the size of the error queue. */
    async count(q = {}) {
      const [row] = await db
        .select({ n: count() })
        .from(parkedRecords)
        .where(
          and(
            eq(parkedRecords.status, 'parked'),
            q.flowId === undefined ? undefined : eq(parkedRecords.flowId, q.flowId),
          ),
        );
      return row?.n ?? 0;
    },
  };
}
