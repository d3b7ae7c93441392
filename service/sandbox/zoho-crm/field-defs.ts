/**
 * Field metadata as the emulator keeps it, and the data types Zoho's fields API names (`data_type` / `json_type`
 * as in the v8 GET /settings/fields example [V]). Lengths are the limits writes are checked against
 * (`INVALID_DATA` with `maximum_length`, v8 OAS example [V]); defaults for custom fields are [U].
 */
export type FieldDataType =
  | 'text'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'website'
  | 'integer'
  | 'bigint'
  | 'double'
  | 'currency'
  | 'percent'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'picklist'
  | 'lookup'
  | 'ownerlookup'
  | 'subform'
  | 'autonumber'
  | 'formula';

export interface FieldDef {
  id: string;
  apiName: string;
  label: string;
  dataType: FieldDataType;
  length: number;
  decimalPlace: number | null;
  /** Enforced on insert (and on update when cleared). System-mandatory for standard fields, layout-required for custom ones. */
  mandatory: boolean;
  systemMandatory: boolean;
  custom: boolean;
  unique: boolean;
  /** Set by Zoho itself (system, computed, formula); writes to it are ignored. */
  readOnly: boolean;
  lookupModule?: string;
  picklist?: string[];
  subformModule?: string;
  external: boolean;
  createdAt: number | null;
}

export const JSON_TYPES: Record<FieldDataType, string> = {
  text: 'string',
  textarea: 'string',
  email: 'string',
  phone: 'string',
  website: 'string',
  integer: 'integer',
  bigint: 'string',
  double: 'double',
  currency: 'double',
  percent: 'double',
  boolean: 'boolean',
  date: 'string',
  datetime: 'string',
  picklist: 'string',
  lookup: 'jsonobject',
  ownerlookup: 'jsonobject',
  subform: 'jsonarray',
  autonumber: 'string',
  formula: 'string',
};

/** [U] default maximum lengths for fields created without one (Zoho's UI defaults). */
export const DEFAULT_LENGTHS: Partial<Record<FieldDataType, number>> = {
  text: 255,
  textarea: 32_000,
  email: 100,
  phone: 30,
  website: 255,
  integer: 9,
  bigint: 18,
  double: 16,
  currency: 16,
  percent: 5,
  picklist: 120,
  autonumber: 255,
};

export const CUSTOM_FIELD_TYPES: readonly FieldDataType[] = ['text', 'textarea', 'email', 'phone', 'website', 'integer', 'bigint', 'double', 'currency', 'percent', 'boolean', 'date', 'datetime', 'picklist', 'lookup'];

/** A field label turned into an API name the way Zoho derives them (`GP Vendor ID` → `GP_Vendor_ID`); custom names carry no `__c`. */
export function apiNameFromLabel(label: string): string {
  const name = label
    .trim()
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[A-Za-z]/.test(name) ? name : `Field_${name}`;
}
