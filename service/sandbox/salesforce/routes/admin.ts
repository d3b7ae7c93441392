import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import type { SandboxDeps, SandboxEnv } from '../context.ts';
import type { EndpointLabel } from '../endpoint-label.ts';
import type { SandboxRecords } from '../sandbox-records.ts';
import { httpError } from '../save-error.ts';

const faultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('status'),
    status: z.number().int().min(400).max(599),
    count: z.number().int().positive().optional(),
    retryAfterSeconds: z.number().nonnegative().optional(),
    errorCode: z.string().optional(),
    message: z.string().optional(),
    endpoint: z.string().optional(),
  }),
  z.object({ kind: z.literal('drop'), count: z.number().int().positive().optional(), endpoint: z.string().optional() }),
  z.object({ kind: z.literal('lose-response'), count: z.number().int().positive().optional(), endpoint: z.string().optional() }),
]);

const ruleSchema = z.object({
  name: z.string().min(1),
  sobject: z.string().min(1),
  /** Fails records whose `field` equals `equals` (case-insensitive for text). */
  field: z.string().min(1),
  equals: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  message: z.string().min(1),
  statusCode: z.string().optional(),
  times: z.number().int().positive().optional(),
});

/**
 * `/_sandbox/…`: the admin surface for tests and the demo (counters, faults, latency, tokens, API usage,
 * records, validation rules). Not part of Salesforce's API; no auth (the sandbox listens on loopback).
 */
export function createAdminRoutes(deps: SandboxDeps, records: SandboxRecords): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>({ strict: false });

  app.get('/counters', (c) => c.json(deps.counters.snapshot()));
  app.delete('/counters', (c) => {
    deps.counters.reset();
    return c.body(null, 204);
  });

  app.post('/faults', zValidator('json', faultSchema), (c) => {
    const fault = c.req.valid('json');
    const opts = { count: fault.count, endpoint: fault.endpoint as EndpointLabel | undefined };
    if (fault.kind === 'drop') deps.faults.dropNext(opts);
    else if (fault.kind === 'lose-response') deps.faults.loseResponseNext(opts);
    else deps.faults.failNext({ ...fault, ...opts });
    return c.json({ pending: deps.faults.pending() }, 201);
  });
  app.delete('/faults', (c) => {
    deps.faults.clear();
    return c.body(null, 204);
  });
  app.post('/latency', zValidator('json', z.object({ ms: z.number().int().nonnegative(), endpoint: z.string().optional() })), (c) => {
    const { ms, endpoint } = c.req.valid('json');
    deps.faults.setLatency(ms, endpoint as EndpointLabel | undefined);
    return c.body(null, 204);
  });

  app.post('/tokens/expire', (c) => c.json({ expired: deps.sessions.expireAll() }));

  app.get('/api-usage', (c) => c.json(deps.usage.get()));
  app.put('/api-usage', zValidator('json', z.object({ used: z.number().int().nonnegative().optional(), max: z.number().int().positive().optional() })), (c) => {
    deps.usage.set(c.req.valid('json'));
    return c.json(deps.usage.get());
  });

  app.get('/records/:sobject', (c) => c.json(records.list(c.req.param('sobject'))));
  app.post('/records/:sobject', async (c) => {
    const body: unknown = await c.req.json();
    const rows = Array.isArray(body) ? body : [body];
    try {
      return c.json(records.createMany(c.req.param('sobject'), rows as Array<Record<string, unknown>>), 201);
    } catch (err) {
      throw httpError(400, 'SANDBOX_SEED_FAILED', err instanceof Error ? err.message : String(err));
    }
  });

  app.post('/validation-rules', zValidator('json', ruleSchema), (c) => {
    const rule = c.req.valid('json');
    const expected = typeof rule.equals === 'string' ? rule.equals.toLowerCase() : rule.equals;
    deps.rules.add({
      name: rule.name,
      sobject: rule.sobject,
      message: rule.message,
      statusCode: rule.statusCode,
      times: rule.times,
      fields: [rule.field],
      when: (record) => {
        const key = Object.keys(record).find((k) => k.toLowerCase() === rule.field.toLowerCase());
        const value = key === undefined ? null : record[key];
        return (typeof value === 'string' ? value.toLowerCase() : (value ?? null)) === expected;
      },
    });
    return c.body(null, 201);
  });
  app.delete('/validation-rules/:name', (c) => c.body(null, deps.rules.remove(c.req.param('name')) ? 204 : 404));

  return app;
}
