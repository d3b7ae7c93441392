import { and, eq, inArray } from 'drizzle-orm';
import { chunkItems, sqlExcluded, sqlNow, type Db } from '../db.ts';
import { recordLinks } from '../schema.ts';
import type { RecordLink, RecordLinkInput, StoreOps } from '../types.ts';

type LinkRow = typeof recordLinks.$inferSelect;

function toLink(row: LinkRow): RecordLink {
  return { ...row };
}

/** One statement cannot update the same row twice: the last entry for a flow + source id wins. */
function dedupeLinks(links: RecordLinkInput[]): RecordLinkInput[] {
  const byKey = new Map<string, RecordLinkInput>();
  for (const link of links) byKey.set(JSON.stringify([link.flowId, link.sourceId]), link);
  return [...byKey.values()];
}

export function createLinksRepo(db: Db): StoreOps['links'] {
  return {
    async get(flowId, sourceIds) {
      const found = new Map<string, RecordLink>();
      for (const ids of chunkItems([...new Set(sourceIds)])) {
        const rows = await db
          .select()
          .from(recordLinks)
          .where(and(eq(recordLinks.flowId, flowId), inArray(recordLinks.sourceId, ids)));
        for (const row of rows) found.set(row.sourceId, toLink(row));
      }
      return found;
    },

    async getByTarget(flowId, targetIds) {
      const found = new Map<string, RecordLink>();
      for (const ids of chunkItems([...new Set(targetIds)])) {
        const rows = await db
          .select()
          .from(recordLinks)
          .where(and(eq(recordLinks.flowId, flowId), inArray(recordLinks.targetId, ids)));
        for (const row of rows) if (row.targetId !== null) found.set(row.targetId, toLink(row));
      }
      return found;
    },

    async upsert(links) {
      for (const batch of chunkItems(dedupeLinks(links))) {
        await db
          .insert(recordLinks)
          .values(batch)
          .onConflictDoUpdate({
            target: [recordLinks.flowId, recordLinks.sourceId],
            set: {
              sourceConnection: sqlExcluded(recordLinks.sourceConnection),
              sourceEntity: sqlExcluded(recordLinks.sourceEntity),
              targetConnection: sqlExcluded(recordLinks.targetConnection),
              targetEntity: sqlExcluded(recordLinks.targetEntity),
              targetId: sqlExcluded(recordLinks.targetId),
              targetKey: sqlExcluded(recordLinks.targetKey),
              contentHash: sqlExcluded(recordLinks.contentHash),
              sourceVersion: sqlExcluded(recordLinks.sourceVersion),
              updatedAt: sqlNow(),
            },
          });
      }
    },

    async findBySource(sourceConnection, sourceEntity, sourceId) {
      const rows = await db
        .select()
        .from(recordLinks)
        .where(
          and(
            eq(recordLinks.sourceConnection, sourceConnection),
            eq(recordLinks.sourceEntity, sourceEntity),
            eq(recordLinks.sourceId, sourceId),
          ),
        )
        .orderBy(recordLinks.flowId);
      return rows.map(toLink);
    },

    async findByTarget(targetConnection, targetEntity, targetId) {
      const rows = await db
        .select()
        .from(recordLinks)
        .where(
          and(
            eq(recordLinks.targetConnection, targetConnection),
            eq(recordLinks.targetEntity, targetEntity),
            eq(recordLinks.targetId, targetId),
          ),
        )
        .orderBy(recordLinks.flowId, recordLinks.sourceId);
      return rows.map(toLink);
    },
  };
}
