/** The emulator is strict where BC is: tokens, filters, paging limits, concurrency tokens, limits, documents. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BcSandbox } from '../../../service/sandbox/business-central/index.ts';
import { parseFilter, matchesFilter } from '../../../service/sandbox/business-central/odata-filter.ts';
import { CUSTOMER_SHAPE } from '../../../service/sandbox/business-central/shapes.ts';
import { customerBody, rawApi, startBc } from '../../connectors/business-central/helpers.ts';

describe('business central emulator', () => {
  let sandbox: BcSandbox;
  let api: Awaited<ReturnType<typeof rawApi>>;

  beforeAll(async () => {
    sandbox = await startBc({ seed: 'demo' });
    api = await rawApi(sandbox);
    for (let i = 1; i <= 7; i++) await api.call('POST', 'customers', customerBody(`P${i}`));
  });
  afterAll(() => sandbox.stop());

  const token = (form: Record<string, string>) =>
    fetch(`${sandbox.url}/${sandbox.tenantId}/oauth2/v2.0/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });

  it('refuses a wrong client secret with an AADSTS invalid_client body, and a wrong scope', async () => {
    const bad = await token({ grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: 'wrong', scope: 'https://api.businesscentral.dynamics.com/.default' });
    expect(bad.status).toBe(401);
    const body = (await bad.json()) as Record<string, unknown>;
    expect(body.error).toBe('invalid_client');
    expect(String(body.error_description)).toMatch(/^AADSTS7000215: /);
    expect(body.error_codes).toEqual([7000215]);
    const scope = await token({ grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret, scope: 'https://api.businesscentral.dynamics.com' });
    expect(scope.status).toBe(400);
    expect(((await scope.json()) as Record<string, unknown>).error).toBe('invalid_scope');
  });

  it('expires tokens on the sandbox clock', async () => {
    const fresh = await rawApi(sandbox);
    expect((await fresh.call('GET', 'customers?$top=1')).status).toBe(200);
    sandbox.admin.advanceClock(3_600_000);
    const expired = await fresh.call('GET', 'customers?$top=1');
    expect(expired.status).toBe(401);
    expect((expired.body.error as { code: string }).code).toBe('Authentication_InvalidCredentials');
    api = await rawApi(sandbox);
  });

  it('types $filter literals: datetimes unquoted, strings quoted, Code values upper-case', async () => {
    const quoted = await api.call('GET', `customers?$filter=lastModifiedDateTime gt '2000-01-01T00:00:00Z'`);
    expect(quoted.status).toBe(400);
    expect((quoted.body.error as { message: string }).message).toContain("'Edm.DateTimeOffset' and 'Edm.String'");
    const unquoted = await api.call('GET', `customers?$filter=${encodeURIComponent('lastModifiedDateTime gt 2000-01-01T00:00:00Z and (number eq \'p1\' or number eq \'P2\')')}`);
    expect(unquoted.status).toBe(200);
    expect(unquoted.body.value?.map((c) => c.number).sort()).toEqual(['P1', 'P2']);
    const unknown = await api.call('GET', `customers?$filter=nope eq 'x'`);
    expect(unknown.status).toBe(400);
    const node = parseFilter("not (displayName eq 'O''Brien') and balanceDue ge 0", CUSTOMER_SHAPE, 'customer');
    expect(matchesFilter(node, { displayName: "O'Brien", balanceDue: 1 })).toBe(false);
    expect(matchesFilter(node, { displayName: 'Other', balanceDue: 1 })).toBe(true);
  });

  it('pages with odata.maxpagesize and nextLink, caps it at 20,000 (413), and honours $top across pages', async () => {
    const first = await api.call('GET', 'customers', undefined, { prefer: 'odata.maxpagesize=3' });
    expect(first.headers.get('preference-applied')).toBe('odata.maxpagesize=3');
    expect(first.body.value).toHaveLength(3);
    const seen = [...(first.body.value ?? [])];
    let next = first.body['@odata.nextLink'] as string | undefined;
    while (next) {
      const page = await api.call('GET', next, undefined, { prefer: 'odata.maxpagesize=3' });
      seen.push(...(page.body.value ?? []));
      next = page.body['@odata.nextLink'] as string | undefined;
    }
    expect(new Set(seen.map((c) => c.id)).size).toBe(9);
    expect((await api.call('GET', 'customers', undefined, { prefer: 'odata.maxpagesize=20001' })).status).toBe(413);
    const top = await api.call('GET', 'customers?$top=4', undefined, { prefer: 'odata.maxpagesize=3' });
    const rest = await api.call('GET', String(top.body['@odata.nextLink']), undefined, { prefer: 'odata.maxpagesize=3' });
    expect(rest.body.value).toHaveLength(1);
    expect(rest.body['@odata.nextLink']).toBeUndefined();
  });

  it('rejects PATCH without If-Match, a stale etag with 409 Request_EntityChanged, and bad bodies by name', async () => {
    const c = (await api.call('GET', `customers?$filter=number eq 'P3'`)).body.value?.[0] as Record<string, unknown>;
    const noEtag = await api.call('PATCH', `customers(${String(c.id)})`, { displayName: 'x' });
    expect(noEtag.status).toBe(400);
    expect((noEtag.body.error as { code: string }).code).toBe('BadRequest_InvalidToken');
    expect((await api.call('PATCH', `customers(${String(c.id)})`, { displayName: 'y' }, { 'if-match': String(c['@odata.etag']) })).status).toBe(200);
    const stale = await api.call('PATCH', `customers(${String(c.id)})`, { displayName: 'z' }, { 'if-match': String(c['@odata.etag']) });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'Request_EntityChanged' });
    const long = await api.call('PATCH', `customers(${String(c.id)})`, { city: 'x'.repeat(31) }, { 'if-match': '*' });
    expect((long.body.error as { code: string }).code).toBe('Application_StringExceededLength');
    const readOnly = await api.call('PATCH', `customers(${String(c.id)})`, { balanceDue: 5 }, { 'if-match': '*' });
    expect((readOnly.body.error as { message: string }).message).toContain("'balanceDue'");
    const dup = await api.call('POST', 'customers', customerBody('P3'));
    expect((dup.body.error as { code: string }).code).toBe('Internal_EntityWithSameKeyExists');
  });

  it('keeps order lines to existing items, recomputes totals, and locks released orders', async () => {
    const order = (await api.call('POST', 'salesOrders', { customerNumber: '10000', externalDocumentNumber: 'SF-1' })).body;
    const missing = await api.call('POST', `salesOrders(${String(order.id)})/salesOrderLines`, { lineObjectNumber: 'NO-SUCH', quantity: 1 });
    expect(missing.status).toBe(400);
    expect((missing.body.error as { message: string }).message).toContain('(NO-SUCH)');
    await api.call('POST', `salesOrders(${String(order.id)})/salesOrderLines`, { lineObjectNumber: '1896-S', quantity: 2, unitPrice: 100 });
    expect((await api.call('GET', `salesOrders(${String(order.id)})`)).body.totalAmountExcludingTax).toBe(200);
    sandbox.admin.setOrderStatus(String(order.id), 'Open');
    const locked = await api.call('POST', `salesOrders(${String(order.id)})/salesOrderLines`, { lineObjectNumber: '1896-S', quantity: 1 });
    expect(locked.status).toBe(400);
    expect((locked.body.error as { code: string }).code).toBe('Application_DialogException');
  });

  it('runs $batch operations independently and refuses more than 100', async () => {
    const ok = await api.call('POST', `${api.root}/$batch`, {
      requests: [
        { id: 'a', method: 'POST', url: `companies(${sandbox.companyId})/items`, body: { number: 'B-1', displayName: 'b1' } },
        { id: 'b', method: 'POST', url: `companies(${sandbox.companyId})/items`, body: { number: 'B-1', displayName: 'dup' } },
      ],
    });
    const responses = ok.body.responses as Array<{ id: string; status: number }>;
    expect(responses.map((r) => [r.id, r.status])).toEqual([
      ['a', 201],
      ['b', 400],
    ]);
    const tooMany = await api.call('POST', `${api.root}/$batch`, { requests: Array.from({ length: 101 }, (_, i) => ({ id: String(i), method: 'GET', url: `companies(${sandbox.companyId})/items` })) });
    expect(tooMany.status).toBe(400);
  });

  it('throttles a user over the window with 429 + Retry-After, and a full queue with 429', async () => {
    sandbox.admin.limits.set({ windowMs: 60_000, maxRequestsPerWindow: 3 });
    sandbox.admin.limits.reset();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await api.call('GET', 'items?$top=1')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const throttled = await api.call('GET', 'items?$top=1');
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    sandbox.admin.advanceClock(60_000);
    expect((await api.call('GET', 'items?$top=1')).status).toBe(200);

    sandbox.admin.limits.set({ windowMs: 60_000, maxRequestsPerWindow: 1_000, maxConcurrent: 1, maxQueued: 1 });
    sandbox.admin.faults.setLatency(150, 'GET companies()/items');
    const burst = await Promise.all([0, 1, 2].map(() => api.call('GET', 'items?$top=1')));
    expect(burst.map((r) => r.status).sort()).toEqual([200, 200, 429]);
    sandbox.admin.faults.clear();
    sandbox.admin.limits.set({ maxConcurrent: 5, maxQueued: 95, maxRequestsPerWindow: 6_000 });
  });
});
