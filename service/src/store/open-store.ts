import { silentLogger, type Logger } from '../lib/logger.ts';
import { createOps } from './create-ops.ts';
import type { Row, StoreEngine } from './engine.ts';
import { openPgliteEngine } from './open-pglite.ts';
import { isPostgresUrl, openPostgresEngine } from './open-postgres.ts';
import { createSecretBox } from './secret-box.ts';
import type { Store } from './types.ts';

export interface OpenStoreOptions {
  /** postgres:// or postgresql:// → PostgreSQL; absent or empty → PGlite. */
  databaseUrl?: string;
  /** PGlite only: a directory for a persistent database (pidfile-locked), or memory:// (the default). */
  dataDir?: string;
  /** 32-byte key sealing connection secrets (see parseSecretKey). */
  secretKey: Buffer;
  /** Older keys still accepted for reading, after a key rotation. */
  previousSecretKeys?: Buffer[];
  /** PostgreSQL only: run everything inside this schema (tests isolate parallel suites this way). */
  schema?: string;
  logger?: Logger;
}

export interface StoreHandle {
  store: Store;
  /** Plain SQL against the same database (diagnostics, tests reading raw columns). */
  queryRaw(text: string, params?: unknown[]): Promise<Row[]>;
}

export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  return (await openStoreHandle(opts)).store;
}

export async function openStoreHandle(opts: OpenStoreOptions): Promise<StoreHandle> {
  const logger = opts.logger ?? silentLogger();
  const box = createSecretBox(opts.secretKey, { previousKeys: opts.previousSecretKeys ?? [] });
  const url = opts.databaseUrl?.trim() || undefined;
  let engine: StoreEngine;
  if (isPostgresUrl(url)) {
    if (opts.dataDir !== undefined) logger.warn('dataDir is ignored: the store uses PostgreSQL (databaseUrl)');
    engine = await openPostgresEngine({ databaseUrl: url, schema: opts.schema, logger });
  } else if (url !== undefined) {
    throw new Error('databaseUrl must start with postgres:// or postgresql:// (leave it unset to use embedded PGlite)');
  } else {
    if (opts.schema !== undefined) throw new Error('schema is only supported with PostgreSQL (databaseUrl)');
    engine = await openPgliteEngine({ dataDir: opts.dataDir, logger });
  }
  return { store: createStore(engine, box), queryRaw: engine.queryRaw };
}

function createStore(engine: StoreEngine, box: ReturnType<typeof createSecretBox>): Store {
  return {
    kind: engine.kind,
    ...createOps(engine.db, box),
    // Inside fn, use `tx` only: on PGlite (one session) a call through the store itself would queue behind the
    // open transaction and never run.
    transaction: (fn) => engine.db.transaction((tx) => fn(createOps(tx, box))),
    withLock: engine.withLock,
    async ping() {
      await engine.queryRaw('select 1');
    },
    close: () => engine.close(),
  };
}
