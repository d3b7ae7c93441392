/**
 * The three setup masters the purchasing and CRM flows keep in agreement (seeds 001, 002, 004):
 * - `Purchasing/VendorClasses(<ClassId>)` — PM00100 (VNDCLSID char(11), input 10; VNDCLDSC char(31), 30 [V] DDL);
 *   not in the GP 2015 SBA list (FACTS §2.1), path [U].
 * - `Sales/Classes(<ClassId>)` — customer classes RM00201 (CLASSID 15, CLASDSCR 30 [V] DDL); "Sales: Classes" is in
 *   the GP 2015 list [V], that it means customer classes and the path [U].
 * - `Administration/PaymentTerms(<PaymentTermsId>)` — SY03300 (PYMTRMID char(21), 20, not upper-cased [V] DDL);
 *   "Administration: Payment Terms" is in the GP 2015 list [V], path [U].
 * Due / discount types follow the Payment Terms Setup window (1 Net Days, 2 Date, 3 EOM, 4 None, 5 Next Month,
 * 6 Months, 7 Month/Day, 8 Annual) [U]; GP stores DSCPCTAM in hundredths of a percent, the wire shows a percent.
 */
import { charColumn, type Row } from '../gp-columns.ts';
import type { GpCompany } from '../gp-company.ts';
import type { GpResource } from '../resource-registry.ts';
import { trimmed } from './document-payload.ts';
import { findGlAccount } from './gl-accounts.ts';
import { createSetupMasterResource, type SetupMasterSpec } from './setup-master.ts';

const TERMS_TYPES = 8;
const MAX_TERMS_DAYS = 999;

const shippingTaxCurrency = [
  charColumn('ShippingMethodId', 'SHIPMTHD', 15, 15, { upper: true }),
  charColumn('TaxScheduleId', 'TAXSCHID', 15, 15, { upper: true }),
  charColumn('CurrencyId', 'CURNCYID', 15, 15, { upper: true }),
];
const shippingTaxCurrencyRefs = [
  { column: 'SHIPMTHD', table: 'SY03000', label: 'Shipping Method' },
  { column: 'TAXSCHID', table: 'TX00101', label: 'Tax Schedule' },
  { column: 'CURNCYID', table: 'MC40200', label: 'Currency ID' },
  { column: 'PYMTRMID', table: 'SY03300', label: 'Payment Terms ID' },
] as const;

export const VENDOR_CLASS_SPEC: SetupMasterSpec = {
  path: 'Purchasing/VendorClasses',
  entity: 'VendorClass',
  table: 'PM00100',
  tableTitle: 'Vendor Class Master Table - PM00100',
  procedure: 'taCreateVendorClass',
  key: charColumn('ClassId', 'VNDCLSID', 11, 10, { upper: true }) as SetupMasterSpec['key'],
  description: charColumn('Description', 'VNDCLDSC', 31, 30) as SetupMasterSpec['description'],
  columns: [
    charColumn('PaymentTermsId', 'PYMTRMID', 21, 20),
    ...shippingTaxCurrency,
    charColumn('PurchasesAccount', 'PMPRCHACTNUMST', 129, 75, { upper: true }),
    { kind: 'flag', wire: 'IsDefault', column: 'DEFLTCLS' },
  ],
  references: [...shippingTaxCurrencyRefs],
  check(company: GpCompany, row: Row) {
    const account = trimmed(row.PMPRCHACTNUMST);
    if (account === '') return undefined;
    const found = findGlAccount(company, account);
    if (!found) return `The Purchases Account (PMPRCHACTNUMST) ${account} does not exist in the Account Index Master Table - GL00105`;
    return found.ACTIVE === 1 ? undefined : `The Purchases Account (PMPRCHACTNUMST) ${account} is inactive`;
  },
};

