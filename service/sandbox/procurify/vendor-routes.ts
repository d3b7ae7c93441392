/**
 * Vendors (FACTS §6, §6.1 #9 [V]):
 * - `GET /api/v3/vendors` [vendors_list] and the `vendor_group` variant `GET /api/v3/vendors/{vendor_group}` (the OAS
 *   declares a `vendor_group` path parameter — all|credit_card_providers|default|other|preferred|purchasable|
 *   requestable — on a path without it; where it goes is [U], here the segment after `/vendors/`). Filters
 *   external_id and name (exact), type (1–7), exclude_other, search (name, contact, emails, external_id), order_by.
 *   The plain list is every vendor, OTHER included, as the OAS's own example shows (`{"id":1,"name":"OTHER"...}`).
 *   Groups: default = PREFERRED + REGULAR, preferred, other, credit_card_providers by type; purchasable = active
 *   PREFERRED + REGULAR and requestable = active PREFERRED + OTHER [U]. Default order: name [U].
 * - `POST /api/v3/vendors` [vendors_create] → 201 VendorDetail; `GET /api/v3/vendors/{id}` [vendors_retrieve] →
 *   VendorDetail; `PUT` [vendors_update] → Vendor; `PATCH` [Vendors_partialUpdate] → OptimizedVendor. All in
 *   `{"metadata":{},"data":...}`.
 */
import { notFound } from './errors.ts';
import { VENDOR_TYPE, type Vendor } from './model.ts';
import { paginate } from './paging.ts';
import { buildFilter, buildSearch, sortRows, type FilterSpec } from './query-filters.ts';
import type { ApiCall, ApiResult, RouteDef } from './router.ts';
import { optimizedVendor, vendorDetail, vendorFlat } from './serialize-vendors.ts';

const { OTHER, PREFERRED, REGULAR, CC_PROVIDER } = VENDOR_TYPE;

const GROUPS: Record<string, (v: Vendor) => boolean> = {
  all: () => true,
  credit_card_providers: (v) => v.type === CC_PROVIDER,
  default: (v) => v.type === PREFERRED || v.type === REGULAR,
  other: (v) => v.type === OTHER,
  preferred: (v) => v.type === PREFERRED,
  purchasable: (v) => v.active && (v.type === PREFERRED || v.type === REGULAR),
  requestable: (v) => v.active && (v.type === PREFERRED || v.type === OTHER),
};

function listVendors(call: ApiCall, group: string): ApiResult {
  const { data } = call.tenant;
  const specs: Array<FilterSpec<Vendor>> = [
    { kind: 'text', name: 'external_id', test: (v, value) => v.external_id === value },
    { kind: 'text', name: 'name', test: (v, value) => v.name === value },
    { kind: 'choice', name: 'type', choices: [1, 2, 3, 4, 5, 6, 7], test: (v, value) => v.type === value },
    { kind: 'bool', name: 'exclude_other', test: (v, value) => !value || v.type !== OTHER },
  ];
  const keep = buildFilter(call.query, specs, { timeZone: data.timeZone, errorKey: call.settings.filterErrorKey });
  const search = buildSearch<Vendor>(call.query, (v) => [v.name, v.contact, v.external_id, ...v.email]);
  const inGroup = GROUPS[group] as (v: Vendor) => boolean;
  const rows = data.vendors.list().filter((v) => inGroup(v) && keep(v) && search(v));
  const sorted = sortRows(rows, call.query, { id: (v) => v.id, name: (v) => v.name.toLowerCase(), dateModified: (v) => v.modifiedAt, type: (v) => v.type, external_id: (v) => v.external_id }, ['name'], (v) => v.id);
  const page = paginate(sorted, call.url, call.settings);
  return { status: 200, body: { metadata: { pagination: page.pagination }, data: page.items.map((v) => optimizedVendor(call.ctx, v)) } };
}

function vendorById(call: ApiCall): Vendor {
  const id = call.params.id as string;
  const vendor = /^\d+$/.test(id) ? call.tenant.data.vendors.get(Number(id)) : undefined;
  if (!vendor) throw notFound();
  return vendor;
}

export const vendorRoutes: RouteDef[] = [
  {
    template: '/api/v3/vendors',
    handlers: {
      GET: (call) => listVendors(call, 'all'),
      POST: (call) => ({ status: 201, body: { metadata: {}, data: vendorDetail(call.ctx, call.tenant.vendors.create(call.body)) } }),
    },
  },
  {
    template: '/api/v3/vendors/{id}',
    handlers: {
      GET: (call) => {
        const segment = call.params.id as string;
        if (Object.hasOwn(GROUPS, segment)) return listVendors(call, segment);
        return { status: 200, body: { metadata: {}, data: vendorDetail(call.ctx, vendorById(call)) } };
      },
      PUT: (call) => ({ status: 200, body: { metadata: {}, data: vendorFlat(call.ctx, call.tenant.vendors.update(vendorById(call), call.body, false)) } }),
      PATCH: (call) => ({ status: 200, body: { metadata: {}, data: optimizedVendor(call.ctx, call.tenant.vendors.update(vendorById(call), call.body, true)) } }),
    },
  },
];
