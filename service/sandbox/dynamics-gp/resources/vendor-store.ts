/**
 * Writes to PM00200 / PM00300 with the rules of Microsoft's taUpdateCreateVendorRcd (error numbers from the
 * procedure's DDL [V]; description texts in eConnect's style [U]): blank VENDORID 933, blank name 7851 (create) /
 * 7852 (update), vendor exists with UpdateIfExists 0 → 7807 (POST, HTTP 409), UseVendorClass without a class 7809,
 * unknown class 233 (PM00100), tax schedule 9159, currency 9238, payment terms 497 (SY03300), purchases account
 * unknown 7837 / inactive 8012, address fields without an address code 7850. Like the procedure, an unknown
 * shipping method is created (taCreateShippingMethod) and the primary address is written to PM00300.
 * Every write stamps MODIFDT with the server-local date and DEX_ROW_TS with UTC (GP-DOMAIN §5).
 */
import { econnectError } from '../econnect-error.ts';
import { blankRow, normalizeKey, padChar, toStoredValue, type Row } from '../gp-columns.ts';
import type { GpClock } from '../gp-clock.ts';
import type { GpCompany, GpTable } from '../gp-company.ts';
import { addReference, hasReference, type ReferenceTable } from '../reference-data.ts';
import { badRequest } from '../sba-error.ts';
import { trimmed } from './document-payload.ts';
import { findGlAccount } from './gl-accounts.ts';
import { VENDOR_ADDRESS_COLUMNS, VENDOR_ADDRESS_TABLE, VENDOR_COLUMNS, VENDOR_COLUMN_BY_WIRE, VENDOR_STATUSES, VENDOR_TABLE } from './vendor-columns.ts';

const PROCEDURE = 'taUpdateCreateVendorRcd';
const READ_ONLY = ['CreatedDate', 'ModifiedDate', 'LastModifiedDate'];
/** What UseVendorClass rolls down from PM00100 when the payload leaves it out. */
const CLASS_DEFAULTS = ['PYMTRMID', 'SHIPMTHD', 'TAXSCHID', 'CURNCYID', 'PMPRCHACTNUMST'] as const;

const REFERENCES: Array<{ column: string; table: ReferenceTable; number: number; description: string }> = [
  { column: 'VNDCLSID', table: 'PM00100', number: 233, description: 'The Vendor Class (VNDCLSID) does not exist in the Vendor Class Master Table - PM00100' },
  { column: 'TAXSCHID', table: 'TX00101', number: 9159, description: 'The Tax Schedule ID (TAXSCHID) does not exist in the Sales/Purchases Tax Schedule Master Table - TX00101' },
  { column: 'CURNCYID', table: 'MC40200', number: 9238, description: 'The Currency ID (CURNCYID) does not exist in the Currency Setup Table - MC40200' },
  { column: 'PYMTRMID', table: 'SY03300', number: 497, description: 'The Payment Terms ID (PYMTRMID) does not exist in the Payment Terms Master Table - SY03300' },
];

export const vendorTable = (company: GpCompany): GpTable<Row> => company.table<Row>(VENDOR_TABLE);
export const vendorAddressTable = (company: GpCompany): GpTable<Row> => company.table<Row>(VENDOR_ADDRESS_TABLE);
export const vendorAddressKey = (vendorId: string, code: string) => `${normalizeKey(vendorId)}|${normalizeKey(code)}`;

export function findVendor(company: GpCompany, id: string): Row | undefined {
  return vendorTable(company).get(normalizeKey(id));
}

interface VendorInput {
  values: Row;
  useVendorClass: boolean;
}

/** Converts the wire properties into column values, refusing unknown and read-only ones (naming the property). */
function readVendorPayload(payload: Record<string, unknown>): VendorInput {
  const values: Row = {};
  let useVendorClass = false;
  for (const [prop, value] of Object.entries(payload)) {
    if (prop === 'Status') {
      const status = typeof value === 'string' ? VENDOR_STATUSES.findIndex((s) => s.toUpperCase() === value.toUpperCase()) : -1;
      if (status < 0) throw badRequest(`Vendor.Status (VENDSTTS) must be ${VENDOR_STATUSES.join(', ')}; got ${JSON.stringify(value)}`, 'ValidationFailed');
      values.VENDSTTS = status + 1;
      continue;
    }
    if (prop === 'UseVendorClass') {
      if (typeof value !== 'boolean') throw badRequest('Vendor.UseVendorClass must be true or false', 'ValidationFailed');
      useVendorClass = value;
      continue;
    }
    const spec = VENDOR_COLUMN_BY_WIRE.get(prop);
    if (!spec) throw badRequest(READ_ONLY.includes(prop) ? `Vendor.${prop} is read-only` : `Vendor has no property "${prop}"`, 'ValidationFailed');
    values[spec.column] = toStoredValue(spec, value);
  }
  return { values, useVendorClass };
}

function failFor(id: string) {
  return (number: number, description: string, status?: number) => econnectError({ number, procedure: PROCEDURE, description, keys: { VENDORID: id }, status });
}

