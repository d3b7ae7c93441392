/**
 * The emulator must not drift from the published v2.0 shapes: every body carries exactly the keys of the
 * resource's JSON representation (plus any key its GET example adds), with the JSON types both imply, and
 * the OData annotations real responses have (@odata.context, @odata.etag; FACTS 3.1 #12).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BcSandbox } from '../../../service/sandbox/business-central/index.ts';
import { rawApi, startBc, startReceiver, type Receiver } from '../../connectors/business-central/helpers.ts';

const FIXTURES = new URL('../../fixtures/business-central/', import.meta.url);
const load = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as Record<string, unknown>;

function jsonTypeOfRepresentation(typeName: string): string {
  if (typeName === 'decimal' || typeName === 'integer') return 'number';
  if (typeName === 'boolean') return 'boolean';
  return 'string'; // GUID, string, date, datetime and NAV.<enum> are all JSON strings
}

function expectShape(body: Record<string, unknown>, resource: string): void {
  const representation = load(`dynamics_${resource}.json-representation.json`);
  const example = load(`dynamics_${resource}_get.example-response.json`);
  const expectedKeys = new Set([...Object.keys(representation), ...Object.keys(example)]);
  const keys = Object.keys(body).filter((k) => !k.startsWith('@odata.'));
  expect(new Set(keys)).toEqual(expectedKeys);
  for (const [key, typeName] of Object.entries(representation)) {
    expect(typeof body[key], `${resource}.${key} (${String(typeName)})`).toBe(jsonTypeOfRepresentation(String(typeName)));
  }
  for (const [key, value] of Object.entries(example)) {
    expect(typeof body[key], `${resource}.${key} as in the GET example`).toBe(typeof value);
  }
  expect(typeof body['@odata.etag']).toBe('string');
  expect(String(body['@odata.etag'])).toMatch(/^W\/"/);
}

describe('business central emulator: published v2.0 shapes', () => {
  let sandbox: BcSandbox;
  let receiver: Receiver;
  let api: Awaited<ReturnType<typeof rawApi>>;
  const bodies: Record<string, Record<string, unknown>> = {};

  beforeAll(async () => {
    sandbox = await startBc({ seed: 'demo', notificationDelayMs: 60_000 });
    receiver = await startReceiver(async ({ query }) => {
      const headers: Record<string, string> = { 'content-type': 'text/plain' };
      return query.validationToken ? { status: 200, headers, body: query.validationToken } : { status: 202, headers, body: '' };
    });
    api = await rawApi(sandbox);
    bodies.customer = (await api.call('POST', 'customers', { number: 'SHAPE-1', displayName: 'Shape Ltd' })).body;
    bodies.item = (await api.call('POST', 'items', { number: 'SHAPE-ITEM', displayName: 'Shape item', unitPrice: 12.5 })).body;
    bodies.salesorder = (await api.call('POST', 'salesOrders', { customerNumber: 'SHAPE-1', externalDocumentNumber: 'SO-SHAPE' })).body;
    bodies.salesorderline = (await api.call('POST', `salesOrders(${String(bodies.salesorder.id)})/salesOrderLines`, { lineObjectNumber: 'SHAPE-ITEM', quantity: 2 })).body;
    const invoice = (await api.call('POST', 'salesInvoices', { customerNumber: 'SHAPE-1' })).body;
    await api.call('POST', `salesInvoices(${String(invoice.id)})/salesInvoiceLines`, { lineObjectNumber: 'SHAPE-ITEM', quantity: 1 });
    await api.call('POST', `salesInvoices(${String(invoice.id)})/Microsoft.NAV.post`);
    bodies.salesinvoice = (await api.call('GET', `salesInvoices(${String(invoice.id)})`)).body;
    const journalId = sandbox.admin.paymentJournalId();
    bodies.customerpayment = (await api.call('POST', `customerPaymentJournals(${journalId})/customerPayments`, { appliesToInvoiceId: invoice.id, amount: 5 })).body;
  });

  afterAll(async () => {
    await receiver.close();
    await sandbox.stop();
  });

  it.each(['customer', 'item', 'salesorder', 'salesorderline', 'salesinvoice', 'customerpayment'])('%s has the published keys and types', (resource) => {
    const body = bodies[resource] as Record<string, unknown>;
    expectShape(body, resource);
    expect(String(body['@odata.context'])).toContain('/api/v2.0/$metadata#companies(');
  });

  it('wraps collections in @odata.context + value, each entity with its etag', async () => {
    const res = await api.call('GET', 'customers');
    expect(Object.keys(res.body).sort()).toEqual(['@odata.context', 'value']);
    expect(String(res.body['@odata.context'])).toMatch(/\/api\/v2\.0\/\$metadata#companies\([0-9a-f-]+\)\/customers$/);
    for (const c of res.body.value ?? []) expectShape(c, 'customer');
  });

  it('answers a subscription create with the published 201 body', async () => {
    const res = await api.call('POST', `${api.root}/subscriptions`, {
      notificationUrl: receiver.url,
      resource: `/api/v2.0/companies(${sandbox.companyId})/customers`,
      clientState: 'shape-test-client-state',
    });
    expect(res.status).toBe(201);
    const example = load('dynamics_subscriptions_create.example-response.json');
    const keys = Object.keys(res.body).filter((k) => !k.startsWith('@odata.'));
    expect(new Set(keys)).toEqual(new Set(Object.keys(example)));
    for (const [k, v] of Object.entries(example)) expect(typeof res.body[k], k).toBe(typeof v);
    expect(typeof res.body['@odata.etag']).toBe('string');
    const created = Date.parse(String(res.body.systemCreatedAt));
    // FACTS 3.1 #3: expires 3 days after creation.
    expect(Date.parse(String(res.body.expirationDateTime)) - created).toBeGreaterThanOrEqual(3 * 86_400_000 - 1_000);
  });

  it('posts notifications in the published shape, without entity data', async () => {
    await api.call('PATCH', `customers(${String(bodies.customer?.id)})`, { displayName: 'Shape Ltd (renamed)' }, { 'if-match': '*' });
    await sandbox.admin.notifications.flush();
    const delivered = receiver.requests.filter((r) => !r.url.includes('validationToken'));
    expect(delivered.length).toBeGreaterThan(0);
    const body = JSON.parse(delivered.at(-1)?.body ?? '{}') as { value: Array<Record<string, unknown>> };
    const example = load('webhook-notification.example.json') as { value: Array<Record<string, unknown>> };
    const exampleKeys = new Set(Object.keys(example.value[0] as object));
    expect(Object.keys(body)).toEqual(['value']);
    for (const item of body.value) {
      expect(new Set(Object.keys(item))).toEqual(exampleKeys);
      expect(item.clientState).toBe('shape-test-client-state');
      expect(String(item.resource)).toMatch(new RegExp(`^api/v2\\.0/companies\\(${sandbox.companyId}\\)/customers\\([0-9a-f-]+\\)$`));
    }
    expect(body.value.map((i) => i.changeType)).toContain('updated');
  });
});
