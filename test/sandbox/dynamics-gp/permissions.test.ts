import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GP_SANDBOX_DEFAULT_USER, type GpSandboxUser } from '../../../service/sandbox/dynamics-gp/index.ts';
import { startSbaHarness, type SbaHarness } from './sba-harness.ts';

/** A GP user whose security role only lets it look at vendors and purchase orders. */
const READER: GpSandboxUser = {
  domain: 'FABRIKAM',
  username: 'svc-reader',
  password: 'Reader-Only-2015!',
  gpUserId: 'READONLY',
  companies: '*',
  grants: { 'Purchasing/Vendors': ['read'], 'Purchasing/PurchaseOrders': ['read'] },
};

describe('GP emulator: security grants for the purchasing and ledger resources', () => {
  let h: SbaHarness;

  beforeAll(async () => {
    h = await startSbaHarness({ users: [GP_SANDBOX_DEFAULT_USER, READER] });
  });
  afterAll(async () => {
    await h.close();
  });

  it('grants the integration account every new resource it needs', async () => {
    for (const resource of ['Purchasing/Vendors', 'Purchasing/VendorAddresses', 'Purchasing/VendorClasses', 'Sales/Classes', 'Administration/PaymentTerms', 'Purchasing/PurchaseOrders', 'Financials/FiscalPeriodOrigins', 'Financials/AccountSegments', 'Financials/GLAccountBalances']) {
      const res = await h.list(resource, { $top: '1' });
      expect({ resource, status: res.status }).toEqual({ resource, status: 200 });
    }
  });

  it('answers 403 naming the GP user, the action and the resource, so a connection test can tell which grant is missing', async () => {
    const reader = h.as({ domain: READER.domain, username: READER.username, password: READER.password });
    expect((await reader.call('GET', 'Purchasing/Vendors(ADVANCED0001)')).status).toBe(200);
    expect((await reader.call('GET', 'Purchasing/PurchaseOrders(PO2001)')).status).toBe(200);
    const cases: Array<[Parameters<typeof reader.call>, string]> = [
      [['POST', 'Purchasing/Vendors', { VendorId: 'NOPE0001', Name: 'Nope' }], 'create Purchasing/Vendors'],
      [['PATCH', 'Purchasing/Vendors(ADVANCED0001)', { Name: 'Nope' }], 'update Purchasing/Vendors'],
      [['POST', 'Purchasing/PurchaseOrders', { VendorId: 'ADVANCED0001' }], 'create Purchasing/PurchaseOrders'],
      [['DELETE', 'Purchasing/PurchaseOrders(PO2001)'], 'delete Purchasing/PurchaseOrders'],
      [['GET', 'Financials/GLAccountBalances'], 'read Financials/GLAccountBalances'],
      [['GET', 'Financials/AccountSegments'], 'read Financials/AccountSegments'],
      [['GET', 'Administration/PaymentTerms'], 'read Administration/PaymentTerms'],
      [['GET', 'Purchasing/VendorClasses'], 'read Purchasing/VendorClasses'],
    ];
    for (const [args, what] of cases) {
      const res = await reader.call(...args);
      expect(res.status).toBe(403);
      expect(res.error).toMatchObject({ Code: 'Forbidden', Message: `The GP user READONLY does not have security access to ${what} in company 'Fabrikam, Inc.'` });
    }
    // Nothing was written on the way.
    expect(h.gp.purchasing.getVendor('NOPE0001')).toBeUndefined();
    expect(h.gp.purchasing.getPurchaseOrder('PO2001')).toMatchObject({ TransactionState: 'Work', Status: 1 });
  });
});
