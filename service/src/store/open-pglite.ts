import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import type { Logger } from '../lib/logger.ts';
import type { Db } from './db.ts';
import { MIGRATIONS_FOLDER_URL, type Row, type StoreEngine } from './engine.ts';
import { createLocalLocks } from './locks.ts';
import { acquireDirLock, type DirLock } from './pidfile-lock.ts';
import * as tables from './schema.ts';

const IN_MEMORY = 'memory://';

/** `dataDir`: a directory path (or file:// URL) for a persistent database, `memory://` (default) for a throwaway one. */
export async function openPgliteEngine(opts: { dataDir?: string; logger: Logger }): Promise<StoreEngine> {
  const dataDir = opts.dataDir?.trim() || IN_MEMORY;
  const inMemory = dataDir.startsWith(IN_MEMORY);
  const dir = inMemory ? undefined : path.resolve(dataDir.startsWith('file://') ? fileURLToPath(dataDir) : dataDir);
  if (dir === undefined && dataDir !== IN_MEMORY) {
    throw new Error(`dataDir "${dataDir}" is not supported: use a directory path or ${IN_MEMORY}`);
  }

  const dirLock: DirLock | undefined = dir === undefined ? undefined : await acquireDirLock(dir);
  let client: PGlite | undefined;
  try {
    client = await PGlite.create(dir ?? IN_MEMORY);
    const db = drizzle(client, { schema: tables });
    await migrate(db, { migrationsFolder: fileURLToPath(MIGRATIONS_FOLDER_URL) });
    opts.logger.info({ engine: 'pglite', dataDir: dir ?? IN_MEMORY }, 'store opened');
    const pg = client;
    let closed = false;
    return {
      kind: 'pglite',
      db: db as unknown as Db,
      withLock: createLocalLocks(),
      async queryRaw(text, params = []) {
        const result = await pg.query<Row>(text, params);
        return result.rows;
      },
      async close() {
        if (closed) return;
        closed = true;
        try {
          await pg.close();
        } finally {
          await dirLock?.release();
        }
      },
    };
  } catch (err) {
    await client?.close().catch(() => {});
    await dirLock?.release();
    throw err;
  }
}
