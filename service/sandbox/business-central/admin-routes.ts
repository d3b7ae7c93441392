/** The admin surface over HTTP (`/_sandbox/...`), for the console and manual runs; tests use the JS admin. */
import { Hono } from 'hono';
import type { BcSandboxAdmin } from './admin.ts';
import type { SandboxEnv } from './app.ts';
import { BcHttpError, bcError } from './errors.ts';

async function body(c: { req: { text(): Promise<string> } }): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw bcError(400, 'BadRequest', 'Expected a JSON object.');
  return parsed as Record<string, unknown>;
}

function num(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw bcError(400, 'BadRequest', `'${name}' must be a number.`);
  return value;
}

export function createAdminRoutes(admin: () => BcSandboxAdmin): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.onError((err, c) => {
    if (err instanceof BcHttpError) return c.json({ error: { code: err.code, message: err.message } }, err.status as 400);
    return c.json({ error: { code: 'BadRequest', message: err instanceof Error ? err.message : String(err) } }, 400);
  });

  app.post('/invoices/:id/post', (c) => c.json(admin().postInvoice(c.req.param('id'))));
  app.post('/orders/:id/ship-and-invoice', (c) => c.json(admin().shipAndInvoiceOrder(c.req.param('id'))));
  app.post('/orders/:id/status', async (c) => {
    const status = (await body(c)).status;
    if (status !== 'Draft' && status !== 'In Review' && status !== 'Open') throw bcError(400, 'BadRequest', "'status' must be Draft, In Review or Open.");
    return c.json(admin().setOrderStatus(c.req.param('id'), status));
  });
  app.post('/payments', async (c) => {
    const b = await body(c);
    return c.json(
      admin().registerPayment({
        invoiceId: typeof b.invoiceId === 'string' ? b.invoiceId : undefined,
        invoiceNumber: typeof b.invoiceNumber === 'string' ? b.invoiceNumber : undefined,
        amount: num(b.amount, 'amount'),
        postingDate: typeof b.postingDate === 'string' ? b.postingDate : undefined,
      }),
    );
  });
  app.get('/records/:set', (c) => c.json(admin().listRecords(c.req.param('set'))));
  app.post('/records/:set', async (c) => c.json(admin().createRecord(c.req.param('set'), await body(c), c.req.query('parentId')), 201));
  app.patch('/records/:set/:id', async (c) => c.json(admin().updateRecord(c.req.param('set'), c.req.param('id'), await body(c))));
  app.delete('/records/:set/:id', (c) => {
    admin().deleteRecord(c.req.param('set'), c.req.param('id'));
    return c.body(null, 204);
  });
  app.post('/clock/advance', async (c) => {
    admin().advanceClock(num((await body(c)).ms, 'ms'));
    return c.json({ now: new Date(admin().now()).toISOString() });
  });
  app.post('/notifications/drop', async (c) => {
    admin().notifications.dropNext(num((await body(c)).count ?? 1, 'count'));
    return c.json({ ok: true });
  });
  app.post('/notifications/flush', async (c) => {
    await admin().notifications.flush();
    return c.json(admin().notifications.stats());
  });
  app.get('/notifications', (c) => c.json({ stats: admin().notifications.stats(), deliveries: admin().notifications.deliveries() }));
  app.get('/subscriptions', (c) => c.json(admin().subscriptions.list()));
  app.get('/counters', (c) => c.json({ calls: admin().counters(), limits: admin().limits.stats(), notifications: admin().notifications.stats() }));
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
  app.delete('/faults', (c) => {
    admin().faults.clear();
    return c.json({ ok: true });
  });
  return app;
}
