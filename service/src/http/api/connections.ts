import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app.ts';
import { ApiError } from '../errors.ts';

const connectionBody = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'use lower-case letters, digits and dashes (2–63 characters)'),
    system: z.string().min(1),
    name: z.string().min(1).max(200),
    config: z.record(z.string(), z.unknown()).default({}),
    /** Write-only: accepted here, stored encrypted, never returned. */
    secrets: z.record(z.string(), z.string().min(1)).default({}),
  })
  .strict();

export function createConnectionRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => c.json({ connections: await deps.connections.summaries() }));

  app.get('/:id', async (c) => {
    const found = (await deps.connections.summaries()).find((x) => x.id === c.req.param('id'));
    if (!found) throw new ApiError(404, 'NOT_FOUND', `no connection "${c.req.param('id')}"`);
    return c.json(found);
  });

  app.post('/', async (c) => {
    const body = connectionBody.parse(await c.req.json());
    const saved = await deps.connections.upsert(body);
    return c.json(saved, 201);
  });

  app.get('/:id/push', async (c) => {
    const id = c.req.param('id');
    const face = deps.push.face(id);
    if (!face) throw new ApiError(404, 'NOT_FOUND', `connection "${id}" has no push channel (no such connection, or it is configured to poll)`);
    return c.json({ connection: id, subscriptions: await deps.push.subscriptions(id) });
  });

  app.post('/:id/push/upkeep', async (c) => {
    const id = c.req.param('id');
    const report = await deps.push.upkeep(id);
    if (!report) throw new ApiError(404, 'NOT_FOUND', `connection "${id}" keeps no push subscriptions (no such connection, or nothing to keep alive)`);
    if (!report.ran) throw new ApiError(409, 'UPKEEP_BUSY', `upkeep of connection "${id}" is running elsewhere; try again in a minute`);
    return c.json({ ...report, subscriptions: await deps.push.subscriptions(id) });
  });

  app.post('/:id/test', async (c) => {
    const checks = await deps.connections.test(c.req.param('id'));
    return c.json({ connection: c.req.param('id'), ok: checks.every((x) => x.ok), checks });
  });

  return app;
}
