import { eq } from 'drizzle-orm';
import { sqlNow, type Db } from '../db.ts';
import { cursors } from '../schema.ts';
import type { StoreOps } from '../types.ts';

export function createCursorsRepo(db: Db): StoreOps['cursors'] {
  return {
    async get<C>(flowId: string): Promise<C | null> {
      const [row] = await db.select({ value: cursors.value }).from(cursors).where(eq(cursors.flowId, flowId));
      return (row?.value ?? null) as C | null;
    },
    async set(flowId, value) {
      await db
        .insert(cursors)
        .values({ flowId, value })
        .onConflictDoUpdate({ target: cursors.flowId, set: { value, updatedAt: sqlNow() } });
    },
  };
}
