/**
 * Purchase order shapes per operation (OAS):
 * - PurchaseOrderDocs — items of `Purchaseorders_getByRoleAndStatus`;
 * - PurchaseOrderDetail — `data` of `Purchaseorders_getByIdWithItems` (adds order_items, payment/shipping term
 *   objects, shipping_method as an object, creditcard, cost_details);
 * - PurchaseOrderReadDocs — `data` of `Purchaseorders_closeOrder`;
 * - PurchaseOrderUpdate — `data` of `Purchaseorders_updateOrder`.
 * `number` is the PO number shown to users: the custom PO_Num when set, else procurify_PO [U].
 * `contract` is declared a required object but a PO without a contract has none: it is null here [U].
 * Discount and tax are always objects (`{"type":"amount","value":0}` when none).
 */
import { fixed } from './decimal.ts';
import type { PartySnapshot, PurchaseOrder } from './model.ts';
import { computePoFigures } from './po-figures.ts';
import { addressSummary, currencySummary, term, userSummary, type SerializeContext } from './serialize-common.ts';
import { purchaseOrderLineItem } from './serialize-orders.ts';
import { simpleVendor, vendorRead } from './serialize-vendors.ts';
import { itemsOfPurchaseOrder, mustGet } from './tenant-data.ts';

type Json = Record<string, unknown>;

const NO_MODIFIER = { type: 'amount', value: 0 } as const;

export function poNumber(po: PurchaseOrder): string {
  return po.PO_Num ?? String(po.procurifyPO);
}

function party(ctx: SerializeContext, prefix: 'buyer' | 'receiver', p: PartySnapshot): Json {
  return {
    [`${prefix}_name`]: p.name,
    [`${prefix}_contact`]: p.contact,
    [`${prefix}_addressLineOne`]: p.addressLineOne,
    [`${prefix}_postalCode`]: p.postalCode,
    [`${prefix}_city`]: p.city,
    [`${prefix}_state_province`]: p.state_province,
    [`${prefix}_country`]: p.country,
    [`${prefix}_address`]: addressSummary(ctx, mustGet(ctx.data.addresses, p.addressId, 'address')),
  };
}

export function purchaseOrderDocs(ctx: SerializeContext, po: PurchaseOrder): Json {
  const { data } = ctx;
  const items = itemsOfPurchaseOrder(data, po.procurifyPO);
  const figures = computePoFigures(po, items);
  const v = po.vendorSnapshot;
  return {
    version: po.version,
    number: poNumber(po),
    uuid: po.uuid,
    purchaser: userSummary(ctx, mustGet(data.users, po.purchaserId, 'user')),
    procurify_PO: po.procurifyPO,
    PO_Num: po.PO_Num,
    date: ctx.at(po.createdAt),
    ...party(ctx, 'buyer', po.buyer),
    ...party(ctx, 'receiver', po.receiver),
    pref_vendor: vendorRead(ctx, mustGet(data.vendors, po.vendorId, 'vendor')),
    vendor_name: v.name,
    vendor_contact: v.contact,
    vendor_addressLineOne: v.addressLineOne,
    vendor_postalCode: v.postalCode,
    vendor_city: v.city,
    vendor_state_province: v.state_province,
    vendor_country: v.country,
    payment_terms: mustGet(data.paymentTerms, po.paymentTermId, 'payment term').name,
    shipping_terms: mustGet(data.shippingTerms, po.shippingTermId, 'shipping term').name,
    shipping_method: mustGet(data.shippingMethods, po.shippingMethodId, 'shipping method').name,
    promise_date: ctx.at(po.promiseDate),
    subtotal: figures.subtotal,
    freight: po.freight === null ? null : fixed(po.freight, 6),
    tax: po.tax ?? NO_MODIFIER,
    discount: po.discount ?? NO_MODIFIER,
    other: po.other === null ? null : fixed(po.other, 6),
    total: figures.total,
    comment: po.comment,
    purchased_currency: currencySummary(mustGet(data.currencies, po.currencyId, 'currency')),
    purchased_currency_rate: po.currencyRate,
    active: true,
    state: po.state,
    fulfilment_status: figures.fulfilment,
    disclaimer_description: po.disclaimerDescription,
    disclaimer_text: po.disclaimerText,
    recorded_date: ctx.atOrNull(po.recordedAt),
    closed_date: ctx.atOrNull(po.closedAt),
    last_modified: ctx.at(po.modifiedAt),
    staged_for_export: false,
    item_count: items.length,
    most_recent_version: po.version,
    punchout_system: null,
    purchase_agreement: null,
    purchase_agreement_status: null,
    punchout_vendor_reference: null,
    punchout_supplier_icon: null,
    punchout_supplier_name: null,
    has_blanket_order_items: false,
    expiry_date: ctx.atOrNull(po.expiryDate),
    contract: null,
  };
}

