/**
 * `Purchasing/Vendors(<VendorId>)` — PM00200, and `Purchasing/VendorAddresses(<VendorId>;<AddressCode>)` — PM00300
 * (read-only; written through the vendor's primary address as taUpdateCreateVendorRcd does). "Purchasing: Vendors"
 * and "Vendor Addresses" are in the GP 2015 SBA list (FACTS §2.1 [V]); paths and JSON [U]. Both tables carry
 * DEX_ROW_TS (GP-DOMAIN §5), so vendors poll exactly like customers: ModifiedDate (server-local day) with a
 * (ModifiedDate, VendorId) keyset, or LastModifiedDate (UTC).
 */
import { normalizeKey, type Row } from '../gp-columns.ts';
import type { GpResource } from '../resource-registry.ts';
import { VENDOR_ADDRESS_FIELDS, VENDOR_FIELDS, vendorAddressToWire, vendorToWire } from './vendor-columns.ts';
import { createVendor, findVendor, updateVendor, vendorAddressKey, vendorAddressTable, vendorTable } from './vendor-store.ts';

export const vendorsResource: GpResource<Row> = {
  path: 'Purchasing/Vendors',
  entity: 'Vendor',
  keyParts: 1,
  fields: VENDOR_FIELDS,
  defaultOrder: [{ field: 'VendorId', descending: false }],
  table: (ctx) => vendorTable(ctx.company),
  find: (ctx, [id]) => (id === undefined ? undefined : findVendor(ctx.company, id)),
  toWire: vendorToWire,
  create: (ctx, payload) => createVendor(ctx.company, ctx.clock, payload),
  update: (ctx, [id], payload) => updateVendor(ctx.company, ctx.clock, normalizeKey(id ?? ''), payload),
};

export const vendorAddressesResource: GpResource<Row> = {
  path: 'Purchasing/VendorAddresses',
  entity: 'VendorAddress',
  keyParts: 2,
  fields: VENDOR_ADDRESS_FIELDS,
  defaultOrder: [
    { field: 'VendorId', descending: false },
    { field: 'AddressCode', descending: false },
  ],
  table: (ctx) => vendorAddressTable(ctx.company),
  find: (ctx, [vendorId, code]) => vendorAddressTable(ctx.company).get(vendorAddressKey(vendorId ?? '', code ?? '')),
  toWire: vendorAddressToWire,
};
