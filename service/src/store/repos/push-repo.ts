import { and, eq, lt, notInArray, sql } from 'drizzle-orm';
import { chunkItems, sqlExcluded, sqlNow, type Db } from '../db.ts';
import { pushReceipts, pushSubscriptions } from '../schema.ts';
import type { PushReceipt, StoreOps } from '../types.ts';

/** 4 columns per row; far below PostgreSQL's bound-parameter limit. */
const RECEIPTS_PER_INSERT = 1000;

export function createPushRepo(db: Db): StoreOps['push'] {
  return {
    async subscriptions(connectionId) {
      const rows = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.connectionId, connectionId)).orderBy(pushSubscriptions.key);
      return rows.map(({ connectionId: _c, updatedAt: _u, ...row }) => row);
    },

    async replaceSubscriptions(connectionId, rows) {
      await db.transaction(async (tx) => {
        const keys = rows.map((r) => r.key);
        await tx
          .delete(pushSubscriptions)
          .where(keys.length > 0 ? and(eq(pushSubscriptions.connectionId, connectionId), notInArray(pushSubscriptions.key, keys)) : eq(pushSubscriptions.connectionId, connectionId));
        if (rows.length === 0) return;
        await tx
          .insert(pushSubscriptions)
          .values(rows.map((r) => ({ ...r, connectionId })))
          .onConflictDoUpdate({
            target: [pushSubscriptions.connectionId, pushSubscriptions.key],
            set: {
              entity: sqlExcluded(pushSubscriptions.entity),
              externalId: sqlExcluded(pushSubscriptions.externalId),
              expiresAt: sqlExcluded(pushSubscriptions.expiresAt),
              lastRenewedAt: sqlExcluded(pushSubscriptions.lastRenewedAt),
              lastError: sqlExcluded(pushSubscriptions.lastError),
              state: sqlExcluded(pushSubscriptions.state),
              updatedAt: sqlNow(),
            },
          });
      });
    },

    async recordReceipts(receipts) {
      const fresh: PushReceipt[] = [];
      // The same receipt twice in one call counts once.
      const unique = [...new Map(receipts.map((r) => [`${r.connectionId}\u0000${r.entity}\u0000${r.recordId}\u0000${r.version}`, r])).values()];
      for (const batch of chunkItems(unique, RECEIPTS_PER_INSERT)) {
        const rows = await db
          .insert(pushReceipts)
          .values(batch)
          .onConflictDoNothing()
          .returning({ connectionId: pushReceipts.connectionId, entity: pushReceipts.entity, recordId: pushReceipts.recordId, version: pushReceipts.version });
        fresh.push(...rows);
      }
      return fresh;
    },

    async pruneReceipts(before) {
      const rows = await db.delete(pushReceipts).where(lt(pushReceipts.receivedAt, before)).returning({ n: sql<number>`1` });
      return rows.length;
    },
  };
}
