/**
 * Demo for the GP ↔ Salesforce order flow in `npm start`: once the customer flow has created the Account of GP
 * customer AARONFIT0001, a sales rep's order for it is entered in the Salesforce sandbox (products carrying GP item
 * numbers, then activated), and the orders flow brings it into GP as an unposted Work document.
 */
import type { Logger } from '../../src/lib/logger.ts';
import type { SandboxDemo } from '../sandbox-system.ts';
import type { SalesforceSandbox } from '../salesforce/index.ts';
import type { SalesforceSandboxPair } from '../salesforce/sandbox-system.ts';

const DEMO_CUSTOMER = 'AARONFIT0001';
const WAIT_STEP_MS = 500;
const WAIT_LIMIT_MS = 120_000;

export async function seedGpOrderDemo(sf: SalesforceSandbox, logger: Logger, signal?: AbortSignal): Promise<string | undefined> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  let account: Record<string, unknown> | undefined;
  while (!account) {
    if (signal?.aborted || Date.now() > deadline) return undefined;
    account = sf.records.findByField('Account', 'GP_Customer_Number__c', DEMO_CUSTOMER)[0];
    if (!account) await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
  }
  const [cord12, cord25] = sf.records.createMany('Product2', [
    { Name: "Phone Cord - 12' White", ProductCode: 'CORD-12-WH', GP_Item_Number__c: 'ACCS-CRD-12WH', IsActive: true },
    { Name: "Phone Cord - 25' Black", ProductCode: 'CORD-25-BK', GP_Item_Number__c: 'ACCS-CRD-25BK', IsActive: true },
  ]);
  const [order] = sf.records.createMany('Order', [
    { AccountId: account.Id, EffectiveDate: new Date().toISOString().slice(0, 10), Status: 'Draft', Description: 'Phone cords for the Chicago office', PoNumber: 'PO-4471' },
  ]);
  sf.records.createMany('OrderItem', [
    { OrderId: order?.Id, Product2Id: cord12?.Id, Quantity: 12, UnitPrice: 10.95 },
    { OrderId: order?.Id, Product2Id: cord25?.Id, Quantity: 4, UnitPrice: 15.95 },
  ]);
  sf.records.update('Order', String(order?.Id), { Status: 'Activated' });
  const created = sf.records.get('Order', String(order?.Id));
  logger.info({ orderId: order?.Id, orderNumber: created?.OrderNumber, account: account.Id }, `sandbox: a Salesforce order for ${DEMO_CUSTOMER} was activated; it becomes GP Work document SF${String(created?.OrderNumber ?? '')}`);
  return String(order?.Id);
}

export const gpSalesforceDemo: SandboxDemo = {
  name: 'a Salesforce order for GP customer AARONFIT0001',
  systems: ['dynamics-gp', 'salesforce'],
  phase: 'after-service',
  async seed(ctx) {
    await seedGpOrderDemo(ctx.emulator<SalesforceSandboxPair>('salesforce').rest, ctx.logger, ctx.signal);
  },
};
