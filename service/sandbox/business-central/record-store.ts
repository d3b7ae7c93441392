import type { SandboxClock } from './clock.ts';
import { isoAt } from './clock.ts';

export type ChangeType = 'created' | 'updated' | 'deleted';

export interface StoreChange {
  entitySet: string;
  id: string;
  changeType: ChangeType;
  lastModifiedDateTime: string;
}

export type ChangeListener = (change: StoreChange) => void;

interface Row {
  data: Record<string, unknown>;
  /** Row version behind the etag; bumped on every write. */
  version: number;
}

export interface RecordStore {
  list(entitySet: string): Record<string, unknown>[];
  get(entitySet: string, id: string): Record<string, unknown> | undefined;
  etag(entitySet: string, id: string): string | undefined;
  insert(entitySet: string, data: Record<string, unknown>): Record<string, unknown>;
  /** Merge `patch` into the row; stamps lastModifiedDateTime (when the entity has one) and a new etag. */
  update(entitySet: string, id: string, patch: Record<string, unknown>): Record<string, unknown>;
  remove(entitySet: string, id: string): boolean;
  onChange(listener: ChangeListener): () => void;
}

/**
 * Rows per entity set, with etags and lastModifiedDateTime stamped from the sandbox clock. Several writes in the
 * same millisecond share a timestamp, exactly the ties a lastModifiedDateTime poll must survive.
 */
export function createRecordStore(clock: SandboxClock): RecordStore {
  const sets = new Map<string, Map<string, Row>>();
  const listeners = new Set<ChangeListener>();
  let versionSeq = 1_000_000;

  const rowsOf = (entitySet: string): Map<string, Row> => {
    let rows = sets.get(entitySet);
    if (!rows) {
      rows = new Map();
      sets.set(entitySet, rows);
    }
    return rows;
  };
  const emit = (change: StoreChange): void => {
    for (const l of listeners) l(change);
  };
  const stampOf = (data: Record<string, unknown>): string =>
    typeof data.lastModifiedDateTime === 'string' ? data.lastModifiedDateTime : isoAt(clock.now());

  return {
    list: (entitySet) => [...rowsOf(entitySet).values()].map((r) => structuredClone(r.data)),
    get(entitySet, id) {
      const row = rowsOf(entitySet).get(id);
      return row ? structuredClone(row.data) : undefined;
    },
    etag(entitySet, id) {
      const row = rowsOf(entitySet).get(id);
      if (!row) return undefined;
      // Shaped like BC's weak etags (W/"JzQ0O...MDsn"): base64 of a quoted row-version string.
      const inner = `'${String(row.version).length};${row.version}0;'`;
      return `W/"${Buffer.from(inner).toString('base64')}"`;
    },
    insert(entitySet, data) {
      const id = String(data.id);
      const rows = rowsOf(entitySet);
      if (rows.has(id)) throw new Error(`record ${entitySet}(${id}) already exists`);
      const row: Row = { data: structuredClone(data), version: ++versionSeq };
      if ('lastModifiedDateTime' in row.data) row.data.lastModifiedDateTime = isoAt(clock.now());
      rows.set(id, row);
      emit({ entitySet, id, changeType: 'created', lastModifiedDateTime: stampOf(row.data) });
      return structuredClone(row.data);
    },
    update(entitySet, id, patch) {
      const row = rowsOf(entitySet).get(id);
      if (!row) throw new Error(`record ${entitySet}(${id}) does not exist`);
      Object.assign(row.data, structuredClone(patch));
      if ('lastModifiedDateTime' in row.data) row.data.lastModifiedDateTime = isoAt(clock.now());
      row.version = ++versionSeq;
      emit({ entitySet, id, changeType: 'updated', lastModifiedDateTime: stampOf(row.data) });
      return structuredClone(row.data);
    },
    remove(entitySet, id) {
      const rows = rowsOf(entitySet);
      if (!rows.delete(id)) return false;
      emit({ entitySet, id, changeType: 'deleted', lastModifiedDateTime: isoAt(clock.now()) });
      return true;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
