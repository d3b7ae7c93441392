/**
 * Seed 003: invoice and payment status onto the Salesforce Order. A posted BC invoice (status Open or Paid; drafts
 * are not invoiced yet) names the sales order it invoices (orderId); that order's link leads to the Salesforce
 * Order, which gets Invoiced / Partially_Paid / Paid and the amounts. Payments show here as the invoice's
 * remainingAmount going down. Invoices of orders that did not come from Salesforce are skipped.
 */
import { BC_SALES_INVOICES_TO_SF_ORDERS, BC_SOURCE_INTERVAL_MS, BC_SYSTEM_ID, SF_ORDERS_TO_BC_SALES_ORDERS, SF_SYSTEM_ID } from './flow-ids.ts';
import type { FlowTemplate } from '../template.ts';

/** Posted invoices: Open (amount left to pay) or Paid. */
export const POSTED_INVOICE_STATUSES = ['Open', 'Paid'];

export const BC_SALES_INVOICES_TO_SF_ORDERS_TEMPLATE: FlowTemplate = {
  id: BC_SALES_INVOICES_TO_SF_ORDERS,
  sourceSystem: BC_SYSTEM_ID,
  targetSystem: SF_SYSTEM_ID,
  build: ({ source, target }) => ({
    id: BC_SALES_INVOICES_TO_SF_ORDERS,
    name: 'BC invoice + payment status → Salesforce orders',
    description: 'Posted Business Central sales invoices (status, invoiced, paid, balance) onto the Salesforce Order of the invoiced sales order.',
    source: { connection: source, entity: 'salesInvoices', where: [{ field: 'status', in: POSTED_INVOICE_STATUSES }] },
    // Updated by Id through sObject Collections (≤200 records a call).
    target: { connection: target, entity: 'Order', matchField: 'Id' },
    matchKey: {
      source: 'orderId',
      transforms: ['trim'],
      lookup: { flow: SF_ORDERS_TO_BC_SALES_ORDERS, by: 'targetId', take: 'sourceId', describe: 'Salesforce Order', onMissing: 'skip' },
    },
    mapping: [
      {
        target: 'ERP_Status__c',
        source: ['totalAmountIncludingTax', 'remainingAmount'],
        transforms: [{ name: 'settlement', arg: { paid: 'Paid', partial: 'Partially_Paid', open: 'Invoiced' } }],
        required: true,
      },
      { target: 'ERP_Total_Invoiced__c', source: 'totalAmountIncludingTax', transforms: ['number'] },
      { target: 'ERP_Total_Paid__c', source: ['totalAmountIncludingTax', 'remainingAmount'], transforms: ['difference'] },
      { target: 'ERP_Balance__c', source: 'remainingAmount', transforms: ['number'] },
      { target: 'ERP_Last_Synced_At__c', value: null, transforms: ['now'], excludeFromHash: true },
    ],
    schedule: { intervalMs: BC_SOURCE_INTERVAL_MS },
    pageSize: 200,
  }),
};
