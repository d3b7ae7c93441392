import { randomBytes } from 'node:crypto';
import { formatSfDateTime } from './dates.ts';
import { createIdGenerator } from './ids.ts';
import type { IndexedSObjectSchema, RecordLookup } from './schema/object-schema.ts';
import type { SchemaRegistry } from './schema/registry.ts';

export type SfRecord = Readonly<Record<string, unknown>> & { readonly Id: string };

export type ChangeType = 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE';

/**
 * One committed record change, carrying what a Change Data Capture emulator needs to build a
 * ChangeEventHeader (FACTS 1.1): entity, change type, changed and nulled field names, commit timestamp (epoch
 * ms), commit number, transaction key, sequence number within the transaction, commit user, origin.
 */
export interface RecordChange {
  entityName: string;
  changeType: ChangeType;
  recordId: string;
  changedFields: string[];
  nulledFields: string[];
  commitTimestamp: number;
  commitNumber: number;
  transactionKey: string;
  sequenceNumber: number;
  commitUser: string;
  changeOrigin: string;
  /** Stored field values after the change (before it, for DELETE). */
  record: Readonly<Record<string, unknown>>;
}

export type ChangeListener = (changes: readonly RecordChange[]) => void;

interface Row {
  sobject: string;
  values: Record<string, unknown>;
  deletedAt: number | null;
}

/** Writes inside one transaction; every method takes coerced values keyed by canonical field names. */
export interface StoreTx {
  insert(sobject: string, values: Record<string, unknown>): string;
  update(sobject: string, id: string, values: Record<string, unknown>): void;
  delete(sobject: string, id: string): void;
  undelete(sobject: string, id: string): void;
}

export interface RecordStore extends RecordLookup {
  readonly registry: SchemaRegistry;
  /** Runs `fn` as one transaction: changes are published to listeners on return, undone if it throws. */
  transaction<T>(fn: (tx: StoreTx) => T, opts?: { origin?: string }): T;
  get(sobject: string, id: string, opts?: { includeDeleted?: boolean }): SfRecord | undefined;
  /** Finds a record of any type by id (key prefix → object). */
  locate(id: string, opts?: { includeDeleted?: boolean }): { sobject: string; record: SfRecord } | undefined;
  list(sobject: string, opts?: { includeDeleted?: boolean }): SfRecord[];
  count(sobject: string): number;
  /** Live records whose `field` equals `value`, honouring the field's caseSensitive flag for text. */
  findByField(sobject: string, field: string, value: unknown): string[];
  /** Value of a computed field (formula / roll-up) for a stored record. */
  compute(sobject: string, field: string, record: SfRecord): unknown;
  deletedBetween(sobject: string, startMs: number, endMs: number): Array<{ id: string; deletedAt: number }>;
  onChange(listener: ChangeListener): () => void;
}

export interface RecordStoreOptions {
  registry: SchemaRegistry;
  now: () => number;
  /** Id of the integration user the emulator attributes changes to (005…). */
  userId: string;
}

function normalizeKey(value: unknown, caseSensitive: boolean): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return caseSensitive ? text : text.toLowerCase();
}

function valuesEqual(a: unknown, b: unknown): boolean {
  return a === b || (a === null && b === undefined) || (a === undefined && b === null);
}

