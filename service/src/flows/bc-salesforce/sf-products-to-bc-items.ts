/**
 * Seed 003: "the item catalog is aligned so each Salesforce Product2 maps to a Business Central item" — run first,
 * so every order line resolves to an item No. The item No. is the one the product carries in BC_Item_Number__c;
 * a product without one is not in the BC catalog, and an order line naming it is parked naming the product. The
 * writer looks the No. up before creating, so a retried create finds the item it made.
 */
import { BC_SYSTEM_ID, SF_PRODUCTS_TO_BC_ITEMS, SF_SOURCE_INTERVAL_MS, SF_SYSTEM_ID } from './flow-ids.ts';
import type { FlowTemplate } from '../template.ts';

export const SF_PRODUCTS_TO_BC_ITEMS_TEMPLATE: FlowTemplate = {
  id: SF_PRODUCTS_TO_BC_ITEMS,
  sourceSystem: SF_SYSTEM_ID,
  targetSystem: BC_SYSTEM_ID,
  build: ({ source, target }) => ({
    id: SF_PRODUCTS_TO_BC_ITEMS,
    name: 'Salesforce products → BC items',
    description: 'Salesforce Product2 to Business Central items, matched on the item No. in Product2.BC_Item_Number__c.',
    // Products that carry no BC item No. are not catalogued in BC (an order line naming one is parked).
    source: { connection: source, entity: 'Product2', where: [{ field: 'BC_Item_Number__c', notIn: [''] }] },
    target: { connection: target, entity: 'items', matchField: 'number' },
    // Item No. is an AL Code field: BC stores it upper-case.
    matchKey: { source: 'BC_Item_Number__c', transforms: ['trim', 'upper'] },
    mapping: [
      { target: 'displayName', source: 'Name', transforms: ['trim'], required: true, maxLength: 100 },
      // An inactive product cannot be sold: its item is blocked.
      { target: 'blocked', source: 'IsActive', transforms: [{ name: 'map', arg: { true: false, false: true, '': true } }] },
    ],
    schedule: { intervalMs: SF_SOURCE_INTERVAL_MS },
    pageSize: 200,
  }),
};