/** UseVendorClass = 1: values the payload leaves out come from the class (taUpdateCreateVendorRcd rolldown). */
function rollDownClass(company: GpCompany, input: VendorInput, classId: string, fail: ReturnType<typeof failFor>): Row {
  if (!input.useVendorClass) return input.values;
  if (classId === '') throw fail(7809, 'UseVendorClass is 1 but no Vendor Class (VNDCLSID) was given');
  const cls = company.table<Row>('PM00100').get(normalizeKey(classId));
  if (!cls) return input.values;
  const out = { ...input.values };
  for (const column of CLASS_DEFAULTS) if (out[column] === undefined && cls[column] !== undefined) out[column] = cls[column];
  return out;
}

function checkRules(company: GpCompany, row: Row, created: boolean, fail: ReturnType<typeof failFor>): void {
  if (trimmed(row.VENDNAME) === '') {
    throw created ? fail(7851, 'The Vendor Name (VENDNAME) is required for a new vendor') : fail(7852, 'The Vendor Name (VENDNAME) cannot be blanked on an existing vendor');
  }
  for (const ref of REFERENCES) {
    const value = trimmed(row[ref.column]);
    if (value !== '' && !hasReference(company, ref.table, value)) throw fail(ref.number, ref.description);
  }
  const account = trimmed(row.PMPRCHACTNUMST);
  if (account !== '') {
    const found = findGlAccount(company, account);
    if (!found) throw fail(7837, `The Purchases Account (PMPRCHACTNUMST) ${account} does not exist in the Account Index Master Table - GL00105`);
    if (found.ACTIVE !== 1) throw fail(8012, `The Purchases Account (PMPRCHACTNUMST) ${account} is inactive`);
  }
  if (trimmed(row.VADDCDPR) === '' && VENDOR_ADDRESS_COLUMNS.some((c) => trimmed(row[c.column]) !== '')) {
    throw fail(7850, 'Address information was given without a Primary Address ID (VADDCDPR)');
  }
}

/** The side effects taUpdateCreateVendorRcd has once the rules pass: shipping method, account index, PM00300. */
function store(company: GpCompany, clock: GpClock, row: Row, created: boolean, dates?: SeedDates): Row {
  const shipping = trimmed(row.SHIPMTHD);
  if (shipping !== '' && !hasReference(company, 'SY03000', shipping)) addReference(company, 'SY03000', shipping, shipping);
  const account = trimmed(row.PMPRCHACTNUMST);
  const today = clock.localDate();
  const stamps = dates
    ? { CREATDDT: dates.createdDate, MODIFDT: dates.modifiedDate, DEX_ROW_TS: dates.lastModifiedMs }
    : { ...(created ? { CREATDDT: today } : {}), MODIFDT: today, DEX_ROW_TS: clock.rowTimestamp() };
  const stored: Row = { ...row, PMPRCHIX: account === '' ? 0 : (findGlAccount(company, account)!.ACTINDX as number), ...stamps };
  vendorTable(company).set(normalizeKey(row.VENDORID as string), stored);
  const code = trimmed(row.VADDCDPR);
  if (code !== '') {
    const key = vendorAddressKey(row.VENDORID as string, code);
    const existing = vendorAddressTable(company).get(key);
    const address: Row = { VENDORID: stored.VENDORID as string, ADRSCODE: padChar(code, 15) };
    for (const c of VENDOR_ADDRESS_COLUMNS) address[c.column] = stored[c.column]!;
    vendorAddressTable(company).set(key, { ...address, CREATDDT: existing?.CREATDDT ?? stored.CREATDDT!, MODIFDT: stored.MODIFDT!, DEX_ROW_TS: stored.DEX_ROW_TS! });
  }
  return stored;
}

export interface SeedDates {
  createdDate: string;
  modifiedDate: string;
  lastModifiedMs: number;
}

/** POST (UpdateIfExists = 0 → 7807 when the id is taken), or seeding with explicit dates. */
export function createVendor(company: GpCompany, clock: GpClock, payload: Record<string, unknown>, dates?: SeedDates): Row {
  const input = readVendorPayload(payload);
  const id = input.values.VENDORID === undefined ? '' : normalizeKey(input.values.VENDORID as string);
  const fail = failFor(id);
  if (id === '') throw fail(933, 'The Vendor ID (VENDORID) is empty');
  if (findVendor(company, id)) throw fail(7807, 'The Vendor ID (VENDORID) already exists in the Vendor Master Table - PM00200 and UpdateIfExists is 0', 409);
  const values = rollDownClass(company, input, trimmed(input.values.VNDCLSID), fail);
  const row: Row = { ...blankRow(VENDOR_COLUMNS), VENDSTTS: 1, ...values };
  checkRules(company, row, true, fail);
  return store(company, clock, row, true, dates);
}

/** PATCH / a GP user saving the vendor card: field-level update (UpdateIfExists = 1, omitted = unchanged). */
export function updateVendor(company: GpCompany, clock: GpClock, id: string, payload: Record<string, unknown>): Row {
  const existing = findVendor(company, id);
  if (!existing) throw new Error(`vendor ${id} does not exist`);
  const input = readVendorPayload(payload);
  if (input.values.VENDORID !== undefined && normalizeKey(input.values.VENDORID as string) !== normalizeKey(existing.VENDORID as string)) {
    throw badRequest('Vendor.VendorId cannot be changed (it is the key of PM00200)', 'ValidationFailed');
  }
  const fail = failFor(normalizeKey(id));
  const values = rollDownClass(company, input, trimmed(input.values.VNDCLSID ?? existing.VNDCLSID), fail);
  const row = { ...existing, ...values };
  checkRules(company, row, false, fail);
  return store(company, clock, row, false);
}