export function purchaseOrderDetail(ctx: SerializeContext, po: PurchaseOrder): Json {
  const { data } = ctx;
  const items = itemsOfPurchaseOrder(data, po.procurifyPO);
  const figures = computePoFigures(po, items);
  return {
    ...purchaseOrderDocs(ctx, po),
    shipping_method: term(mustGet(data.shippingMethods, po.shippingMethodId, 'shipping method')),
    order_items: items.map((i) => purchaseOrderLineItem(ctx, i)),
    creditcard_is_editable: false,
    custom_fields: [],
    creditcard: null,
    payment_term: term(mustGet(data.paymentTerms, po.paymentTermId, 'payment term')),
    shipping_term: term(mustGet(data.shippingTerms, po.shippingTermId, 'shipping term')),
    cost_details: {
      subtotal: fixed(figures.subtotal, 8),
      total_cost: fixed(figures.total, 8),
      total_cost_in_base_currency: fixed(Number(figures.total) * Number(po.currencyRate), 8),
      tax_amount: fixed(figures.taxAmount, 8),
    },
  };
}

export function purchaseOrderReadDocs(ctx: SerializeContext, po: PurchaseOrder): Json {
  const { data } = ctx;
  const items = itemsOfPurchaseOrder(data, po.procurifyPO);
  const figures = computePoFigures(po, items);
  const purchaser = mustGet(data.users, po.purchaserId, 'user');
  const department = mustGet(data.departments, purchaser.departmentId, 'department');
  const currency = mustGet(data.currencies, po.currencyId, 'currency');
  return {
    version: po.version,
    id: po.procurifyPO,
    PO_Num: po.PO_Num,
    date: ctx.at(po.createdAt),
    discount: po.discount ?? NO_MODIFIER,
    freight: po.freight === null ? null : fixed(po.freight, 6),
    fulfilment_status: figures.fulfilment,
    item_count: items.length,
    last_modified: ctx.at(po.modifiedAt),
    number: poNumber(po),
    other: po.other === null ? null : fixed(po.other, 6),
    pref_vendor: simpleVendor(mustGet(data.vendors, po.vendorId, 'vendor')),
    procurify_PO: po.procurifyPO,
    promise_date: ctx.at(po.promiseDate),
    punchout_system: null,
    purchase_agreement: null,
    purchase_agreement_status: null,
    purchased_currency: { id: currency.id, name: currency.name, rate: currency.rate },
    purchased_currency_rate: po.currencyRate,
    purchaser: {
      id: purchaser.id,
      firstName: purchaser.firstName,
      lastName: purchaser.lastName,
      email: purchaser.email,
      profile_image: null,
      department_name: department.name,
      branch_name: mustGet(data.locations, department.locationId, 'location').name,
    },
    state: po.state,
    subtotal: figures.subtotal,
    total: figures.total,
    uuid: po.uuid,
    punchout_items_rejected: false,
    total_amount: figures.total,
    currency: currency.name,
    email_status: null,
    email_status_updated_at: null,
    punchout_supplier_name: null,
    punchout_supplier_icon: null,
    punchout_vendor_reference: null,
    has_blanket_order_items: false,
    expiry_date: ctx.atOrNull(po.expiryDate),
  };
}

export function purchaseOrderUpdate(ctx: SerializeContext, po: PurchaseOrder): Json {
  const items = itemsOfPurchaseOrder(ctx.data, po.procurifyPO);
  const partyFlat = (prefix: 'buyer' | 'receiver', p: PartySnapshot): Json => ({
    [`${prefix}_name`]: p.name,
    [`${prefix}_contact`]: p.contact,
    [`${prefix}_addressLineOne`]: p.addressLineOne,
    [`${prefix}_postalCode`]: p.postalCode,
    [`${prefix}_city`]: p.city,
    [`${prefix}_state_province`]: p.state_province,
    [`${prefix}_country`]: p.country,
    [`${prefix}_address`]: p.addressId,
  });
  return {
    version: po.version,
    order_items: items.map((i) => ({
      id: i.id,
      name: i.name,
      sku: i.sku,
      unit: i.unit,
      quantity: fixed(i.quantity, 5),
      price: fixed(i.price, 8),
      po_note: i.poNote,
      custom_fields: [],
      tax_amount: i.taxAmount === null ? null : fixed(i.taxAmount, 8),
      shipping_amount: i.shippingAmount === null ? null : fixed(i.shippingAmount, 8),
    })),
    PO_Num: po.PO_Num,
    ...partyFlat('buyer', po.buyer),
    comment: po.comment,
    ...partyFlat('receiver', po.receiver),
    promise_date: ctx.at(po.promiseDate),
    freight: po.freight === null ? null : fixed(po.freight, 6),
    discount: po.discount ?? NO_MODIFIER,
    tax: po.tax ?? NO_MODIFIER,
    other: po.other === null ? null : fixed(po.other, 6),
    disclaimer_description: po.disclaimerDescription,
    disclaimer_text: po.disclaimerText,
    payment_term_ref: po.paymentTermId,
    shipping_term_ref: po.shippingTermId,
    payment_method_ref: null,
    shipping_method_ref: po.shippingMethodId,
    creditcard: null,
    expiry_date: ctx.atOrNull(po.expiryDate),
    contract: null,
  };
}
