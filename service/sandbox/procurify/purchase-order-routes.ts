/**
 * Purchase orders (FACTS §6, §6.1 #3–6 [V]; OAS operation ids in brackets):
 * - `GET /api/v2/purchase_orders/{role}/{status}` [Purchaseorders_getByRoleAndStatus]: role purchased|receivable,
 *   status all|cancelled|closed|open|paid|partial; filters modified_date_0/1 (last_modified), date_0/1 (created),
 *   promise_date_0/1, expiry_date_0/1 (day-granular, inclusive, tenant zone), pref_vendor, contract,
 *   has_blanket_order_items, order_by, page, page_size. `metadata.counts.{purchased,receivable}` counts the role's
 *   POs by status, unfiltered; the OAS names the paid count `page` (PurchaseOrderCountsBreakdown) [U].
 *   What each status and role selects is not published [U]: open = PURCHASED/REOPENED and not partly received,
 *   partial = PURCHASED/REOPENED and partly received; purchased = every PO of the tenant (the API user buys),
 *   receivable = POs still open for receiving (open states, not fully received). Default order: newest first.
 * - `GET /api/v2/purchase_orders/{id}` [Purchaseorders_getByIdWithItems]: by procurify_PO or UUID.
 * - `PUT /api/v3/purchase-orders/{procurify_PO}` [Purchaseorders_updateOrder]: a full revision
 *   (PurchaseOrderUpdateRequest); `version` must be the PO's current one [U: a stale one → 400 on `version`].
 * - `POST .../{procurify_PO}/close` [Purchaseorders_closeOrder] → PurchaseOrderReadDocs;
 *   `POST .../{procurify_PO}/reopen` [Purchaseorders_reopenProcurifyPo] → 200, no body.
 */
import { validateBody, type FieldSpec, type Fields } from './drf-validation.ts';
import { notFound, validationError, type FieldErrors } from './errors.ts';
import { PO_STATE, type OrderItem, type PriceModifier, type PurchaseOrder } from './model.ts';
import { paginate } from './paging.ts';
import { fulfilmentOf } from './po-figures.ts';
import { buildFilter, sortRows, type FilterSpec } from './query-filters.ts';
import type { ApiCall, ApiResult, RouteDef } from './router.ts';
import { purchaseOrderDetail, purchaseOrderDocs, purchaseOrderReadDocs, purchaseOrderUpdate } from './serialize-purchase-orders.ts';
import { itemsOfPurchaseOrder, type TenantData } from './tenant-data.ts';
import { parseDateTime } from './time-zone.ts';

const ROLES = ['purchased', 'receivable'] as const;
const STATUSES = ['all', 'cancelled', 'closed', 'open', 'paid', 'partial'] as const;
const OPEN_STATES: readonly number[] = [PO_STATE.PURCHASED, PO_STATE.REOPENED];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Fulfilment of every PO from one pass over the lines (a list call must not rescan all lines per PO). */
function fulfilmentIndex(data: TenantData): (po: PurchaseOrder) => string {
  const linesByPo = new Map<number, OrderItem[]>();
  for (const item of data.items.list()) {
    if (item.purchaseOrderId === null) continue;
    const lines = linesByPo.get(item.purchaseOrderId) ?? [];
    lines.push(item);
    linesByPo.set(item.purchaseOrderId, lines);
  }
  return (po) => fulfilmentOf(linesByPo.get(po.procurifyPO) ?? []);
}

type Fulfilment = (po: PurchaseOrder) => string;

function inRole(fulfilment: Fulfilment, po: PurchaseOrder, role: string): boolean {
  return role === 'purchased' || (OPEN_STATES.includes(po.state) && fulfilment(po) !== 'full');
}

