/**
 * `Purchasing/PurchaseOrders(<PONumber>)` [U path: the GP 2015 SBA list has "Purchasing: Transactions / Transaction
 * Headers / Transaction Lines" (FACTS §2.1 [V]) without saying which documents they hold] — POP10100 / POP10110 and
 * history POP30100 / POP30110. GET / POST / PATCH / DELETE (= void, New only).
 */
import type { GpResource } from '../resource-registry.ts';
import { PO_FIELDS, purchaseOrderToWire, type PurchaseOrder } from './purchase-order-columns.ts';
import { createPurchaseOrder, findPurchaseOrder, purchaseOrderView, updatePurchaseOrder, voidPurchaseOrder } from './purchase-order-store.ts';

export const purchaseOrdersResource: GpResource<PurchaseOrder> = {
  path: 'Purchasing/PurchaseOrders',
  entity: 'PurchaseOrder',
  keyParts: 1,
  fields: PO_FIELDS,
  defaultOrder: [{ field: 'PONumber', descending: false }],
  table: (ctx) => purchaseOrderView(ctx.company),
  find: (ctx, [number]) => (number === undefined ? undefined : findPurchaseOrder(ctx.company, number)),
  toWire: purchaseOrderToWire,
  create: (ctx, payload) => createPurchaseOrder(ctx.company, ctx.clock, payload, { userId: ctx.gpUserId }),
  update: (ctx, [number], payload) => updatePurchaseOrder(ctx.company, ctx.clock, number ?? '', payload),
  delete: (ctx, [number]) => voidPurchaseOrder(ctx.company, ctx.clock, number ?? ''),
};
