/**
 * The buyer's side of procurement.ts: issue a PO from approved lines, revise, receive, close, cancel, reopen, pay.
 */
import { randomUUID } from 'node:crypto';
import type { SandboxClock } from './clock.ts';
import { toScaled, ZERO } from './decimal.ts';
import { detailError } from './errors.ts';
import { ITEM_STATUS, ORDER_STATUS, PO_STATE, type Order, type OrderItem, type PriceModifier, type PurchaseOrder } from './model.ts';
import { fulfilmentOf } from './po-figures.ts';
import { itemsOfOrder, itemsOfPurchaseOrder, mustGet, type TenantData } from './tenant-data.ts';

export interface NewPurchaseOrder {
  itemIds: number[];
  vendorId?: number;
  purchaserId?: number;
  promiseDate?: number;
  PO_Num?: string | null;
  freight?: string | null;
  tax?: PriceModifier | null;
  discount?: PriceModifier | null;
  other?: string | null;
  comment?: string | null;
}

export interface LineRevision {
  itemId: number;
  name?: string;
  sku?: string;
  unit?: string;
  quantity?: string;
  price?: string;
  poNote?: string;
  taxAmount?: string | null;
  shippingAmount?: string | null;
}

export interface PoRevision {
  /** When given, the PO keeps exactly these lines; lines left out go back to the buyer's queue (status 0). */
  lines?: LineRevision[];
  PO_Num?: string | null;
  promiseDate?: number;
  comment?: string | null;
  freight?: string | null;
  tax?: PriceModifier | null;
  discount?: PriceModifier | null;
  other?: string | null;
  expiryDate?: number | null;
  buyer?: Partial<PurchaseOrder['buyer']>;
  receiver?: Partial<PurchaseOrder['receiver']>;
  paymentTermId?: number;
  shippingTermId?: number;
  shippingMethodId?: number;
}

export interface ReceiptLine {
  itemId: number;
  quantity: string | number;
  failed?: string | number;
}

const OPEN_STATES: readonly number[] = [PO_STATE.PURCHASED, PO_STATE.REOPENED];

const rule = (message: string) => detailError(400, message);

