/**
 * Single-owner guard for a PGlite data directory. PGlite keeps no lock file of its own and a second instance on
 * the same directory opens without error and corrupts it (TOOLCHAIN §2), so we keep our own pidfile.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';

export const PIDFILE_NAME = 'ml-connector.pid';

export interface DirLock {
  readonly file: string;
  release(): Promise<void>;
}

interface PidfileContent {
  pid: number;
  /** Start time of the owning process; a restarted container can reuse its pid, this tells the two apart. */
  startedAtMs: number;
  host: string;
}

export class DirLockedError extends Error {
  override readonly name = 'DirLockedError';
}

function describeSelf(): PidfileContent {
  return { pid: process.pid, startedAtMs: Math.round(Date.now() - process.uptime() * 1000), host: hostname() };
}

/** Start times are derived from uptime, so allow for rounding and clock adjustments between two readings. */
const START_TIME_TOLERANCE_MS = 2000;

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parsePidfile(text: string): PidfileContent | undefined {
  try {
    const value = JSON.parse(text) as Partial<PidfileContent>;
    if (typeof value.pid === 'number' && Number.isInteger(value.pid) && value.pid > 0) {
      return { pid: value.pid, startedAtMs: Number(value.startedAtMs ?? 0), host: String(value.host ?? '') };
    }
  } catch {
    // Unreadable content is treated as stale below.
  }
  return undefined;
}

/** True when the recorded owner is still running and could be using the directory. */
function isHolderLive(holder: PidfileContent, self: PidfileContent): boolean {
  if (holder.pid === self.pid) {
    // Our own pid: either this process opened the directory already, or a previous life of a container reused it.
    return Math.abs(holder.startedAtMs - self.startedAtMs) <= START_TIME_TOLERANCE_MS;
  }
  return isProcessAlive(holder.pid);
}

/** Take the pidfile in `dir` (created if missing), taking over a stale one; refuse while a live process holds it. */
export async function acquireDirLock(dir: string): Promise<DirLock> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, PIDFILE_NAME);
  const self = describeSelf();
  // Write the content to a private file, then link() it into place: the pidfile appears atomically with its
  // content (link fails with EEXIST if one exists), so a process starting at the same moment never reads it empty.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(draft, JSON.stringify(self), { mode: 0o644 });
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await tryLink(draft, file)) return { file, release: () => releasePidfile(file, self) };
      await refuseIfHeld(dir, file, self);
      // Stale (dead owner or unreadable): remove it and race for the name again. Two processes taking over the
      // same stale file at the same instant remains a (narrow) race; starting two services at once on one
      // directory is a deployment mistake this guard reports in every other case.
      await unlink(file).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
    }
  } finally {
    await unlink(draft).catch(() => {});
  }
  throw new DirLockedError(`could not take the lock file ${file}: other processes keep recreating it`);
}

async function tryLink(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

async function refuseIfHeld(dir: string, file: string, self: PidfileContent): Promise<void> {
  const holder = parsePidfile(await readFile(file, 'utf8').catch(() => ''));
  if (holder && isHolderLive(holder, self)) {
    throw new DirLockedError(
      `the PGlite data directory ${dir} is in use by process ${holder.pid}` +
        `${holder.pid === self.pid ? ' (this process)' : ''}; two processes on one directory corrupt it. ` +
        `Stop the other process, or delete ${file} if it is not running.`,
    );
  }
}

async function releasePidfile(file: string, self: PidfileContent): Promise<void> {
  const holder = parsePidfile(await readFile(file, 'utf8').catch(() => ''));
  // Only remove our own file: after a forced takeover the file may now belong to someone else.
  if (holder && holder.pid === self.pid && holder.startedAtMs === self.startedAtMs) await unlink(file).catch(() => {});
}
