import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import { renderJobInfo } from '../bulk/ingest-job.ts';
import type { SandboxDeps, SandboxEnv } from '../context.ts';

const allocation = z.object({ used: z.number().int().nonnegative().optional(), max: z.number().int().nonnegative().optional() }).strict();

const settingsSchema = z
  .object({
    queueDelayMs: z.number().int().nonnegative(),
    processingDelayMs: z.number().int().nonnegative(),
    autoProcess: z.boolean(),
    maxUploadBase64Bytes: z.number().int().positive(),
    recordsPerBatch: z.number().int().positive(),
    listPageSize: z.number().int().positive(),
  })
  .partial()
  .strict();

/**
 * `/_sandbox/bulk/…` and `/_sandbox/org-limits`: Salesforce's side of Bulk API 2.0 for tests — process the queue
 * now, see every job, change processing delays, and set the daily allocations so a test can make usage climb.
 */
export function createBulkAdminRoutes(deps: SandboxDeps): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>({ strict: false });

  app.post('/bulk/process', (c) => c.json({ processed: deps.bulk.processNow() }));
  app.get('/bulk/jobs', (c) => {
    deps.bulk.advance();
    return c.json(deps.bulk.list().map(renderJobInfo));
  });
  app.get('/bulk/settings', (c) => c.json(deps.bulk.settings));
  app.put('/bulk/settings', zValidator('json', settingsSchema), (c) => {
    deps.bulk.configure(c.req.valid('json'));
    return c.json(deps.bulk.settings);
  });

  app.get('/org-limits', (c) => c.json(deps.orgLimits.snapshot()));
  app.put('/org-limits', zValidator('json', z.object({ bulkBatches: allocation, bulkV2Records: allocation }).partial().strict()), (c) => {
    deps.orgLimits.set(c.req.valid('json'));
    return c.json(deps.orgLimits.snapshot());
  });
  return app;
}
