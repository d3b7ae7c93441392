/**
 * Fabrikam's purchasing side: vendor IDs `ADVANCED0001`, `BEAUMONT0001`, `ACETRAVE0001` are documented (GP-DOMAIN §1
 * [V]); their names, the other vendors (one inactive, one temporary), the vendor classes, buyers, sites, vendor
 * items, the three sample POs (PO2001 New, PO2002 Released, PO2003 Received) and the next PO number `PO2003` (already
 * taken, so the next assigned one is PO2004) are fill-ins [U]. Also turns the customer classes and payment terms the
 * customer seeding wrote as `{ id, description }` into full RM00201 / SY03300 rows, and adds `Net 45` / `Net 60`.
 * `generateVendors` adds deterministic synthetic vendors (same id pattern and date options as `generateCustomers`).
 */
import { createRandom, instantOnLocalDate, shiftDate } from './demo-data.ts';
import type { GpClock } from './gp-clock.ts';
import type { GpCompany } from './gp-company.ts';
import { padChar, type Row } from './gp-columns.ts';
import { addReference } from './reference-data.ts';
import { PO_WORK } from './resources/purchase-order-columns.ts';
import { receivePurchaseOrder, releasePurchaseOrder } from './resources/purchase-order-lifecycle.ts';
import { createPurchaseOrder, lineKey } from './resources/purchase-order-store.ts';
import { addVendorItem, configurePurchasing, type PurchasingOptions } from './resources/purchasing-setup.ts';
import { createSetupRow, upgradeReferenceRows } from './resources/setup-master.ts';
import { CUSTOMER_CLASS_SPEC, PAYMENT_TERMS_SPEC, VENDOR_CLASS_SPEC } from './resources/setup-masters.ts';
import { createVendor, vendorTable } from './resources/vendor-store.ts';

const VENDOR_CLASSES: Array<[string, string, string, string]> = [
  ['OFFICE', 'Office supplies', 'Net 30', '000-6100-00'],
  ['INVENTORY', 'Inventory suppliers', 'Net 30', '000-6000-00'],
  ['SERVICES', 'Service providers', 'Net 30', '000-6400-10'],
  ['TRAVEL', 'Travel and expenses', 'Due on Receipt', '000-6200-00'],
];

interface DemoVendor {
  id: string;
  name: string;
  classId: string;
  terms: string;
  city: string;
  state: string;
  zip: string;
  phone: string;
  status?: 'Inactive' | 'Temporary';
}

const DEMO_VENDORS: DemoVendor[] = [
  { id: 'ADVANCED0001', name: 'Advanced Office Systems', classId: 'OFFICE', terms: 'Net 30', city: 'Chicago', state: 'IL', zip: '60601-4417', phone: '31255501230000' },
  { id: 'BEAUMONT0001', name: 'Beaumont Supply Company', classId: 'INVENTORY', terms: '2% 10/Net 30', city: 'Beaumont', state: 'TX', zip: '77701-2201', phone: '40955501440000' },
  { id: 'ACETRAVE0001', name: 'A Travel Company', classId: 'TRAVEL', terms: 'Due on Receipt', city: 'Seattle', state: 'WA', zip: '98101-3300', phone: '20655501910000' },
  { id: 'ASSOCIAT0001', name: 'Associated Insurance Company', classId: 'SERVICES', terms: 'Net 30', city: 'Hartford', state: 'CT', zip: '06103-1010', phone: '86055501320000' },
  { id: 'CENTRALC0001', name: 'Central Cellular', classId: 'SERVICES', terms: 'Net 15', city: 'Kansas City', state: 'MO', zip: '64105-2020', phone: '81655501770000' },
  { id: 'COMPUTER0001', name: 'Computer Wholesalers', classId: 'INVENTORY', terms: 'Net 30', city: 'San Jose', state: 'CA', zip: '95113-1900', phone: '40855501560000' },
  { id: 'OLDPAPER0001', name: 'Old Paper Mill', classId: 'OFFICE', terms: 'Net 30', city: 'Green Bay', state: 'WI', zip: '54301-3100', phone: '92055501080000', status: 'Inactive' },
  { id: 'TEMPCONT0001', name: 'Temporary Contractor', classId: 'SERVICES', terms: 'Net 15', city: 'Denver', state: 'CO', zip: '80202-1500', phone: '30355501990000', status: 'Temporary' },
];

