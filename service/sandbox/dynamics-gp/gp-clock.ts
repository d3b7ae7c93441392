/**
 * The emulated GP SQL Server's clock. GP stamps master/document dates (CREATDDT, MODIFDT) with the SQL
 * server's *local* date and DEX_ROW_TS with UTC (GP-DOMAIN §5), so the emulator needs both: an instant (real
 * or frozen, shiftable) and a fixed UTC offset for "server local".
 */

export interface GpClockState {
  /** The instant the clock shows now (ISO, UTC). */
  now: string;
  frozen: boolean;
  utcOffsetMinutes: number;
}

export interface GpClock {
  /** Epoch ms. */
  now(): number;
  /** Server-local date (YYYY-MM-DD) of an instant (default: now). */
  localDate(epochMs?: number): string;
  /** DEX_ROW_TS for now: UTC, rounded to SQL datetime's 1/300 s ticks. */
  rowTimestamp(): number;
  set(change: { now?: string | number | null; advanceMs?: number; utcOffsetMinutes?: number }): GpClockState;
  state(): GpClockState;
}

const MS_PER_MINUTE = 60_000;

/** SQL Server datetime keeps 1/300 s: milliseconds end in 0, 3 or 7 (GP-DOMAIN §5 "~3 ms resolution"). */
export function roundToSqlDatetime(epochMs: number): number {
  const second = Math.floor(epochMs / 1000) * 1000;
  const ticks = Math.round((epochMs - second) * 0.3);
  return second + Math.round((ticks * 10) / 3);
}

export function createGpClock(opts: { utcOffsetMinutes?: number; now?: () => number } = {}): GpClock {
  const realNow = opts.now ?? Date.now;
  let utcOffsetMinutes = opts.utcOffsetMinutes ?? 0;
  let frozenAt: number | undefined;
  let shiftMs = 0;

  const now = () => (frozenAt ?? realNow()) + shiftMs;
  const clock: GpClock = {
    now,
    localDate(epochMs = now()) {
      return new Date(epochMs + utcOffsetMinutes * MS_PER_MINUTE).toISOString().slice(0, 10);
    },
    rowTimestamp: () => roundToSqlDatetime(now()),
    set(change) {
      if (change.utcOffsetMinutes !== undefined) {
        if (!Number.isInteger(change.utcOffsetMinutes) || Math.abs(change.utcOffsetMinutes) > 14 * 60) {
          throw new RangeError('utcOffsetMinutes must be an integer between -840 and 840');
        }
        utcOffsetMinutes = change.utcOffsetMinutes;
      }
      if (change.now === null) {
        frozenAt = undefined;
        shiftMs = 0;
      } else if (change.now !== undefined) {
        const at = typeof change.now === 'number' ? change.now : Date.parse(change.now);
        if (Number.isNaN(at)) throw new RangeError(`clock: "${String(change.now)}" is not a date-time`);
        frozenAt = at;
        shiftMs = 0;
      }
      if (change.advanceMs !== undefined) shiftMs += change.advanceMs;
      return clock.state();
    },
    state: () => ({ now: new Date(now()).toISOString(), frozen: frozenAt !== undefined, utcOffsetMinutes }),
  };
  return clock;
}
