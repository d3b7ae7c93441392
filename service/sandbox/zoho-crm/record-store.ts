/**
 * One org's records, per module, plus what was deleted (the recycle bin and permanently deleted ids, as
 * GET /{module}/deleted reports them [V]). Values are kept normalised: lookups and the owner as ids (rendered as
 * `{name, id}` with the target's current name), subform rows as `{id, values}`, times as epoch ms truncated to the
 * second. Record changes are published as batches — one per API write call and module — for the notifier.
 */
export interface SubformRow {
  id: string;
  values: Record<string, unknown>;
}

export interface StoredRecord {
  id: string;
  module: string;
  values: Record<string, unknown>;
  ownerId: string;
  createdById: string;
  modifiedById: string;
  createdAt: number;
  modifiedAt: number;
  /** Monotonic write order, the tie-breaker for same-second records. */
  seq: number;
  locked: boolean;
}

export interface DeletedRecord {
  id: string;
  module: string;
  displayName: string | null;
  createdById: string;
  deletedById: string;
  deletedAt: number;
  type: 'recycle' | 'permanent';
}

export type ChangeOperation = 'insert' | 'update' | 'delete';

export interface RecordChange {
  module: string;
  operation: ChangeOperation;
  ids: string[];
  /** Field API names whose value the change set (for insert: every field given). */
  affectedFields: Record<string, string[]>;
  /** Values after the change, for channels that ask for return_affected_field_values. */
  affectedValues: Record<string, Record<string, unknown>>;
}

export type ChangeListener = (change: RecordChange) => void;

export interface RecordStore {
  get(module: string, id: string): StoredRecord | undefined;
  list(module: string): StoredRecord[];
  findAnywhere(id: string): StoredRecord | undefined;
  put(record: StoredRecord): void;
  remove(module: string, id: string, deleted: DeletedRecord): void;
  deleted(module: string): DeletedRecord[];
  purgeRecycleBin(module?: string): number;
  nextSeq(): number;
  publish(change: RecordChange): void;
  onChange(listener: ChangeListener): () => void;
}

export function createRecordStore(): RecordStore {
  const modules = new Map<string, Map<string, StoredRecord>>();
  const deletedByModule = new Map<string, DeletedRecord[]>();
  const listeners = new Set<ChangeListener>();
  let seq = 0;

  const rowsOf = (module: string): Map<string, StoredRecord> => {
    let rows = modules.get(module);
    if (!rows) {
      rows = new Map();
      modules.set(module, rows);
    }
    return rows;
  };

  return {
    get: (module, id) => rowsOf(module).get(id),
    list: (module) => [...rowsOf(module).values()],
    findAnywhere(id) {
      for (const rows of modules.values()) {
        const r = rows.get(id);
        if (r) return r;
      }
      return undefined;
    },
    put(record) {
      rowsOf(record.module).set(record.id, record);
    },
    remove(module, id, deleted) {
      rowsOf(module).delete(id);
      deletedByModule.set(module, [...(deletedByModule.get(module) ?? []), deleted]);
    },
    deleted: (module) => [...(deletedByModule.get(module) ?? [])],
    purgeRecycleBin(module) {
      let n = 0;
      for (const [name, list] of deletedByModule) {
        if (module !== undefined && name !== module) continue;
        for (const d of list) {
          if (d.type === 'recycle') {
            // Zoho forgets who and what once a record leaves the recycle bin (GET deleted example [V]).
            d.type = 'permanent';
            d.displayName = null;
            n += 1;
          }
        }
      }
      return n;
    },
    nextSeq: () => ++seq,
    publish(change) {
      if (change.ids.length === 0) return;
      for (const l of listeners) l(change);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
