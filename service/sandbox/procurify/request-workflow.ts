/**
 * The request side of procurement.ts: a requester submits, an approver approves or denies.
 */
import { randomUUID } from 'node:crypto';
import type { SandboxClock } from './clock.ts';
import { toScaled, ZERO } from './decimal.ts';
import { detailError } from './errors.ts';
import { ITEM_STATUS, ORDER_STATUS, type Order } from './model.ts';
import { itemsOfOrder, mustGet, type TenantData } from './tenant-data.ts';

export interface NewOrderLine {
  name: string;
  sku?: string;
  unit?: string;
  quantity: string | number;
  price: string | number;
  accountCodeId: number;
  vendorId: number;
  lineComment?: string | null;
}

export interface NewOrder {
  requesterId?: number;
  departmentId: number;
  description?: string | null;
  /** Epoch ms; default a week after submission. */
  dateRequired?: number;
  approverId?: number;
  draft?: boolean;
  lines: NewOrderLine[];
}

const DAY_MS = 86_400_000;

const rule = (message: string) => detailError(400, message);

export function createRequestWorkflow(data: TenantData, clock: SandboxClock) {
  const touchOrder = (order: Order, at: number): void => {
    order.modifiedAt = at;
  };
  return {
    createOrder(input: NewOrder, at = clock.now()): Order {
      const department = mustGet(data.departments, input.departmentId, 'department');
      if (!department.active) throw rule(`Department '${department.name}' is inactive.`);
      if (input.lines.length === 0) throw rule('A request needs at least one line.');
      const location = mustGet(data.locations, department.locationId, 'location');
      const lines = input.lines.map((line) => {
        const code = mustGet(data.accountCodes, line.accountCodeId, 'account code');
        const account = data.accounts.list().find((a) => a.departmentId === department.id && a.accountCodeId === code.id && a.active);
        if (!account || !code.active) throw rule(`Account code '${code.code}' is not active for department '${department.name}'.`);
        const vendor = mustGet(data.vendors, line.vendorId, 'vendor');
        if (!vendor.active) throw rule(`Vendor '${vendor.name}' is inactive.`);
        if (toScaled(line.quantity) <= ZERO) throw rule(`Line '${line.name}': quantity must be positive.`);
        if (toScaled(line.price) < ZERO) throw rule(`Line '${line.name}': price must not be negative.`);
        return { line, account, vendor };
      });
      const order = data.orders.insert((id) => ({
        id,
        uuid: randomUUID(),
        requesterId: mustGet(data.users, input.requesterId ?? data.apiUserId, 'user').id,
        departmentId: department.id,
        locationId: location.id,
        currencyId: location.currencyId,
        description: input.description ?? null,
        createdAt: at,
        dateRequired: input.dateRequired ?? at + 7 * DAY_MS,
        modifiedAt: at,
        status: input.draft ? ORDER_STATUS.DRAFT : ORDER_STATUS.PENDING,
        approverId: mustGet(data.users, input.approverId ?? data.defaultApproverId, 'user').id,
      }));
      for (const { line, account, vendor } of lines) {
        data.items.insert((id) => ({
          id,
          orderId: order.id,
          name: line.name,
          sku: line.sku ?? '',
          unit: line.unit ?? 'Each',
          quantity: String(line.quantity),
          price: String(line.price),
          currencyId: location.currencyId,
          accountId: account.id,
          vendorId: vendor.id,
          status: input.draft ? ITEM_STATUS.REQUEST_DRAFT : ITEM_STATUS.PURCHASE_PENDING,
          approvedAt: null,
          approvedPrice: null,
          approvedQuantity: null,
          approverId: null,
          purchaseOrderId: null,
          poLineNum: null,
          purchaserId: null,
          purchasedAt: null,
          receivedPassQty: '0',
          receivedFailQty: '0',
          lineComment: line.lineComment ?? null,
          poNote: '',
          taxAmount: null,
          shippingAmount: null,
          createdAt: at,
          modifiedAt: at,
        }));
      }
      return order;
    },

    approveOrder(orderId: number, approverId?: number, at = clock.now()): Order {
      const order = mustGet(data.orders, orderId, 'order');
      if (order.status !== ORDER_STATUS.PENDING) throw rule(`Request ${orderId} is not pending approval (status ${order.status}).`);
      const approver = mustGet(data.users, approverId ?? order.approverId, 'user');
      order.status = ORDER_STATUS.APPROVED;
      order.approverId = approver.id;
      touchOrder(order, at);
      for (const item of itemsOfOrder(data, orderId)) {
        Object.assign(item, { approvedAt: at, approvedPrice: item.price, approvedQuantity: item.quantity, approverId: approver.id, modifiedAt: at });
      }
      return order;
    },

    denyOrder(orderId: number, approverId?: number, at = clock.now()): Order {
      const order = mustGet(data.orders, orderId, 'order');
      if (order.status !== ORDER_STATUS.PENDING) throw rule(`Request ${orderId} is not pending approval (status ${order.status}).`);
      order.status = ORDER_STATUS.REJECTED;
      order.approverId = mustGet(data.users, approverId ?? order.approverId, 'user').id;
      touchOrder(order, at);
      for (const item of itemsOfOrder(data, orderId)) Object.assign(item, { status: ITEM_STATUS.APPROVAL_DENIED, modifiedAt: at });
      return order;
    },
  };
}
