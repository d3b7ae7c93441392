import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app.ts';

const CATEGORIES = ['validation', 'auth', 'transient', 'conflict'] as const;

const listQuery = z
  .object({
    flowId: z.string().min(1).optional(),
    category: z.enum(CATEGORIES).optional(),
    status: z.enum(['parked', 'resolved']).default('parked'),
    sourceId: z.string().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

const replayBody = z
  .object({
    ids: z.array(z.number().int().positive()).min(1).optional(),
    flowId: z.string().min(1).optional(),
    category: z.enum(CATEGORIES).optional(),
    sourceId: z.string().min(1).optional(),
    all: z.literal(true).optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
  })
  .strict()
  .refine((b) => b.ids || b.flowId || b.category || b.sourceId || b.all, {
    message: 'say which records to replay: ids, flowId, category, sourceId, or "all": true',
  });

export function createErrorQueueRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const q = listQuery.parse(c.req.query());
    return c.json({ parked: await deps.store.parked.list(q) });
  });

  app.post('/replay', async (c) => {
    const body = replayBody.parse(await c.req.json());
    const results = await deps.engine.replay(body);
    return c.json({ replayed: results.length, results });
  });

  app.post('/:id/replay', async (c) => {
    const id = z.coerce.number().int().positive().parse(c.req.param('id'));
    const results = await deps.engine.replay({ ids: [id] });
    if (results.length === 0) return c.json({ code: 'NOT_FOUND', message: `no open parked record #${id}`, requestId: c.get('requestId') }, 404);
    return c.json(results[0]);
  });

  return app;
}
