/**
 * Seed 000: "settled AR invoices and payments post back to Salesforce Opportunities and Orders". One change per
 * order (GP connection entity `receivables-by-order`): the settlement of the order's posted invoices — invoiced,
 * paid, balance, status — written onto the Salesforce Order found through the orders flow's link (the GP
 * invoice is the SOP invoice that flow created, same number after posting). Invoices of orders that did not
 * come from Salesforce are skipped (seen, no audit row). Updated by Id through sObject Collections (≤200 a call).
 * Status: Invoiced (nothing paid yet) / Partially_Paid / Paid — paid is judged from GP's CURTRXAM, since paid
 * documents stay Open in RM20101 until Paid Transaction Removal (GP-DOMAIN §3). Invoice numbers, due dates and
 * payment dates go to ERP_Document__c (gp-receivables-to-sf-documents).
 */
import type { FlowInput } from '../../engine/flow.ts';
import type { FieldMappingInput } from '../../engine/mapping.ts';
import { GP_ORDERS_FLOW, GP_RECEIVABLES_INTERVAL_MS, GP_RECEIVABLES_TO_SF_ORDERS } from './flow-ids.ts';
import type { FlowTemplate } from '../template.ts';

export interface GpReceivablesSourceOptions {
  /** `DocumentNumber` (default) or `CustomerPONumber`: which GP field carries the order's document number. */
  orderReference?: 'DocumentNumber' | 'CustomerPONumber';
  /** The orders flow's link target id prefix: `SOP:3;` (SOP invoices, default) or `RM:1;` (receivables invoices). */
  linkIdPrefix?: string;
}

/** The settlement fields of Order and Opportunity (package: ERP_Total_Invoiced__c, ERP_Total_Paid__c, ERP_Balance__c, ERP_Status__c). */
export const SETTLEMENT_MAPPING: FieldMappingInput[] = [
  { target: 'ERP_Status__c', source: 'Status', transforms: [{ name: 'map', arg: { Open: 'Invoiced', Partially_Paid: 'Partially_Paid', Paid: 'Paid' } }], required: true },
  { target: 'ERP_Total_Invoiced__c', source: 'TotalInvoiced', transforms: ['number'], required: true },
  { target: 'ERP_Total_Paid__c', source: 'TotalPaid', transforms: ['number'], required: true },
  { target: 'ERP_Balance__c', source: 'Balance', transforms: ['number'], required: true },
  { target: 'ERP_Last_Synced_At__c', value: null, transforms: ['now'], excludeFromHash: true },
];

export function receivablesSource(connection: string, opts: GpReceivablesSourceOptions): FlowInput['source'] {
  return {
    connection,
    entity: 'receivables-by-order',
    options: { orderReference: opts.orderReference ?? 'DocumentNumber', linkIdPrefix: opts.linkIdPrefix ?? 'SOP:3;' },
  };
}

export const orderKey = { source: 'OrderLinkId', transforms: ['trim' as const], lookup: { flow: GP_ORDERS_FLOW, by: 'targetId' as const, take: 'sourceId' as const, describe: 'Salesforce Order', onMissing: 'skip' as const } };

export function createGpReceivablesToSfOrdersTemplate(opts: GpReceivablesSourceOptions = {}): FlowTemplate {
  return {
    id: GP_RECEIVABLES_TO_SF_ORDERS,
    sourceSystem: 'dynamics-gp',
    targetSystem: 'salesforce',
    build: ({ source, target }) => ({
      id: GP_RECEIVABLES_TO_SF_ORDERS,
      name: 'GP receivables → Salesforce Orders',
      description: 'Invoiced, paid, balance and status of the GP invoices of each Salesforce Order (RM20101/RM30101 + applies), by Order Id.',
      source: receivablesSource(source, opts),
      target: { connection: target, entity: 'Order', matchField: 'Id' },
      matchKey: orderKey,
      mapping: SETTLEMENT_MAPPING,
      schedule: { intervalMs: GP_RECEIVABLES_INTERVAL_MS },
      pageSize: 200,
      dependsOn: [GP_ORDERS_FLOW],
    }),
  };
}

export const GP_RECEIVABLES_TO_SF_ORDERS_TEMPLATE: FlowTemplate = createGpReceivablesToSfOrdersTemplate();
