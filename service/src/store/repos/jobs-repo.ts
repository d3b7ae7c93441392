import { and, asc, count, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { chunkItems, sqlNow, type Db } from '../db.ts';
import { jobs } from '../schema.ts';
import type { Job, StoreOps } from '../types.ts';

const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
/** 4 columns per row; far below PostgreSQL's bound-parameter limit. */
const JOBS_ROWS_PER_INSERT = 1000;

type JobRow = typeof jobs.$inferSelect;

function toJob(row: JobRow): Job {
  return { ...row, payload: row.payload ?? null };
}

function compareClaimOrder(a: Job, b: Job): number {
  return a.runAfter.getTime() - b.runAfter.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function createJobsRepo(db: Db): StoreOps['jobs'] {
  return {
    async enqueue(input) {
      const inserted: string[] = [];
      for (const batch of chunkItems(input, JOBS_ROWS_PER_INSERT)) {
        const rows = await db
          .insert(jobs)
          .values(batch.map((j) => ({ id: j.id, kind: j.kind, payload: j.payload, runAfter: j.runAfter })))
          .onConflictDoNothing({ target: jobs.id })
          .returning({ id: jobs.id });
        inserted.push(...rows.map((r) => r.id));
      }
      return inserted;
    },

    async claim(kinds, limit, leaseMs) {
      if (kinds.length === 0 || limit < 1) return [];
      if (!Number.isFinite(leaseMs) || leaseMs <= 0) throw new RangeError(`leaseMs must be a positive number, got ${leaseMs}`);
      // Lock the due rows first (SKIP LOCKED: concurrent claimers on other connections take other rows instead of
      // waiting), then lease them; the row locks last until this (sub)transaction ends.
      const claimed = await db.transaction(async (tx) => {
        const due = await tx
          .select({ id: jobs.id })
          .from(jobs)
          .where(
            and(
              inArray(jobs.kind, kinds),
              lte(jobs.runAfter, sqlNow()),
              or(eq(jobs.status, 'queued'), and(eq(jobs.status, 'running'), lt(jobs.lockedUntil, sqlNow()))),
            ),
          )
          .orderBy(asc(jobs.runAfter), asc(jobs.id))
          .limit(Math.floor(limit))
          .for('update', { skipLocked: true });
        if (due.length === 0) return [];
        return tx
          .update(jobs)
          .set({
            status: 'running',
            attempts: sql`${jobs.attempts} + 1`,
            lockedUntil: sql`now() + (${Math.ceil(leaseMs)})::double precision * interval '1 millisecond'`,
            updatedAt: sqlNow(),
          })
          .where(inArray(jobs.id, due.map((d) => d.id)))
          .returning();
      });
      return claimed.map(toJob).sort(compareClaimOrder);
    },

    async complete(ids) {
      for (const batch of chunkItems([...new Set(ids)])) {
        await db
          .update(jobs)
          .set({ status: 'done', lockedUntil: null, updatedAt: sqlNow() })
          .where(inArray(jobs.id, batch));
      }
    },

    async retry(id, runAfter, error) {
      const rows = await db
        .update(jobs)
        .set({ status: 'queued', runAfter, lastError: error, lockedUntil: null, updatedAt: sqlNow() })
        .where(eq(jobs.id, id))
        .returning({ id: jobs.id });
      if (rows.length === 0) throw new Error(`cannot retry job "${id}": no such job`);
    },

    async fail(id, error) {
      const rows = await db
        .update(jobs)
        .set({ status: 'failed', lastError: error, lockedUntil: null, updatedAt: sqlNow() })
        .where(eq(jobs.id, id))
        .returning({ id: jobs.id });
      if (rows.length === 0) throw new Error(`cannot fail job "${id}": no such job`);
    },

    async get(id) {
      const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
      return row ? toJob(row) : undefined;
    },

    /** Every status is present (0 when empty), so metrics see a stable set of series. */
    async counts() {
      const rows = await db.select({ status: jobs.status, n: count() }).from(jobs).groupBy(jobs.status);
      const counts: Record<string, number> = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0]));
      for (const row of rows) counts[row.status] = row.n;
      return counts;
    },
  };
}
