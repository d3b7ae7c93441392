/**
 * The public push route (http/webhooks/routes.ts) on a real HTTP server: each connection's push face answers at
 * /webhooks/:connectionId (and at the old Business Central URL), no API key needed; a body over the face's limit is
 * refused while it streams in — a chunked body that never ends gets its 413 — and unknown connections get 404.
 */
import { serve, type ServerType } from '@hono/node-server';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushFace, PushReceipt, PushRequest } from '../../service/src/engine/connector.ts';
import type { ConnectionRuntime } from '../../service/src/engine/connections.ts';
import { createPushService } from '../../service/src/engine/push.ts';
import type { AppEnv } from '../../service/src/http/app.ts';
import { createWebhookRoutes } from '../../service/src/http/webhooks/routes.ts';
import { silentLogger } from '../../service/src/lib/logger.ts';
import type { Store } from '../../service/src/store/types.ts';

const LIMIT_BYTES = 64 * 1024;

describe('the /webhooks route', () => {
  const received: PushRequest[] = [];
  const face: PushFace = {
    bodyLimitBytes: LIMIT_BYTES,
    timeoutMs: 5_000,
    async receive(req): Promise<PushReceipt> {
      received.push(req);
      if (req.query.validationToken) return { response: { status: 200, headers: { 'content-type': 'text/plain' }, body: req.query.validationToken }, changes: [], catchUp: [] };
      return { response: { status: 202, headers: {}, body: `got ${req.body?.length ?? 0} bytes` }, changes: [], catchUp: [] };
    },
  };
  const runtimes = [{ id: 'crm', system: 'crm', push: face }, { id: 'erp', system: 'erp' }] as unknown as ConnectionRuntime[];
  const connections = {
    get(id: string) {
      const rt = runtimes.find((r) => r.id === id);
      if (!rt) throw new Error(`no connection ${id}`);
      return rt;
    },
    list: () => runtimes,
  };
  // Nothing here reaches the store: the notifications carry no change for a flow.
  const push = createPushService({ store: {} as Store, connections, engine: { flows: () => [], requestRun: async () => undefined }, logger: silentLogger() });
  let server: ServerType;
  let base: string;

  beforeAll(async () => {
    const app = new Hono<AppEnv>();
    app.use('*', async (c, next) => {
      c.set('logger', silentLogger());
      await next();
    });
    app.route('/webhooks', createWebhookRoutes({ push }));
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('hands the request to the connection\'s push face and answers with its response', async () => {
    const res = await fetch(`${base}/crm?x=1`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature': 'sig' }, body: '{"value":[1]}' });
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('got 13 bytes');
    expect(received.at(-1)).toMatchObject({ method: 'POST', query: { x: '1' }, headers: expect.objectContaining({ 'x-signature': 'sig' }), body: '{"value":[1]}' });
    const handshake = await fetch(`${base}/crm?validationToken=${encodeURIComponent('tok en')}`, { method: 'GET' });
    expect(await handshake.text()).toBe('tok en');
    expect(received.at(-1)?.body).toBeUndefined();
  });

  it('answers at the old Business Central URL too (installed subscriptions keep working)', async () => {
    const res = await fetch(`${base}/business-central/crm`, { method: 'POST', body: 'abc' });
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('got 3 bytes');
  });

  it('answers 404 for a connection without a push channel, or none at all', async () => {
    expect((await fetch(`${base}/erp`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(`${base}/nope`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('refuses a declared Content-Length over the limit at once', async () => {
    const count = received.length;
    const res = await fetch(`${base}/crm`, { method: 'POST', body: 'x'.repeat(LIMIT_BYTES + 1) });
    expect(res.status).toBe(413);
    expect(received.length).toBe(count);
    expect((await fetch(`${base}/crm`, { method: 'POST', body: 'x'.repeat(LIMIT_BYTES) })).status).toBe(202);
  });

  it('refuses a chunked body while it streams: a body that never ends still gets its 413', async () => {
    const count = received.length;
    const chunk = Buffer.alloc(16 * 1024, 'y');
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${base}/crm`, { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', (err) => {
        // The server may close the connection right after answering; the answer is what counts.
        if (!('code' in err) || err.code !== 'ECONNRESET') reject(err);
      });
      // Keep sending, well past 5 MB, until the answer arrives: a server reading the whole body would never answer.
      let sent = 0;
      const pump = () => {
        if (req.destroyed) return;
        if (sent > 5 * 1024 * 1024) return reject(new Error('no answer after 5 MB sent'));
        sent += chunk.length;
        if (req.write(chunk)) setImmediate(pump);
        else req.once('drain', pump);
      };
      pump();
    });
    expect(status).toBe(413);
    expect(received.length).toBe(count);
  });
});
