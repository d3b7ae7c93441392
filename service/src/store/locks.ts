/**
 * Store.withLock for both engines. PostgreSQL: a session advisory lock on a reserved connection, so it is
 * cluster-wide and dies with the session if the process does. PGlite has one session, where advisory locks are
 * always granted (TOOLCHAIN §2), so it gets an in-process lock table instead; the pidfile makes that process the
 * only user of the data directory.
 */
import { createHash } from 'node:crypto';
import type { Sql } from 'postgres';

export type LockResult<T> = { acquired: true; value: T } | { acquired: false };
export type WithLock = <T>(key: string, fn: () => Promise<T>) => Promise<LockResult<T>>;

/** A stable signed 64-bit key (as decimal text) for pg_*_advisory_lock; `namespace` separates installations. */
export function hashLockKey(namespace: string, key: string): string {
  return createHash('sha256').update(`${namespace}\0${key}`).digest().readBigInt64BE(0).toString();
}

export function createLocalLocks(): WithLock {
  const held = new Set<string>();
  return async (key, fn) => {
    if (held.has(key)) return { acquired: false };
    held.add(key);
    try {
      return { acquired: true, value: await fn() };
    } finally {
      held.delete(key);
    }
  };
}

export function createAdvisoryLocks(sql: Sql, namespace: string): WithLock {
  return async (key, fn) => {
    const lockKey = hashLockKey(namespace, key);
    const session = await sql.reserve();
    try {
      const [row] = await session<{ ok: boolean }[]>`select pg_try_advisory_lock(${lockKey}::bigint) as ok`;
      if (!row?.ok) return { acquired: false };
      try {
        return { acquired: true, value: await fn() };
      } finally {
        await session`select pg_advisory_unlock(${lockKey}::bigint)`;
      }
    } finally {
      session.release();
    }
  };
}

/** Block until the lock is free (used around migrations so replicas starting together migrate one at a time). */
export async function runExclusively<T>(sql: Sql, namespace: string, key: string, fn: () => Promise<T>): Promise<T> {
  const lockKey = hashLockKey(namespace, key);
  const session = await sql.reserve();
  try {
    await session`select pg_advisory_lock(${lockKey}::bigint)`;
    try {
      return await fn();
    } finally {
      await session`select pg_advisory_unlock(${lockKey}::bigint)`;
    }
  } finally {
    session.release();
  }
}
