import { createHash } from 'node:crypto';
import avro, { type AvroType } from 'avro-js';
import { parseSfDate, parseSfDateTime } from '../salesforce/dates.ts';
import type { SoapFieldType } from '../salesforce/schema/field-spec.ts';
import type { IndexedSObjectSchema } from '../salesforce/schema/object-schema.ts';

const NAMESPACE = 'com.sforce.eventbus';

/** ChangeEventHeader.changeType symbols (FACTS 1.1). */
export const CHANGE_TYPES = ['CREATE', 'UPDATE', 'DELETE', 'UNDELETE', 'GAP_CREATE', 'GAP_UPDATE', 'GAP_DELETE', 'GAP_UNDELETE', 'GAP_OVERFLOW'] as const;
export type CdcChangeType = (typeof CHANGE_TYPES)[number];

/** Fields that are not in a change event body: the id travels in recordIds; IsDeleted and SystemModstamp are not published. */
const NOT_PUBLISHED = new Set(['Id', 'IsDeleted', 'SystemModstamp']);
const ADDRESS_PARTS = ['Street', 'City', 'State', 'PostalCode', 'Country'] as const;

type AvroPrimitive = 'string' | 'boolean' | 'int' | 'double' | 'long';

export interface CdcLeaf {
  /** Name in the event (`City` inside an address, else the field's API name). */
  name: string;
  /** The sObject field the value comes from (`BillingCity`). */
  source: string;
  avroType: AvroPrimitive;
}

export type CdcField =
  | ({ kind: 'scalar'; position: number } & CdcLeaf)
  | { kind: 'compound'; position: number; name: string; children: CdcLeaf[] };

export interface CdcSchema {
  entityName: string;
  /** `AccountChangeEvent`, `Foo__ChangeEvent` for `Foo__c`. */
  eventName: string;
  schemaId: string;
  schemaJson: string;
  /** Top-level fields after the header (position 0 is ChangeEventHeader). */
  fields: CdcField[];
  type: AvroType;
}

export function changeEventName(entityName: string): string {
  return entityName.endsWith('__c') ? `${entityName.slice(0, -3)}__ChangeEvent` : `${entityName}ChangeEvent`;
}

/** Avro type of a field. Date and datetime are epoch-millis longs in Pub/Sub (FACTS 1.1, payload quirks). */
function avroTypeOf(type: SoapFieldType): AvroPrimitive {
  switch (type) {
    case 'boolean':
      return 'boolean';
    case 'int':
      return 'int';
    case 'double':
    case 'currency':
    case 'percent':
      return 'double';
    case 'date':
    case 'datetime':
      return 'long';
    default:
      return 'string';
  }
}

const stringArray = { type: 'array', items: 'string' };

const HEADER_SCHEMA = {
  type: 'record',
  name: 'ChangeEventHeader',
  namespace: NAMESPACE,
  fields: [
    { name: 'entityName', type: 'string' },
    { name: 'recordIds', type: stringArray },
    { name: 'changeType', type: { type: 'enum', name: 'ChangeType', namespace: NAMESPACE, symbols: [...CHANGE_TYPES] } },
    { name: 'changeOrigin', type: 'string' },
    { name: 'transactionKey', type: 'string' },
    { name: 'sequenceNumber', type: 'int' },
    { name: 'commitTimestamp', type: 'long' },
    { name: 'commitNumber', type: 'long' },
    { name: 'commitUser', type: 'string' },
    { name: 'nulledFields', type: stringArray },
    { name: 'diffFields', type: stringArray },
    { name: 'changedFields', type: stringArray },
  ],
};

/** Groups `<P>Street … <P>Country` into the compound `<P>Address`, as Salesforce's event schemas do. */
function collectFields(object: IndexedSObjectSchema): CdcField[] {
  const published = object.fields.filter((f) => !NOT_PUBLISHED.has(f.name) && !object.computed[f.name]);
  const names = new Set(published.map((f) => f.name));
  const out: CdcField[] = [];
  const consumed = new Set<string>();
  for (const field of published) {
    if (consumed.has(field.name)) continue;
    const prefix = field.name.endsWith('Street') ? field.name.slice(0, -'Street'.length) : undefined;
    if (prefix !== undefined && ADDRESS_PARTS.every((part) => names.has(`${prefix}${part}`))) {
      const children = ADDRESS_PARTS.map((part) => ({ name: part, source: `${prefix}${part}`, avroType: 'string' as const }));
      children.forEach((c) => consumed.add(c.source));
      out.push({ kind: 'compound', position: out.length + 1, name: `${prefix}Address`, children });
      continue;
    }
    out.push({ kind: 'scalar', position: out.length + 1, name: field.name, source: field.name, avroType: avroTypeOf(field.type) });
  }
  return out;
}

/**
 * The Avro schema of `<Object>ChangeEvent` (FACTS 1.1 [C]): record in `com.sforce.eventbus`, field 0 the
 * ChangeEventHeader record, every data field a `["null", type]` union, addresses as nested `Address` records.
 */
export function buildCdcSchema(object: IndexedSObjectSchema): CdcSchema {
  const fields = collectFields(object);
  let addressDefined = false;
  const avroFields: unknown[] = [{ name: 'ChangeEventHeader', type: HEADER_SCHEMA, doc: 'Data:ChangeEventHeader' }];
  for (const field of fields) {
    if (field.kind === 'scalar') {
      avroFields.push({ name: field.name, type: ['null', field.avroType], default: null });
      continue;
    }
    const record = addressDefined
      ? `${NAMESPACE}.Address`
      : { type: 'record', name: 'Address', namespace: NAMESPACE, fields: field.children.map((c) => ({ name: c.name, type: ['null', 'string'], default: null })) };
    addressDefined = true;
    avroFields.push({ name: field.name, type: ['null', record], default: null, doc: 'Data:Compound' });
  }
  const eventName = changeEventName(object.name);
  const schemaJson = JSON.stringify({ type: 'record', name: eventName, namespace: NAMESPACE, fields: avroFields });
  const schemaId = createHash('sha256').update(schemaJson).digest('base64url').slice(0, 22);
  return { entityName: object.name, eventName, schemaId, schemaJson, fields, type: avro.parse(schemaJson) };
}

/** A stored field value as the event carries it, wrapped for its Avro union (`{string: 'x'}`); null stays null. */
export function toAvroValue(leaf: CdcLeaf, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (leaf.avroType) {
    case 'boolean':
      return { boolean: Boolean(value) };
    case 'int':
      return { int: Math.trunc(Number(value)) };
    case 'double':
      return { double: Number(value) };
    case 'long': {
      const text = String(value);
      const ms = typeof value === 'number' ? value : (parseSfDateTime(text) ?? parseSfDate(text));
      return ms === undefined ? null : { long: ms };
    }
    default:
      return { string: typeof value === 'string' ? value : JSON.stringify(value) };
  }
}
