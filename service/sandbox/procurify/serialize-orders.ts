/**
 * Requests and their lines as the OAS shapes them:
 * - OrderRead (`Requisitions_getAllOrders`): the request header with branch, requester, department, currency;
 *   `logs` (approval history, MasterLogger) is always empty — its action codes are not published [U].
 *   `next_approver` (declared non-null) is the approver while the request is pending and null afterwards [U].
 * - OrderItem (`Orderitems_listItems`, `Requisitions_getAllOrderItems`): a flat line with ids, quantities as
 *   5-place strings and prices as 8-place strings.
 * - PurchaseOrderLineItemRead (a PO's `order_items`): the same line with nested account, vendor and users and
 *   quantities as numbers.
 */
import { fixed, formatScaled, toScaled } from './decimal.ts';
import type { Order, OrderItem } from './model.ts';
import { lineCost } from './po-figures.ts';
import { accountRead, branch, currencySummary, departmentSummary, simpleUserSummary, userSummary, type SerializeContext } from './serialize-common.ts';
import { vendorRead } from './serialize-vendors.ts';
import { itemsOfOrder, mustGet } from './tenant-data.ts';

type Json = Record<string, unknown>;

const QTY_PLACES = 5;
const PRICE_PLACES = 8;

export function orderRead(ctx: SerializeContext, order: Order): Json {
  const { data } = ctx;
  const items = itemsOfOrder(data, order.id);
  const total = items.reduce((sum, i) => sum + lineCost(i), 0n);
  const currency = mustGet(data.currencies, order.currencyId, 'currency');
  return {
    description: order.description,
    num: order.id,
    uuid: order.uuid,
    branch: branch(ctx, mustGet(data.locations, order.locationId, 'location')),
    user: userSummary(ctx, mustGet(data.users, order.requesterId, 'user')),
    department: departmentSummary(ctx, mustGet(data.departments, order.departmentId, 'department')),
    currency: currencySummary(currency),
    total_cost_in_base_currency: Number(formatScaled((total * toScaled(currency.rate)) / 10n ** 10n, 2)),
    logs: [],
    item_count: items.length,
    ip_address: null,
    date: ctx.at(order.createdAt),
    dateRequired: ctx.at(order.dateRequired),
    dateModified: ctx.at(order.modifiedAt),
    lineCount: items.length,
    purchasedCount: items.filter((i) => i.purchaseOrderId !== null).length,
    totalPrice: formatScaled(total, 2),
    status: order.status,
    next_approver: order.status === 0 ? userSummary(ctx, mustGet(data.users, order.approverId, 'user')) : null,
    approval_delegatee: null,
    punchout_group: null,
    punchout_shipping_address: null,
    punchout_items_rejected: false,
    punchout_supplier_name: null,
    punchout_supplier_icon: null,
    punchout_vendor_reference: null,
    has_blanket_order_items: false,
  };
}

/** The line's number within its request (`num`, "max 50" text): the OAS does not say what it holds [U]. */
function lineNumber(ctx: SerializeContext, item: OrderItem): string {
  return String(itemsOfOrder(ctx.data, item.orderId).findIndex((i) => i.id === item.id) + 1);
}

function totalCost(item: OrderItem): string {
  return formatScaled(lineCost(item) + toScaled(item.taxAmount ?? '0') + toScaled(item.shippingAmount ?? '0'), 2);
}

