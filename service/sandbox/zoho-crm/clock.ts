/**
 * The sandbox's time: real time plus an offset tests advance (token expiry, channel expiry, the 24 h credit
 * window, page-token expiry). Zoho stamps record times to the second, in the org's time zone, as ISO-8601 with
 * an offset (FACTS §5.1 #12 [V]: `2025-01-10T10:15:30+05:30`); the emulator does the same with a fixed offset.
 */
export interface SandboxClock {
  now(): number;
  advance(ms: number): void;
}

export function createSandboxClock(base: () => number = Date.now): SandboxClock {
  let offsetMs = 0;
  return {
    now: () => base() + offsetMs,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance needs a non-negative number of milliseconds, got ${ms}`);
      offsetMs += ms;
    },
  };
}

const MINUTE_MS = 60_000;

/** Whole seconds: Zoho's Created_Time / Modified_Time carry no milliseconds, so same-second writes tie. */
export function truncateToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `2025-01-10T10:15:30+05:30` for an instant shown in a zone `offsetMinutes` east of UTC. */
export function formatZohoDateTime(ms: number, offsetMinutes: number): string {
  const local = new Date(truncateToSecond(ms) + offsetMinutes * MINUTE_MS);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an ISO-8601 date-time that carries an offset (or Z); anything else is undefined. */
export function parseZohoDateTime(text: string): number | undefined {
  const m = ISO_WITH_OFFSET.exec(text);
  if (!m) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function isValidDate(text: string): boolean {
  if (!DATE_ONLY.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** `+05:30` / `-07:00` → minutes east of UTC. */
export function parseOffset(text: string): number {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(text);
  if (!m) throw new RangeError(`time zone offset must look like +05:30 or -07:00, got ${text}`);
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}
