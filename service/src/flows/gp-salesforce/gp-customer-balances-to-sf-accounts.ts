/**
 * Seed 001: entities without ModifiedDate "polled by status or batch". GP's customer summary RM00103 has neither
 * a modified date nor DEX_ROW_TS (GP-DOMAIN §5), so the GP connection's `customer-balances` feed walks it and
 * emits only customers whose balance content changed since the last walk (hash-poll-feed.ts). Written onto the
 * Account the customer flow linked (by Id, sObject Collections update); customers with no Account are skipped.
 */
import { GP_CUSTOMER_BALANCES_TO_SF_ACCOUNTS, GP_CUSTOMERS_FLOW, GP_RECEIVABLES_INTERVAL_MS } from './flow-ids.ts';
import type { FlowTemplate } from '../template.ts';

export const GP_CUSTOMER_BALANCES_TO_SF_ACCOUNTS_TEMPLATE: FlowTemplate = {
  id: GP_CUSTOMER_BALANCES_TO_SF_ACCOUNTS,
  sourceSystem: 'dynamics-gp',
  targetSystem: 'salesforce',
  build: ({ source, target }) => ({
    id: GP_CUSTOMER_BALANCES_TO_SF_ACCOUNTS,
    name: 'GP customer balances → Salesforce Accounts',
    description: 'Receivables balance, past-due amount and status (RM00103, hash-polled) onto the linked Account.',
    source: { connection: source, entity: 'customer-balances' },
    target: { connection: target, entity: 'Account', matchField: 'Id' },
    matchKey: { source: 'CustomerId', transforms: ['trim'], lookup: { flow: GP_CUSTOMERS_FLOW, by: 'sourceId', take: 'targetId', describe: 'Salesforce Account', onMissing: 'skip' } },
    mapping: [
      { target: 'ERP_Balance__c', source: 'Balance', transforms: ['number'], required: true },
      { target: 'ERP_Overdue_Balance__c', source: 'PastDueAmount', transforms: ['number'], required: true },
      { target: 'ERP_Status__c', source: 'ReceivablesStatus', required: true },
      { target: 'ERP_Last_Synced_At__c', value: null, transforms: ['now'], excludeFromHash: true },
    ],
    schedule: { intervalMs: GP_RECEIVABLES_INTERVAL_MS },
    pageSize: 500,
    dependsOn: [GP_CUSTOMERS_FLOW],
  }),
};