export const CUSTOMER_CLASS_SPEC: SetupMasterSpec = {
  path: 'Sales/Classes',
  entity: 'CustomerClass',
  table: 'RM00201',
  tableTitle: 'Customer Class Master Table - RM00201',
  procedure: 'taCreateCustomerClass',
  key: charColumn('ClassId', 'CLASSID', 15, 15, { upper: true }) as SetupMasterSpec['key'],
  description: charColumn('Description', 'CLASDSCR', 31, 30) as SetupMasterSpec['description'],
  columns: [
    charColumn('PaymentTermsId', 'PYMTRMID', 21, 20),
    ...shippingTaxCurrency,
    charColumn('SalespersonId', 'SLPRSNID', 15, 15, { upper: true }),
    charColumn('SalesTerritoryId', 'SALSTERR', 15, 15, { upper: true }),
    { kind: 'smallint', wire: 'CreditLimitType', column: 'CRLMTTYP' },
    { kind: 'money', wire: 'CreditLimitAmount', column: 'CRLMTAMT' },
    { kind: 'flag', wire: 'IsDefault', column: 'DEFLTCLS' },
    { kind: 'flag', wire: 'IsActive', column: 'INACTIVE', inverted: true },
  ],
  references: [...shippingTaxCurrencyRefs, { column: 'SLPRSNID', table: 'RM00301', label: 'Salesperson ID' }, { column: 'SALSTERR', table: 'RM00303', label: 'Sales Territory' }],
  check(_company: GpCompany, row: Row) {
    if (![0, 1, 2].includes(row.CRLMTTYP as number)) return 'The Credit Limit Type (CRLMTTYP) must be 0 (No Credit), 1 (Unlimited) or 2 (Amount)';
    if ((row.CRLMTAMT as number) < 0) return 'The Credit Limit Amount (CRLMTAMT) cannot be negative';
    if ((row.CRLMTAMT as number) > 0 && row.CRLMTTYP !== 2) return 'A Credit Limit Amount (CRLMTAMT) requires Credit Limit Type (CRLMTTYP) 2 (Amount)';
    return undefined;
  },
};

export const PAYMENT_TERMS_SPEC: SetupMasterSpec = {
  path: 'Administration/PaymentTerms',
  entity: 'PaymentTerms',
  table: 'SY03300',
  tableTitle: 'Payment Terms Master Table - SY03300',
  procedure: 'taCreatePaymentTerms',
  key: charColumn('PaymentTermsId', 'PYMTRMID', 21, 20) as SetupMasterSpec['key'],
  description: charColumn('Description', 'DSCRIPTN', 31, 30) as SetupMasterSpec['description'],
  columns: [
    { kind: 'smallint', wire: 'DueType', column: 'DUETYPE' },
    { kind: 'smallint', wire: 'DueDays', column: 'DUEDTDS' },
    { kind: 'smallint', wire: 'DiscountType', column: 'DISCTYPE' },
    { kind: 'smallint', wire: 'DiscountDays', column: 'DISCDTDS' },
    { kind: 'money', wire: 'DiscountPercent', column: 'DSCPCTAM' },
    { kind: 'money', wire: 'DiscountAmount', column: 'DSCDLRAM' },
  ],
  references: [],
  defaults: { DUETYPE: 1, DISCTYPE: 1 },
  check(_company: GpCompany, row: Row) {
    for (const column of ['DUETYPE', 'DISCTYPE']) {
      const v = row[column] as number;
      if (v < 1 || v > TERMS_TYPES) return `${column} must be 1 (Net Days) to ${TERMS_TYPES} (Annual)`;
    }
    for (const column of ['DUEDTDS', 'DISCDTDS']) {
      const v = row[column] as number;
      if (v < 0 || v > MAX_TERMS_DAYS) return `${column} must be between 0 and ${MAX_TERMS_DAYS} days`;
    }
    const pct = row.DSCPCTAM as number;
    if (pct < 0 || pct > 100 || Math.round(pct * 100) !== pct * 100) return 'The Discount Percent (DSCPCTAM) must be between 0 and 100 with at most 2 decimals';
    if ((row.DSCDLRAM as number) < 0) return 'The Discount Amount (DSCDLRAM) cannot be negative';
    return undefined;
  },
  // The demo seeding names terms after their rule ("Net 30", "2% 10/Net 30", "Due on Receipt").
  fromReference(id: string) {
    const net = /net\s*(\d{1,3})/i.exec(id);
    const discount = /(\d{1,2})%\s*(\d{1,3})/.exec(id);
    return {
      DUETYPE: 1,
      DUEDTDS: net ? Number(net[1]) : 0,
      DISCTYPE: 1,
      DISCDTDS: discount ? Number(discount[2]) : 0,
      DSCPCTAM: discount ? Number(discount[1]) : 0,
      DSCDLRAM: 0,
    };
  },
};

export const SETUP_MASTER_SPECS = [VENDOR_CLASS_SPEC, CUSTOMER_CLASS_SPEC, PAYMENT_TERMS_SPEC] as const;

export function createSetupMasterResources(opts: { modifiedDateFilter?: boolean } = {}): Array<GpResource<Row>> {
  return SETUP_MASTER_SPECS.map((spec) => createSetupMasterResource(spec, opts));
}
