import type { Db } from './db.ts';
import type { WithLock } from './locks.ts';

export type Row = Record<string, unknown>;

/** What openStore needs from a driver, once connected and migrated. */
export interface StoreEngine {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  readonly withLock: WithLock;
  /** Plain SQL with $1.. parameters, rows as objects (diagnostics and tests; the repositories use the builder). */
  queryRaw(text: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

/** Migrations ship next to the source (service/drizzle), found from this file rather than the working directory. */
export const MIGRATIONS_FOLDER_URL = new URL('../../drizzle/', import.meta.url);
