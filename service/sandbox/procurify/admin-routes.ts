/**
 * The admin surface over HTTP (`/_sandbox/...`, no auth) for manual runs and non-TypeScript clients; it calls the
 * typed admin (admin.ts) and answers in the API's shapes where one exists (a requisition as OrderRead + its lines
 * as OrderItem, a PO as PurchaseOrderDetail, a vendor as VendorDetail). Errors: `{"detail": ...}` with 400 (bad
 * input, a workflow rule), 404 (no such tenant).
 */
import { Hono, type Context } from 'hono';
import type { ProcurifySandboxAdmin, ProcurifyTenantAdmin, RequisitionResult } from './admin.ts';
import type { SandboxEnv } from './app.ts';
import { DrfError, detailError } from './errors.ts';
import type { ProcurifySettings } from './settings.ts';
import { createSerializeContext } from './serialize-common.ts';
import { orderItemFlat, orderRead } from './serialize-orders.ts';
import { purchaseOrderDetail } from './serialize-purchase-orders.ts';
import { vendorDetail } from './serialize-vendors.ts';
import type { TenantRuntime } from './tenant-runtime.ts';

type Body = Record<string, unknown>;

async function body(c: Context<SandboxEnv>): Promise<Body> {
  const text = await c.req.text();
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw detailError(400, 'The body is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw detailError(400, 'Expected a JSON object.');
  return parsed as Body;
}

function num(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw detailError(400, `'${name}' must be a number.`);
  return value;
}

const optionalNum = (value: unknown, name: string): number | undefined => (value === undefined ? undefined : num(value, name));

/** ISO text or epoch ms for date fields of admin bodies. */
function instant(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw detailError(400, `'${name}' must be an ISO date-time or epoch milliseconds.`);
  return ms;
}

export function createAdminRoutes(admin: () => ProcurifySandboxAdmin, tenants: Map<string, TenantRuntime>): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>({ strict: false });
  app.onError((err, c) => {
    if (err instanceof DrfError) return c.json(err.body as Body, err.status as 400);
    return c.json({ detail: err instanceof Error ? err.message : String(err) }, 400);
  });

  const tenantOf = (c: Context<SandboxEnv>): { admin: ProcurifyTenantAdmin; runtime: TenantRuntime } => {
    const domain = c.req.param('domain') as string;
    const runtime = tenants.get(domain);
    if (!runtime) throw detailError(404, `No tenant '${domain}'.`);
    return { admin: admin().tenant(domain), runtime };
  };
  const requisitionJson = (runtime: TenantRuntime, r: RequisitionResult) => {
    const ctx = createSerializeContext(runtime.data);
    const order = runtime.data.orders.get(r.order.id);
    return { order: order ? orderRead(ctx, order) : r.order, items: r.items.map((i) => orderItemFlat(ctx, runtime.data.items.get(i.id) ?? i)) };
  };
  const poJson = (runtime: TenantRuntime, procurifyPO: number) => {
    const po = runtime.data.purchaseOrders.get(procurifyPO);
    if (!po) throw detailError(404, `No purchase order ${procurifyPO}.`);
    return purchaseOrderDetail(createSerializeContext(runtime.data), po);
  };
  const poParam = (c: Context<SandboxEnv>): number => num(Number(c.req.param('po')), 'purchase order number');

  app.post('/:domain/requisitions', async (c) => {
    const { admin: a, runtime } = tenantOf(c);
    const b = await body(c);
    const lines = Array.isArray(b.lines) ? (b.lines as Body[]) : [];
    const result = a.createRequisition({
      requesterId: optionalNum(b.requesterId, 'requesterId'),
      departmentId: num(b.departmentId, 'departmentId'),
      description: typeof b.description === 'string' ? b.description : null,
      dateRequired: instant(b.dateRequired, 'dateRequired'),
      approverId: optionalNum(b.approverId, 'approverId'),
      draft: b.draft === true,
      lines: lines.map((l, i) => ({
        name: String(l.name ?? ''),
        sku: typeof l.sku === 'string' ? l.sku : undefined,
        unit: typeof l.unit === 'string' ? l.unit : undefined,
        quantity: String(l.quantity ?? ''),
        price: String(l.price ?? ''),
        accountCodeId: num(l.accountCodeId, `lines[${i}].accountCodeId`),
        vendorId: num(l.vendorId, `lines[${i}].vendorId`),
      })),
    });
    return c.json(requisitionJson(runtime, result), 201);
  });
  app.post('/:domain/requisitions/:id/approve', async (c) => {
    const { admin: a, runtime } = tenantOf(c);
    return c.json(requisitionJson(runtime, a.approveRequisition(num(Number(c.req.param('id')), 'id'), optionalNum((await body(c)).approverId, 'approverId'))));
  });
  app.post('/:domain/requisitions/:id/deny', async (c) => {
    const { admin: a, runtime } = tenantOf(c);
    return c.json(requisitionJson(runtime, a.denyRequisition(num(Number(c.req.param('id')), 'id'), optionalNum((await body(c)).approverId, 'approverId'))));
  });
  app.post('/:domain/purchase-orders', async (c) => {
    const { admin: a, runtime } = tenantOf(c);
    const b = await body(c);
    const po = a.createPurchaseOrder({
      itemIds: Array.isArray(b.itemIds) ? b.itemIds.map((x, i) => num(x, `itemIds[${i}]`)) : undefined,
      requisitionId: optionalNum(b.requisitionId, 'requisitionId'),
      vendorId: optionalNum(b.vendorId, 'vendorId'),
      purchaserId: optionalNum(b.purchaserId, 'purchaserId'),
      promiseDate: instant(b.promiseDate, 'promiseDate'),
      PO_Num: typeof b.PO_Num === 'string' ? b.PO_Num : undefined,
      comment: typeof b.comment === 'string' ? b.comment : undefined,
    });
    return c.json(poJson(runtime, po.procurifyPO), 201);
  });
  app.patch('/:domain/purchase-orders/:po', async (c) => {
    const { admin: a, runtime } = tenantOf(c);
    const b = await body(c);
    const n = poParam(c);
    a.revisePurchaseOrder(n, {
      lines: Array.isArray(b.lines) ? (b.lines as Body[]).map((l, i) => ({ itemId: num(l.itemId, `lines[${i}].itemId`), quantity: l.quantity === undefined ? undefined : String(l.quantity), price: l.price === undefined ? undefined : String(l.price) })) : undefined,
      promiseDate: instant(b.promiseDate, 'promiseDate'),
      comment: typeof b.comment === 'string' ? b.comment : undefined,
      PO_Num: typeof b.PO_Num === 'string' ? b.PO_Num : undefined,
    });
    return c.json(poJson(runtime, n));
  });
  app.post('/:domain/purchase-orders/:po/receive', async (c) => {
    const { admin: a, runtime } = tenantOf(c);
    const b = await body(c);
    const n = poParam(c);
    const lines = Array.isArray(b.lines) ? (b.lines as Body[]).map((l, i) => ({ itemId: num(l.itemId, `lines[${i}].itemId`), quantity: String(num(l.quantity, `lines[${i}].quantity`)) })) : undefined;
    a.receivePurchaseOrder(n, lines);
    return c.json(poJson(runtime, n));
  });
  for (const action of ['close', 'cancel', 'reopen', 'pay'] as const) {
    app.post(`/:domain/purchase-orders/:po/${action}`, (c) => {
      const { admin: a, runtime } = tenantOf(c);
      const n = poParam(c);
      ({ close: a.closePurchaseOrder, cancel: a.cancelPurchaseOrder, reopen: a.reopenPurchaseOrder, pay: a.markPurchaseOrderPaid })[action](n);
      return c.json(poJson(runtime, n));
    });
  }
  app.post('/:domain/vendors', async (c) => {
    const { admin: a, runtime } = tenantOf(c);
    const b = await body(c);
    if (typeof b.name !== 'string' || b.name.trim() === '') throw detailError(400, "'name' is required.");
    const v = a.createVendor({ ...b, name: b.name });
    return c.json(vendorDetail(createSerializeContext(runtime.data), runtime.data.vendors.get(v.id) ?? v), 201);
  });
  app.patch('/:domain/vendors/:id', async (c) => {
    const { admin: a, runtime } = tenantOf(c);
    const v = a.updateVendor(num(Number(c.req.param('id')), 'id'), await body(c));
    return c.json(vendorDetail(createSerializeContext(runtime.data), runtime.data.vendors.get(v.id) ?? v));
  });
  app.post('/:domain/vendors/:id/deactivate', (c) => {
    const { admin: a, runtime } = tenantOf(c);
    const v = a.deactivateVendor(num(Number(c.req.param('id')), 'id'));
    return c.json(vendorDetail(createSerializeContext(runtime.data), runtime.data.vendors.get(v.id) ?? v));
  });
  app.post('/:domain/time-zone', async (c) => {
    const { admin: a } = tenantOf(c);
    const tz = (await body(c)).timeZone;
    if (typeof tz !== 'string') throw detailError(400, "'timeZone' must be an IANA zone name.");
    a.setTimeZone(tz);
    return c.json({ timeZone: a.timeZone() });
  });

  app.post('/clock/advance', async (c) => {
    const b = await body(c);
    if (b.to !== undefined) admin().advanceClockTo(instant(b.to, 'to') as number);
    else admin().advanceClock(num(b.ms, 'ms'));
    return c.json({ now: new Date(admin().now()).toISOString() });
  });
  app.get('/clock', (c) => c.json({ now: new Date(admin().now()).toISOString() }));
  app.get('/counters', (c) => c.json(admin().counters()));
  app.post('/counters/reset', (c) => {
    admin().resetCounters();
    return c.json({ ok: true });
  });
  app.post('/faults', async (c) => {
    const b = await body(c);
    const opts = { count: optionalNum(b.count, 'count'), match: typeof b.match === 'string' ? b.match : undefined };
    if (b.kind === 'drop') admin().faults.dropNext(opts);
    else if (b.kind === 'loseResponse') admin().faults.loseResponseNext(opts);
    else admin().faults.failNext({ ...opts, status: num(b.status, 'status'), retryAfterSeconds: optionalNum(b.retryAfterSeconds, 'retryAfterSeconds'), message: typeof b.message === 'string' ? b.message : undefined });
    return c.json({ pending: admin().faults.pending() });
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
  app.post('/tokens/expire', (c) => c.json({ expired: admin().tokens.expireAll() }));
  app.get('/settings', (c) => c.json(admin().settings()));
  app.patch('/settings', async (c) => c.json(admin().configure((await body(c)) as Partial<ProcurifySettings>)));
  return app;
}
