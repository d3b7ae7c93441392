/**
 * A GP customer (RM00101) as the connector hands it to the engine. The field names are stable and readable;
 * flow mappings refer to them (service/src/flows/gp-customers-to-sf-accounts.ts):
 *
 * | field              | GP column  | notes                                                          |
 * |--------------------|------------|----------------------------------------------------------------|
 * | CustomerId         | CUSTNMBR   | key, trimmed, upper-case                                       |
 * | Name               | CUSTNAME   |                                                                |
 * | ShortName          | SHRTNAME   |                                                                |
 * | StatementName      | STMTNAME   |                                                                |
 * | Class              | CUSTCLAS   | customer class id                                              |
 * | ContactPerson      | CNTCPRSN   |                                                                |
 * | AddressCode        | ADRSCODE   | primary address id                                             |
 * | Address1..Address3 | ADDRESS1-3 |                                                                |
 * | City, State, Zip   | CITY, STATE, ZIP |                                                          |
 * | CountryCode        | CCode      |                                                                |
 * | Country            | COUNTRY    |                                                                |
 * | Phone1..Phone3, Fax| PHONE1-3, FAX | digits only: 10 number + 4 extension (GP-DOMAIN §2)         |
 * | PaymentTerms       | PYMTRMID   | e.g. "Net 30"                                                  |
 * | Salesperson, SalesTerritory, ShippingMethod, TaxSchedule, Currency | SLPRSNID, SALSTERR, SHIPMTHD, TAXSCHID, CURNCYID | |
 * | CreditLimitType    | CRLMTTYP   | 0 no credit, 1 unlimited, 2 amount                             |
 * | CreditLimitAmount  | CRLMTAMT   | number (numeric(19,5))                                         |
 * | OnHold             | HOLD       | boolean                                                        |
 * | Inactive           | INACTIVE   | boolean                                                        |
 * | CreatedDate        | CREATDDT   | YYYY-MM-DD, GP SQL server's local date                         |
 * | ModifiedDate       | MODIFDT    | YYYY-MM-DD, GP SQL server's local date (the feed's watermark)  |
 * | LastModified       | DEX_ROW_TS | ISO-8601 UTC instant; the record version                       |
 *
 * Strings arrive space-padded (char(N)) and are trimmed here; blank strings become "".
 */
import { z } from 'zod';
import type { GpSbaFacts } from './facts.ts';
import type { ServerTime } from './server-time.ts';

const str = z.string().nullish().transform((v) => (v ?? '').trim());

/** The customer as the GP Service sends it (emulator shape; FACTS §2.1 [U]). Unknown properties are ignored. */
export const wireCustomerSchema = z.object({
  CustomerId: z.string().transform((v) => v.trim().toUpperCase()).pipe(z.string().min(1, 'CustomerId is blank')),
  Name: str,
  ShortName: str,
  StatementName: str,
  ClassId: str,
  ContactPerson: str,
  AddressCode: str,
  Address1: str,
  Address2: str,
  Address3: str,
  City: str,
  State: str,
  Zip: str,
  CountryCode: str,
  Country: str,
  Phone1: str,
  Phone2: str,
  Phone3: str,
  Fax: str,
  PaymentTermsId: str,
  SalespersonId: str,
  SalesTerritoryId: str,
  ShippingMethodId: str,
  TaxScheduleId: str,
  CurrencyId: str,
  CreditLimitType: z.number().int(),
  CreditLimitAmount: z.number(),
  IsOnHold: z.boolean(),
  IsActive: z.boolean(),
  CreatedDate: z.string(),
  ModifiedDate: z.string(),
  LastModifiedDate: z.string(),
});
export type WireCustomer = z.output<typeof wireCustomerSchema>;

export interface GpCustomer {
  CustomerId: string;
  Name: string;
  ShortName: string;
  StatementName: string;
  Class: string;
  ContactPerson: string;
  AddressCode: string;
  Address1: string;
  Address2: string;
  Address3: string;
  City: string;
  State: string;
  Zip: string;
  CountryCode: string;
  Country: string;
  Phone1: string;
  Phone2: string;
  Phone3: string;
  Fax: string;
  PaymentTerms: string;
  Salesperson: string;
  SalesTerritory: string;
  ShippingMethod: string;
  TaxSchedule: string;
  Currency: string;
  CreditLimitType: number;
  CreditLimitAmount: number;
  OnHold: boolean;
  Inactive: boolean;
  CreatedDate: string;
  ModifiedDate: string;
  LastModified: string;
}

const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;
const DATE_PREFIX = /^(\d{4}-\d{2}-\d{2})/;

