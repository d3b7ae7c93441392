/**
 * Store engines for tests: every store suite runs once per engine with `describe.each(await storeEngines())`.
 * PostgreSQL comes from TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); each open() gets a
 * fresh random schema, dropped on close. When the server is unreachable the postgres engine is left out with a
 * warning, unless REQUIRE_POSTGRES=1 (CI), where that is an error.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { openStoreHandle } from '../../service/src/store/open-store.ts';
import type { Store } from '../../service/src/store/types.ts';

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
const PROBE_TIMEOUT_S = 3;

export type Row = Record<string, unknown>;

export interface TestStore extends Store {
  readonly secretKey: Buffer;
  /** Plain SQL on the same database (to read raw columns). */
  queryRaw(text: string, params?: unknown[]): Promise<Row[]>;
  /** Close this store without deleting its data and open the same database again, e.g. with another key. */
  reopen(opts: { secretKey: Buffer }): Promise<TestStore>;
}

export interface StoreEngineCase {
  name: 'pglite' | 'postgres';
  /** `durable` (PGlite): a temporary directory instead of memory://, so reopen() is possible. */
  open(opts?: { secretKey?: Buffer; durable?: boolean }): Promise<TestStore>;
}

export function testDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL?.trim() || DEFAULT_TEST_DATABASE_URL;
}

export function createSecretKey(): Buffer {
  return randomBytes(32);
}

async function probePostgres(url: string): Promise<string | undefined> {
  const sql = postgres(url, { max: 1, connect_timeout: PROBE_TIMEOUT_S, onnotice: () => {} });
  try {
    await sql`select 1`;
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`drop schema if exists ${sql(schema)} cascade`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

type Location = { kind: 'pglite'; dataDir?: string } | { kind: 'postgres'; url: string; schema: string };

async function openAt(location: Location, secretKey: Buffer): Promise<TestStore> {
  const handle =
    location.kind === 'pglite'
      ? await openStoreHandle({ dataDir: location.dataDir, secretKey })
      : await openStoreHandle({ databaseUrl: location.url, schema: location.schema, secretKey });
  const { store } = handle;
  let keepData = false;
  const testStore: TestStore = {
    ...store,
    secretKey,
    queryRaw: handle.queryRaw,
    async close() {
      await store.close();
      if (keepData) return;
      if (location.kind === 'postgres') await dropSchema(location.url, location.schema);
      else if (location.dataDir) await rm(location.dataDir, { recursive: true, force: true });
    },
    async reopen(opts) {
      if (location.kind === 'pglite' && !location.dataDir) throw new Error('reopen needs open({ durable: true }) on PGlite');
      keepData = true;
      await testStore.close();
      return openAt(location, opts.secretKey);
    },
  };
  return testStore;
}

export async function storeEngines(): Promise<StoreEngineCase[]> {
  const engines: StoreEngineCase[] = [
    {
      name: 'pglite',
      async open(opts = {}) {
        const dataDir = opts.durable ? await mkdtemp(path.join(tmpdir(), 'ml-connector-store-')) : undefined;
        return openAt({ kind: 'pglite', dataDir }, opts.secretKey ?? createSecretKey());
      },
    },
  ];
  const url = testDatabaseUrl();
  const problem = await probePostgres(url);
  if (problem === undefined) {
    engines.push({
      name: 'postgres',
      async open(opts = {}) {
        const schema = `test_${randomBytes(6).toString('hex')}`;
        return openAt({ kind: 'postgres', url, schema }, opts.secretKey ?? createSecretKey());
      },
    });
  } else if (process.env.REQUIRE_POSTGRES === '1') {
    throw new Error(`REQUIRE_POSTGRES=1 but PostgreSQL at TEST_DATABASE_URL is unreachable: ${problem}`);
  } else {
    console.warn(`\n[store tests] PostgreSQL unreachable (${problem}): running the PGlite engine only.\n`);
  }
  return engines;
}
