/**
 * Seed 003: customer payments as ERP_Document__c rows (Payment) under the Salesforce Account, upserted on
 * Document_Key__c `BC:Payment:<document No.>`. API v2.0 exposes payments as lines of a customer payment journal
 * (they leave the journal when BC posts it), so a row shows a payment as entered; its effect on the invoice and the
 * Order arrives through the invoice flows. Payments of customers that did not come from Salesforce are skipped.
 */
import { BC_CUSTOMER_PAYMENTS_TO_SF_DOCUMENTS, BC_SOURCE_INTERVAL_MS, BC_SYSTEM_ID, SF_ACCOUNTS_TO_BC_CUSTOMERS, SF_SYSTEM_ID } from './flow-ids.ts';
import type { FlowTemplate } from '../template.ts';

export const BC_CUSTOMER_PAYMENTS_TO_SF_DOCUMENTS_TEMPLATE: FlowTemplate = {
  id: BC_CUSTOMER_PAYMENTS_TO_SF_DOCUMENTS,
  sourceSystem: BC_SYSTEM_ID,
  targetSystem: SF_SYSTEM_ID,
  build: ({ source, target }) => ({
    id: BC_CUSTOMER_PAYMENTS_TO_SF_DOCUMENTS,
    name: 'BC customer payments → Salesforce ERP documents',
    description: 'Business Central customer payment lines to ERP_Document__c (Payment), upserted on Document_Key__c = BC:Payment:<document No.>.',
    source: { connection: source, entity: 'customerPayments' },
    target: { connection: target, entity: 'ERP_Document__c', matchField: 'Document_Key__c' },
    matchKey: { source: 'documentNumber', transforms: ['trim', { name: 'prefix', arg: 'BC:Payment:' }] },
    mapping: [
      {
        target: 'Account__c',
        source: 'customerId',
        lookup: { flow: SF_ACCOUNTS_TO_BC_CUSTOMERS, by: 'targetId', take: 'sourceId', describe: 'Salesforce Account', onMissing: 'skip' },
        required: true,
      },
      { target: 'Document_Type__c', value: 'Payment' },
      { target: 'Source_System__c', value: 'Business_Central' },
      { target: 'Document_Number__c', source: 'documentNumber', transforms: ['trim'], required: true, maxLength: 40 },
      { target: 'Document_Date__c', source: 'postingDate', transforms: ['date'] },
      { target: 'Amount__c', source: 'amount', transforms: ['number'], required: true },
      { target: 'Applied_To__c', source: 'appliesToInvoiceNumber', transforms: ['trim', 'nullIfBlank'], maxLength: 40 },
      { target: 'Status__c', source: 'appliesToInvoiceNumber', transforms: [{ name: 'presence', arg: { present: 'Applied', blank: 'Unapplied' } }] },
      { target: 'Last_Synced_At__c', value: null, transforms: ['now'], excludeFromHash: true },
    ],
    schedule: { intervalMs: BC_SOURCE_INTERVAL_MS },
    pageSize: 200,
  }),
};