/**
 * A GP date-only value as the server's local date. Without a zone the date part is taken as is; with a zone
 * (a service serializing local midnight as an instant) the instant is converted back to the server's zone.
 */
export function readServerDate(value: string, serverTime: ServerTime): string {
  const m = DATE_PREFIX.exec(value);
  if (!m) throw new Error(`"${value}" is not a date`);
  if (!HAS_ZONE.test(value)) return m[1]!;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`"${value}" is not a date`);
  return serverTime.localDate(ms);
}

/** DEX_ROW_TS as an ISO UTC instant. */
export function readUtcTimestamp(value: string, facts: GpSbaFacts, serverTime: ServerTime): string {
  if (HAS_ZONE.test(value)) {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) throw new Error(`"${value}" is not a date-time`);
    return new Date(ms).toISOString();
  }
  const asUtc = Date.parse(`${value}Z`);
  if (Number.isNaN(asUtc)) throw new Error(`"${value}" is not a date-time`);
  const ms = facts.naiveTimestampZone === 'utc' ? asUtc : asUtc - serverTime.offsetMinutes(asUtc) * 60_000;
  return new Date(ms).toISOString();
}

export function toGpCustomer(wire: WireCustomer, facts: GpSbaFacts, serverTime: ServerTime): GpCustomer {
  return {
    CustomerId: wire.CustomerId,
    Name: wire.Name,
    ShortName: wire.ShortName,
    StatementName: wire.StatementName,
    Class: wire.ClassId,
    ContactPerson: wire.ContactPerson,
    AddressCode: wire.AddressCode,
    Address1: wire.Address1,
    Address2: wire.Address2,
    Address3: wire.Address3,
    City: wire.City,
    State: wire.State,
    Zip: wire.Zip,
    CountryCode: wire.CountryCode,
    Country: wire.Country,
    Phone1: wire.Phone1,
    Phone2: wire.Phone2,
    Phone3: wire.Phone3,
    Fax: wire.Fax,
    PaymentTerms: wire.PaymentTermsId,
    Salesperson: wire.SalespersonId,
    SalesTerritory: wire.SalesTerritoryId,
    ShippingMethod: wire.ShippingMethodId,
    TaxSchedule: wire.TaxScheduleId,
    Currency: wire.CurrencyId,
    CreditLimitType: wire.CreditLimitType,
    CreditLimitAmount: wire.CreditLimitAmount,
    OnHold: wire.IsOnHold,
    Inactive: !wire.IsActive,
    CreatedDate: readServerDate(wire.CreatedDate, serverTime),
    ModifiedDate: readServerDate(wire.ModifiedDate, serverTime),
    LastModified: readUtcTimestamp(wire.LastModifiedDate, facts, serverTime),
  };
}

/** Fields a create/update may set (dates and LastModified are GP's). CustomerId is the key. */
export type GpCustomerInput = Partial<Omit<GpCustomer, 'CreatedDate' | 'ModifiedDate' | 'LastModified' | 'CustomerId'>> & {
  CustomerId: string;
};

const INPUT_TO_WIRE: Record<string, string> = {
  CustomerId: 'CustomerId',
  Name: 'Name',
  ShortName: 'ShortName',
  StatementName: 'StatementName',
  Class: 'ClassId',
  ContactPerson: 'ContactPerson',
  AddressCode: 'AddressCode',
  Address1: 'Address1',
  Address2: 'Address2',
  Address3: 'Address3',
  City: 'City',
  State: 'State',
  Zip: 'Zip',
  CountryCode: 'CountryCode',
  Country: 'Country',
  Phone1: 'Phone1',
  Phone2: 'Phone2',
  Phone3: 'Phone3',
  Fax: 'Fax',
  PaymentTerms: 'PaymentTermsId',
  Salesperson: 'SalespersonId',
  SalesTerritory: 'SalesTerritoryId',
  ShippingMethod: 'ShippingMethodId',
  TaxSchedule: 'TaxScheduleId',
  Currency: 'CurrencyId',
  CreditLimitType: 'CreditLimitType',
  CreditLimitAmount: 'CreditLimitAmount',
  OnHold: 'IsOnHold',
};

/** Maps connector field names to the wire's; unknown fields are a programming error and throw. */
export function toWireCustomerInput(input: Partial<GpCustomerInput>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    if (k === 'Inactive') {
      out.IsActive = !v;
      continue;
    }
    const wire = INPUT_TO_WIRE[k];
    if (!wire) throw new TypeError(`GP customer has no writable field "${k}"`);
    out[wire] = v;
  }
  return out;
}
