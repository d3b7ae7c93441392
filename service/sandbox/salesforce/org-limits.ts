/**
 * The org's rolling 24 h allocations besides the API request allowance (api-usage.ts), as `/limits` reports them
 * and as Bulk API 2.0 consumes them:
 * - DailyBulkApiBatches: 15,000 batches a rolling 24 h, shared by Bulk API and Bulk API 2.0; in Bulk API 2.0 only
 *   ingest jobs consume batches, one per 10,000 records of job data. [V] (Bulk API 2.0 "Limits" and "Understanding
 *   Bulk API 2.0 Ingest" pages)
 * - Bulk API 2.0 ingest records: 150,000,000 a rolling 24 h; past it the rest of a job is not processed and the job
 *   fails. [V] This allocation has no key in `/limits` [V: not in the documented key list], so it is read and set
 *   through the sandbox admin surface only.
 * - DailyBulkV2QueryJobs 10,000 and DailyBulkV2QueryFileStorageMB 976,562 [V: /limits example]; the emulator runs no
 *   Bulk API 2.0 query jobs, so nothing consumes them.
 * Usage never rolls off by itself (a test sets it with `set`).
 */
export interface Allocation {
  used: number;
  max: number;
}

export interface OrgLimits {
  readonly bulkBatches: Allocation;
  readonly bulkV2Records: Allocation;
  readonly bulkV2QueryJobs: Allocation;
  readonly bulkV2QueryFileStorageMb: Allocation;
  /** Takes up to `wanted` units; returns how many were granted (0 when the allocation is used up). */
  take(allocation: Allocation, wanted: number): number;
  set(values: Partial<Record<OrgLimitName, Partial<Allocation>>>): void;
  snapshot(): Record<OrgLimitName, Allocation>;
}

export type OrgLimitName = 'bulkBatches' | 'bulkV2Records' | 'bulkV2QueryJobs' | 'bulkV2QueryFileStorageMb';

export const DEFAULT_DAILY_BULK_BATCHES = 15_000;
export const DEFAULT_DAILY_BULK_V2_RECORDS = 150_000_000;
const DAILY_BULK_V2_QUERY_JOBS = 10_000;
const DAILY_BULK_V2_QUERY_FILE_STORAGE_MB = 976_562;

export function createOrgLimits(opts: { dailyBulkBatches?: number; dailyBulkV2Records?: number } = {}): OrgLimits {
  const allocations: Record<OrgLimitName, Allocation> = {
    bulkBatches: { used: 0, max: opts.dailyBulkBatches ?? DEFAULT_DAILY_BULK_BATCHES },
    bulkV2Records: { used: 0, max: opts.dailyBulkV2Records ?? DEFAULT_DAILY_BULK_V2_RECORDS },
    bulkV2QueryJobs: { used: 0, max: DAILY_BULK_V2_QUERY_JOBS },
    bulkV2QueryFileStorageMb: { used: 0, max: DAILY_BULK_V2_QUERY_FILE_STORAGE_MB },
  };
  return {
    ...allocations,
    take(allocation, wanted) {
      const granted = Math.max(0, Math.min(wanted, allocation.max - allocation.used));
      allocation.used += granted;
      return granted;
    },
    set(values) {
      for (const [name, value] of Object.entries(values) as Array<[OrgLimitName, Partial<Allocation> | undefined]>) {
        const target = allocations[name];
        if (!target) throw new Error(`unknown org limit '${name}'`);
        if (value?.used !== undefined) target.used = value.used;
        if (value?.max !== undefined) target.max = value.max;
      }
    },
    snapshot: () =>
      Object.fromEntries(Object.entries(allocations).map(([k, v]) => [k, { ...v }])) as Record<OrgLimitName, Allocation>,
  };
}
