import type { SObjectField } from '../schema/field-spec.ts';
import type { IndexedSObjectSchema } from '../schema/object-schema.ts';

const SOAP_TYPES: Record<string, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
};

function describeField(schema: IndexedSObjectSchema, field: SObjectField): Record<string, unknown> {
  return {
    name: field.name,
    label: field.label,
    type: field.type,
    soapType: SOAP_TYPES[field.type] ?? 'xsd:string',
    length: field.length,
    byteLength: field.length * 3,
    precision: field.precision,
    scale: field.scale,
    digits: field.type === 'int' ? field.precision : 0,
    custom: field.custom,
    calculated: Boolean(schema.computed[field.name]),
    autoNumber: Boolean(schema.autoNumber[field.name]),
    externalId: field.externalId,
    unique: field.unique,
    caseSensitive: field.caseSensitive,
    idLookup: field.name === 'Id' || field.externalId || field.unique,
    nillable: field.nillable,
    createable: field.createable,
    updateable: field.updateable,
    defaultedOnCreate: field.defaultedOnCreate,
    defaultValue: field.defaultValue ?? null,
    filterable: true,
    sortable: field.type !== 'textarea' || field.length <= 255,
    referenceTo: field.referenceTo,
    relationshipName: field.relationshipName,
    restrictedPicklist: field.restrictedPicklist,
    picklistValues: field.picklistValues.map((value) => ({
      active: true,
      defaultValue: field.defaultValue === value,
      label: value,
      validFor: null,
      value,
    })),
  };
}

function objectUrls(apiVersion: string, name: string): Record<string, string> {
  const base = `/services/data/v${apiVersion}/sobjects/${name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

/** The part of `GET /sobjects/{SObject}/describe` clients use: object flags and the field list. */
export function describeSObject(schema: IndexedSObjectSchema, apiVersion: string): Record<string, unknown> {
  return {
    ...describeGlobalEntry(schema, apiVersion),
    fields: schema.fields.map((f) => describeField(schema, f)),
  };
}

export function describeGlobalEntry(schema: IndexedSObjectSchema, apiVersion: string): Record<string, unknown> {
  return {
    name: schema.name,
    label: schema.label,
    keyPrefix: schema.keyPrefix,
    custom: schema.custom,
    createable: true,
    updateable: true,
    deletable: true,
    undeletable: true,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: true,
    urls: objectUrls(apiVersion, schema.name),
  };
}
