import type { EncodedEvent } from './change-events.ts';

export interface StoredEvent extends EncodedEvent {
  replayId: bigint;
  storedAt: number;
}

export interface EventLog {
  append(event: EncodedEvent): StoredEvent;
  /** The newest replay id ever issued (0 before the first event). */
  latest(): bigint;
  /** Retained events after `position` (exclusive) whose entity passes `accepts`, oldest first. */
  after(position: bigint, accepts: (entityName: string) => boolean, limit: number): StoredEvent[];
  /** The position just before the oldest retained event (EARLIEST starts here). */
  earliestPosition(): bigint;
  /** True if `replayId` was issued and its event is still within retention (CUSTOM replay may start after it). */
  isReplayable(replayId: bigint): boolean;
  purgeExpired(): number;
  size(): number;
}

/** Replay ids are 8-byte big-endian opaque bytes on the wire (FACTS 1.3 #1); the emulator counts from a base. */
export function encodeReplayId(replayId: bigint): Buffer {
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64BE(replayId);
  return buf;
}

export function decodeReplayId(bytes: Uint8Array | undefined): bigint | undefined {
  if (!bytes || bytes.length !== 8) return undefined;
  return Buffer.from(bytes).readBigUInt64BE();
}

/**
 * The org's event bus for CDC: one ordered log, events kept for `retentionMs` (72 h by default; FACTS 1.1 [U],
 * seed 003). Issue times are remembered after purge so a stale CUSTOM replay id is recognised as such.
 */
export function createEventLog(opts: { retentionMs: number; now: () => number; firstReplayId?: bigint }): EventLog {
  const events: StoredEvent[] = [];
  const issuedAt = new Map<bigint, number>();
  let last = (opts.firstReplayId ?? 1000n) - 1n;
  let issued = false;

  const log: EventLog = {
    append(event) {
      last += 1n;
      issued = true;
      const stored: StoredEvent = { ...event, replayId: last, storedAt: opts.now() };
      events.push(stored);
      issuedAt.set(last, stored.storedAt);
      return stored;
    },
    latest: () => (issued ? last : 0n),
    after(position, accepts, limit) {
      log.purgeExpired();
      const out: StoredEvent[] = [];
      for (const event of events) {
        if (out.length >= limit) break;
        if (event.replayId > position && accepts(event.entityName)) out.push(event);
      }
      return out;
    },
    earliestPosition() {
      log.purgeExpired();
      const first = events[0];
      return first ? first.replayId - 1n : log.latest();
    },
    isReplayable(replayId) {
      const at = issuedAt.get(replayId);
      return at !== undefined && opts.now() - at <= opts.retentionMs;
    },
    purgeExpired() {
      const cutoff = opts.now() - opts.retentionMs;
      let n = 0;
      while (events.length > 0 && (events[0] as StoredEvent).storedAt < cutoff) {
        events.shift();
        n++;
      }
      return n;
    },
    size: () => events.length,
  };
  return log;
}
