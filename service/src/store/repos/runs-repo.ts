import { desc, eq } from 'drizzle-orm';
import { clampLimit, sqlNow, type Db } from '../db.ts';
import { runs } from '../schema.ts';
import type { RunRecord, StoreOps } from '../types.ts';

export const RUNS_DEFAULT_LIMIT = 100;
export const RUNS_MAX_LIMIT = 1000;

export function createRunsRepo(db: Db): StoreOps['runs'] {
  return {
    async start(run) {
      await db.insert(runs).values({ id: run.id, flowId: run.flowId, trigger: run.trigger, status: 'running' });
    },

    async finish(id, status, stats, error = null) {
      const updated = await db
        .update(runs)
        .set({ status, stats, error, finishedAt: sqlNow() })
        .where(eq(runs.id, id))
        .returning({ id: runs.id });
      if (updated.length === 0) throw new Error(`cannot finish run "${id}": no such run`);
    },

    async list(q): Promise<RunRecord[]> {
      const rows = await db
        .select()
        .from(runs)
        .where(q.flowId === undefined ? undefined : eq(runs.flowId, q.flowId))
        .orderBy(desc(runs.startedAt), desc(runs.id))
        .limit(clampLimit(q.limit, RUNS_DEFAULT_LIMIT, RUNS_MAX_LIMIT));
      return rows.map((row) => ({ ...row }));
    },
  };
}
