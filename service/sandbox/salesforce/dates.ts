/** Salesforce's wire formats for dates: `2013-05-08T21:20:00.000+0000` (REST datetime) and `2013-05-08` (date). */

const MS_PER_MINUTE = 60_000;

export function formatSfDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

export function formatSfDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses an ISO 8601 datetime as Salesforce accepts it (offset optional = UTC). Undefined if malformed. */
export function parseSfDateTime(value: string): number | undefined {
  const m = DATETIME_RE.exec(value);
  if (!m) return undefined;
  let offset = m[8] ?? 'Z';
  if (offset !== 'Z' && !offset.includes(':')) offset = `${offset.slice(0, 3)}:${offset.slice(3)}`;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${(m[7] ?? '.000').padEnd(4, '0')}${offset}`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  // Date.parse rolls 2024-02-30 over to March; Salesforce rejects it.
  if (offset === 'Z' && new Date(ms).toISOString().slice(0, 10) !== `${m[1]}-${m[2]}-${m[3]}`) return undefined;
  return ms;
}

/** Parses `YYYY-MM-DD` into epoch ms at UTC midnight. Undefined if malformed or not a real calendar day. */
export function parseSfDate(value: string): number | undefined {
  if (!DATE_RE.test(value)) return undefined;
  const ms = Date.parse(`${value}T00:00:00.000Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) return undefined;
  return ms;
}

export function truncateToMinute(epochMs: number): number {
  return Math.floor(epochMs / MS_PER_MINUTE) * MS_PER_MINUTE;
}
