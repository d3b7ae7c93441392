/**
 * Seed 003: "a closed Salesforce Order flows into Business Central as a sales order against the right customer
 * and items". Closed = Status Activated. The Order's OrderItems are read with it; the customer No. and every line's
 * item No. come from the links the accounts and products flows recorded, so an Order whose Account or Product was
 * not synced yet is parked naming it, and replays once that flow has run. Matched on the External Document No.
 * (the Salesforce OrderNumber): a retried create finds the order it made.
 */
import {
  BC_SYSTEM_ID,
  SF_ACCOUNTS_TO_BC_CUSTOMERS,
  SF_ORDERS_TO_BC_SALES_ORDERS,
  SF_PRODUCTS_TO_BC_ITEMS,
  SF_SOURCE_INTERVAL_MS,
  SF_SYSTEM_ID,
} from './flow-ids.ts';
import type { FlowTemplate } from '../template.ts';

export const SF_ORDERS_TO_BC_SALES_ORDERS_TEMPLATE: FlowTemplate = {
  id: SF_ORDERS_TO_BC_SALES_ORDERS,
  sourceSystem: SF_SYSTEM_ID,
  targetSystem: BC_SYSTEM_ID,
  build: ({ source, target }) => ({
    id: SF_ORDERS_TO_BC_SALES_ORDERS,
    name: 'Salesforce closed orders → BC sales orders',
    description: 'Activated Salesforce Orders with their OrderItems to Business Central sales orders, matched on externalDocumentNumber = OrderNumber.',
    source: {
      connection: source,
      entity: 'Order',
      where: [{ field: 'Status', in: ['Activated'] }],
      include: [{ entity: 'OrderItem', parentField: 'OrderId', as: 'lines', fields: ['Product2Id', 'Quantity', 'UnitPrice', 'Description'] }],
    },
    target: { connection: target, entity: 'salesOrders', matchField: 'externalDocumentNumber' },
    matchKey: { source: 'OrderNumber', transforms: ['trim'] },
    mapping: [
      {
        target: 'customerNumber',
        source: 'AccountId',
        lookup: { flow: SF_ACCOUNTS_TO_BC_CUSTOMERS, by: 'sourceId', take: 'targetKey', describe: 'Business Central customer' },
        required: true,
      },
      { target: 'orderDate', source: 'EffectiveDate', transforms: ['date'], required: true },
      {
        target: 'salesOrderLines',
        source: 'lines',
        required: true,
        each: [
          { target: 'lineType', value: 'Item' },
          {
            target: 'lineObjectNumber',
            source: 'Product2Id',
            lookup: { flow: SF_PRODUCTS_TO_BC_ITEMS, by: 'sourceId', take: 'targetKey', describe: 'Business Central item' },
            required: true,
          },
          { target: 'quantity', source: 'Quantity', transforms: ['number'], required: true },
          { target: 'unitPrice', source: 'UnitPrice', transforms: ['number'] },
          { target: 'description', source: 'Description', transforms: ['trim', 'nullIfBlank', { name: 'truncate', arg: 100 }] },
        ],
      },
    ],
    schedule: { intervalMs: SF_SOURCE_INTERVAL_MS },
    pageSize: 100,
    dependsOn: [SF_PRODUCTS_TO_BC_ITEMS, SF_ACCOUNTS_TO_BC_CUSTOMERS],
  }),
};
