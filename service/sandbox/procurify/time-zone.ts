/**
 * Django's "current time zone" for one tenant: it decides where a day starts for the day-granular filters and the
 * offset DRF renders datetimes with. django-filter's DateFromToRangeFilter turns `<f>_0=YYYY-MM-DD` into
 * `f >= that day 00:00:00` and `<f>_1=YYYY-MM-DD` into `f <= that day 23:59:59.999999`, both in the current zone
 * (django_filters.fields.DateRangeField.compress) — inclusive at both ends. Which zone Procurify activates is [U]:
 * the tenant's `timeZone` option (default UTC), also shown as the location's `locationTimezone`.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a RangeError naming the zone when it is not an IANA zone the runtime knows. */
export function checkTimeZone(timeZone: string): string {
  try {
    formatterFor(timeZone);
  } catch {
    throw new RangeError(`unknown IANA time zone '${timeZone}'`);
  }
  return timeZone;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(ms: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year ?? 0, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

/** The zone's offset from UTC at an instant, in minutes (east positive). */
export function offsetMinutesAt(ms: number, timeZone: string): number {
  const w = wallClockAt(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - (ms - (((ms % 1000) + 1000) % 1000))) / 60_000);
}

/** The instant a local calendar day starts in the zone (DST-safe: two passes over the offset). */
export function startOfLocalDay(isoDate: string, timeZone: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const midnightAsUtc = Date.UTC(y, m - 1, d);
  const guess = midnightAsUtc - offsetMinutesAt(midnightAsUtc, timeZone) * 60_000;
  return midnightAsUtc - offsetMinutesAt(guess, timeZone) * 60_000;
}

/** The local calendar day after `isoDate`, as YYYY-MM-DD. */
export function nextIsoDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The local calendar date of an instant, as YYYY-MM-DD. */
export function localIsoDate(ms: number, timeZone: string): string {
  const w = wallClockAt(ms, timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** True for a real calendar date written YYYY-MM-DD (the OAS `format: date`). */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

/**
 * DRF's rendering of an aware datetime: Python `isoformat()` in the current zone (microseconds only when not
 * zero), with `+00:00` written `Z` (rest_framework.fields.DateTimeField.to_representation).
 */
export function formatDateTime(ms: number, timeZone: string): string {
  const w = wallClockAt(ms, timeZone);
  const offset = offsetMinutesAt(ms, timeZone);
  const millis = ((ms % 1000) + 1000) % 1000;
  const fraction = millis === 0 ? '' : `.${pad(millis, 3)}000`;
  const zone = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${fraction}${zone}`;
}

/**
 * A DRF DateTimeField input (django.utils.dateparse.parse_datetime): ISO 8601 with an optional offset; a naive
 * value is read in the current zone. Returns undefined when the text is not such a datetime.
 */
export function parseDateTime(value: string, timeZone: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(value);
  if (!m || !isIsoDate(m[1] as string)) return undefined;
  const [hh, mi, ss] = [Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (hh > 23 || mi > 59 || ss > 59) return undefined;
  const millis = Math.floor(Number((m[5] ?? '0').padEnd(6, '0')) / 1000);
  const [y, mo, d] = (m[1] as string).split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, hh, mi, ss, millis);
  const zone = m[6];
  if (zone === undefined) {
    const guess = asUtc - offsetMinutesAt(asUtc, timeZone) * 60_000;
    return asUtc - offsetMinutesAt(guess, timeZone) * 60_000;
  }
  if (zone === 'Z') return asUtc;
  const zm = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!zm) return undefined;
  const minutes = Number(zm[2]) * 60 + Number(zm[3] ?? 0);
  return asUtc - (zm[1] === '-' ? -minutes : minutes) * 60_000;
}
