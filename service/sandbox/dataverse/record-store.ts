/**
 * Rows per table, keyed by primary id. Every write takes the next value of one organization-wide row-version
 * counter (`versionnumber`, behind the etag `W/"<versionnumber>"`, FACTS §4 [V]); deletes leave a tombstone with
 * their own version so change tracking can answer `$deletedEntity` rows (FACTS 4.1 #5). Rows hold logical column
 * values; lookups are `{ table, id }`; datetimes are epoch milliseconds.
 */
export type Row = Record<string, unknown>;

export interface LookupValue {
  table: string;
  id: string;
}

export interface Tombstone {
  table: string;
  id: string;
  version: number;
  at: number;
}

export interface RecordStore {
  get(table: string, id: string): Row | undefined;
  list(table: string): Row[];
  /** Insert or replace a row; stamps the next versionnumber and returns the stored copy. */
  put(table: string, id: string, row: Row): Row;
  remove(table: string, id: string, at: number): boolean;
  /** Rows written (still present) and tombstones left after `version`, oldest first. */
  changesSince(table: string, version: number): { rows: Row[]; deleted: Tombstone[] };
  currentVersion(): number;
}

export function createRecordStore(initialVersion = 1_000_000): RecordStore {
  const tables = new Map<string, Map<string, Row>>();
  const tombstones: Tombstone[] = [];
  let versionSeq = initialVersion;

  const rowsOf = (table: string): Map<string, Row> => {
    let rows = tables.get(table);
    if (!rows) {
      rows = new Map();
      tables.set(table, rows);
    }
    return rows;
  };

  return {
    get(table, id) {
      const row = rowsOf(table).get(id.toLowerCase());
      return row ? structuredClone(row) : undefined;
    },
    list: (table) => [...rowsOf(table).values()].map((r) => structuredClone(r)),
    put(table, id, row) {
      const stored = { ...structuredClone(row), versionnumber: ++versionSeq };
      rowsOf(table).set(id.toLowerCase(), stored);
      return structuredClone(stored);
    },
    remove(table, id, at) {
      if (!rowsOf(table).delete(id.toLowerCase())) return false;
      tombstones.push({ table, id: id.toLowerCase(), version: ++versionSeq, at });
      return true;
    },
    changesSince(table, version) {
      const rows = [...rowsOf(table).values()]
        .filter((r) => (r.versionnumber as number) > version)
        .sort((a, b) => (a.versionnumber as number) - (b.versionnumber as number))
        .map((r) => structuredClone(r));
      const deleted = tombstones.filter((t) => t.table === table && t.version > version).map((t) => ({ ...t }));
      return { rows, deleted };
    },
    currentVersion: () => versionSeq,
  };
}
