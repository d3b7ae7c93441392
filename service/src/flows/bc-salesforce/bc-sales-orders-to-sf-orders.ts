/**
 * Seed 003: Business Central order status back onto the Salesforce Order it came from. The Order is found through
 * the link the orders flow recorded (BC sales order id → Salesforce Order Id) and updated by Id — an Order made in
 * Salesforce carries no BC key until this flow writes BC_Order_Id__c / BC_Order_Number__c onto it. Orders entered
 * in BC directly (no link) are not this flow's records and are skipped.
 */
import { BC_SALES_ORDERS_TO_SF_ORDERS, BC_SOURCE_INTERVAL_MS, BC_SYSTEM_ID, SF_ORDERS_TO_BC_SALES_ORDERS, SF_SYSTEM_ID } from './flow-ids.ts';
import type { FlowTemplate } from '../template.ts';

/** BC order status → the package's Order.ERP_Status__c: not invoiced yet, whatever its approval state. */
const ORDER_STATUS = { Draft: 'Open', 'In Review': 'Open', Open: 'Open' };

export const BC_SALES_ORDERS_TO_SF_ORDERS_TEMPLATE: FlowTemplate = {
  id: BC_SALES_ORDERS_TO_SF_ORDERS,
  sourceSystem: BC_SYSTEM_ID,
  targetSystem: SF_SYSTEM_ID,
  build: ({ source, target }) => ({
    id: BC_SALES_ORDERS_TO_SF_ORDERS,
    name: 'BC sales order status → Salesforce orders',
    description: 'Business Central sales order number and status onto the Salesforce Order linked by the orders flow.',
    source: { connection: source, entity: 'salesOrders' },
    // Updated by Id through sObject Collections (≤200 records a call).
    target: { connection: target, entity: 'Order', matchField: 'Id' },
    matchKey: {
      source: 'id',
      transforms: ['trim'],
      lookup: { flow: SF_ORDERS_TO_BC_SALES_ORDERS, by: 'targetId', take: 'sourceId', describe: 'Salesforce Order', onMissing: 'skip' },
    },
    mapping: [
      { target: 'BC_Order_Id__c', source: 'id', transforms: ['trim'], required: true },
      { target: 'BC_Order_Number__c', source: 'number', transforms: ['trim'], required: true, maxLength: 20 },
      { target: 'ERP_Status__c', source: 'status', transforms: [{ name: 'map', arg: ORDER_STATUS }] },
      { target: 'ERP_Last_Synced_At__c', value: null, transforms: ['now'], excludeFromHash: true },
    ],
    schedule: { intervalMs: BC_SOURCE_INTERVAL_MS },
    pageSize: 200,
  }),
};