function inStatus(fulfilment: Fulfilment, po: PurchaseOrder, status: string): boolean {
  switch (status) {
    case 'open':
      return OPEN_STATES.includes(po.state) && fulfilment(po) !== 'partial';
    case 'partial':
      return OPEN_STATES.includes(po.state) && fulfilment(po) === 'partial';
    case 'closed':
      return po.state === PO_STATE.CLOSED;
    case 'cancelled':
      return po.state === PO_STATE.CANCELLED;
    case 'paid':
      return po.state === PO_STATE.PAID;
    default:
      return true;
  }
}

function countsFor(data: TenantData, fulfilment: Fulfilment, role: string): Record<string, number> {
  const pos = data.purchaseOrders.list().filter((po) => inRole(fulfilment, po, role));
  const count = (status: string): number => pos.filter((po) => inStatus(fulfilment, po, status)).length;
  return { all: pos.length, open: count('open'), partial: count('partial'), closed: count('closed'), cancelled: count('cancelled'), page: count('paid') };
}

function listPurchaseOrders(call: ApiCall): ApiResult {
  const { role, status } = call.params as { role: string; status: string };
  const badRole = !(ROLES as readonly string[]).includes(role);
  const badStatus = !(STATUSES as readonly string[]).includes(status);
  if (badRole || badStatus) {
    if (call.settings.invalidPoPathStatus === 404) throw notFound();
    const errors: FieldErrors = {};
    if (badRole) errors.role = [`"${role}" is not a valid choice.`];
    if (badStatus) errors.status = [`"${status}" is not a valid choice.`];
    throw validationError(errors);
  }
  const { data } = call.tenant;
  const specs: Array<FilterSpec<PurchaseOrder>> = [
    { kind: 'dateRange', name: 'modified_date', value: (po) => po.modifiedAt },
    { kind: 'dateRange', name: 'date', value: (po) => po.createdAt },
    { kind: 'dateRange', name: 'promise_date', value: (po) => po.promiseDate },
    { kind: 'dateRange', name: 'expiry_date', value: (po) => po.expiryDate },
    { kind: 'model', name: 'pref_vendor', exists: (id) => data.vendors.get(id) !== undefined, test: (po, id) => po.vendorId === id },
    { kind: 'model', name: 'contract', exists: () => false, test: () => false },
    { kind: 'bool', name: 'has_blanket_order_items', test: (_po, v) => v === false },
  ];
  const keep = buildFilter(call.query, specs, { timeZone: data.timeZone, errorKey: call.settings.filterErrorKey });
  const fulfilment = fulfilmentIndex(data);
  const rows = data.purchaseOrders.list().filter((po) => inRole(fulfilment, po, role) && inStatus(fulfilment, po, status) && keep(po));
  const sorted = sortRows(
    rows,
    call.query,
    {
      procurify_PO: (po) => po.procurifyPO,
      date: (po) => po.createdAt,
      last_modified: (po) => po.modifiedAt,
      promise_date: (po) => po.promiseDate,
      number: (po) => po.PO_Num ?? String(po.procurifyPO),
      state: (po) => po.state,
      vendor_name: (po) => po.vendorSnapshot.name,
    },
    ['-date'],
    (po) => po.procurifyPO,
  );
  const page = paginate(sorted, call.url, call.settings);
  return {
    status: 200,
    body: { metadata: { pagination: page.pagination, counts: { purchased: countsFor(data, fulfilment, 'purchased'), receivable: countsFor(data, fulfilment, 'receivable') } }, data: page.items.map((po) => purchaseOrderDocs(call.ctx, po)) },
  };
}

function findPurchaseOrder(data: TenantData, id: string): PurchaseOrder {
  const po = /^\d+$/.test(id) ? data.purchaseOrders.get(Number(id)) : UUID.test(id) ? data.purchaseOrders.list().find((p) => p.uuid === id.toLowerCase()) : undefined;
  if (!po) throw notFound();
  return po;
}

/** Path `{procurify_PO}` is an integer primary key; anything else cannot name a PO. */
function poByNumber(data: TenantData, text: string): PurchaseOrder {
  if (!/^\d+$/.test(text)) throw notFound();
  return findPurchaseOrder(data, text);
}

