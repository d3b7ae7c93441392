/**
 * Vendors through the published API (FACTS §6.1 #9): create (201), lookup by external_id, PATCH, PUT, the
 * vendor_group variant, and DRF field errors for what the OptimizedVendorRequest schema forbids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcurifySandbox } from '../../../service/sandbox/procurify/index.ts';
import { connect, startProcurify, type Client } from './helpers.ts';
import { loadOas, type Oas } from './oas.ts';

const NEW_VENDOR = {
  name: 'Contoso Fasteners',
  email: ['orders@contoso-fasteners.example'],
  type: 3,
  overall_score: null,
  external_id: 'CONTOSOF0001',
  addressLineOne: '12 Rivet Row',
  city: 'Fargo',
  state_province: 'ND',
  postalCode: '58102',
  country: 'United States',
  payment_term_ref: { name: 'Net 30' },
};

describe('procurify emulator: vendors', () => {
  let sandbox: ProcurifySandbox;
  let api: Client;
  let oas: Oas;

  beforeAll(async () => {
    oas = loadOas();
    sandbox = await startProcurify({ tenants: [{ seed: 'reference' }] });
    api = await connect(sandbox);
  });
  afterAll(() => sandbox.stop());

  it('lists every vendor, OTHER included, sorted by name, in the OAS shape', async () => {
    const { items, pages } = await api.getAll('/api/v3/vendors?page_size=3');
    for (const page of pages) expect(oas.errorsFor('PaginatedOptimizedVendorList', page.body)).toEqual([]);
    const names = items.map((v) => v.name as string);
    expect(names).toContain('OTHER');
    expect(names).toContain('Advanced Office Systems');
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });

  it('creates a vendor (201) and finds it by external_id; the vendor_group lists sort it in', async () => {
    const created = await api.send('POST', '/api/v3/vendors', NEW_VENDOR);
    expect(created.status).toBe(201);
    expect(oas.errorsFor('VendorDetailSerializerSingleCreate', created.body)).toEqual([]);
    expect(created.body.data).toMatchObject({ name: 'Contoso Fasteners', external_id: 'CONTOSOF0001', type: 3, active: true, payment_term_ref: { name: 'Net 30' } });
    const found = await api.get('/api/v3/vendors?external_id=CONTOSOF0001');
    expect(found.body.data.map((v: { id: number }) => v.id)).toEqual([created.body.data.id]);
    expect((await api.get('/api/v3/vendors?external_id=NOPE')).body.data).toEqual([]);
    const byName = await api.get(`/api/v3/vendors?name=${encodeURIComponent('Advanced Office Systems')}`);
    expect(byName.body.data).toHaveLength(1);
    expect(byName.body.data[0].external_id).toBeNull();
    const preferred = await api.get('/api/v3/vendors/preferred?search=contoso');
    expect(preferred.status).toBe(200);
    expect(preferred.body.data.map((v: { id: number }) => v.id)).toEqual([created.body.data.id]);
    expect((await api.get('/api/v3/vendors/other')).body.data.map((v: { name: string }) => v.name)).toEqual(['OTHER']);
    expect((await api.get('/api/v3/vendors?exclude_other=true')).body.data.some((v: { name: string }) => v.name === 'OTHER')).toBe(false);
    const retrieved = await api.get(`/api/v3/vendors/${created.body.data.id}`);
    expect(oas.errorsFor('VendorDetailSerializerSingleRetrieve', retrieved.body)).toEqual([]);
  });

  it('refuses bad vendor bodies with DRF field errors naming each field', async () => {
    const empty = await api.send('POST', '/api/v3/vendors', {});
    expect(empty.status).toBe(400);
    expect(empty.body).toEqual({ name: ['This field is required.'], email: ['This field is required.'], type: ['This field is required.'], overall_score: ['This field is required.'] });
    const bad = await api.send('POST', '/api/v3/vendors', { ...NEW_VENDOR, external_id: 'X-2', name: 'x'.repeat(151), email: ['ok@example.com', 'not-an-email'], type: 1, postalCode: '1'.repeat(21), overall_score: '123.4', active: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      name: ['Ensure this field has no more than 150 characters.'],
      email: { '1': ['Enter a valid email address.'] },
      type: ['"1" is not a valid choice.'],
      postalCode: ['Ensure this field has no more than 20 characters.'],
      overall_score: ['Ensure that there are no more than 2 digits before the decimal point.'],
      active: ['Must be a valid boolean.'],
    });
    const blank = await api.send('POST', '/api/v3/vendors', { ...NEW_VENDOR, external_id: 'X-3', name: '  ', email: 'a@b.example', currency: 999 });
    expect(blank.body).toEqual({ name: ['This field may not be blank.'], email: ['Expected a list of items but got type "str".'], currency: ['Invalid pk "999" - object does not exist.'] });
    const duplicate = await api.send('POST', '/api/v3/vendors', { ...NEW_VENDOR, name: 'Another name' });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body).toEqual({ external_id: ['vendor with this external id already exists.'] });
    const names = (await api.getAll('/api/v3/vendors')).items.map((v) => v.name);
    expect(names).not.toContain('Another name');
  });

  it('patches part of a vendor and puts a whole one, each answered in its OAS shape', async () => {
    const id = sandbox.admin.lookup.vendor('Advanced Office Systems');
    const before = (await api.get(`/api/v3/vendors/${id}`)).body.data;
    sandbox.admin.advanceClock(60_000);
    const patched = await api.send('PATCH', `/api/v3/vendors/${id}`, { external_id: 'ADVANCED0001', phoneOne: '701-555-0199' });
    expect(patched.status).toBe(200);
    expect(oas.errorsFor('OptimizedVendorSerializerSingle', patched.body)).toEqual([]);
    expect(patched.body.data).toMatchObject({ name: 'Advanced Office Systems', external_id: 'ADVANCED0001', phoneOne: '701-555-0199', email: before.email });
    expect(Date.parse(patched.body.data.dateModified)).toBeGreaterThan(Date.parse(before.dateModified));
    expect((await api.send('PATCH', `/api/v3/vendors/${id}`, { type: 9 })).body).toEqual({ type: ['"9" is not a valid choice.'] });
    const put = await api.send('PUT', `/api/v3/vendors/${id}`, { name: 'Advanced Office Systems, Inc.', email: ['ap@advanced-office.example'], type: 4, overall_score: '4.5' });
    expect(put.status).toBe(200);
    expect(oas.errorsFor('VendorSerializerSingle', put.body)).toEqual([]);
    expect(put.body.data).toMatchObject({ name: 'Advanced Office Systems, Inc.', type: 4, overall_score: 4.5, payment_term_ref: expect.any(Number) });
    const partialPut = await api.send('PUT', `/api/v3/vendors/${id}`, { name: 'Only a name' });
    expect(partialPut.status).toBe(400);
    expect(Object.keys(partialPut.body).sort()).toEqual(['email', 'overall_score', 'type']);
    expect((await api.send('PATCH', '/api/v3/vendors/424242', { name: 'x' })).status).toBe(404);
  });

  it('shows admin renames and deactivations through the API', async () => {
    const id = sandbox.admin.lookup.vendor('Great Lakes Industrial Gases');
    sandbox.admin.renameVendor(id, 'Great Lakes Gas & Welding');
    sandbox.admin.deactivateVendor(id);
    const vendor = (await api.get(`/api/v3/vendors/${id}`)).body.data;
    expect(vendor).toMatchObject({ name: 'Great Lakes Gas & Welding', active: false });
    expect((await api.get('/api/v3/vendors/purchasable')).body.data.some((v: { id: number }) => v.id === id)).toBe(false);
    expect(() => sandbox.admin.updateVendor(id, { email: ['not-an-email'] })).toThrow();
  });
});
