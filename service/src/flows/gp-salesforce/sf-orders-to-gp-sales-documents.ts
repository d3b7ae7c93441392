/**
 * Seed 000: "orders placed in Salesforce flow into GP as Sales Orders or receivables invoices, mapped to the
 * correct GP customer and GL accounts", created as unposted Work documents that GP users verify and post.
 *
 * - Source: the Salesforce connection's `Order` change feed (CDC) with each Order's OrderItems as `lines`.
 *   Which orders: `source.where` Status in `statuses` (default Activated: an activated order's products are
 *   frozen in Salesforce). A Draft order is not a change for this flow: not written, not audited, not parked;
 *   its activation is an Order update event, which brings it in with its lines.
 * - Customer: the GP customer number the customer flow linked to the Order's Account (links of
 *   gp-customers-to-sf-accounts: sourceId CUSTNMBR, targetId Account Id). No link → parked, replayed once linked.
 * - Items: Product2 → ITEMNMBR through the product's GP_Item_Number__c (default) or a table keyed by Product2Id
 *   or ProductCode; a line with no item parks the order naming the line (Lines[i]) and the product.
 * - GL: SalesAccount / ReceivablesAccount constants, optional CostCenter from an Order field through a table
 *   (it replaces the account's cost-center segment). All of these are mapping entries, so a service config
 *   `mapping` override (or the Field_Mapping__c rows in Salesforce) changes them per installation.
 * - Target: the GP connection's `salesDocuments` writer (connectors/dynamics-gp/sales-document-writer.ts), matched
 *   on the GP document number = prefix + OrderNumber.
 */
import type { FieldMappingInput } from '../../engine/mapping.ts';
import type { FlowTemplate } from '../template.ts';

export const SF_ORDERS_TO_GP_SALES_DOCUMENTS_ID = 'sf-orders-to-gp-sales-documents';
const CUSTOMER_FLOW = 'gp-customers-to-sf-accounts';

export interface SfOrdersToGpOptions {
  /** SOP order (default), SOP invoice, or RM invoice. */
  documentType?: 'order' | 'invoice' | 'receivables-invoice';
  /** Order statuses this flow writes (default ['Activated']). */
  statuses?: string[];
  /** Product2 → GP item: a field of the OrderItem (dot path), or a table keyed by a field of the OrderItem. */
  items?: { field: string } | { table: Record<string, string>; by: 'Product2Id' | 'Product2.ProductCode' };
  salesAccount?: string;
  receivablesAccount?: string;
  /** Order field whose value, through `table`, is the cost-center segment of the sales account. */
  costCenter?: { field: string; table: Record<string, string> };
  batchId?: string;
  /** Prepended to the OrderNumber to form the GP document number (writer option). */
  documentNumberPrefix?: string;
}

function itemMapping(items: NonNullable<SfOrdersToGpOptions['items']>): FieldMappingInput {
  if ('field' in items) return { target: 'ItemNumber', source: items.field, transforms: ['trim', 'upper', 'nullIfBlank'], required: true, maxLength: 30 };
  return { target: 'ItemNumber', source: items.by, transforms: [{ name: 'map', arg: items.table }], required: true, maxLength: 30 };
}

export function createSfOrdersToGpTemplate(opts: SfOrdersToGpOptions = {}): FlowTemplate {
  const items = opts.items ?? { field: 'Product2.GP_Item_Number__c' };
  return {
    id: SF_ORDERS_TO_GP_SALES_DOCUMENTS_ID,
    sourceSystem: 'salesforce',
    targetSystem: 'dynamics-gp',
    build: ({ source, target }) => ({
      id: SF_ORDERS_TO_GP_SALES_DOCUMENTS_ID,
      name: 'Salesforce Orders → GP sales documents',
      description: 'Activated Salesforce Orders with their OrderItems to unposted Dynamics GP sales orders/invoices (SOP) or receivables invoices (RM), numbered SF<OrderNumber>.',
      source: {
        connection: source,
        entity: 'Order',
        where: [{ field: 'Status', in: opts.statuses ?? ['Activated'] }],
        include: [
          {
            entity: 'OrderItem',
            parentField: 'OrderId',
            as: 'lines',
            fields: ['Id', 'OrderItemNumber', 'Product2Id', 'Product2.GP_Item_Number__c', 'Product2.ProductCode', 'Quantity', 'UnitPrice', 'Description'],
          },
        ],
      },
      target: { connection: target, entity: 'salesDocuments', matchField: 'DocumentNumber', options: { documentNumberPrefix: opts.documentNumberPrefix ?? 'SF' } },
      matchKey: { source: 'OrderNumber', transforms: ['trim', 'upper'] },
      mapping: [
        { target: 'DocumentType', value: opts.documentType ?? 'order' },
        { target: 'BatchId', value: opts.batchId ?? 'SALESFORCE', maxLength: 15 },
        {
          target: 'CustomerId',
          source: 'AccountId',
          lookup: { flow: CUSTOMER_FLOW, by: 'targetId', take: 'sourceId', describe: 'GP customer' },
          transforms: ['trim', 'upper'],
          required: true,
        },
        { target: 'DocumentDate', source: 'EffectiveDate', transforms: ['date'], required: true },
        { target: 'CustomerPONumber', source: 'PoNumber', transforms: ['trim', 'upper', 'nullIfBlank'], maxLength: 20 },
        { target: 'Description', source: 'Description', transforms: ['trim', 'nullIfBlank', { name: 'truncate', arg: 30 }] },
        { target: 'SalesAccount', value: opts.salesAccount ?? '000-4100-00' },
        { target: 'ReceivablesAccount', value: opts.receivablesAccount ?? '000-1200-00' },
        ...(opts.costCenter ? [{ target: 'CostCenter', source: opts.costCenter.field, transforms: [{ name: 'map', arg: opts.costCenter.table }] }] : []),
        {
          target: 'Lines',
          source: 'lines',
          required: true,
          each: [
            itemMapping(items),
            { target: 'Description', source: 'Description', transforms: ['trim', 'nullIfBlank', { name: 'truncate', arg: 100 }] },
            { target: 'Quantity', source: 'Quantity', transforms: ['number'], required: true },
            { target: 'UnitPrice', source: 'UnitPrice', transforms: ['number'], required: true },
          ],
        },
      ],
      schedule: { intervalMs: 15_000 },
      pageSize: 50,
      dependsOn: [CUSTOMER_FLOW],
    }),
  };
}

export const SF_ORDERS_TO_GP_SALES_DOCUMENTS: FlowTemplate = createSfOrdersToGpTemplate();
