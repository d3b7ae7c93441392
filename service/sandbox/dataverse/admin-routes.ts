/** The admin surface over HTTP (`/_sandbox/...` on the org listener) for manual runs and other processes; tests use the typed admin. */
import { Hono } from 'hono';
import type { DataverseSandboxAdmin, WebhookRegistration } from './admin.ts';
import type { SandboxEnv } from './app.ts';
import { DvHttpError } from './errors.ts';
import type { ColumnInput } from './schema.ts';

async function body(c: { req: { text(): Promise<string> } }): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new RangeError('Expected a JSON object.');
  return parsed as Record<string, unknown>;
}

function num(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`'${name}' must be a number.`);
  return value;
}

function str(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new RangeError(`'${name}' must be a non-empty string.`);
  return value;
}

export function createAdminRoutes(admin: () => DataverseSandboxAdmin): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.onError((err, c) => {
    if (err instanceof DvHttpError) return c.json({ error: { code: err.code, message: err.message } }, err.status as 400);
    return c.json({ error: { code: 'BadRequest', message: err instanceof Error ? err.message : String(err) } }, 400);
  });

  app.get('/records/:table', (c) => c.json(admin().listRecords(c.req.param('table'))));
  app.get('/records/:table/:id', (c) => {
    const row = admin().getRecord(c.req.param('table'), c.req.param('id'));
    return row ? c.json(row) : c.json({ error: { code: '0x80040217', message: 'Does Not Exist' } }, 404);
  });
  app.post('/records/:table', async (c) => c.json(await admin().createRecord(c.req.param('table'), await body(c)), 201));
  app.patch('/records/:table/:id', async (c) => c.json(await admin().updateRecord(c.req.param('table'), c.req.param('id'), await body(c))));
  app.delete('/records/:table/:id', async (c) => {
    await admin().deleteRecord(c.req.param('table'), c.req.param('id'));
    return c.body(null, 204);
  });
  app.post('/tables/:table/columns', async (c) => {
    admin().addColumn(c.req.param('table'), (await body(c)) as unknown as ColumnInput);
    return c.json({ ok: true }, 201);
  });
  app.post('/tables/:table/change-tracking', async (c) => {
    admin().setChangeTracking(c.req.param('table'), (await body(c)).enabled !== false);
    return c.json({ ok: true });
  });
  app.post('/tables/:table/columns/:column/options', async (c) => {
    const b = await body(c);
    const value = admin().insertOption(c.req.param('table'), c.req.param('column'), { value: b.value === undefined ? undefined : num(b.value, 'value'), label: str(b.label, 'label') });
    return c.json({ value }, 201);
  });
  app.post('/privileges/:name', async (c) => {
    admin().setPrivilege(c.req.param('name'), (await body(c)).granted === true);
    return c.json({ ok: true });
  });
  app.post('/webhooks', async (c) => c.json(await admin().registerWebhook((await body(c)) as unknown as WebhookRegistration), 201));
  app.post('/webhooks/flush', async (c) => {
    await admin().webhooks.flush();
    return c.json(admin().webhooks.stats());
  });
  app.post('/webhooks/enabled', async (c) => {
    admin().webhooks.setEnabled((await body(c)).enabled !== false);
    return c.json({ ok: true });
  });
  app.get('/webhooks/deliveries', (c) => c.json({ stats: admin().webhooks.stats(), deliveries: admin().webhooks.deliveries() }));
  app.post('/webhooks/deliveries/:id/redeliver', async (c) => c.json(await admin().webhooks.redeliver(c.req.param('id'))));
  app.post('/clock/advance', async (c) => {
    admin().advanceClock(num((await body(c)).ms, 'ms'));
    return c.json({ now: new Date(admin().now()).toISOString() });
  });
  app.get('/counters', (c) => c.json({ calls: admin().counters(), limits: admin().limits.stats(), webhooks: admin().webhooks.stats() }));
  app.post('/limits', async (c) => {
    admin().limits.set(await body(c));
    return c.json(admin().limits.settings());
  });
  app.post('/faults', async (c) => {
    const b = await body(c);
    admin().faults.failNext({
      status: num(b.status, 'status'),
      code: typeof b.code === 'string' ? b.code : undefined,
      retryAfterSeconds: typeof b.retryAfterSeconds === 'number' ? b.retryAfterSeconds : undefined,
      count: typeof b.count === 'number' ? b.count : undefined,
      match: typeof b.match === 'string' ? b.match : undefined,
    });
    return c.json({ ok: true });
  });
  app.post('/faults/latency', async (c) => {
    const b = await body(c);
    admin().faults.setLatency(num(b.ms, 'ms'), typeof b.match === 'string' ? b.match : undefined);
    return c.json({ ok: true });
  });
  app.delete('/faults', (c) => {
    admin().faults.clear();
    return c.json({ ok: true });
  });
  return app;
}
