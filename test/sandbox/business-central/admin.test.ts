/** The emulator's admin surface over HTTP, and the environment-wide cap of 200 subscriptions (FACTS 3.1 #8). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BcSandbox } from '../../../service/sandbox/business-central/index.ts';
import { rawApi, startBc, startReceiver, type Receiver } from '../../connectors/business-central/helpers.ts';

describe('business central emulator admin surface', () => {
  let sandbox: BcSandbox;
  let receiver: Receiver;
  beforeAll(async () => {
    sandbox = await startBc({ seed: 'demo', notificationDelayMs: 600_000 });
    receiver = await startReceiver(async ({ query }) => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: query.validationToken ?? '' }));
  });
  afterAll(async () => {
    await receiver.close();
    await sandbox.stop();
  });

  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sandbox.url}/_sandbox${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
  };

  it('lets a BC user edit records, post an invoice, register a payment and move the clock over HTTP', async () => {
    const api = await rawApi(sandbox);
    const invoice = (await api.call('POST', 'salesInvoices', { customerNumber: '20000', externalDocumentNumber: 'HTTP-1' })).body;
    await api.call('POST', `salesInvoices(${String(invoice.id)})/salesInvoiceLines`, { lineObjectNumber: '1896-S', quantity: 1, unitPrice: 300 });
    expect((await admin('POST', `/invoices/${String(invoice.id)}/post`)).body).toMatchObject({ status: 'Open', remainingAmount: 300 });
    expect((await admin('POST', '/payments', { invoiceId: invoice.id, amount: 100 })).body).toMatchObject({ status: 'Open', remainingAmount: 200 });
    expect((await admin('POST', '/payments', { invoiceNumber: 'NOPE', amount: 1 })).status).toBe(400);
    const customer = ((await admin('GET', '/records/customers')).body as unknown as Array<{ id: string }>)[0];
    expect((await admin('PATCH', `/records/customers/${String(customer?.id)}`, { city: 'Edited over HTTP' })).body.city).toBe('Edited over HTTP');
    const before = sandbox.admin.now();
    await admin('POST', '/clock/advance', { ms: 3_600_000 });
    expect(sandbox.admin.now() - before).toBeGreaterThanOrEqual(3_600_000);
    const counters = (await admin('GET', '/counters')).body as { calls: { byLabel: Record<string, number> } };
    expect(counters.calls.byLabel['POST companies()/salesInvoices']).toBe(1);
    await admin('POST', '/faults', { status: 503, retryAfterSeconds: 2, match: 'GET companies()/items' });
    const fresh = await rawApi(sandbox);
    const faulted = await fresh.call('GET', 'items');
    expect(faulted.status).toBe(503);
    expect(faulted.headers.get('retry-after')).toBe('2');
    expect((await fresh.call('GET', 'items')).status).toBe(200);
  });

  it('refuses the 201st subscription of the environment', async () => {
    const api = await rawApi(sandbox);
    const resource = `/api/v2.0/companies(${sandbox.companyId})/items`;
    const create = () => api.call('POST', `${api.root}/subscriptions`, { notificationUrl: receiver.url, resource, clientState: 'cap-test-client-state' });
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) statuses.push((await create()).status);
    expect(statuses.every((s) => s === 201)).toBe(true);
    const over = await create();
    expect(over.status).toBe(400);
    expect((over.body.error as { message: string }).message).toContain('200');
    expect(sandbox.admin.subscriptions.list()).toHaveLength(200);
  });
});
