/**
 * Seed 003: the billing picture on the Salesforce Account — balance due, credit limit, blocked — upserted on the
 * Account's External Id BC_Customer_Number__c. Only customers that came from Salesforce (linked by the accounts
 * flow) are written; the rest are skipped, so no Account is ever created from here.
 */
import { BC_CUSTOMERS_TO_SF_ACCOUNTS, BC_SOURCE_INTERVAL_MS, BC_SYSTEM_ID, SF_ACCOUNTS_TO_BC_CUSTOMERS, SF_SYSTEM_ID } from './flow-ids.ts';
import type { FlowTemplate } from '../template.ts';

/** BC customer.blocked: blank, or blocked for Ship / Invoice / All → the package's ERP_On_Hold__c. */
const ON_HOLD = { ' ': false, '': false, Ship: true, Invoice: true, All: true };

export const BC_CUSTOMERS_TO_SF_ACCOUNTS_TEMPLATE: FlowTemplate = {
  id: BC_CUSTOMERS_TO_SF_ACCOUNTS,
  sourceSystem: BC_SYSTEM_ID,
  targetSystem: SF_SYSTEM_ID,
  build: ({ source, target }) => ({
    id: BC_CUSTOMERS_TO_SF_ACCOUNTS,
    name: 'BC customer balance → Salesforce accounts',
    description: 'Business Central balance due, credit limit and blocked state onto the Salesforce Account, upserted on BC_Customer_Number__c.',
    source: { connection: source, entity: 'customers' },
    target: { connection: target, entity: 'Account', matchField: 'BC_Customer_Number__c' },
    // The customer No. the accounts flow linked to this BC customer: the Account's External Id.
    matchKey: {
      source: 'id',
      transforms: ['trim'],
      lookup: { flow: SF_ACCOUNTS_TO_BC_CUSTOMERS, by: 'targetId', take: 'targetKey', describe: 'Salesforce Account', onMissing: 'skip' },
    },
    mapping: [
      { target: 'BC_Customer_Id__c', source: 'id', transforms: ['trim'], required: true },
      { target: 'ERP_Balance__c', source: 'balanceDue', transforms: ['number'] },
      { target: 'ERP_Credit_Limit__c', source: 'creditLimit', transforms: ['number'] },
      { target: 'ERP_On_Hold__c', source: 'blocked', transforms: [{ name: 'map', arg: ON_HOLD }] },
      { target: 'ERP_Last_Synced_At__c', value: null, transforms: ['now'], excludeFromHash: true },
    ],
    schedule: { intervalMs: BC_SOURCE_INTERVAL_MS },
    pageSize: 500,
  }),
};
