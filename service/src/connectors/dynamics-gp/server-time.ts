/**
 * The GP SQL server's local calendar. GP writes ModifiedDate/CreatedDate with the SQL server's local date
 * and DEX_ROW_TS in UTC (GP-DOMAIN §5), so a date-only value must be read in the server's time zone — never
 * converted through the connector's own zone.
 */

export interface ServerTime {
  /** Server-local calendar date (YYYY-MM-DD) of an instant. */
  localDate(epochMs: number): string;
  /** Offset of server-local time from UTC at an instant, in minutes. */
  offsetMinutes(epochMs: number): number;
}

export function createServerTime(zone: { timezone?: string; utcOffsetMinutes?: number }): ServerTime {
  if (zone.timezone !== undefined) {
    const fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone.timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    const parts = (ms: number) => Object.fromEntries(fmt.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
    return {
      localDate(ms) {
        const p = parts(ms);
        return `${p.year}-${p.month}-${p.day}`;
      },
      offsetMinutes(ms) {
        const p = parts(ms);
        const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
        return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
      },
    };
  }
  const offset = zone.utcOffsetMinutes ?? 0;
  return {
    localDate: (ms) => new Date(ms + offset * 60_000).toISOString().slice(0, 10),
    offsetMinutes: () => offset,
  };
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
