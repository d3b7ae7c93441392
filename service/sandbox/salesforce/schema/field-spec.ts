/**
 * Two shapes of field metadata:
 * - FieldSpec: the package's own declaration (what `package-schema.generated.ts` exports, one per custom field,
 *   mirroring CustomField metadata: type Text/Number/Lookup..., length, precision, externalId...).
 * - SObjectField: what the emulator works with, close to a describe() field (soap types, nillable, createable...).
 */

export type FieldSpecType =
  | 'Text'
  | 'TextArea'
  | 'LongTextArea'
  | 'Email'
  | 'Phone'
  | 'Url'
  | 'Number'
  | 'Currency'
  | 'Percent'
  | 'Date'
  | 'DateTime'
  | 'Checkbox'
  | 'Picklist'
  | 'MultiselectPicklist'
  | 'Lookup'
  | 'MasterDetail';

export interface FieldSpec {
  readonly type: FieldSpecType | (string & {});
  readonly label: string;
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  readonly externalId?: boolean;
  readonly unique?: boolean;
  readonly caseSensitive?: boolean;
  readonly required?: boolean;
  readonly referenceTo?: string;
  readonly picklistValues?: readonly string[];
  /** Emulator extension: reject values outside picklistValues (restricted picklist). */
  readonly restricted?: boolean;
  readonly defaultValue?: unknown;
}

/** `{ namespace, objects: { Account: { GP_Customer_Number__c: FieldSpec } } }` — the PACKAGE_SCHEMA shape. */
export interface CustomSchema {
  readonly namespace?: string;
  readonly objects: Readonly<Record<string, Readonly<Record<string, FieldSpec>>>>;
}

/** Describe-level field types the emulator understands. */
export type SoapFieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'multipicklist'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'reference';

export interface SObjectField {
  name: string;
  label: string;
  type: SoapFieldType;
  length: number;
  precision: number;
  scale: number;
  custom: boolean;
  externalId: boolean;
  unique: boolean;
  caseSensitive: boolean;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  defaultedOnCreate: boolean;
  defaultValue?: unknown;
  referenceTo: string[];
  relationshipName: string | null;
  picklistValues: string[];
  restrictedPicklist: boolean;
}

export type FieldDraft = Partial<SObjectField> & Pick<SObjectField, 'name' | 'type'>;

/** Fills describe defaults for a field draft (standard fields are written as drafts). */
export function completeField(draft: FieldDraft): SObjectField {
  const isText = ['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist'].includes(draft.type);
  return {
    label: draft.name,
    length: isText ? 255 : draft.type === 'id' || draft.type === 'reference' ? 18 : 0,
    precision: 0,
    scale: 0,
    custom: draft.name.endsWith('__c'),
    externalId: false,
    unique: false,
    caseSensitive: false,
    nillable: draft.type !== 'boolean' && draft.type !== 'id',
    createable: true,
    updateable: true,
    defaultedOnCreate: draft.type === 'boolean',
    referenceTo: [],
    relationshipName: null,
    picklistValues: [],
    restrictedPicklist: false,
    ...draft,
  };
}

const SPEC_TYPES: Record<string, { type: SoapFieldType; length?: number; precision?: number; scale?: number }> = {
  Text: { type: 'string', length: 255 },
  TextArea: { type: 'textarea', length: 255 },
  LongTextArea: { type: 'textarea', length: 32768 },
  Html: { type: 'textarea', length: 32768 },
  Email: { type: 'email', length: 80 },
  Phone: { type: 'phone', length: 40 },
  Url: { type: 'url', length: 255 },
  Number: { type: 'double', precision: 18, scale: 0 },
  Currency: { type: 'currency', precision: 18, scale: 2 },
  Percent: { type: 'percent', precision: 5, scale: 2 },
  Date: { type: 'date' },
  DateTime: { type: 'datetime' },
  Checkbox: { type: 'boolean' },
  Picklist: { type: 'picklist', length: 255 },
  MultiselectPicklist: { type: 'multipicklist', length: 4099 },
  Lookup: { type: 'reference', length: 18 },
  MasterDetail: { type: 'reference', length: 18 },
};

/**
 * Converts one package FieldSpec to an SObjectField named `apiName` (already namespaced). `qualify` namespaces
 * the referenced object of a Lookup when it is one of the package's own custom objects.
 */
export function fieldFromSpec(apiName: string, spec: FieldSpec, qualify: (name: string) => string): SObjectField {
  const base = SPEC_TYPES[spec.type];
  if (!base) throw new Error(`customSchema: field ${apiName} has unsupported type '${spec.type}'`);
  if (base.type === 'reference' && !spec.referenceTo) {
    throw new Error(`customSchema: ${spec.type} field ${apiName} needs referenceTo`);
  }
  const isMasterDetail = spec.type === 'MasterDetail';
  return completeField({
    name: apiName,
    label: spec.label,
    type: base.type,
    length: spec.length ?? base.length ?? 0,
    precision: spec.precision ?? base.precision ?? 0,
    scale: spec.scale ?? base.scale ?? 0,
    custom: true,
    externalId: spec.externalId === true,
    unique: spec.unique === true,
    caseSensitive: spec.caseSensitive === true,
    nillable: base.type === 'boolean' ? false : !(spec.required === true || isMasterDetail),
    defaultedOnCreate: base.type === 'boolean' || spec.defaultValue !== undefined,
    defaultValue: spec.defaultValue ?? (base.type === 'boolean' ? false : undefined),
    referenceTo: spec.referenceTo ? [qualify(spec.referenceTo)] : [],
    relationshipName: base.type === 'reference' ? apiName.replace(/__c$/, '__r') : null,
    picklistValues: [...(spec.picklistValues ?? [])],
    restrictedPicklist: spec.restricted === true,
  });
}
