/**
 * The drizzle handle every repository works on. PGlite and postgres.js databases (and their transactions, which
 * extend PgDatabase) are all assignable to it (TOOLCHAIN §2), so one repository implementation serves both engines.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Upper bound on values bound in one `IN (...)` list; PostgreSQL allows 65,535 parameters per statement. */
export const MAX_IDS_PER_STATEMENT = 1000;

/** Split `items` into chunks of at most `size` (keeps large id lists under the parameter limit). */
export function chunkItems<T>(items: readonly T[], size: number = MAX_IDS_PER_STATEMENT): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Clamp a caller's page size: undefined → fallback, otherwise an integer in [1, max]. */
export function clampLimit(limit: number | undefined, fallback: number, max: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.min(max, Math.max(1, Math.floor(limit)));
}

/** The database clock, so every timestamp the store writes comes from one clock across replicas. */
export function sqlNow(): SQL<Date> {
  return sql<Date>`now()`;
}

/** `excluded.<column>` for ON CONFLICT DO UPDATE: the value the conflicting insert proposed. */
export function sqlExcluded(column: PgColumn): SQL {
  return sql.raw(`excluded."${column.name}"`);
}
