/**
 * Seed 000: GP invoices, credit memos and payments as `ERP_Document__c` records (GP connection entity
 * `receivables-documents`), upserted on Document_Key__c = `GP:<Invoice|Credit_Memo|Payment>:<DOCNUMBR>`, related to
 * the Account (customer flow's link) and to the Order (orders flow's link; a payment: the order of the first
 * invoice it paid). A document whose Account or Order is not linked is still written, without that lookup.
 */
import { GP_CUSTOMERS_FLOW, GP_ORDERS_FLOW, GP_RECEIVABLES_INTERVAL_MS, GP_RECEIVABLES_TO_SF_DOCUMENTS } from './flow-ids.ts';
import type { GpReceivablesSourceOptions } from './gp-receivables-to-sf-orders.ts';
import type { FlowTemplate } from '../template.ts';

export function createGpReceivablesToSfDocumentsTemplate(opts: GpReceivablesSourceOptions = {}): FlowTemplate {
  return {
    id: GP_RECEIVABLES_TO_SF_DOCUMENTS,
    sourceSystem: 'dynamics-gp',
    targetSystem: 'salesforce',
    build: ({ source, target }) => ({
      id: GP_RECEIVABLES_TO_SF_DOCUMENTS,
      name: 'GP invoices and payments → Salesforce ERP documents',
      description: 'Posted GP invoices, credit memos and payments (RM20101/RM30101) to ERP_Document__c, related to Account and Order.',
      source: {
        connection: source,
        entity: 'receivables-documents',
        options: { orderReference: opts.orderReference ?? 'DocumentNumber', linkIdPrefix: opts.linkIdPrefix ?? 'SOP:3;' },
      },
      target: { connection: target, entity: 'ERP_Document__c', matchField: 'Document_Key__c' },
      matchKey: { source: 'DocumentKey', transforms: ['trim'] },
      mapping: [
        { target: 'Document_Number__c', source: 'DocumentNumber', transforms: ['trim'], required: true, maxLength: 40 },
        { target: 'Document_Type__c', source: 'DocumentType', required: true },
        { target: 'Source_System__c', value: 'Dynamics_GP' },
        { target: 'Status__c', source: 'Status', required: true },
        { target: 'Document_Date__c', source: 'DocumentDate', transforms: ['gpDate'] },
        { target: 'Due_Date__c', source: 'DueDate', transforms: ['gpDate'] },
        { target: 'Amount__c', source: 'Amount', transforms: ['number'], required: true },
        { target: 'Balance__c', source: 'Balance', transforms: ['number'], required: true },
        { target: 'Applied_To__c', source: 'AppliedTo', transforms: ['nullIfBlank', { name: 'truncate', arg: 40 }] },
        { target: 'Account__c', source: 'CustomerId', lookup: { flow: GP_CUSTOMERS_FLOW, by: 'sourceId', take: 'targetId', describe: 'Salesforce Account', onMissing: 'null' } },
        { target: 'Order__c', source: 'OrderLinkId', lookup: { flow: GP_ORDERS_FLOW, by: 'targetId', take: 'sourceId', describe: 'Salesforce Order', onMissing: 'null' } },
        { target: 'Last_Synced_At__c', value: null, transforms: ['now'], excludeFromHash: true },
      ],
      schedule: { intervalMs: GP_RECEIVABLES_INTERVAL_MS },
      pageSize: 200,
    }),
  };
}

export const GP_RECEIVABLES_TO_SF_DOCUMENTS_TEMPLATE: FlowTemplate = createGpReceivablesToSfDocumentsTemplate();
