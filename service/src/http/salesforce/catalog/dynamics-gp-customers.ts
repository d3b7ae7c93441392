/**
 * The fields of a Dynamics GP customer (RM00101) as the GP connector hands them to flows
 * (service/src/connectors/dynamics-gp/customer-entity.ts). Typed against `GpCustomer`, so a field the connector
 * adds, renames or drops fails the build here. Lengths are the GP column widths (char(N)).
 */
import type { GpCustomer } from '../../../connectors/dynamics-gp/customer-entity.ts';
import type { CatalogField, EntityCatalog } from './field-catalog.ts';

type Spec = Omit<CatalogField, 'name'>;
const text = (length: number, required = false): Spec => (required ? { type: 'string', length, required } : { type: 'string', length });

const CUSTOMER_FIELDS = {
  CustomerId: text(15, true),
  Name: text(65, true),
  ShortName: text(15),
  StatementName: text(65),
  Class: text(15),
  ContactPerson: text(61),
  AddressCode: text(15),
  Address1: text(61),
  Address2: text(61),
  Address3: text(61),
  City: text(35),
  State: text(29),
  Zip: text(11),
  CountryCode: text(7),
  Country: text(61),
  Phone1: text(21),
  Phone2: text(21),
  Phone3: text(21),
  Fax: text(21),
  PaymentTerms: text(21),
  Salesperson: text(15),
  SalesTerritory: text(15),
  ShippingMethod: text(15),
  TaxSchedule: text(15),
  Currency: text(15),
  CreditLimitType: { type: 'number' },
  CreditLimitAmount: { type: 'number' },
  OnHold: { type: 'boolean' },
  Inactive: { type: 'boolean' },
  CreatedDate: { type: 'date' },
  ModifiedDate: { type: 'date' },
  LastModified: { type: 'datetime' },
} as const satisfies Record<keyof GpCustomer, Spec>;

export const GP_CUSTOMERS_CATALOG: EntityCatalog = {
  system: 'dynamics-gp',
  entity: 'customers',
  fields: Object.entries(CUSTOMER_FIELDS).map(([name, spec]) => ({ name, ...spec })),
  composites: [
    // The three address lines, one per line (transform joinLines).
    { name: 'AddressLines', type: 'string', length: 3 * 61 + 2, parts: ['Address1', 'Address2', 'Address3'] },
    // [type, amount] for transform gpCreditLimit: no credit → 0, unlimited → blank, amount → the amount.
    { name: 'CreditLimit', type: 'number', parts: ['CreditLimitType', 'CreditLimitAmount'] },
  ],
};