export function createRecordStore(opts: RecordStoreOptions): RecordStore {
  const { registry, now, userId } = opts;
  const nextId = createIdGenerator();
  const rows = new Map<string, Row>();
  const bySObject = new Map<string, Map<string, Row>>();
  /** sobject → field → normalized value → ids, for unique and external id fields of live records. */
  const indexes = new Map<string, Map<string, Map<string, Set<string>>>>();
  const autoNumbers = new Map<string, number>();
  const listeners = new Set<ChangeListener>();
  let commitNumber = 0;

  function schemaOf(sobject: string): IndexedSObjectSchema {
    const schema = registry.get(sobject);
    if (!schema) throw new Error(`unknown sObject ${sobject}`);
    return schema;
  }

  function indexedFields(schema: IndexedSObjectSchema) {
    return schema.fields.filter((f) => f.unique || f.externalId);
  }

  function indexRow(row: Row, add: boolean): void {
    const schema = schemaOf(row.sobject);
    let byField = indexes.get(schema.name);
    if (!byField) indexes.set(schema.name, (byField = new Map()));
    for (const field of indexedFields(schema)) {
      const value = row.values[field.name];
      if (value === null || value === undefined) continue;
      let byValue = byField.get(field.name);
      if (!byValue) byField.set(field.name, (byValue = new Map()));
      const key = normalizeKey(value, field.caseSensitive);
      const ids = byValue.get(key) ?? new Set<string>();
      if (add) ids.add(String(row.values.Id));
      else ids.delete(String(row.values.Id));
      if (ids.size > 0) byValue.set(key, ids);
      else byValue.delete(key);
    }
  }

  function tableOf(sobject: string): Map<string, Row> {
    let table = bySObject.get(sobject);
    if (!table) bySObject.set(sobject, (table = new Map()));
    return table;
  }

  function liveRow(sobject: string, id: string): Row {
    const row = rows.get(id);
    if (!row || row.sobject !== schemaOf(sobject).name || row.deletedAt !== null) {
      throw new Error(`${sobject} ${id} does not exist`);
    }
    return row;
  }

  const store: RecordStore = {
    registry,

    transaction<T>(fn: (tx: StoreTx) => T, txOpts: { origin?: string } = {}): T {
      const undo: Array<() => void> = [];
      const pending: Array<Omit<RecordChange, 'commitTimestamp' | 'commitNumber' | 'transactionKey' | 'sequenceNumber' | 'commitUser' | 'changeOrigin'>> = [];
      const stamp = (): string => formatSfDateTime(now());

      const tx: StoreTx = {
        insert(sobject, values) {
          const schema = schemaOf(sobject);
          const id = nextId(schema.keyPrefix);
          const at = stamp();
          const record: Record<string, unknown> = {};
          for (const field of schema.fields) {
            if (schema.computed[field.name]) continue;
            record[field.name] = field.defaultValue ?? (field.type === 'boolean' ? false : null);
          }
          for (const [name, { width }] of Object.entries(schema.autoNumber)) {
            const n = (autoNumbers.get(`${schema.name}.${name}`) ?? 99) + 1;
            autoNumbers.set(`${schema.name}.${name}`, n);
            record[name] = String(n).padStart(width, '0');
          }
          Object.assign(record, values, {
            Id: id,
            IsDeleted: false,
            CreatedDate: at,
            CreatedById: userId,
            LastModifiedDate: at,
            LastModifiedById: userId,
            SystemModstamp: at,
          });
          if (schema.field('OwnerId') && !record.OwnerId) record.OwnerId = userId;
          const row: Row = { sobject: schema.name, values: record, deletedAt: null };
          rows.set(id, row);
          tableOf(schema.name).set(id, row);
          indexRow(row, true);
          undo.push(() => {
            indexRow(row, false);
            rows.delete(id);
            tableOf(schema.name).delete(id);
          });
          const changedFields = Object.keys(record).filter((k) => record[k] !== null && record[k] !== undefined);
          pending.push({ entityName: schema.name, changeType: 'CREATE', recordId: id, changedFields, nulledFields: [], record: { ...record } });
          return id;
        },

        update(sobject, id, values) {
          const row = liveRow(sobject, id);
          const before = { ...row.values };
          const at = stamp();
          indexRow(row, false);
          Object.assign(row.values, values, { LastModifiedDate: at, LastModifiedById: userId, SystemModstamp: at });
          indexRow(row, true);
          undo.push(() => {
            indexRow(row, false);
            row.values = before;
            indexRow(row, true);
          });
          const changedFields = Object.keys(row.values).filter((k) => !valuesEqual(before[k], row.values[k]));
          const nulledFields = changedFields.filter((k) => row.values[k] === null);
          pending.push({ entityName: row.sobject, changeType: 'UPDATE', recordId: id, changedFields, nulledFields, record: { ...row.values } });
        },

        delete(sobject, id) {
          const row = liveRow(sobject, id);
          const before = { ...row.values };
          indexRow(row, false);
          row.deletedAt = now();
          row.values.IsDeleted = true;
          undo.push(() => {
            row.deletedAt = null;
            row.values = before;
            indexRow(row, true);
          });
          pending.push({ entityName: row.sobject, changeType: 'DELETE', recordId: id, changedFields: [], nulledFields: [], record: before });
        },

        undelete(sobject, id) {
          const row = rows.get(id);
          if (!row || row.sobject !== schemaOf(sobject).name || row.deletedAt === null) {
            throw new Error(`${sobject} ${id} is not in the recycle bin`);
          }
          const before = { ...row.values };
          const deletedAt = row.deletedAt;
          const at = stamp();
          row.deletedAt = null;
          Object.assign(row.values, { IsDeleted: false, LastModifiedDate: at, SystemModstamp: at });
          indexRow(row, true);
          undo.push(() => {
            indexRow(row, false);
            row.deletedAt = deletedAt;
            row.values = before;
          });
          pending.push({ entityName: row.sobject, changeType: 'UNDELETE', recordId: id, changedFields: [], nulledFields: [], record: { ...row.values } });
        },
      };

      let result: T;
      try {
        result = fn(tx);
      } catch (err) {
        for (const step of undo.reverse()) step();
        throw err;
      }
      if (pending.length > 0) {
        commitNumber += 1;
        const meta = {
          commitTimestamp: now(),
          commitNumber,
          transactionKey: randomBytes(16).toString('hex'),
          commitUser: userId,
          changeOrigin: txOpts.origin ?? 'com/salesforce/api/rest/63.0',
        };
        const changes = pending.map((p, i) => ({ ...p, ...meta, sequenceNumber: i + 1 }));
        for (const listener of listeners) listener(changes);
      }
      return result;
    },

    get(sobject, id, getOpts = {}) {
      const schema = registry.get(sobject);
      const row = rows.get(id);
      if (!schema || !row || row.sobject !== schema.name) return undefined;
      if (row.deletedAt !== null && !getOpts.includeDeleted) return undefined;
      return { ...row.values } as SfRecord;
    },

    locate(id, getOpts = {}) {
      const row = rows.get(id);
      if (!row || (row.deletedAt !== null && !getOpts.includeDeleted)) return undefined;
      return { sobject: row.sobject, record: { ...row.values } as SfRecord };
    },

    list(sobject, getOpts = {}) {
      const schema = registry.get(sobject);
      if (!schema) return [];
      const out: SfRecord[] = [];
      for (const row of tableOf(schema.name).values()) {
        if (row.deletedAt === null || getOpts.includeDeleted) out.push(row.values as SfRecord);
      }
      return out;
    },

    count(sobject) {
      return store.list(sobject).length;
    },

    findByField(sobject, fieldName, value) {
      const schema = schemaOf(sobject);
      const field = schema.field(fieldName);
      if (!field || value === null || value === undefined) return [];
      if (fieldName === 'Id' || field.name === 'Id') {
        const row = rows.get(String(value));
        return row && row.sobject === schema.name && row.deletedAt === null ? [String(value)] : [];
      }
      const key = normalizeKey(value, field.caseSensitive);
      if (field.unique || field.externalId) {
        return [...(indexes.get(schema.name)?.get(field.name)?.get(key) ?? [])];
      }
      return store
        .list(schema.name)
        .filter((r) => r[field.name] !== null && normalizeKey(r[field.name], field.caseSensitive) === key)
        .map((r) => r.Id);
    },

    compute(sobject, fieldName, record) {
      const fn = schemaOf(sobject).computed[fieldName];
      return fn ? fn(record, store) : undefined;
    },

    childrenOf(sobject, referenceField, parentId) {
      return store.list(sobject).filter((r) => r[referenceField] === parentId);
    },

    deletedBetween(sobject, startMs, endMs) {
      const schema = schemaOf(sobject);
      const out: Array<{ id: string; deletedAt: number }> = [];
      for (const row of tableOf(schema.name).values()) {
        if (row.deletedAt !== null && row.deletedAt >= startMs && row.deletedAt < endMs) {
          out.push({ id: String(row.values.Id), deletedAt: row.deletedAt });
        }
      }
      return out;
    },

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return store;
}
