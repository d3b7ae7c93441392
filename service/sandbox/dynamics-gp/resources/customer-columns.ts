/**
 * RM00101 (customer master) as the emulator exposes it: wire property ↔ GP column, with the SQL width and the
 * eConnect input maximum of GP-DOMAIN §2. The wire property names are the emulator's choice (SBA JSON is not
 * public, FACTS §2.1 [U]); they follow the GP Web Services Customer contract where it has a flat equivalent
 * (Name, IsOnHold, IsActive, CreatedDate, ModifiedDate, LastModifiedDate — FACTS §2.3 #3).
 */
import { charColumn, type ColumnSpec, type Row } from '../gp-columns.ts';
import type { FieldDefs } from '../odata-query.ts';

export const CUSTOMER_TABLE = 'RM00101';

export const CUSTOMER_COLUMNS: ColumnSpec[] = [
  charColumn('CustomerId', 'CUSTNMBR', 15, 15, { upper: true }),
  charColumn('Name', 'CUSTNAME', 65, 64),
  charColumn('ShortName', 'SHRTNAME', 15, 15),
  charColumn('StatementName', 'STMTNAME', 65, 64),
  charColumn('ClassId', 'CUSTCLAS', 15, 15, { upper: true }),
  charColumn('ContactPerson', 'CNTCPRSN', 61, 60),
  charColumn('AddressCode', 'ADRSCODE', 15, 15, { upper: true }),
  charColumn('Address1', 'ADDRESS1', 61, 60),
  charColumn('Address2', 'ADDRESS2', 61, 60),
  charColumn('Address3', 'ADDRESS3', 61, 60),
  charColumn('City', 'CITY', 35, 35),
  charColumn('State', 'STATE', 29, 29),
  charColumn('Zip', 'ZIP', 11, 10),
  charColumn('CountryCode', 'CCode', 7, 6, { upper: true }),
  charColumn('Country', 'COUNTRY', 61, 60),
  charColumn('Phone1', 'PHONE1', 21, 21, { digitsOnly: true }),
  charColumn('Phone2', 'PHONE2', 21, 21, { digitsOnly: true }),
  charColumn('Phone3', 'PHONE3', 21, 21, { digitsOnly: true }),
  charColumn('Fax', 'FAX', 21, 21, { digitsOnly: true }),
  // eConnect does not upper-case PYMTRMID (taUpdateCreateCustomerRcd), so "Net 30" keeps its case.
  charColumn('PaymentTermsId', 'PYMTRMID', 21, 20),
  charColumn('SalespersonId', 'SLPRSNID', 15, 15, { upper: true }),
  charColumn('SalesTerritoryId', 'SALSTERR', 15, 15, { upper: true }),
  charColumn('ShippingMethodId', 'SHIPMTHD', 15, 15, { upper: true }),
  charColumn('TaxScheduleId', 'TAXSCHID', 15, 15, { upper: true }),
  charColumn('CurrencyId', 'CURNCYID', 15, 15, { upper: true }),
  { kind: 'smallint', wire: 'CreditLimitType', column: 'CRLMTTYP' },
  { kind: 'money', wire: 'CreditLimitAmount', column: 'CRLMTAMT' },
  { kind: 'flag', wire: 'IsOnHold', column: 'HOLD' },
  { kind: 'flag', wire: 'IsActive', column: 'INACTIVE', inverted: true },
  { kind: 'date', wire: 'CreatedDate', column: 'CREATDDT', readOnly: true },
  { kind: 'date', wire: 'ModifiedDate', column: 'MODIFDT', readOnly: true },
  { kind: 'timestamp', wire: 'LastModifiedDate', column: 'DEX_ROW_TS', readOnly: true },
];

export const CUSTOMER_COLUMN_BY_WIRE = new Map(CUSTOMER_COLUMNS.map((c) => [c.wire, c]));

/** Properties usable in $filter / $orderby. */
export const CUSTOMER_FIELDS: FieldDefs<Row> = {
  CustomerId: { type: 'string', get: (r) => r.CUSTNMBR as string },
  Name: { type: 'string', get: (r) => r.CUSTNAME as string },
  ClassId: { type: 'string', get: (r) => r.CUSTCLAS as string },
  State: { type: 'string', get: (r) => r.STATE as string },
  CreatedDate: { type: 'date', get: (r) => r.CREATDDT as string },
  ModifiedDate: { type: 'date', get: (r) => r.MODIFDT as string },
  LastModifiedDate: { type: 'datetime', get: (r) => r.DEX_ROW_TS as number },
  IsOnHold: { type: 'boolean', get: (r) => r.HOLD === 1 },
  IsActive: { type: 'boolean', get: (r) => r.INACTIVE === 0 },
};