export function createPurchasingWorkflow(data: TenantData, clock: SandboxClock) {
  /** A request follows its lines: RECEIVED when all are received, PURCHASED when all are on a PO, else APPROVED. */
  const settleOrderStatus = (orderId: number, at: number): void => {
    const order = mustGet(data.orders, orderId, 'order');
    const items = itemsOfOrder(data, orderId).filter((i) => i.status !== ITEM_STATUS.APPROVAL_DENIED);
    let next: Order['status'] = order.status;
    if (items.length > 0 && items.every((i) => i.status === ITEM_STATUS.RECEIVED)) next = ORDER_STATUS.RECEIVED;
    else if (items.length > 0 && items.every((i) => i.purchaseOrderId !== null)) next = ORDER_STATUS.PURCHASED;
    else if (order.status === ORDER_STATUS.PURCHASED || order.status === ORDER_STATUS.RECEIVED) next = ORDER_STATUS.APPROVED;
    if (next !== order.status) {
      order.status = next;
      order.modifiedAt = at;
    }
  };
  const openPo = (procurifyPO: number): PurchaseOrder => {
    const po = data.purchaseOrders.get(procurifyPO);
    if (!po) throw detailError(404, 'Not found.');
    return po;
  };
  const receiveStatus = (item: OrderItem): OrderItem['status'] => {
    const received = toScaled(item.receivedPassQty);
    if (received === ZERO) return ITEM_STATUS.RECEIVE_PENDING;
    return received >= toScaled(item.quantity) ? ITEM_STATUS.RECEIVED : ITEM_STATUS.RECEIVE_PARTIAL;
  };

  return {
    issuePurchaseOrder(input: NewPurchaseOrder, at = clock.now()): PurchaseOrder {
      if (input.itemIds.length === 0) throw rule('A purchase order needs at least one approved line.');
      const items = input.itemIds.map((id) => mustGet(data.items, id, 'order item'));
      for (const item of items) {
        if (item.approvedAt === null || item.status !== ITEM_STATUS.PURCHASE_PENDING || item.purchaseOrderId !== null) {
          throw rule(`Order item ${item.id} is not approved and waiting for purchase (status ${item.status}).`);
        }
      }
      const currencyId = (items[0] as OrderItem).currencyId;
      if (items.some((i) => i.currencyId !== currencyId)) throw rule('All lines of a purchase order must be in one currency.');
      const vendor = mustGet(data.vendors, input.vendorId ?? (items[0] as OrderItem).vendorId, 'vendor');
      if (!vendor.active) throw rule(`Vendor '${vendor.name}' is inactive.`);
      const order = mustGet(data.orders, (items[0] as OrderItem).orderId, 'order');
      const location = mustGet(data.locations, order.locationId, 'location');
      const purchaser = mustGet(data.users, input.purchaserId ?? data.defaultBuyerId, 'user');
      const snapshot = (addressId: number, contact: string) => {
        const a = mustGet(data.addresses, addressId, 'address');
        return { addressId, name: a.name, contact, addressLineOne: a.addressLineOne, postalCode: a.postalCode, city: a.city, state_province: a.state_province, country: a.country };
      };
      const requester = mustGet(data.users, order.requesterId, 'user');
      const po = data.purchaseOrders.insert((procurifyPO) => ({
        procurifyPO,
        uuid: randomUUID(),
        version: 1,
        PO_Num: input.PO_Num ?? null,
        purchaserId: purchaser.id,
        vendorId: vendor.id,
        vendorSnapshot: { name: vendor.name, contact: vendor.contact, addressLineOne: vendor.addressLineOne, postalCode: vendor.postalCode, city: vendor.city, state_province: vendor.state_province, country: vendor.country },
        locationId: location.id,
        buyer: snapshot(location.billingAddressId, `${purchaser.firstName} ${purchaser.lastName}`),
        receiver: snapshot(location.shippingAddressId, `${requester.firstName} ${requester.lastName}`),
        paymentTermId: vendor.payment_term_ref ?? (data.paymentTerms.list()[0]?.id as number),
        shippingTermId: vendor.shipping_term_ref ?? (data.shippingTerms.list()[0]?.id as number),
        shippingMethodId: vendor.shipping_method_ref ?? (data.shippingMethods.list()[0]?.id as number),
        promiseDate: input.promiseDate ?? order.dateRequired,
        freight: input.freight ?? null,
        tax: input.tax ?? null,
        discount: input.discount ?? null,
        other: input.other ?? null,
        comment: input.comment ?? null,
        currencyId,
        currencyRate: mustGet(data.currencies, currencyId, 'currency').rate,
        state: PO_STATE.PURCHASED,
        createdAt: at,
        recordedAt: null,
        closedAt: null,
        modifiedAt: at,
        expiryDate: null,
        disclaimerDescription: null,
        disclaimerText: null,
      }));
      items.forEach((item, index) => {
        Object.assign(item, { purchaseOrderId: po.procurifyPO, poLineNum: index + 1, purchaserId: purchaser.id, purchasedAt: at, status: ITEM_STATUS.RECEIVE_PENDING, modifiedAt: at });
      });
      for (const orderId of new Set(items.map((i) => i.orderId))) settleOrderStatus(orderId, at);
      return po;
    },

    revisePurchaseOrder(procurifyPO: number, revision: PoRevision, at = clock.now()): PurchaseOrder {
      const po = openPo(procurifyPO);
      if (!OPEN_STATES.includes(po.state)) throw rule(`Purchase order ${procurifyPO} cannot be revised in state ${po.state}.`);
      const current = itemsOfPurchaseOrder(data, procurifyPO);
      if (revision.lines) {
        if (revision.lines.length === 0) throw rule('A purchase order needs at least one line.');
        for (const line of revision.lines) {
          const item = current.find((i) => i.id === line.itemId);
          if (!item) throw rule(`Order item ${line.itemId} is not on purchase order ${procurifyPO}.`);
          const { itemId: _itemId, ...changes } = line;
          Object.assign(item, Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)), { modifiedAt: at });
          item.status = receiveStatus(item);
        }
        const kept = new Set(revision.lines.map((l) => l.itemId));
        for (const item of current.filter((i) => !kept.has(i.id))) {
          Object.assign(item, { purchaseOrderId: null, poLineNum: null, purchaserId: null, purchasedAt: null, status: ITEM_STATUS.PURCHASE_PENDING, modifiedAt: at });
          settleOrderStatus(item.orderId, at);
        }
      }
      const { lines: _lines, buyer, receiver, ...header } = revision;
      Object.assign(po, Object.fromEntries(Object.entries(header).filter(([, v]) => v !== undefined)));
      if (buyer) po.buyer = { ...po.buyer, ...buyer };
      if (receiver) po.receiver = { ...po.receiver, ...receiver };
      po.version += 1;
      po.modifiedAt = at;
      return po;
    },

    receive(procurifyPO: number, lines: ReceiptLine[], at = clock.now()): PurchaseOrder {
      const po = openPo(procurifyPO);
      if (!OPEN_STATES.includes(po.state)) throw rule(`Purchase order ${procurifyPO} is not open (state ${po.state}).`);
      const items = itemsOfPurchaseOrder(data, procurifyPO);
      for (const line of lines) {
        const item = items.find((i) => i.id === line.itemId);
        if (!item) throw rule(`Order item ${line.itemId} is not on purchase order ${procurifyPO}.`);
        const pass = toScaled(line.quantity);
        if (pass <= ZERO) throw rule('Received quantity must be positive.');
        if (toScaled(item.receivedPassQty) + pass > toScaled(item.quantity)) throw rule(`Order item ${item.id}: cannot receive more than the ordered ${item.quantity}.`);
        item.receivedPassQty = String(Number(item.receivedPassQty) + Number(line.quantity));
        if (line.failed !== undefined) item.receivedFailQty = String(Number(item.receivedFailQty) + Number(line.failed));
        item.status = receiveStatus(item);
        item.modifiedAt = at;
        settleOrderStatus(item.orderId, at);
      }
      po.recordedAt = po.recordedAt ?? at;
      po.modifiedAt = at;
      return po;
    },

    closePurchaseOrder(procurifyPO: number, at = clock.now()): PurchaseOrder {
      const po = openPo(procurifyPO);
      if (!OPEN_STATES.includes(po.state) && po.state !== PO_STATE.PAID) throw rule(`Purchase order ${procurifyPO} cannot be closed in state ${po.state}.`);
      Object.assign(po, { state: PO_STATE.CLOSED, closedAt: at, modifiedAt: at });
      return po;
    },

    cancelPurchaseOrder(procurifyPO: number, at = clock.now()): PurchaseOrder {
      const po = openPo(procurifyPO);
      if (!OPEN_STATES.includes(po.state)) throw rule(`Purchase order ${procurifyPO} cannot be cancelled in state ${po.state}.`);
      if (fulfilmentOf(itemsOfPurchaseOrder(data, procurifyPO)) !== 'empty') throw rule(`Purchase order ${procurifyPO} has received items and cannot be cancelled.`);
      Object.assign(po, { state: PO_STATE.CANCELLED, modifiedAt: at });
      for (const item of itemsOfPurchaseOrder(data, procurifyPO)) Object.assign(item, { status: ITEM_STATUS.REJECTED_FOR_PURCHASE, modifiedAt: at });
      return po;
    },

    reopenPurchaseOrder(procurifyPO: number, at = clock.now()): PurchaseOrder {
      const po = openPo(procurifyPO);
      if (po.state !== PO_STATE.CLOSED) throw rule(`Purchase order ${procurifyPO} is not closed (state ${po.state}).`);
      Object.assign(po, { state: PO_STATE.REOPENED, closedAt: null, modifiedAt: at });
      return po;
    },

    markPaid(procurifyPO: number, at = clock.now()): PurchaseOrder {
      const po = openPo(procurifyPO);
      if (po.state === PO_STATE.CANCELLED || po.state === PO_STATE.PAID) throw rule(`Purchase order ${procurifyPO} cannot be marked paid in state ${po.state}.`);
      Object.assign(po, { state: PO_STATE.PAID, modifiedAt: at });
      return po;
    },
  };
}
