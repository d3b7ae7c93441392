import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, openStoreHandle } from '../../service/src/store/open-store.ts';
import { PIDFILE_NAME } from '../../service/src/store/pidfile-lock.ts';
import type { Store } from '../../service/src/store/types.ts';
import { createSecretKey, storeEngines, testDatabaseUrl } from '../helpers/stores.ts';

const engines = await storeEngines();

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

describe('openStore options', () => {
  const secretKey = createSecretKey();

  it('refuses a databaseUrl that is not PostgreSQL, without echoing it', async () => {
    const err = await openStore({ databaseUrl: 'mysql://root:hunter2@db/app', secretKey }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/databaseUrl must start with postgres:\/\//);
    expect((err as Error).message).not.toContain('hunter2');
  });

  it('refuses schema on PGlite and invalid schema names', async () => {
    await expect(openStore({ secretKey, schema: 'x' })).rejects.toThrow(/schema is only supported with PostgreSQL/);
    await expect(openStore({ secretKey, databaseUrl: testDatabaseUrl(), schema: 'Bad-Name' })).rejects.toThrow(/schema "Bad-Name" is not a valid name/);
  });

  it('refuses a key of the wrong size', async () => {
    await expect(openStore({ secretKey: randomBytes(16) })).rejects.toThrow(/32 bytes, got 16/);
  });

  it('reports an unreachable PostgreSQL without the password', async () => {
    const err = await openStore({ databaseUrl: 'postgres://svc:Sup3rSecret@127.0.0.1:1/none', secretKey }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect(String((err as Error).message)).not.toContain('Sup3rSecret');
  });
});

describe('PGlite data directory', () => {
  let dir: string;
  let store: Store | undefined;
  const secretKey = createSecretKey();
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ml-connector-open-'));
  });
  afterAll(async () => {
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the directory, writes a pidfile and persists data across reopen', async () => {
    const dataDir = path.join(dir, 'nested', 'data');
    store = await openStore({ dataDir, secretKey });
    const pidfile = JSON.parse(await readFile(path.join(dataDir, PIDFILE_NAME), 'utf8')) as { pid: number };
    expect(pidfile.pid).toBe(process.pid);
    expect((await readdir(dataDir)).filter((f) => f.startsWith(PIDFILE_NAME))).toEqual([PIDFILE_NAME]);
    await store.cursors.set('persisted', { at: 1 });
    await store.close();
    await expect(readFile(path.join(dataDir, PIDFILE_NAME), 'utf8')).rejects.toThrow(/ENOENT/);

    store = await openStore({ dataDir, secretKey });
    expect(await store.cursors.get('persisted')).toEqual({ at: 1 });
  });

  it('refuses a second open of the same directory while the first is open (same process)', async () => {
    const dataDir = path.join(dir, 'nested', 'data');
    await expect(openStore({ dataDir, secretKey })).rejects.toThrow(/in use by process \d+ \(this process\)/);
    // The refused open must not have removed the owner's pidfile.
    expect(JSON.parse(await readFile(path.join(dataDir, PIDFILE_NAME), 'utf8'))).toMatchObject({ pid: process.pid });
    await store!.close();
    store = await openStore({ dataDir, secretKey });
    await store.close();
    store = undefined;
  });

  it('refuses a directory whose pidfile names another live process', async () => {
    const dataDir = path.join(dir, 'other-owner');
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true });
    await writeFile(path.join(dataDir, PIDFILE_NAME), JSON.stringify({ pid: process.ppid, startedAtMs: 1, host: 'h' }));
    await expect(openStore({ dataDir, secretKey })).rejects.toThrow(
      new RegExp(`in use by process ${process.ppid}; .*delete .*${PIDFILE_NAME}`),
    );
  });

  it('takes over a stale pidfile (dead process, or unreadable content)', async () => {
    // Reuses the (closed) database of the first test: a cold PGlite init costs seconds.
    const dataDir = path.join(dir, 'nested', 'data');
    await writeFile(path.join(dataDir, PIDFILE_NAME), JSON.stringify({ pid: deadPid(), startedAtMs: 1, host: 'h' }));
    store = await openStore({ dataDir, secretKey });
    expect(JSON.parse(await readFile(path.join(dataDir, PIDFILE_NAME), 'utf8'))).toMatchObject({ pid: process.pid });
    await store.close();

    await writeFile(path.join(dataDir, PIDFILE_NAME), 'garbage');
    store = await openStore({ dataDir, secretKey });
    await store.close();
    store = undefined;
  });

  it('takes over a pidfile with our pid but another start time (a restarted container reusing the pid)', async () => {
    const dataDir = path.join(dir, 'nested', 'data');
    await writeFile(path.join(dataDir, PIDFILE_NAME), JSON.stringify({ pid: process.pid, startedAtMs: 1, host: 'h' }));
    store = await openStore({ dataDir, secretKey });
    await store.close();
    store = undefined;
  });
});

describe.each(engines.filter((e) => e.name === 'postgres'))('schema isolation on $name', () => {
  const url = testDatabaseUrl();
  const schema = `test_open_${randomBytes(5).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  afterAll(async () => {
    await admin`drop schema if exists ${admin(schema)} cascade`;
    await admin.end();
  });

  it('replicas opening a fresh schema together both migrate it safely, with everything inside the schema', async () => {
    const secretKey = createSecretKey();
    const [a, b] = await Promise.all([
      openStoreHandle({ databaseUrl: url, schema, secretKey }),
      openStoreHandle({ databaseUrl: url, schema, secretKey }),
    ]);
    try {
      await a.store.cursors.set('shared', { from: 'a' });
      expect(await b.store.cursors.get('shared')).toEqual({ from: 'a' });
      const tables = await admin<{ table_name: string }[]>`
        select table_name from information_schema.tables where table_schema = ${schema} order by table_name`;
      expect(tables.map((t) => t.table_name)).toEqual([
        '__drizzle_migrations',
        'audit_events',
        'connections',
        'cursors',
        'flow_states',
        'jobs',
        'parked_records',
        'push_receipts',
        'push_subscriptions',
        'record_links',
        'runs',
      ]);
      // Every migration once (0000 init, 0001 push tables, 0002 BC subscriptions out of the cursors), not twice.
      const [applied] = await admin<{ n: number }[]>`select count(*)::int as n from ${admin(schema)}.__drizzle_migrations`;
      expect(applied?.n).toBe(3);
    } finally {
      await a.store.close();
      await b.store.close();
    }
  });
});
