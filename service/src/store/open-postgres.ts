import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { Logger } from '../lib/logger.ts';
import type { Db } from './db.ts';
import { MIGRATIONS_FOLDER_URL, type Row, type StoreEngine } from './engine.ts';
import { createAdvisoryLocks, runExclusively } from './locks.ts';
import * as tables from './schema.ts';

/** Connections per process; withLock holds one for as long as its callback runs. */
export const POSTGRES_POOL_MAX = 10;
const CONNECT_TIMEOUT_S = 10;
const CLOSE_TIMEOUT_S = 5;
const MIGRATIONS_LOCK_KEY = 'ml-connector:migrations';
/** Lower-case identifiers only, so the name needs no quoting in search_path. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url.trim());
}

/**
 * `schema`: keep every table, and drizzle's migrations table, inside this Postgres schema (created if missing);
 * search_path is set at connection start-up, so it holds on every pooled connection.
 */
export async function openPostgresEngine(opts: { databaseUrl: string; schema?: string; logger: Logger }): Promise<StoreEngine> {
  const { schema, logger } = opts;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`schema "${schema}" is not a valid name: use lower-case letters, digits and _ (at most 63)`);
  }
  const sql = postgres(opts.databaseUrl.trim(), {
    max: POSTGRES_POOL_MAX,
    connect_timeout: CONNECT_TIMEOUT_S,
    // postgres.js prints NOTICEs (e.g. "schema already exists") to the console unless told otherwise.
    onnotice: (notice) => logger.debug({ notice: notice.message }, 'postgres notice'),
    ...(schema === undefined ? {} : { connection: { search_path: schema } }),
  });
  try {
    const db = drizzle(sql, { schema: tables });
    const namespace = schema ?? '';
    // Replicas starting together would race on CREATE SCHEMA and on the migrations table.
    await runExclusively(sql, namespace, MIGRATIONS_LOCK_KEY, async () => {
      if (schema !== undefined) await sql`create schema if not exists ${sql(schema)}`;
      await migrate(db, {
        migrationsFolder: fileURLToPath(MIGRATIONS_FOLDER_URL),
        ...(schema === undefined ? {} : { migrationsSchema: schema }),
      });
    });
    logger.info({ engine: 'postgres', schema: schema ?? 'public' }, 'store opened');
    let closed = false;
    return {
      kind: 'postgres',
      db: db as unknown as Db,
      withLock: createAdvisoryLocks(sql, namespace),
      async queryRaw(text, params = []) {
        return (await sql.unsafe<Row[]>(text, params as postgres.ParameterOrJSON<never>[])) as Row[];
      },
      async close() {
        if (closed) return;
        closed = true;
        await sql.end({ timeout: CLOSE_TIMEOUT_S });
      },
    };
  } catch (err) {
    await sql.end({ timeout: CLOSE_TIMEOUT_S }).catch(() => {});
    throw err;
  }
}