const VENDOR_ITEMS: Array<[string, string, number]> = [
  ['ADVANCED0001', 'ACCS-CRD-12WH', 6.5],
  ['ADVANCED0001', 'ACCS-CRD-25BK', 9.75],
  ['BEAUMONT0001', 'ACCS-HDS-1EAR', 28],
  ['BEAUMONT0001', 'ACCS-HDS-2EAR', 41],
  ['BEAUMONT0001', '100XLG', 62],
  ['BEAUMONT0001', 'PHON-ATH-5000', 80],
  ['COMPUTER0001', '128 SDRAM', 45],
];

function seedSetup(company: GpCompany, clock: GpClock, created: string): void {
  upgradeReferenceRows(company, CUSTOMER_CLASS_SPEC, created);
  upgradeReferenceRows(company, PAYMENT_TERMS_SPEC, created);
  for (const [id, days] of [['Net 45', 45], ['Net 60', 60]] as const) {
    createSetupRow(company, clock, PAYMENT_TERMS_SPEC, { PaymentTermsId: id, Description: `Net ${days} days`, DueDays: days }, created);
  }
  for (const [id, description, terms, account] of VENDOR_CLASSES) {
    createSetupRow(company, clock, VENDOR_CLASS_SPEC, { ClassId: id, Description: description, PaymentTermsId: terms, PurchasesAccount: account }, created);
  }
  for (const buyer of ['AMY B.', 'ROB K.']) addReference(company, 'POP00101', buyer, buyer);
  for (const [site, description] of [['NORTH', 'North plant'], ['SOUTH', 'South plant']] as const) {
    company.table<Row>('IV40700').set(site, { LOCNCODE: padChar(site, 11), LOCNDSCR: padChar(description, 31) });
  }
}

function seedVendors(company: GpCompany, clock: GpClock): void {
  const today = clock.localDate();
  const offset = clock.state().utcOffsetMinutes;
  DEMO_VENDORS.forEach((v, i) => {
    const modifiedDate = shiftDate(today, -(i % 5) - 1);
    createVendor(
      company,
      clock,
      {
        VendorId: v.id,
        Name: v.name,
        ShortName: v.name.slice(0, 15),
        CheckName: v.name,
        ClassId: v.classId,
        UseVendorClass: true,
        AddressCode: 'PRIMARY',
        Address1: `${100 + i * 37} Commerce St`,
        City: v.city,
        State: v.state,
        Zip: v.zip,
        Country: 'USA',
        Phone1: v.phone,
        PaymentTermsId: v.terms,
        CurrencyId: 'Z-US$',
        ...(v.status ? { Status: v.status } : {}),
      },
      { createdDate: shiftDate(today, -300 - i), modifiedDate, lastModifiedMs: instantOnLocalDate(modifiedDate, offset, ((i * 41) % 100) / 100) },
    );
  });
  for (const [vendor, item, cost] of VENDOR_ITEMS) addVendorItem(company, vendor, item, cost);
}

/** Puts a seeded PO's LSTEDTDT / DEX_ROW_TS back to its document date (the lifecycle calls stamp "now"). */
function backdate(company: GpCompany, poNumber: string, date: string, rowTs: number): void {
  const headers = company.table<Row>(PO_WORK.header);
  const lines = company.table<Row>(PO_WORK.lines);
  const h = headers.get(poNumber)!;
  headers.set(poNumber, { ...h, LSTEDTDT: date, DEX_ROW_TS: rowTs });
  for (const l of lines.values().filter((x) => (x.PONUMBER as string).trimEnd() === poNumber)) lines.set(lineKey(poNumber, l.ORD as number), { ...l, DEX_ROW_TS: rowTs });
}

