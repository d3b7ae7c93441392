import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app.ts';

const OUTCOMES = ['created', 'updated', 'unchanged', 'parked', 'refused', 'deleted', 'run_started', 'run_succeeded', 'run_failed', 'replay_requested', 'fallback'] as const;

export const auditQuerySchema = z
  .object({
    flowId: z.string().min(1).optional(),
    runId: z.string().min(1).optional(),
    recordId: z.string().min(1).optional(),
    outcome: z.enum(OUTCOMES).optional(),
    from: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
    to: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
    beforeId: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

export function createAuditRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const q = auditQuerySchema.parse(c.req.query());
    const events = await deps.store.audit.query(q);
    const last = events.at(-1);
    return c.json({ events, nextBeforeId: events.length === q.limit && last ? last.id : null });
  });
  return app;
}
