import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app.ts';

const runQuery = z.object({
  /** wait=true runs in this request and returns the run's result; otherwise the run is queued (202). */
  wait: z.enum(['true', 'false']).default('false'),
});

export function createFlowRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const flows = await Promise.all(
      deps.engine.flows().map(async (f) => {
        const [lastRun] = await deps.store.runs.list({ flowId: f.id, limit: 1 });
        return {
          id: f.id,
          name: f.name,
          description: f.description,
          enabled: (await deps.store.flows.isEnabled(f.id)) ?? f.enabled,
          source: { connection: f.source.connection, entity: f.source.entity },
          target: { connection: f.target.connection, entity: f.target.entity, matchField: f.target.matchField },
          schedule: f.schedule,
          cursor: await deps.store.cursors.get(f.id),
          parked: await deps.store.parked.count({ flowId: f.id }),
          lastRun: lastRun ?? null,
        };
      }),
    );
    return c.json({ flows });
  });

  app.post('/:id/run', async (c) => {
    const { wait } = runQuery.parse(c.req.query());
    const flowId = c.req.param('id');
    if (wait === 'true') {
      const result = await deps.engine.runOnce(flowId, 'api');
      if ('skipped' in result) return c.json({ flowId, status: 'skipped', reason: result.skipped }, 409);
      return c.json(result);
    }
    const job = await deps.engine.requestRun(flowId, 'api');
    return c.json({ flowId, ...job, status: 'queued' }, 202);
  });

  app.post('/:id/enabled', async (c) => {
    const { enabled } = z.object({ enabled: z.boolean() }).strict().parse(await c.req.json());
    deps.engine.getFlow(c.req.param('id'));
    await deps.store.flows.setEnabled(c.req.param('id'), enabled);
    return c.json({ flowId: c.req.param('id'), enabled });
  });

  return app;
}
