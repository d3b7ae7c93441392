/**
 * Requests and their lines (FACTS §6, §6.1 #7–8 [V]):
 * - `GET /api/v2/global/orders` [Requisitions_getAllOrders] → PaginatedOrderReadList; filters modified_date_0/1
 *   (dateModified), date_0/1 (created), required_date_0/1, status (0–6), department, location / branch,
 *   is_punchout, has_blanket_order_items, search (description, requester, department), order_by, page, page_size.
 * - `GET /api/v3/order-items` [Orderitems_listItems] and `GET /api/v2/global/order_items`
 *   [Requisitions_getAllOrderItems] → PaginatedOrderItemList; filters last_modified_0/1, po_created_date_0/1 and
 *   purchased_date_0/1 (both "Purchased Date": when the line went on a PO), order_created_date_0/1,
 *   approved_datetime_0/1, status (0–8), orderNum, orderNum__status, po_vendor (the PO's vendor), pref_vendor,
 *   department(s), location(s) / branch, account_code, requester, purchaser, is_purchased, search, order_by.
 * - `POST /api/v3/requisitions` [requisitions_create] → 201 `{"metadata":{},"data":{"uuid"}}`: a request by names
 *   (location_name, department_name, per line vendor_name, account_code, currency_code), submitted for approval
 *   by the API user [U]. Names are matched exactly, ignoring case [U]; custom fields are not modelled, so a line
 *   naming one is refused [U].
 * Default order: newest first (id descending) [U].
 */
import { validateBody, type Fields } from './drf-validation.ts';
import { validationError, type FieldErrors } from './errors.ts';
import { VENDOR_TYPE, type Order, type OrderItem } from './model.ts';
import { paginate } from './paging.ts';
import { buildFilter, buildSearch, sortRows, type FilterSpec } from './query-filters.ts';
import type { ApiCall, ApiResult, RouteDef } from './router.ts';
import { orderItemFlat, orderRead } from './serialize-orders.ts';
import { mustGet, type TenantData } from './tenant-data.ts';
import { startOfLocalDay } from './time-zone.ts';

const ORDER_STATUSES = [0, 1, 2, 3, 4, 5, 6] as const;
const ITEM_STATUSES = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const;

function listOrders(call: ApiCall): ApiResult {
  const { data } = call.tenant;
  const specs: Array<FilterSpec<Order>> = [
    { kind: 'dateRange', name: 'modified_date', value: (o) => o.modifiedAt },
    { kind: 'dateRange', name: 'date', value: (o) => o.createdAt },
    { kind: 'dateRange', name: 'required_date', value: (o) => o.dateRequired },
    { kind: 'choice', name: 'status', choices: ORDER_STATUSES, test: (o, v) => o.status === v },
    { kind: 'model', name: 'department', exists: (id) => data.departments.get(id) !== undefined, test: (o, id) => o.departmentId === id },
    { kind: 'model', name: 'location', exists: (id) => data.locations.get(id) !== undefined, test: (o, id) => o.locationId === id },
    { kind: 'model', name: 'branch', exists: (id) => data.locations.get(id) !== undefined, test: (o, id) => o.locationId === id },
    { kind: 'bool', name: 'is_punchout', test: (_o, v) => v === false },
    { kind: 'bool', name: 'has_blanket_order_items', test: (_o, v) => v === false },
  ];
  const keep = buildFilter(call.query, specs, { timeZone: data.timeZone, errorKey: call.settings.filterErrorKey });
  const search = buildSearch<Order>(call.query, (o) => {
    const user = mustGet(data.users, o.requesterId, 'user');
    return [o.description, String(o.id), user.firstName, user.lastName, user.email, mustGet(data.departments, o.departmentId, 'department').name];
  });
  const rows = data.orders.list().filter((o) => keep(o) && search(o));
  const sorted = sortRows(rows, call.query, { id: (o) => o.id, num: (o) => o.id, date: (o) => o.createdAt, dateModified: (o) => o.modifiedAt, dateRequired: (o) => o.dateRequired, status: (o) => o.status }, ['-id'], (o) => o.id);
  const page = paginate(sorted, call.url, call.settings);
  return { status: 200, body: { metadata: { pagination: page.pagination }, data: page.items.map((o) => orderRead(call.ctx, o)) } };
}

