/**
 * `GET /services/data/vXX.X/limits`: the org's allocations as `{ <Name>: { Max, Remaining } }` (REST API 29.0+;
 * "List Org Limits" example: numbers, keys in alphabetical order). [V]
 *
 * Keys the emulator can honestly compute: DailyApiRequests (the same usage `Sforce-Limit-Info` reports: this call
 * counts before the body is built, so `Remaining = Max - used` agrees with the header on the same response),
 * DailyBulkApiBatches (consumed by Bulk API 2.0 ingest, one per 10,000 records), DailyBulkV2QueryFileStorageMB and
 * DailyBulkV2QueryJobs (nothing consumes them: the emulator has no Bulk API 2.0 query jobs). [V names and defaults]
 * Left out, because the emulator does not model them: per-app breakdowns under DailyApiRequests, DataStorageMB,
 * FileStorageMB, streaming / platform-event / email / async Apex / report / analytics limits.
 */
import { Hono } from 'hono';
import type { SandboxDeps, SandboxEnv } from '../context.ts';
import type { Allocation } from '../org-limits.ts';

const LIMITS_MIN_VERSION = 29;

function toLimitEntry(allocation: Allocation): { Max: number; Remaining: number } {
  return { Max: allocation.max, Remaining: Math.max(0, allocation.max - allocation.used) };
}

export function createLimitsRoutes(deps: SandboxDeps): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>({ strict: false });
  app.get('/', (c) => {
    if (Number(c.get('apiVersion')) < LIMITS_MIN_VERSION) return c.json([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }], 404);
    const usage = deps.usage.get();
    const limits = deps.orgLimits;
    return c.json({
      DailyApiRequests: toLimitEntry(usage),
      DailyBulkApiBatches: toLimitEntry(limits.bulkBatches),
      DailyBulkV2QueryFileStorageMB: toLimitEntry(limits.bulkV2QueryFileStorageMb),
      DailyBulkV2QueryJobs: toLimitEntry(limits.bulkV2QueryJobs),
    });
  });
  return app;
}