const req = (spec: FieldSpec): FieldSpec => ({ ...spec, required: true }) as FieldSpec;
const str = (maxLength: number): FieldSpec => ({ type: 'string', maxLength });
const money = (whole: number, places: number): FieldSpec => ({ type: 'decimal', whole, places, nullable: true });
const modifier: FieldSpec = {
  type: 'object',
  required: true,
  fields: { type: { type: 'choice', required: true, choices: ['amount', 'percentage'] }, value: { type: 'decimal', required: true, whole: 13, places: 6 } },
};

function updateFields(data: TenantData): Fields {
  const pk = (exists: (id: number) => boolean): FieldSpec => ({ type: 'pk', nullable: true, exists });
  const party = (prefix: string): Fields => ({
    [`${prefix}_name`]: req(str(100)),
    [`${prefix}_contact`]: req(str(100)),
    [`${prefix}_addressLineOne`]: req(str(300)),
    [`${prefix}_postalCode`]: req(str(20)),
    [`${prefix}_city`]: req(str(50)),
    [`${prefix}_state_province`]: { type: 'string', maxLength: 40, allowBlank: true },
    [`${prefix}_country`]: req(str(80)),
    [`${prefix}_address`]: { type: 'pk', required: true, exists: (id) => data.addresses.get(id) !== undefined },
  });
  return {
    version: { type: 'integer', required: true },
    order_items: {
      type: 'objectList',
      required: true,
      fields: {
        id: { type: 'integer', required: true },
        name: req(str(255)),
        sku: { type: 'string', maxLength: 100, allowBlank: true },
        unit: req(str(30)),
        quantity: { type: 'decimal', required: true, whole: 10, places: 5 },
        price: { type: 'decimal', required: true, whole: 13, places: 8 },
        po_note: { type: 'string', allowBlank: true },
        custom_fields: { type: 'list', required: true, child: { type: 'json' } },
        tax_amount: money(13, 8),
        shipping_amount: money(13, 8),
      },
    },
    custom_fields: { type: 'list', child: { type: 'json' } },
    PO_Num: { type: 'string', maxLength: 30, nullable: true, allowBlank: true },
    ...party('buyer'),
    comment: { type: 'string', nullable: true, allowBlank: true },
    ...party('receiver'),
    promise_date: { type: 'datetime', required: true },
    freight: money(13, 6),
    discount: modifier,
    tax: modifier,
    other: money(13, 6),
    disclaimer_description: { type: 'string', maxLength: 100, nullable: true, allowBlank: true },
    disclaimer_text: { type: 'string', nullable: true, allowBlank: true },
    payment_term_ref: pk((id) => data.paymentTerms.get(id) !== undefined),
    shipping_term_ref: pk((id) => data.shippingTerms.get(id) !== undefined),
    payment_method_ref: pk((id) => data.paymentMethods.get(id) !== undefined),
    shipping_method_ref: pk((id) => data.shippingMethods.get(id) !== undefined),
    creditcard: pk(() => false),
    expiry_date: { type: 'datetime', nullable: true },
    contract: pk(() => false),
  };
}