function itemFilters(data: TenantData): Array<FilterSpec<OrderItem>> {
  const department = (i: OrderItem): number => mustGet(data.accounts, i.accountId, 'account').departmentId;
  const location = (i: OrderItem): number => mustGet(data.orders, i.orderId, 'order').locationId;
  const poVendor = (i: OrderItem): number | undefined => (i.purchaseOrderId === null ? undefined : data.purchaseOrders.get(i.purchaseOrderId)?.vendorId);
  const exists = <T>(table: { get(id: number): T | undefined }) => (id: number) => table.get(id) !== undefined;
  return [
    { kind: 'dateRange', name: 'last_modified', value: (i) => i.modifiedAt },
    { kind: 'dateRange', name: 'po_created_date', value: (i) => i.purchasedAt },
    { kind: 'dateRange', name: 'purchased_date', value: (i) => i.purchasedAt },
    { kind: 'dateRange', name: 'order_created_date', value: (i) => mustGet(data.orders, i.orderId, 'order').createdAt },
    { kind: 'dateRange', name: 'approved_datetime', value: (i) => i.approvedAt },
    { kind: 'choice', name: 'status', choices: ITEM_STATUSES, test: (i, v) => i.status === v },
    { kind: 'model', name: 'orderNum', exists: exists(data.orders), test: (i, id) => i.orderId === id },
    { kind: 'choice', name: 'orderNum__status', choices: ORDER_STATUSES, test: (i, v) => mustGet(data.orders, i.orderId, 'order').status === v },
    { kind: 'model', name: 'po_vendor', exists: exists(data.vendors), test: (i, id) => poVendor(i) === id },
    { kind: 'model', name: 'pref_vendor', exists: exists(data.vendors), test: (i, id) => i.vendorId === id },
    { kind: 'model', name: 'department', exists: exists(data.departments), test: (i, id) => department(i) === id },
    { kind: 'intList', name: 'departments', test: (i, ids) => ids.includes(department(i)) },
    { kind: 'model', name: 'location', exists: exists(data.locations), test: (i, id) => location(i) === id },
    { kind: 'model', name: 'branch', exists: exists(data.locations), test: (i, id) => location(i) === id },
    { kind: 'intList', name: 'locations', test: (i, ids) => ids.includes(location(i)) },
    { kind: 'model', name: 'account_code', exists: exists(data.accountCodes), test: (i, id) => mustGet(data.accounts, i.accountId, 'account').accountCodeId === id },
    { kind: 'model', name: 'account', exists: exists(data.accounts), test: (i, id) => i.accountId === id },
    { kind: 'model', name: 'requester', exists: exists(data.users), test: (i, id) => mustGet(data.orders, i.orderId, 'order').requesterId === id },
    { kind: 'model', name: 'purchaser', exists: exists(data.users), test: (i, id) => i.purchaserId === id },
    { kind: 'bool', name: 'is_purchased', test: (i, v) => (i.purchaseOrderId !== null) === v },
    { kind: 'intList', name: 'exclude', test: (i, ids) => !ids.includes(i.id) },
  ];
}

function listOrderItems(call: ApiCall): ApiResult {
  const { data } = call.tenant;
  const keep = buildFilter(call.query, itemFilters(data), { timeZone: data.timeZone, errorKey: call.settings.filterErrorKey });
  const search = buildSearch<OrderItem>(call.query, (i) => [i.name, i.sku, i.lineComment, mustGet(data.vendors, i.vendorId, 'vendor').name]);
  const rows = data.items.list().filter((i) => keep(i) && search(i));
  const sorted = sortRows(
    rows,
    call.query,
    { id: (i) => i.id, last_modified: (i) => i.modifiedAt, created_at: (i) => i.createdAt, approved_datetime: (i) => i.approvedAt, name: (i) => i.name, orderNum: (i) => i.orderId, status: (i) => i.status },
    ['-id'],
    (i) => i.id,
  );
  const page = paginate(sorted, call.url, call.settings);
  return { status: 200, body: { metadata: { pagination: page.pagination }, data: page.items.map((i) => orderItemFlat(call.ctx, i)) } };
}

