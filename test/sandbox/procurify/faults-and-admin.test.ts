/**
 * What a client must survive and what a person does around the API: injected statuses with Retry-After, dropped
 * connections, a write whose response is lost after it committed, latency, the (unpublished, so configurable)
 * rate limit, and the HTTP admin surface playing requester, approver and buyer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcurifySandbox } from '../../../service/sandbox/procurify/index.ts';
import { connect, startProcurify, type Client } from './helpers.ts';
import { loadOas, type Oas } from './oas.ts';

const START_MS = Date.parse('2025-05-05T15:00:00Z');

describe('procurify emulator: faults, rate limit and the admin surface', () => {
  let sandbox: ProcurifySandbox;
  let api: Client;
  let oas: Oas;

  beforeAll(async () => {
    oas = loadOas();
    sandbox = await startProcurify({ now: () => START_MS });
    api = await connect(sandbox);
  });
  afterAll(() => sandbox.stop());

  it('fails the next N matching calls with a status and Retry-After, then answers normally', async () => {
    sandbox.admin.faults.failNext({ status: 503, retryAfterSeconds: 7, count: 2, match: 'GET /api/v2/purchase_orders/{role}' });
    const other = await api.get('/api/v3/vendors');
    expect(other.status).toBe(200);
    for (let i = 0; i < 2; i += 1) {
      const res = await api.get('/api/v2/purchase_orders/purchased/all');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    }
    expect((await api.get('/api/v2/purchase_orders/purchased/all')).status).toBe(200);
    sandbox.admin.faults.failNext({ status: 429, retryAfterSeconds: 3 });
    const throttled = await api.get('/api/v3/order-items');
    expect(throttled.status).toBe(429);
    expect(throttled.body).toEqual({ detail: 'Request was throttled. Expected available in 3 seconds.' });
  });

  it('drops a connection, and loses a create’s response after it committed', async () => {
    sandbox.admin.faults.dropNext({ match: 'GET /api/v3/vendors' });
    await expect(api.get('/api/v3/vendors')).rejects.toThrow();
    expect((await api.get('/api/v3/vendors')).status).toBe(200);

    sandbox.admin.faults.loseResponseNext({ match: 'POST /api/v3/vendors' });
    const body = { name: 'Lost Response Supply', email: [], type: 4, overall_score: null, external_id: 'GP-LOST0001' };
    await expect(api.send('POST', '/api/v3/vendors', body)).rejects.toThrow();
    const found = await api.get('/api/v3/vendors?external_id=GP-LOST0001');
    expect(found.body.data.map((v: { name: string }) => v.name)).toEqual(['Lost Response Supply']);
    const retried = await api.send('POST', '/api/v3/vendors', body);
    expect(retried.status).toBe(400);
    expect(retried.body).toEqual({ external_id: ['vendor with this external id already exists.'] });

    sandbox.admin.faults.failNext({ status: 500, match: 'POST /oauth/token' });
    expect((await fetch(sandbox.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(500);
  });

  it('delays matching calls by the configured latency', async () => {
    sandbox.admin.faults.setLatency(150, 'GET /api/v3/departments');
    try {
      const started = performance.now();
      expect((await api.get('/api/v3/departments')).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    } finally {
      sandbox.admin.faults.clear();
    }
  });

  it('throttles per client only when a rate limit is configured, with DRF’s 429 and Retry-After', async () => {
    for (let i = 0; i < 20; i += 1) expect((await api.get('/api/v2/currencies')).status).toBe(200);
    sandbox.admin.configure({ rateLimit: { requests: 3, windowMs: 60_000 } });
    sandbox.admin.resetCounters();
    try {
      for (let i = 0; i < 3; i += 1) expect((await api.get('/api/v2/currencies')).status).toBe(200);
      const limited = await api.get('/api/v2/currencies');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('60');
      expect(limited.body).toEqual({ detail: 'Request was throttled. Expected available in 60 seconds.' });
      expect(sandbox.admin.counters().rateLimited).toBe(1);
      sandbox.admin.advanceClock(60_000);
      expect((await api.get('/api/v2/currencies')).status).toBe(200);
    } finally {
      sandbox.admin.configure({ rateLimit: null });
    }
  });

  it('plays requester, approver and buyer over HTTP, and the PO shows up in the API’s modified window', async () => {
    const admin = `${sandbox.url}/_sandbox/${sandbox.domain}`;
    const post = async (path: string, body: unknown = {}) => {
      const res = await fetch(`${admin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const clock = await fetch(`${sandbox.url}/_sandbox/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: '2025-05-06T13:00:00Z' }) });
    expect(await clock.json()).toEqual({ now: '2025-05-06T13:00:00.000Z' });
    const lookup = sandbox.admin.lookup;
    const created = await post('/requisitions', {
      requesterId: lookup.user('dana.reyes@fabrikam-mfg.example'),
      departmentId: lookup.department('Dallas Plant', 'Production'),
      description: 'Cutting discs',
      lines: [{ name: 'Cutting disc 4.5 in (25 pack)', quantity: 6, price: 31.5, accountCodeId: lookup.accountCode('5100'), vendorId: lookup.vendor('Northern Safety Supply') }],
    });
    expect(created.status).toBe(201);
    expect(oas.errorsFor('OrderRead', created.body.order)).toEqual([]);
    const id = created.body.order.num as number;
    expect((await post(`/requisitions/${id}/approve`)).body.order.status).toBe(1);
    expect((await post(`/requisitions/${id}/approve`)).status).toBe(400);
    const po = await post('/purchase-orders', { requisitionId: id, PO_Num: 'DAL-7781' });
    expect(po.status).toBe(201);
    expect(oas.errorsFor('PurchaseOrderDetail', po.body)).toEqual([]);
    expect(po.body).toMatchObject({ number: 'DAL-7781', state: 0, vendor_name: 'Northern Safety Supply', total: '189.00' });

    api = await connect(sandbox);
    const window = await api.get('/api/v2/purchase_orders/purchased/open?modified_date_0=2025-05-06&modified_date_1=2025-05-06');
    expect(window.body.data.map((p: { procurify_PO: number }) => p.procurify_PO)).toEqual([po.body.procurify_PO]);

    const received = await post(`/purchase-orders/${po.body.procurify_PO}/receive`, { lines: [{ itemId: po.body.order_items[0].id, quantity: 2 }] });
    expect(received.body.fulfilment_status).toBe('partial');
    expect((await api.get('/api/v2/purchase_orders/purchased/partial')).body.data.some((p: { procurify_PO: number }) => p.procurify_PO === po.body.procurify_PO)).toBe(true);
    expect((await post(`/purchase-orders/${po.body.procurify_PO}/cancel`)).status).toBe(400);
    expect((await post(`/purchase-orders/${po.body.procurify_PO}/close`)).body.state).toBe(3);
    expect((await post(`/purchase-orders/${po.body.procurify_PO}/reopen`)).body.state).toBe(5);

    const denied = await post('/requisitions', { departmentId: lookup.department('Fargo Plant', 'Quality'), lines: [{ name: 'Gauge blocks', quantity: 1, price: 900, accountCodeId: lookup.accountCode('6999'), vendorId: lookup.vendor('Precision Bearings Co.') }] });
    expect(denied.status).toBe(400);
    expect(denied.body.detail).toMatch(/6999/);

    const counters = (await (await fetch(`${sandbox.url}/_sandbox/counters`)).json()) as { byLabel: Record<string, number>; tokensIssued: number };
    expect(counters.byLabel['GET /api/v2/purchase_orders/{role}/{status}']).toBeGreaterThan(0);
    expect(counters.tokensIssued).toBeGreaterThan(0);
    const badSetting = await fetch(`${sandbox.url}/_sandbox/settings`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ maxPageSize: 0 }) });
    expect(badSetting.status).toBe(400);
    expect(((await badSetting.json()) as { detail: string }).detail).toMatch(/maxPageSize/);
    const fault = await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 502, match: 'GET /api/v3/vendors' }) });
    expect(await fault.json()).toEqual({ pending: 1 });
    expect((await api.get('/api/v3/vendors')).status).toBe(502);
    expect((await fetch(`${sandbox.url}/_sandbox/nope/requisitions`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect(sandbox.admin.internalErrors()).toEqual([]);
  });
});
