import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW_MS, startSbaHarness, trim, type SbaHarness } from './sba-harness.ts';

const VENDORS = 'Purchasing/Vendors';

describe('GP emulator: Purchasing/Vendors', () => {
  let h: SbaHarness;

  beforeAll(async () => {
    h = await startSbaHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  /** Polls like the customer feed: from a watermark day inclusive, pages continue after (ModifiedDate, VendorId). */
  async function pollSince(watermark: string, pageSize: number): Promise<Array<Record<string, unknown>>> {
    const seen: Array<Record<string, unknown>> = [];
    let after: { day: string; id: string } | undefined;
    for (;;) {
      const filter = after
        ? `ModifiedDate gt ${after.day} or (ModifiedDate eq ${after.day} and VendorId gt '${after.id}')`
        : `ModifiedDate ge ${watermark}`;
      const res = await h.list(VENDORS, { $filter: filter, $orderby: 'ModifiedDate asc,VendorId asc', $top: String(pageSize) });
      expect(res.status).toBe(200);
      seen.push(...res.payload);
      const last = res.payload[res.payload.length - 1];
      if (res.payload.length < pageSize || !last) return seen;
      after = { day: String(last.ModifiedDate).slice(0, 10), id: trim(last.VendorId) };
    }
  }

  describe('polling by ModifiedDate', () => {
    it('pages through a same-day tie without losing or repeating a vendor', async () => {
      const tied = h.gp.purchasing.generateVendors({ count: 7, seed: 11, modifiedDate: '2026-05-02' });
      const read = await pollSince('2026-05-02', 3);
      const ids = read.map((v) => trim(v.VendorId));
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of tied) expect(ids).toContain(id);
      const expected = h.gp.purchasing
        .listVendors()
        .filter((v) => String(v.ModifiedDate) >= '2026-05-02')
        .map((v) => trim(v.VendorId));
      expect([...ids].sort()).toEqual([...expected].sort());
      // Ordered by day, then id within the day.
      const keys = read.map((v) => `${String(v.ModifiedDate)}|${trim(v.VendorId)}`);
      expect(keys).toEqual([...keys].sort());
    });

    it('has day granularity: a later same-day change is invisible to a strict "gt" poll and found by an inclusive one', async () => {
      const created = await h.call('POST', VENDORS, { VendorId: 'TIEVEND0001', Name: 'Tie Vendor One', ClassId: 'OFFICE' });
      expect(created.status).toBe(201);
      const watermark = String(created.payload.ModifiedDate).slice(0, 10);
      h.gp.setClock({ advanceMs: 3_600_000 });
      try {
        const edited = await h.call('PATCH', `${VENDORS}(TIEVEND0001)`, { Name: 'Tie Vendor One (renamed)' });
        expect(edited.payload.ModifiedDate).toBe(created.payload.ModifiedDate);
        expect(Date.parse(`${String(edited.payload.LastModifiedDate)}Z`)).toBe(Date.parse(`${String(created.payload.LastModifiedDate)}Z`) + 3_600_000);
        const strict = await h.list(VENDORS, { $filter: `ModifiedDate gt ${watermark} and VendorId eq 'TIEVEND0001'` });
        expect(strict.payload).toHaveLength(0);
        const inclusive = await h.list(VENDORS, { $filter: `ModifiedDate ge ${watermark} and VendorId eq 'TIEVEND0001'` });
        expect(inclusive.payload.map((v) => trim(v.Name))).toEqual(['Tie Vendor One (renamed)']);
      } finally {
        h.gp.setClock({ now: NOW_MS, utcOffsetMinutes: -360 });
      }
    });

    it('stamps ModifiedDate with the server-local day and LastModifiedDate in UTC: near midnight they disagree', async () => {
      h.gp.setClock({ now: '2026-05-05T05:30:00Z', utcOffsetMinutes: -360 }); // 23:30 on 05-04 server time
      try {
        const res = await h.call('POST', VENDORS, { VendorId: 'midnight0001', Name: 'Midnight Supplies' });
        expect(res.payload).toMatchObject({ VendorId: 'MIDNIGHT0001   ', ModifiedDate: '2026-05-04T00:00:00', CreatedDate: '2026-05-04T00:00:00', LastModifiedDate: '2026-05-05T05:30:00.000' });
        const byDay = await h.list(VENDORS, { $filter: "ModifiedDate eq 2026-05-04 and VendorId eq 'MIDNIGHT0001'" });
        expect(byDay.payload).toHaveLength(1);
        const byUtc = await h.list(VENDORS, { $filter: "LastModifiedDate ge 2026-05-05T00:00:00Z and VendorId eq 'MIDNIGHT0001'" });
        expect(byUtc.payload).toHaveLength(1);
        expect((await h.list(VENDORS, { $filter: "ModifiedDate ge 2026-05-05 and VendorId eq 'MIDNIGHT0001'" })).payload).toHaveLength(0);
        expect((await h.list(VENDORS, { $filter: 'ModifiedDate ge 2026-05-05T00:00:00Z' })).status).toBe(400);
      } finally {
        h.gp.setClock({ now: NOW_MS, utcOffsetMinutes: -360 });
      }
    });
  });

  describe('create and update (taUpdateCreateVendorRcd)', () => {
    it('creates with upper-cased id, char(N) padding, status Active and the primary address in PM00300', async () => {
      const res = await h.call('POST', VENDORS, {
        VendorId: 'newsupp0001',
        Name: 'New Supplier Ltd',
        ClassId: 'office',
        AddressCode: 'primary',
        Address1: '1 Dock Rd',
        City: 'Aurora',
        State: 'IL',
        Phone1: '6305550199',
        PaymentTermsId: 'Net 45',
      });
      expect(res.status).toBe(201);
      expect(res.payload).toMatchObject({ VendorId: 'NEWSUPP0001    ', Name: 'New Supplier Ltd'.padEnd(65), ClassId: 'OFFICE'.padEnd(11), Status: 'Active', IsOnHold: false, PaymentTermsId: 'Net 45'.padEnd(21) });
      const address = await h.call('GET', 'Purchasing/VendorAddresses(NEWSUPP0001;PRIMARY)');
      expect(address.status).toBe(200);
      expect(address.payload).toMatchObject({ Address1: '1 Dock Rd'.padEnd(61), City: 'Aurora'.padEnd(35), Phone1: '6305550199'.padEnd(21) });
      expect((await h.call('GET', `${VENDORS}('NewSupp0001%20%20')`)).status).toBe(200);
    });

    it('UseVendorClass rolls terms and the purchases account down from the class', async () => {
      const res = await h.call('POST', VENDORS, { VendorId: 'CLASSY0001', Name: 'Classy Travel', ClassId: 'TRAVEL', UseVendorClass: true });
      expect(res.status).toBe(201);
      expect(trim(res.payload.PaymentTermsId)).toBe('Due on Receipt');
      expect(trim(res.payload.PurchasesAccount)).toBe('000-6200-00');
    });

    it.each([
      [{ VendorId: 'V'.repeat(16), Name: 'x' }, 'VendorId (VENDORID) is 16 characters long; GP accepts at most 15'],
      [{ VendorId: 'LEN0001', Name: 'N'.repeat(65) }, 'Name (VENDNAME) is 65 characters long; GP accepts at most 64'],
      [{ VendorId: 'LEN0001', Name: 'x', ClassId: 'C'.repeat(11) }, 'ClassId (VNDCLSID) is 11 characters long; GP accepts at most 10'],
      [{ VendorId: 'LEN0001', Name: 'x', Zip: '60504-12345' }, 'Zip (ZIPCODE) is 11 characters long; GP accepts at most 10'],
      [{ VendorId: 'LEN0001', Name: 'x', Phone1: '(312) 555-0101' }, 'Phone1 (PHNUMBR1) must contain digits only'],
      [{ VendorId: 'LEN0001', Name: 'x', Status: 'Gone' }, 'Vendor.Status (VENDSTTS) must be Active, Inactive, Temporary'],
      [{ VendorId: 'LEN0001', Name: 'x', IsOnHold: 'yes' }, 'IsOnHold (HOLD) must be true or false'],
      [{ VendorId: 'LEN0001', Name: 'x', Colour: 'red' }, 'Vendor has no property "Colour"'],
      [{ VendorId: 'LEN0001', Name: 'x', ModifiedDate: '2026-01-01' }, 'Vendor.ModifiedDate is read-only'],
    ])('refuses %j with a message naming the field', async (payload, message) => {
      const res = await h.call('POST', VENDORS, payload);
      expect(res.status).toBe(400);
      expect(res.error?.Code).toBe('ValidationFailed');
      expect(res.error?.Message).toContain(message);
    });

    it.each([
      [{ VendorId: 'ADVANCED0001', Name: 'Again' }, 7807, 409, 'already exists in the Vendor Master Table - PM00200'],
      [{ VendorId: '  ', Name: 'x' }, 933, 400, 'Vendor ID (VENDORID) is empty'],
      [{ VendorId: 'ERR0001' }, 7851, 400, 'Vendor Name (VENDNAME)'],
      [{ VendorId: 'ERR0001', Name: 'x', ClassId: 'NOPE' }, 233, 400, 'Vendor Class (VNDCLSID) does not exist'],
      [{ VendorId: 'ERR0001', Name: 'x', PaymentTermsId: 'Net 99' }, 497, 400, 'Payment Terms ID (PYMTRMID) does not exist'],
      [{ VendorId: 'ERR0001', Name: 'x', CurrencyId: 'Z-XX' }, 9238, 400, 'Currency ID (CURNCYID)'],
      [{ VendorId: 'ERR0001', Name: 'x', UseVendorClass: true }, 7809, 400, 'Vendor Class (VNDCLSID)'],
      [{ VendorId: 'ERR0001', Name: 'x', PurchasesAccount: '999-9999-99' }, 7837, 400, 'Purchases Account (PMPRCHACTNUMST) 999-9999-99 does not exist'],
      [{ VendorId: 'ERR0001', Name: 'x', PurchasesAccount: '000-6190-30' }, 8012, 400, 'is inactive'],
      [{ VendorId: 'ERR0001', Name: 'x', City: 'Aurora' }, 7850, 400, 'Primary Address ID (VADDCDPR)'],
    ])('eConnect rule for %j → error %i', async (payload, number, status, text) => {
      const res = await h.call('POST', VENDORS, payload);
      expect(res.status).toBe(status);
      expect(res.error?.Code).toBe(`eConnect.${number}`);
      expect(res.error?.Message).toMatch(new RegExp(`^Sql procedure error codes returned:\\nError Number = ${number}  Stored Procedure taUpdateCreateVendorRcd  Error Description = `));
      expect(res.error?.Message).toContain(text);
      expect(h.gp.purchasing.getVendor('ERR0001')).toBeUndefined();
    });

    it('PATCH is field-level, keeps the key, refuses a blank name (7852) and needs the vendor to exist', async () => {
      const before = h.gp.purchasing.getVendor('ACETRAVE0001')!;
      const res = await h.call('PATCH', `${VENDORS}(ACETRAVE0001)`, { PaymentTermsId: 'Net 15', Status: 'Temporary' });
      expect(res.payload).toMatchObject({ Name: before.Name, City: before.City, PaymentTermsId: 'Net 15'.padEnd(21), Status: 'Temporary' });
      expect((await h.call('PATCH', `${VENDORS}(ACETRAVE0001)`, { Name: '' })).error?.Code).toBe('eConnect.7852');
      expect((await h.call('PATCH', `${VENDORS}(ACETRAVE0001)`, { VendorId: 'OTHER0001' })).error?.Message).toContain('cannot be changed');
      expect((await h.call('PATCH', `${VENDORS}(NOSUCHVE0001)`, { Name: 'x' })).error?.Code).toBe('EntityNotFound');
      expect((await h.call('GET', `${VENDORS}(NOSUCHVE0001)`)).status).toBe(404);
    });

    it('filters by Status (Active / Inactive / Temporary) and serves the seeded vendors', async () => {
      const inactive = await h.list(VENDORS, { $filter: "Status eq 'Inactive'" });
      expect(inactive.payload.map((v) => trim(v.VendorId))).toContain('OLDPAPER0001');
      const seeded = await h.list(VENDORS, { $filter: "VendorId eq 'ADVANCED0001' or VendorId eq 'BEAUMONT0001' or VendorId eq 'ACETRAVE0001'" });
      expect(seeded.payload).toHaveLength(3);
    });
  });

  describe('a GP user at the vendor card (sandbox admin over HTTP)', () => {
    it('renames and deactivates a vendor: ModifiedDate and LastModifiedDate move, a poll picks it up', async () => {
      h.gp.setClock({ now: '2026-05-06T14:00:00Z' });
      try {
        const res = await request(`${h.gp.url}/_sandbox/companies/TWO/vendors/BEAUMONT0001`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ Name: 'Beaumont Supply Co.', Status: 'Inactive' }),
        });
        expect(res.statusCode).toBe(200);
        const body = (await res.body.json()) as Record<string, unknown>;
        expect(body).toMatchObject({ Status: 'Inactive', ModifiedDate: '2026-05-06T00:00:00', LastModifiedDate: '2026-05-06T14:00:00.000' });
        const polled = await pollSince('2026-05-06', 50);
        expect(polled.map((v) => trim(v.VendorId))).toContain('BEAUMONT0001');
        const bad = await request(`${h.gp.url}/_sandbox/companies/TWO/vendors/BEAUMONT0001`, { method: 'PATCH', body: JSON.stringify({ ClassId: 'NOPE' }) });
        expect(bad.statusCode).toBe(400);
        expect(((await bad.body.json()) as { Error: { Code: string } }).Error.Code).toBe('eConnect.233');
      } finally {
        h.gp.purchasing.editVendor('BEAUMONT0001', { Status: 'Active' });
        h.gp.setClock({ now: NOW_MS });
      }
    });
  });
});
