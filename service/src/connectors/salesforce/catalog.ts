/**
 * Salesforce objects as flow sources and targets: the standard fields the integrations read or write, listed
 * here (read-only ones — Id, OrderNumber, totals — flagged, so they are sources only), plus every field of the
 * package, taken from PACKAGE_SCHEMA (generated from force-app, so no package field name is typed twice). Names
 * are package-local (no namespace prefix): the client qualifies them.
 */
import type { CatalogField, CatalogFieldType, EntityCatalog } from '../../engine/catalog.ts';
import { PACKAGE_SCHEMA, type FieldSpec } from './package-schema.generated.ts';

const text = (name: string, length: number, required = false): CatalogField => (required ? { name, type: 'string', length, required } : { name, type: 'string', length });
const typed = (name: string, type: CatalogFieldType, required = false): CatalogField => (required ? { name, type, required } : { name, type });
const readOnly = (field: CatalogField): CatalogField => ({ ...field, readOnly: true });
/** Picklist values are text of at most 255 characters. */
const PICKLIST_LENGTH = 255;
/** Record ids are 18 characters in the API. */
const ID_LENGTH = 18;

/** A lookup (record id) field. */
const reference = (name: string, required = false): CatalogField => text(name, ID_LENGTH, required);
const recordId = readOnly(reference('Id'));

const address = (prefix: string): CatalogField[] => [
  text(`${prefix}Street`, 255),
  text(`${prefix}City`, 40),
  text(`${prefix}State`, 80),
  text(`${prefix}PostalCode`, 20),
  text(`${prefix}Country`, 80),
];

/** Standard fields (lengths, required flags and read-only fields as in Salesforce's object reference). */
const STANDARD_FIELDS: Record<string, CatalogField[]> = {
  Account: [
    recordId,
    text('Name', 255, true),
    text('AccountNumber', 40),
    text('Site', 80),
    text('Type', PICKLIST_LENGTH),
    text('Industry', PICKLIST_LENGTH),
    text('Phone', 40),
    text('Fax', 40),
    text('Website', 255),
    text('Description', 32000),
    typed('AnnualRevenue', 'number'),
    typed('NumberOfEmployees', 'number'),
    ...address('Billing'),
    ...address('Shipping'),
  ],
  Contact: [
    recordId,
    reference('AccountId'),
    text('FirstName', 40),
    text('LastName', 80, true),
    text('Title', 128),
    text('Email', 80),
    text('Phone', 40),
    text('MobilePhone', 40),
    text('Description', 32000),
    ...address('Mailing'),
  ],
  Opportunity: [
    recordId,
    reference('AccountId'),
    text('Name', 120, true),
    text('StageName', PICKLIST_LENGTH, true),
    typed('CloseDate', 'date', true),
    typed('Amount', 'number'),
    text('Type', PICKLIST_LENGTH),
    text('NextStep', 255),
    text('Description', 32000),
  ],
  Order: [
    recordId,
    readOnly(text('OrderNumber', 30)),
    reference('AccountId', true),
    reference('OpportunityId'),
    reference('Pricebook2Id'),
    readOnly(typed('TotalAmount', 'number')),
    typed('EffectiveDate', 'date', true),
    typed('EndDate', 'date'),
    text('Status', PICKLIST_LENGTH, true),
    text('Type', PICKLIST_LENGTH),
    text('PoNumber', 80),
    text('Description', 32000),
    ...address('Billing'),
    ...address('Shipping'),
  ],
  OrderItem: [
    recordId,
    reference('OrderId', true),
    readOnly(text('OrderItemNumber', 10)),
    reference('Product2Id'),
    reference('PricebookEntryId', true),
    typed('Quantity', 'number', true),
    typed('UnitPrice', 'number', true),
    readOnly(typed('ListPrice', 'number')),
    readOnly(typed('TotalPrice', 'number')),
    text('Description', 255),
    typed('ServiceDate', 'date'),
    typed('EndDate', 'date'),
  ],
  Product2: [
    recordId,
    text('Name', 255, true),
    text('ProductCode', 255),
    text('Description', 4000),
    typed('IsActive', 'boolean'),
    text('Family', PICKLIST_LENGTH),
    text('StockKeepingUnit', 180),
    text('QuantityUnitOfMeasure', PICKLIST_LENGTH),
  ],
  ERP_Document__c: [recordId],
};

const PACKAGE_TYPES: Record<string, CatalogFieldType> = {
  Number: 'number',
  Currency: 'number',
  Percent: 'number',
  Date: 'date',
  DateTime: 'datetime',
  Checkbox: 'boolean',
};

/** A package field in the editor's vocabulary: numbers, dates and checkboxes typed, everything else text. */
export function packageField(name: string, spec: FieldSpec): CatalogField {
  const type = PACKAGE_TYPES[spec.type] ?? 'string';
  const length = type !== 'string' ? undefined : spec.type === 'Lookup' ? ID_LENGTH : spec.type === 'Picklist' ? PICKLIST_LENGTH : spec.length;
  return { name, type, ...(length !== undefined ? { length } : {}), ...(spec.required ? { required: true } : {}) };
}

function objectCatalog(entity: string): EntityCatalog {
  const packaged = (PACKAGE_SCHEMA.objects as Record<string, Record<string, FieldSpec>>)[entity] ?? {};
  return {
    system: 'salesforce',
    entity,
    fields: [...(STANDARD_FIELDS[entity] ?? []), ...Object.entries(packaged).map(([name, spec]) => packageField(name, spec))],
  };
}

/** Every object with standard fields listed here or package fields, except the package's own Field_Mapping__c. */
export const SALESFORCE_CATALOG: readonly EntityCatalog[] = [...new Set([...Object.keys(STANDARD_FIELDS), ...Object.keys(PACKAGE_SCHEMA.objects)])]
  .filter((entity) => entity !== 'Field_Mapping__c')
  .map(objectCatalog);