function updatePurchaseOrder(call: ApiCall): ApiResult {
  const { data, procurement } = call.tenant;
  const po = poByNumber(data, call.params.procurify_PO as string);
  const result = validateBody(updateFields(data), call.body);
  if (!result.ok) throw validationError(result.errors);
  const v = result.value as Record<string, unknown> & { order_items: Array<Record<string, unknown>> };
  if (v.version !== po.version) throw validationError({ version: [`The purchase order has been revised since version ${String(v.version)}; the current version is ${po.version}.`] });
  const onPo = new Set(itemsOfPurchaseOrder(data, po.procurifyPO).map((i) => i.id));
  const itemErrors: FieldErrors[] = v.order_items.map((line) => (onPo.has(line.id as number) ? ({} as FieldErrors) : { id: [`Order item ${String(line.id)} is not on this purchase order.`] }));
  if (itemErrors.some((e) => Object.keys(e).length > 0)) throw validationError({ order_items: itemErrors });
  const party = (prefix: string) => ({
    addressId: v[`${prefix}_address`] as number,
    name: v[`${prefix}_name`] as string,
    contact: v[`${prefix}_contact`] as string,
    addressLineOne: v[`${prefix}_addressLineOne`] as string,
    postalCode: v[`${prefix}_postalCode`] as string,
    city: v[`${prefix}_city`] as string,
    state_province: (v[`${prefix}_state_province`] as string | undefined) ?? '',
    country: v[`${prefix}_country`] as string,
  });
  const asModifier = (m: unknown): PriceModifier => {
    const { type, value } = m as { type: 'amount' | 'percentage'; value: string };
    return { type, value: Number(value) };
  };
  const tz = data.timeZone;
  procurement.revisePurchaseOrder(po.procurifyPO, {
    lines: v.order_items.map((line) => ({
      itemId: line.id as number,
      name: line.name as string,
      sku: line.sku as string | undefined,
      unit: line.unit as string,
      quantity: line.quantity as string,
      price: line.price as string,
      poNote: line.po_note as string | undefined,
      taxAmount: line.tax_amount as string | null | undefined,
      shippingAmount: line.shipping_amount as string | null | undefined,
    })),
    PO_Num: v.PO_Num as string | null | undefined,
    buyer: party('buyer'),
    receiver: party('receiver'),
    comment: v.comment as string | null | undefined,
    promiseDate: parseDateTime(v.promise_date as string, tz),
    freight: v.freight as string | null | undefined,
    other: v.other as string | null | undefined,
    discount: asModifier(v.discount),
    tax: asModifier(v.tax),
    expiryDate: v.expiry_date === undefined ? undefined : v.expiry_date === null ? null : (parseDateTime(v.expiry_date as string, tz) as number),
    paymentTermId: (v.payment_term_ref as number | null | undefined) ?? undefined,
    shippingTermId: (v.shipping_term_ref as number | null | undefined) ?? undefined,
    shippingMethodId: (v.shipping_method_ref as number | null | undefined) ?? undefined,
  });
  if (v.disclaimer_description !== undefined) po.disclaimerDescription = v.disclaimer_description as string | null;
  if (v.disclaimer_text !== undefined) po.disclaimerText = v.disclaimer_text as string | null;
  return { status: 200, body: { metadata: {}, data: purchaseOrderUpdate(call.ctx, po) } };
}

export const purchaseOrderRoutes: RouteDef[] = [
  { template: '/api/v2/purchase_orders/{role}/{status}', handlers: { GET: listPurchaseOrders } },
  {
    template: '/api/v2/purchase_orders/{id}',
    handlers: {
      GET: (call) => {
        const po = findPurchaseOrder(call.tenant.data, call.params.id as string);
        return { status: 200, body: { metadata: { can_edit: OPEN_STATES.includes(po.state), can_delete: false }, data: purchaseOrderDetail(call.ctx, po) } };
      },
    },
  },
  { template: '/api/v3/purchase-orders/{procurify_PO}', handlers: { PUT: updatePurchaseOrder } },
  {
    template: '/api/v3/purchase-orders/{procurify_PO}/close',
    handlers: {
      POST: (call) => {
        const po = poByNumber(call.tenant.data, call.params.procurify_PO as string);
        call.tenant.procurement.closePurchaseOrder(po.procurifyPO);
        return { status: 200, body: { metadata: {}, data: purchaseOrderReadDocs(call.ctx, po) } };
      },
    },
  },
  {
    template: '/api/v3/purchase-orders/{procurify_PO}/reopen',
    handlers: {
      POST: (call) => {
        const po = poByNumber(call.tenant.data, call.params.procurify_PO as string);
        call.tenant.procurement.reopenPurchaseOrder(po.procurifyPO);
        return { status: 200 };
      },
    },
  },
];