function seedPurchaseOrders(company: GpCompany, clock: GpClock): void {
  const today = clock.localDate();
  const offset = clock.state().utcOffsetMinutes;
  const orders: Array<[string, string, number, 'new' | 'released' | 'received', Array<Record<string, unknown>>]> = [
    ['PO2001', 'ADVANCED0001', 5, 'new', [
      { ItemNumber: 'ACCS-CRD-12WH', Quantity: 100, UnitCost: 6.5, SiteId: 'WAREHOUSE' },
      { ItemNumber: 'PAPER-A4', NonInventory: true, ItemDescription: 'Copy paper A4, 10 reams', Quantity: 5, UnitCost: 42, SiteId: 'WAREHOUSE', InventoryAccount: '000-6100-20' },
    ]],
    ['PO2002', 'BEAUMONT0001', 12, 'released', [{ ItemNumber: 'ACCS-HDS-1EAR', Quantity: 20, UnitCost: 28, SiteId: 'NORTH' }]],
    ['PO2003', 'COMPUTER0001', 20, 'received', [{ ItemNumber: '128 SDRAM', Quantity: 10, UnitCost: 45, SiteId: 'WAREHOUSE', InventoryAccount: '000-1300-00' }]],
  ];
  for (const [number, vendor, daysAgo, status, lines] of orders) {
    const date = shiftDate(today, -daysAgo);
    const rowTs = instantOnLocalDate(date, offset, 0.4);
    createPurchaseOrder(company, clock, { PONumber: number, VendorId: vendor, DocumentDate: date, BuyerId: 'AMY B.', Lines: lines }, { stamps: { lastEdit: date, rowTs } });
    if (status !== 'new') releasePurchaseOrder(company, clock, number);
    if (status === 'received') receivePurchaseOrder(company, clock, number, date);
    backdate(company, number, date, rowTs);
  }
}

export function seedPurchasing(company: GpCompany, clock: GpClock, opts: PurchasingOptions = {}): void {
  seedSetup(company, clock, shiftDate(clock.localDate(), -400));
  seedVendors(company, clock);
  configurePurchasing(company, opts, 'PO2003');
  seedPurchaseOrders(company, clock);
}

export interface GenerateVendorsOptions {
  count: number;
  seed?: number;
  /** Every generated vendor gets this ModifiedDate (a tie), or they spread over `spreadDays` before today. */
  modifiedDate?: string;
  spreadDays?: number;
}

const NAME_FIRST = ['Allied', 'Bright', 'Coastal', 'Dynamic', 'Eastern', 'Fairway', 'Global', 'Heritage', 'Integrated', 'Keystone', 'Liberty', 'Metro', 'National', 'Premier', 'Reliable', 'Superior', 'United', 'Western'];
const NAME_SECOND = ['Paper', 'Freight', 'Office', 'Electric', 'Packaging', 'Tooling', 'Staffing', 'Printing', 'Chemicals', 'Janitorial', 'Fasteners', 'Logistics'];
const NAME_SUFFIX = ['Inc.', 'LLC', 'Co.', 'Supply', 'Corp.'];

/** Adds `count` synthetic vendors (class OFFICE, Net 30); returns their ids. Ids never collide with existing ones. */
export function generateVendors(company: GpCompany, clock: GpClock, opts: GenerateVendorsOptions): string[] {
  if (!Number.isInteger(opts.count) || opts.count < 0) throw new RangeError('count must be a non-negative integer');
  const random = createRandom(opts.seed ?? 7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const table = vendorTable(company);
  const today = clock.localDate();
  const offset = clock.state().utcOffsetMinutes;
  const ids: string[] = [];
  for (let n = 0; n < opts.count; n += 1) {
    const name = `${pick(NAME_FIRST)} ${pick(NAME_SECOND)} ${pick(NAME_SUFFIX)}`;
    const prefix = name.replace(/[^A-Za-z]/g, '').toUpperCase().slice(0, 8).padEnd(8, 'X');
    let seq = 1;
    while (table.get(`${prefix}${String(seq).padStart(4, '0')}`)) seq += 1;
    if (seq > 9999) throw new RangeError(`no free vendor number left for prefix ${prefix}`);
    const id = `${prefix}${String(seq).padStart(4, '0')}`;
    const modifiedDate = opts.modifiedDate ?? shiftDate(today, -Math.floor(random() * (opts.spreadDays ?? 30)));
    createVendor(
      company,
      clock,
      { VendorId: id, Name: name, CheckName: name, ClassId: 'OFFICE', PaymentTermsId: 'Net 30', CurrencyId: 'Z-US$', AddressCode: 'PRIMARY', City: 'Chicago', State: 'IL', Country: 'USA' },
      { createdDate: shiftDate(modifiedDate, -Math.floor(random() * 365)), modifiedDate, lastModifiedMs: instantOnLocalDate(modifiedDate, offset, random()) },
    );
    ids.push(id);
  }
  return ids;
}