const requisitionFields: Fields = {
  required_date: { type: 'date', required: true },
  location_name: { type: 'string', required: true },
  department_name: { type: 'string', required: true },
  line_items: {
    type: 'objectList',
    required: true,
    fields: {
      item_name: { type: 'string', required: true, maxLength: 255 },
      vendor_name: { type: 'string', required: true },
      account_code: { type: 'string', required: true },
      unit_price: { type: 'decimal', required: true, whole: 13, places: 8 },
      quantity: { type: 'decimal', required: true, whole: 10, places: 5 },
      unit: { type: 'string', required: true, maxLength: 30 },
      currency_code: { type: 'string', required: true },
      custom_fields: {
        type: 'objectList',
        required: true,
        fields: { custom_field_name: { type: 'string', required: true }, custom_field_value: { type: 'string', required: true } },
      },
    },
  },
};

const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

function createRequisition(call: ApiCall): ApiResult {
  const { data, procurement } = call.tenant;
  const result = validateBody(requisitionFields, call.body);
  if (!result.ok) throw validationError(result.errors);
  const v = result.value as { required_date: string; location_name: string; department_name: string; line_items: Array<Record<string, unknown>> };
  const errors: FieldErrors = {};
  const location = data.locations.list().find((l) => l.active && sameName(l.name, v.location_name));
  if (!location) errors.location_name = [`Location '${v.location_name}' does not exist.`];
  const department = data.departments.list().find((d) => d.active && d.locationId === location?.id && sameName(d.name, v.department_name));
  if (location && !department) errors.department_name = [`Department '${v.department_name}' does not exist at location '${location.name}'.`];
  const other = data.vendors.list().find((x) => x.type === VENDOR_TYPE.OTHER);
  const lineErrors: FieldErrors[] = v.line_items.map((line) => {
    const e: FieldErrors = {};
    const vendor = data.vendors.list().find((x) => x.active && sameName(x.name, line.vendor_name as string)) ?? (call.settings.requisitionUnknownVendor === 'other' ? other : undefined);
    if (!vendor) e.vendor_name = [`Vendor '${String(line.vendor_name)}' does not exist.`];
    const code = data.accountCodes.list().find((c) => c.active && c.code === line.account_code);
    if (!code) e.account_code = [`Account code '${String(line.account_code)}' does not exist.`];
    else if (department && !data.accounts.list().some((a) => a.active && a.departmentId === department.id && a.accountCodeId === code.id)) {
      e.account_code = [`Account code '${code.code}' is not active for department '${department.name}'.`];
    }
    if (location && !sameName(mustGet(data.currencies, location.currencyId, 'currency').name, line.currency_code as string)) {
      e.currency_code = [`Currency '${String(line.currency_code)}' is not the currency of location '${location.name}'.`];
    }
    if ((line.custom_fields as unknown[]).length > 0) e.custom_fields = ['Custom field does not exist.'];
    return e;
  });
  if (lineErrors.some((e) => Object.keys(e).length > 0)) errors.line_items = lineErrors;
  if (Object.keys(errors).length > 0 || !department) throw validationError(errors);
  const order = procurement.createOrder({
    departmentId: department.id,
    dateRequired: startOfLocalDay(v.required_date, data.timeZone),
    lines: v.line_items.map((line) => ({
      name: line.item_name as string,
      unit: line.unit as string,
      quantity: line.quantity as string,
      price: line.unit_price as string,
      accountCodeId: (data.accountCodes.list().find((c) => c.active && c.code === line.account_code) as { id: number }).id,
      vendorId: (data.vendors.list().find((x) => x.active && sameName(x.name, line.vendor_name as string)) ?? (other as { id: number })).id,
    })),
  });
  return { status: 201, body: { metadata: {}, data: { uuid: order.uuid } } };
}

export const orderRoutes: RouteDef[] = [
  { template: '/api/v2/global/orders', handlers: { GET: listOrders } },
  { template: '/api/v3/order-items', handlers: { GET: listOrderItems } },
  { template: '/api/v2/global/order_items', handlers: { GET: listOrderItems } },
  { template: '/api/v3/requisitions', handlers: { POST: createRequisition } },
];
