/**
 * PM00200 (vendor master) and PM00300 (vendor addresses) as the emulator exposes them. Widths: VENDORID 15,
 * VENDNAME 64, VNDCLSID 10, VNDCNTCT 60 (GP-DOMAIN §2 [V]); the other input maxima are the parameter sizes of
 * taUpdateCreateVendorRcd (DDL [V]: ZIPCODE 10, CCode 6, PYMTRMID 20, ACNMVNDR 20, TXIDNMBR 11, COMMENT1/2 30) and
 * SQL width = input + 1 as GP does elsewhere [U]. Wire names follow the GP Web Services `Vendor` where a flat
 * equivalent exists (`Status` = VendorStatus Active | Inactive | Temporary, ECN:ff624039 VENDSTTS 1/2/3 [V]);
 * the SBA JSON itself is not public (FACTS §2.1 [U]).
 */
import { charColumn, toWireValue, type ColumnSpec, type Row } from '../gp-columns.ts';
import type { FieldDefs } from '../odata-query.ts';

export const VENDOR_TABLE = 'PM00200';
export const VENDOR_ADDRESS_TABLE = 'PM00300';

/** VENDSTTS (taUpdateCreateVendorRcd: 1 Active, 2 Inactive, 3 Temporary; anything else is error 1662). */
export const VENDOR_STATUSES = ['Active', 'Inactive', 'Temporary'] as const;
export type VendorStatus = (typeof VENDOR_STATUSES)[number];

/** The address part, shared by PM00200 (primary address copy) and PM00300. */
export const VENDOR_ADDRESS_COLUMNS: ColumnSpec[] = [
  charColumn('ContactPerson', 'VNDCNTCT', 61, 60),
  charColumn('Address1', 'ADDRESS1', 61, 60),
  charColumn('Address2', 'ADDRESS2', 61, 60),
  charColumn('Address3', 'ADDRESS3', 61, 60),
  charColumn('City', 'CITY', 35, 35),
  charColumn('State', 'STATE', 29, 29),
  charColumn('Zip', 'ZIPCODE', 11, 10),
  charColumn('CountryCode', 'CCode', 7, 6, { upper: true }),
  charColumn('Country', 'COUNTRY', 61, 60),
  charColumn('Phone1', 'PHNUMBR1', 21, 21, { digitsOnly: true }),
  charColumn('Phone2', 'PHNUMBR2', 21, 21, { digitsOnly: true }),
  charColumn('Phone3', 'PHONE3', 21, 21, { digitsOnly: true }),
  charColumn('Fax', 'FAXNUMBR', 21, 21, { digitsOnly: true }),
  charColumn('ShippingMethodId', 'SHIPMTHD', 15, 15, { upper: true }),
  charColumn('TaxScheduleId', 'TAXSCHID', 15, 15, { upper: true }),
];

/** Writable PM00200 columns (the status and the purchases account are read apart: see vendor-store.ts). */
export const VENDOR_COLUMNS: ColumnSpec[] = [
  charColumn('VendorId', 'VENDORID', 15, 15, { upper: true }),
  charColumn('Name', 'VENDNAME', 65, 64),
  charColumn('ShortName', 'VENDSHNM', 15, 15),
  charColumn('CheckName', 'VNDCHKNM', 65, 64),
  charColumn('ClassId', 'VNDCLSID', 11, 10, { upper: true }),
  charColumn('AddressCode', 'VADDCDPR', 15, 15, { upper: true }),
  ...VENDOR_ADDRESS_COLUMNS,
  // eConnect does not upper-case PYMTRMID (taUpdateCreateVendorRcd), so "Net 30" keeps its case.
  charColumn('PaymentTermsId', 'PYMTRMID', 21, 20),
  charColumn('CurrencyId', 'CURNCYID', 15, 15, { upper: true }),
  charColumn('VendorAccountNumber', 'ACNMVNDR', 21, 20),
  charColumn('TaxIdNumber', 'TXIDNMBR', 12, 11),
  charColumn('Comment1', 'COMMENT1', 31, 30),
  charColumn('Comment2', 'COMMENT2', 31, 30),
  charColumn('PurchasesAccount', 'PMPRCHACTNUMST', 129, 75, { upper: true }),
  { kind: 'flag', wire: 'IsOnHold', column: 'HOLD' },
];

export const VENDOR_COLUMN_BY_WIRE = new Map(VENDOR_COLUMNS.map((c) => [c.wire, c]));

const ts = (v: unknown) => toWireValue({ kind: 'timestamp', wire: '', column: '', readOnly: true }, v as number);
const day = (v: unknown) => `${typeof v === 'string' ? v : '1900-01-01'}T00:00:00`;

export function vendorStatusOf(row: Row): VendorStatus {
  return VENDOR_STATUSES[(row.VENDSTTS as number) - 1] ?? 'Active';
}

export function vendorToWire(row: Row): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of VENDOR_COLUMNS) out[spec.wire] = toWireValue(spec, row[spec.column]);
  out.Status = vendorStatusOf(row);
  out.CreatedDate = day(row.CREATDDT);
  out.ModifiedDate = day(row.MODIFDT);
  out.LastModifiedDate = ts(row.DEX_ROW_TS);
  return out;
}

export function vendorAddressToWire(row: Row): Record<string, unknown> {
  const out: Record<string, unknown> = { VendorId: row.VENDORID, AddressCode: row.ADRSCODE };
  for (const spec of VENDOR_ADDRESS_COLUMNS) out[spec.wire] = toWireValue(spec, row[spec.column]);
  out.CreatedDate = day(row.CREATDDT);
  out.ModifiedDate = day(row.MODIFDT);
  out.LastModifiedDate = ts(row.DEX_ROW_TS);
  return out;
}

/** Properties usable in $filter / $orderby: the customer resource's set, so vendors poll the same way. */
export const VENDOR_FIELDS: FieldDefs<Row> = {
  VendorId: { type: 'string', get: (r) => r.VENDORID as string },
  Name: { type: 'string', get: (r) => r.VENDNAME as string },
  ClassId: { type: 'string', get: (r) => r.VNDCLSID as string },
  State: { type: 'string', get: (r) => r.STATE as string },
  Status: { type: 'string', get: (r) => vendorStatusOf(r) },
  CreatedDate: { type: 'date', get: (r) => r.CREATDDT as string },
  ModifiedDate: { type: 'date', get: (r) => r.MODIFDT as string },
  LastModifiedDate: { type: 'datetime', get: (r) => r.DEX_ROW_TS as number },
  IsOnHold: { type: 'boolean', get: (r) => r.HOLD === 1 },
};

export const VENDOR_ADDRESS_FIELDS: FieldDefs<Row> = {
  VendorId: { type: 'string', get: (r) => r.VENDORID as string },
  AddressCode: { type: 'string', get: (r) => r.ADRSCODE as string },
  ModifiedDate: { type: 'date', get: (r) => r.MODIFDT as string },
  LastModifiedDate: { type: 'datetime', get: (r) => r.DEX_ROW_TS as number },
};
