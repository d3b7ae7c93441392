/**
 * A GP company database (e.g. "Fabrikam, Inc." in database TWO, GP-DOMAIN §1). Resources keep their tables
 * in it by GP table name (RM00101, RM00201, ...), so new modules add tables without touching this file.
 */

export interface GpTable<R> {
  /** Bumped on every write; lets readers cache sorted views. */
  readonly version: number;
  get(key: string): R | undefined;
  set(key: string, row: R): void;
  delete(key: string): boolean;
  values(): R[];
  readonly size: number;
}

export function createGpTable<R>(): GpTable<R> {
  const rows = new Map<string, R>();
  let version = 0;
  return {
    get version() {
      return version;
    },
    get: (key) => rows.get(key),
    set(key, row) {
      rows.set(key, row);
      version += 1;
    },
    delete(key) {
      const had = rows.delete(key);
      if (had) version += 1;
      return had;
    },
    values: () => [...rows.values()],
    get size() {
      return rows.size;
    },
  };
}

export interface GpCompany {
  /** Company name as shown in GP and used in SBA URLs (`Companies(Fabrikam, Inc.)`). */
  readonly name: string;
  /** SQL database name (INTERID), e.g. TWO. */
  readonly database: string;
  /** Functional currency and its decimals (MC40000.FUNLCURR; decimals = DECPLCUR - 1, GP-DOMAIN §2). */
  readonly currency: { id: string; decimals: number };
  table<R>(name: string): GpTable<R>;
}

export function createGpCompany(opts: { name: string; database: string; currency?: { id: string; decimals: number } }): GpCompany {
  const tables = new Map<string, GpTable<unknown>>();
  return {
    name: opts.name,
    database: opts.database,
    currency: opts.currency ?? { id: 'Z-US$', decimals: 2 },
    table<R>(name: string): GpTable<R> {
      let t = tables.get(name);
      if (!t) {
        t = createGpTable<unknown>();
        tables.set(name, t);
      }
      return t as GpTable<R>;
    },
  };
}

/** Finds a company by its name or its database name, case-insensitively (SQL CI collation). */
export function findCompany(companies: GpCompany[], ref: string): GpCompany | undefined {
  const r = ref.toUpperCase();
  return companies.find((c) => c.name.toUpperCase() === r || c.database.toUpperCase() === r);
}
