import { randomUUID } from 'node:crypto';
import type { RecordChange } from '../salesforce/record-store.ts';
import { toAvroValue, type CdcChangeType, type CdcSchema } from './cdc-schema.ts';
import { encodeFieldBitmaps } from './field-bitmaps.ts';

/** What one change event says, before Avro encoding. */
export interface ChangeEventDraft {
  entityName: string;
  changeType: CdcChangeType;
  recordIds: string[];
  changedFields: string[];
  nulledFields: string[];
  /** Field values to publish (sObject field name → stored value); absent fields are null in the event. */
  values: Record<string, unknown>;
  changeOrigin: string;
  transactionKey: string;
  sequenceNumber: number;
  commitTimestamp: number;
  commitNumber: number;
  commitUser: string;
}

export interface EncodedEvent {
  id: string;
  entityName: string;
  schemaId: string;
  payload: Buffer;
  header: ChangeEventDraft;
}

const AUDIT_FIELDS = new Set(['CreatedDate', 'LastModifiedDate', 'SystemModstamp']);

/** The fields whose values a change publishes: every set field on create/undelete, the changed ones on update. */
function publishedFields(change: RecordChange): string[] {
  if (change.changeType === 'CREATE' || change.changeType === 'UNDELETE') {
    return Object.keys(change.record).filter((k) => change.record[k] !== null && change.record[k] !== undefined && k !== 'Id');
  }
  return change.changeType === 'UPDATE' ? change.changedFields.filter((k) => k !== 'Id') : [];
}

/**
 * Turns one committed transaction into change events. Changes of the same entity and type that publish the same
 * fields with the same values are one event naming every record (FACTS 1.1: recordIds holds several ids when the
 * same change hit several records in one transaction, 1.3 #8). Sequence numbers count events in the transaction.
 */
export function draftChangeEvents(changes: readonly RecordChange[]): ChangeEventDraft[] {
  const groups = new Map<string, ChangeEventDraft>();
  for (const change of changes) {
    const fields = publishedFields(change).sort();
    const values = Object.fromEntries(fields.map((f) => [f, change.record[f] ?? null]));
    // Audit stamps are one commit time in Salesforce; the REST emulator stamps each row, so they do not split groups.
    const grouped = Object.fromEntries(Object.entries(values).filter(([f]) => !AUDIT_FIELDS.has(f)));
    const key = JSON.stringify([change.entityName, change.changeType, fields, grouped]);
    const existing = groups.get(key);
    if (existing) {
      existing.recordIds.push(change.recordId);
      continue;
    }
    groups.set(key, {
      entityName: change.entityName,
      changeType: change.changeType,
      recordIds: [change.recordId],
      // Pub/Sub lists changed fields for updates only; creates carry their values (FACTS 1.1 header fields).
      changedFields: change.changeType === 'UPDATE' ? change.changedFields.filter((k) => k !== 'Id') : [],
      nulledFields: change.changeType === 'UPDATE' ? change.nulledFields : [],
      values,
      changeOrigin: change.changeOrigin,
      transactionKey: change.transactionKey,
      sequenceNumber: 0,
      commitTimestamp: change.commitTimestamp,
      commitNumber: change.commitNumber,
      commitUser: change.commitUser,
    });
  }
  return [...groups.values()].map((draft, i) => ({ ...draft, sequenceNumber: i + 1 }));
}

/** Avro-encodes a draft with its entity's schema: unchanged fields null, bitmaps for changed/nulled fields. */
export function encodeChangeEvent(schema: CdcSchema, draft: ChangeEventDraft): EncodedEvent {
  const body: Record<string, unknown> = {
    ChangeEventHeader: {
      entityName: draft.entityName,
      recordIds: draft.recordIds,
      changeType: draft.changeType,
      changeOrigin: draft.changeOrigin,
      transactionKey: draft.transactionKey,
      sequenceNumber: draft.sequenceNumber,
      commitTimestamp: draft.commitTimestamp,
      commitNumber: draft.commitNumber,
      commitUser: draft.commitUser,
      nulledFields: encodeFieldBitmaps(schema, draft.nulledFields),
      diffFields: [],
      changedFields: encodeFieldBitmaps(schema, draft.changedFields),
    },
  };
  const has = (source: string): boolean => Object.prototype.hasOwnProperty.call(draft.values, source);
  for (const field of schema.fields) {
    if (field.kind === 'scalar') {
      body[field.name] = has(field.source) ? toAvroValue(field, draft.values[field.source]) : null;
      continue;
    }
    if (!field.children.some((c) => has(c.source))) {
      body[field.name] = null;
      continue;
    }
    const inner = Object.fromEntries(field.children.map((c) => [c.name, has(c.source) ? toAvroValue(c, draft.values[c.source]) : null]));
    body[field.name] = { 'com.sforce.eventbus.Address': inner };
  }
  return { id: randomUUID(), entityName: draft.entityName, schemaId: schema.schemaId, payload: schema.type.toBuffer(body), header: draft };
}
