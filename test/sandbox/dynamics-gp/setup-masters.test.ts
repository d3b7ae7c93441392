import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW_MS, startSbaHarness, trim, type SbaHarness } from './sba-harness.ts';

describe('GP emulator: vendor classes, customer classes, payment terms', () => {
  let h: SbaHarness;

  beforeAll(async () => {
    h = await startSbaHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists and reads the seeded setup, including what the customer seeding wrote', async () => {
    const terms = await h.call('GET', 'Administration/PaymentTerms');
    expect(terms.payload.map((t) => trim(t.PaymentTermsId))).toEqual(expect.arrayContaining(['Net 30', '2% 10/Net 30', 'Due on Receipt', 'Net 45']));
    const discount = await h.call('GET', "Administration/PaymentTerms('2%25%2010%2FNet%2030')");
    expect(discount.payload).toMatchObject({ DueType: 1, DueDays: 30, DiscountDays: 10, DiscountPercent: 2 });
    const classes = await h.call('GET', 'Sales/Classes');
    expect(classes.payload.map((c) => trim(c.ClassId))).toEqual(expect.arrayContaining(['USA-GEN', 'USA-ILMO-T1']));
    const vendorClass = await h.call('GET', 'Purchasing/VendorClasses(TRAVEL)');
    expect(vendorClass.payload).toMatchObject({ ClassId: 'TRAVEL'.padEnd(11), PaymentTermsId: 'Due on Receipt'.padEnd(21), CreatedDate: expect.stringMatching(/T00:00:00$/) });
    expect(vendorClass.payload).not.toHaveProperty('LastModifiedDate');
  });

  it('offers no change filter: these tables have no DEX_ROW_TS, so a client compares content', async () => {
    for (const resource of ['Administration/PaymentTerms', 'Sales/Classes', 'Purchasing/VendorClasses']) {
      const byModified = await h.list(resource, { $filter: 'ModifiedDate ge 2026-01-01' });
      expect(byModified.status).toBe(400);
      expect(byModified.error?.Message).toContain('unknown or unfilterable property "ModifiedDate"');
      expect((await h.list(resource, { $filter: 'LastModifiedDate ge 2026-01-01T00:00:00Z' })).status).toBe(400);
    }
  });

  it('creates a customer class that customers can then use, and refuses unknown references', async () => {
    const created = await h.call('POST', 'Sales/Classes', { ClassId: 'usa-proc', Description: 'Procurement customers', PaymentTermsId: 'Net 45', CreditLimitType: 2, CreditLimitAmount: 5000 });
    expect(created.status).toBe(201);
    expect(created.payload).toMatchObject({ ClassId: 'USA-PROC'.padEnd(15), IsActive: true, ModifiedDate: '2026-05-04T00:00:00' });
    const customer = await h.call('POST', 'Sales/Customers', { CustomerId: 'PROCCUST0001', Name: 'Proc Customer', ClassId: 'USA-PROC' });
    expect(customer.status).toBe(201);
    const again = await h.call('POST', 'Sales/Classes', { ClassId: 'USA-PROC', Description: 'dup' });
    expect(again).toMatchObject({ status: 409, error: { Code: 'eConnect.91061' } });
    const badTerms = await h.call('POST', 'Sales/Classes', { ClassId: 'USA-BAD', Description: 'x', PaymentTermsId: 'Net 99' });
    expect(badTerms.error?.Code).toBe('eConnect.91062');
    expect(badTerms.error?.Message).toContain('Payment Terms ID (PYMTRMID) Net 99 does not exist in SY03300');
    const badLimit = await h.call('POST', 'Sales/Classes', { ClassId: 'USA-BAD', Description: 'x', CreditLimitType: 1, CreditLimitAmount: 10 });
    expect(badLimit.error?.Message).toContain('requires Credit Limit Type (CRLMTTYP) 2');
    expect((await h.call('POST', 'Sales/Classes', { ClassId: 'C'.repeat(16), Description: 'x' })).error?.Message).toContain('ClassId (CLASSID) is 16 characters long; GP accepts at most 15');
  });

  it('creates a vendor class a vendor can use; an unknown purchases account or terms is refused', async () => {
    expect((await h.call('POST', 'Purchasing/VendorClasses', { ClassId: 'FREIGHT', Description: 'Freight carriers', PaymentTermsId: 'Net 15', PurchasesAccount: '000-6000-00' })).status).toBe(201);
    expect((await h.call('POST', 'Purchasing/Vendors', { VendorId: 'FREIGHT0001', Name: 'Freight Co', ClassId: 'FREIGHT', UseVendorClass: true })).payload).toMatchObject({ PaymentTermsId: 'Net 15'.padEnd(21) });
    expect((await h.call('POST', 'Purchasing/VendorClasses', { ClassId: 'BADACCT', Description: 'x', PurchasesAccount: '999-9999-99' })).error?.Code).toBe('eConnect.91063');
    expect((await h.call('POST', 'Purchasing/VendorClasses', { ClassId: 'BADTERMS', Description: 'x', PaymentTermsId: 'Net 99' })).error?.Code).toBe('eConnect.91062');
    expect((await h.call('POST', 'Purchasing/VendorClasses', { ClassId: 'ELEVENCHARS', Description: 'x' })).error?.Message).toContain('ClassId (VNDCLSID) is 11 characters long; GP accepts at most 10');
  });

  it('creates and changes payment terms: the id keeps its case, a change moves ModifiedDate, ranges are checked', async () => {
    const created = await h.call('POST', 'Administration/PaymentTerms', { PaymentTermsId: 'Net 10 EOM', Description: 'Net 10 after month end', DueType: 3, DueDays: 10 });
    expect(created.payload).toMatchObject({ PaymentTermsId: 'Net 10 EOM'.padEnd(21), DueType: 3, DiscountType: 1 });
    h.gp.setClock({ advanceMs: 2 * 86_400_000 });
    try {
      const changed = await h.call('PATCH', "Administration/PaymentTerms('Net%2010%20EOM')", { DueDays: 15 });
      expect(changed.payload).toMatchObject({ DueDays: 15, CreatedDate: '2026-05-04T00:00:00', ModifiedDate: '2026-05-06T00:00:00' });
    } finally {
      h.gp.setClock({ now: NOW_MS });
    }
    expect((await h.call('POST', 'Administration/PaymentTerms', { PaymentTermsId: 'Bad', Description: 'x', DueType: 9 })).error?.Message).toContain('DUETYPE must be 1 (Net Days) to 8');
    expect((await h.call('POST', 'Administration/PaymentTerms', { PaymentTermsId: 'Bad', Description: 'x', DiscountPercent: 100.5 })).error?.Code).toBe('eConnect.91063');
    expect((await h.call('POST', 'Administration/PaymentTerms', { PaymentTermsId: 'T'.repeat(21), Description: 'x' })).error?.Message).toContain('PaymentTermsId (PYMTRMID) is 21 characters long; GP accepts at most 20');
    expect((await h.call('PATCH', "Administration/PaymentTerms('Net%2099')", { DueDays: 1 })).error?.Code).toBe('EntityNotFound');
    expect((await h.call('PATCH', "Administration/PaymentTerms('Net%2030')", { PaymentTermsId: 'Net 31' })).error?.Message).toContain('cannot be changed');
  });

  it('a GP user changes payment terms and adds a class through the sandbox admin', () => {
    const terms = h.gp.purchasing.editSetup('payment-terms', 'Net 15', { Description: 'Net fifteen' });
    expect(trim(terms.Description)).toBe('Net fifteen');
    const cls = h.gp.purchasing.createSetup('vendor-classes', { ClassId: 'UTILITY', Description: 'Utilities' });
    expect(trim(cls.ClassId)).toBe('UTILITY');
    expect(h.gp.purchasing.listSetup('vendor-classes').map((c) => trim(c.ClassId))).toContain('UTILITY');
    expect(() => h.gp.purchasing.editSetup('customer-classes', 'NOPE', { Description: 'x' })).toThrow(/was not found/);
  });
});

describe('GP emulator: setup masters with a ModifiedDate filter (installation option)', () => {
  it('filters on ModifiedDate when purchasing.setupModifiedDateFilter is set', async () => {
    const h = await startSbaHarness({ purchasing: { setupModifiedDateFilter: true } });
    try {
      const res = await h.list('Administration/PaymentTerms', { $filter: 'ModifiedDate ge 2026-01-01' });
      expect(res.status).toBe(200);
      expect(res.payload).toHaveLength(0);
      h.gp.purchasing.editSetup('payment-terms', 'Net 30', { Description: 'Net 30 days (edited)' });
      expect((await h.list('Administration/PaymentTerms', { $filter: 'ModifiedDate ge 2026-01-01' })).payload.map((t) => trim(t.PaymentTermsId))).toEqual(['Net 30']);
    } finally {
      await h.close();
    }
  });
});
