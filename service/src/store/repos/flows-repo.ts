import { eq } from 'drizzle-orm';
import { sqlNow, type Db } from '../db.ts';
import { flowStates } from '../schema.ts';
import type { StoreOps } from '../types.ts';

export function createFlowsRepo(db: Db): StoreOps['flows'] {
  return {
    async setEnabled(flowId, enabled) {
      await db
        .insert(flowStates)
        .values({ flowId, enabled })
        .onConflictDoUpdate({ target: flowStates.flowId, set: { enabled, updatedAt: sqlNow() } });
    },
    async isEnabled(flowId) {
      const [row] = await db.select({ enabled: flowStates.enabled }).from(flowStates).where(eq(flowStates.flowId, flowId));
      return row?.enabled;
    },
  };
}
