/**
 * Demo records in the Salesforce sandbox for the Business Central flows: products carrying BC item numbers (two of
 * the BC demo items and one new), Accounts carrying BC customer numbers (the BC demo customer Adatum and a new one)
 * with Contacts, one activated Order with lines (it becomes a BC sales order) and one draft Order (it does not).
 */
import type { SandboxDemo } from '../sandbox-system.ts';
import type { SalesforceSandbox } from '../salesforce/index.ts';
import type { SalesforceSandboxPair } from '../salesforce/sandbox-system.ts';

export interface BcSalesforceDemo {
  activatedOrderId: string;
  draftOrderId: string;
}

export function seedBcSalesforceDemo(sf: SalesforceSandbox, today = new Date().toISOString().slice(0, 10)): BcSalesforceDemo {
  const [desk, whiteboard, markers] = sf.records.createMany('Product2', [
    { Name: 'ATHENS Desk', ProductCode: 'ATHENS-DESK', BC_Item_Number__c: '1896-S', IsActive: true },
    { Name: 'ATLANTA Whiteboard, base', ProductCode: 'ATLANTA-WB', BC_Item_Number__c: '1996-S', IsActive: true },
    { Name: 'Whiteboard markers (box of 12)', ProductCode: 'MARKERS-12', BC_Item_Number__c: 'ML-1000', IsActive: true },
  ]);
  const [adatum, northwind] = sf.records.createMany('Account', [
    { Name: 'Adatum Corporation', BC_Customer_Number__c: '10000', BillingStreet: '192 Market Square', BillingCity: 'Atlanta', BillingState: 'GA', BillingPostalCode: '31772' },
    { Name: 'Northwind Traders', BC_Customer_Number__c: '30000', BillingStreet: '12 Harbour Road', BillingCity: 'Seattle', BillingState: 'WA', BillingPostalCode: '98101', Phone: '(206) 555-0100' },
  ]);
  sf.records.createMany('Contact', [
    { FirstName: 'Robert', LastName: 'Townes', Email: 'robert.townes@contoso.com', AccountId: adatum?.Id },
    { FirstName: 'Nancy', LastName: 'Davolio', Email: 'nancy.davolio@northwind.example', AccountId: northwind?.Id },
  ]);
  const [won, draft] = sf.records.createMany('Order', [
    { AccountId: northwind?.Id, EffectiveDate: today, Status: 'Draft', Description: 'Office fit-out (won)' },
    { AccountId: adatum?.Id, EffectiveDate: today, Status: 'Draft', Description: 'Quote in progress' },
  ]);
  sf.records.createMany('OrderItem', [
    { OrderId: won?.Id, Product2Id: desk?.Id, Quantity: 4, UnitPrice: 1000.8 },
    { OrderId: won?.Id, Product2Id: whiteboard?.Id, Quantity: 2, UnitPrice: 1397.3 },
    { OrderId: won?.Id, Product2Id: markers?.Id, Quantity: 10, UnitPrice: 12.5 },
    { OrderId: draft?.Id, Product2Id: desk?.Id, Quantity: 1, UnitPrice: 1000.8 },
  ]);
  // A won deal: the order is activated once its lines are in (the orders flow takes Activated orders only).
  sf.records.update('Order', String(won?.Id), { Status: 'Activated' });
  return { activatedOrderId: String(won?.Id), draftOrderId: String(draft?.Id) };
}

export const bcSalesforceDemo: SandboxDemo = {
  name: 'Salesforce products, accounts and an activated order for Business Central',
  systems: ['business-central', 'salesforce'],
  // Before the service: the demo records' change events exist for the flows' first CDC read.
  phase: 'before-service',
  seed(ctx) {
    seedBcSalesforceDemo(ctx.emulator<SalesforceSandboxPair>('salesforce').rest);
  },
};