export function orderItemFlat(ctx: SerializeContext, item: OrderItem): Json {
  const { data } = ctx;
  const account = mustGet(data.accounts, item.accountId, 'account');
  const code = mustGet(data.accountCodes, account.accountCodeId, 'account code');
  const po = item.purchaseOrderId === null ? undefined : data.purchaseOrders.get(item.purchaseOrderId);
  const vendor = mustGet(data.vendors, po?.vendorId ?? item.vendorId, 'vendor');
  return {
    PO: po ? [po.procurifyPO] : [],
    PO_line_num: item.poLineNum ?? 0,
    account: account.id,
    accountCode: code.code,
    active: true,
    approved_currency_rate: item.approvedAt === null ? null : mustGet(data.currencies, item.currencyId, 'currency').rate,
    approved_datetime: ctx.atOrNull(item.approvedAt),
    approved_price: item.approvedPrice === null ? null : fixed(item.approvedPrice, PRICE_PLACES),
    approved_quantity: item.approvedQuantity === null ? null : fixed(item.approvedQuantity, QTY_PLACES),
    approved_shipping_amount: null,
    approved_tax_amount: null,
    catalog_item: null,
    created_at: ctx.at(item.createdAt),
    currency: item.currencyId,
    dateInvoiced: null,
    external_id: '',
    hot: false,
    id: item.id,
    inventoryItem: null,
    is_active: true,
    item_attachments: [],
    last_changed_by: null,
    last_modified: ctx.at(item.modifiedAt),
    lineComment: item.lineComment,
    name: item.name,
    num: lineNumber(ctx, item),
    orderNum: item.orderId,
    po_note: item.poNote,
    po_version: po?.version ?? 0,
    pref_vendor: item.vendorId,
    price: fixed(item.price, PRICE_PLACES),
    purchase_order: item.purchaseOrderId,
    purchaser: item.purchaserId,
    quantity: fixed(item.quantity, QTY_PLACES),
    receivedFailQty: fixed(item.receivedFailQty, QTY_PLACES),
    receivedPassQty: fixed(item.receivedPassQty, QTY_PLACES),
    shipping_amount: item.shippingAmount === null ? null : fixed(item.shippingAmount, PRICE_PLACES),
    sku: item.sku,
    status: item.status,
    tax_amount: item.taxAmount === null ? null : fixed(item.taxAmount, PRICE_PLACES),
    total_cost: totalCost(item),
    unit: item.unit,
    updated_at: ctx.at(item.modifiedAt),
    vendor: vendor.name.slice(0, 100),
    receive_method: 0,
    type: 0,
  };
}

export function purchaseOrderLineItem(ctx: SerializeContext, item: OrderItem): Json {
  const { data } = ctx;
  const flat = orderItemFlat(ctx, item);
  const order = mustGet(data.orders, item.orderId, 'order');
  const po = item.purchaseOrderId === null ? undefined : data.purchaseOrders.get(item.purchaseOrderId);
  const purchaser = mustGet(data.users, item.purchaserId ?? po?.purchaserId ?? order.approverId, 'user');
  const currency = mustGet(data.currencies, item.currencyId, 'currency');
  return {
    ...flat,
    account: accountRead(ctx, mustGet(data.accounts, item.accountId, 'account')),
    approved_quantity: Number(item.approvedQuantity ?? item.quantity),
    attachments: [],
    currency: currencySummary(currency),
    pref_vendor: vendorRead(ctx, mustGet(data.vendors, item.vendorId, 'vendor')),
    purchaser: userSummary(ctx, purchaser),
    quantity: Number(item.quantity),
    receivedFailQty: Number(item.receivedFailQty),
    receivedPassQty: Number(item.receivedPassQty),
    recurrence: null,
    comments: [],
    confirmation_status: null,
    confirmation_status_description: null,
    cost_details: null,
    custom_fields: [],
    date_required: ctx.at(order.dateRequired),
    has_sibling_items: itemsOfOrder(data, order.id).length > 1,
    line_comment: item.lineComment ?? '',
    logs: [],
    order_description: order.description ?? '',
    order_status: order.status,
    order_uuid: order.uuid,
    punchout_supplier_icon: null,
    punchout_supplier_name: null,
    punchout_system: null,
    punchout_vendor_reference: null,
    punchout_supplier_can_update_quantity: false,
    ...(po ? { purchase_order_number: po.PO_Num ?? String(po.procurifyPO), purchase_order_uuid: po.uuid } : {}),
    purchased_currency_rate: po?.currencyRate ?? currency.rate,
    requester: simpleUserSummary(mustGet(data.users, order.requesterId, 'user')),
    spend_allocation: [],
    submitted_date: ctx.at(order.createdAt),
    taxes: null,
    receive_log_count: 0,
    approval_history: [],
    flags: [],
  };
}
