/**
 * Seed 003: posted BC sales invoices as ERP_Document__c rows under the Salesforce Account (and Order, when the
 * invoice came from one), upserted on Document_Key__c `BC:Invoice:<posted number>`. Only documents: ledger
 * entries stay in BC. Invoices of customers that did not come from Salesforce are skipped.
 */
import {
  BC_SALES_INVOICES_TO_SF_DOCUMENTS,
  BC_SOURCE_INTERVAL_MS,
  BC_SYSTEM_ID,
  SF_ACCOUNTS_TO_BC_CUSTOMERS,
  SF_ORDERS_TO_BC_SALES_ORDERS,
  SF_SYSTEM_ID,
} from './flow-ids.ts';
import { POSTED_INVOICE_STATUSES } from './bc-sales-invoices-to-sf-orders.ts';
import type { FlowTemplate } from '../template.ts';

export const BC_SALES_INVOICES_TO_SF_DOCUMENTS_TEMPLATE: FlowTemplate = {
  id: BC_SALES_INVOICES_TO_SF_DOCUMENTS,
  sourceSystem: BC_SYSTEM_ID,
  targetSystem: SF_SYSTEM_ID,
  build: ({ source, target }) => ({
    id: BC_SALES_INVOICES_TO_SF_DOCUMENTS,
    name: 'BC sales invoices → Salesforce ERP documents',
    description: 'Posted Business Central sales invoices to ERP_Document__c (Invoice), upserted on Document_Key__c = BC:Invoice:<number>.',
    source: { connection: source, entity: 'salesInvoices', where: [{ field: 'status', in: POSTED_INVOICE_STATUSES }] },
    target: { connection: target, entity: 'ERP_Document__c', matchField: 'Document_Key__c' },
    matchKey: { source: 'number', transforms: ['trim', { name: 'prefix', arg: 'BC:Invoice:' }] },
    mapping: [
      {
        target: 'Account__c',
        source: 'customerId',
        lookup: { flow: SF_ACCOUNTS_TO_BC_CUSTOMERS, by: 'targetId', take: 'sourceId', describe: 'Salesforce Account', onMissing: 'skip' },
        required: true,
      },
      {
        target: 'Order__c',
        source: 'orderId',
        lookup: { flow: SF_ORDERS_TO_BC_SALES_ORDERS, by: 'targetId', take: 'sourceId', describe: 'Salesforce Order', onMissing: 'null' },
      },
      { target: 'Document_Type__c', value: 'Invoice' },
      { target: 'Source_System__c', value: 'Business_Central' },
      { target: 'Document_Number__c', source: 'number', transforms: ['trim'], required: true, maxLength: 40 },
      { target: 'Document_Date__c', source: 'invoiceDate', transforms: ['date'] },
      { target: 'Due_Date__c', source: 'dueDate', transforms: ['date'] },
      { target: 'Amount__c', source: 'totalAmountIncludingTax', transforms: ['number'] },
      { target: 'Balance__c', source: 'remainingAmount', transforms: ['number'] },
      { target: 'Currency_Code__c', source: 'currencyCode', transforms: ['trim', 'nullIfBlank'], maxLength: 3 },
      {
        target: 'Status__c',
        source: ['totalAmountIncludingTax', 'remainingAmount'],
        transforms: [{ name: 'settlement', arg: { paid: 'Paid', partial: 'Partially_Paid', open: 'Open' } }],
      },
      { target: 'Last_Synced_At__c', value: null, transforms: ['now'], excludeFromHash: true },
    ],
    schedule: { intervalMs: BC_SOURCE_INTERVAL_MS },
    pageSize: 200,
  }),
};
