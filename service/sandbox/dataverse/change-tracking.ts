/**
 * Change tracking (FACTS §4, 4.1 #5–6 [V], use-change-tracking-synchronize-data-external-systems.md):
 * - only tables with "Track changes" on answer `Prefer: odata.track-changes` — otherwise ChangeTrackingNotEnabledForEntity
 *   `0x80072491` "Entity {0} isn't enabled for change tracking." [V code/text, U status 400];
 * - `$filter`, `$orderby`, `$expand`, `$top` are refused with "The "$x" query parameter isn't supported when Change
 *   Tracking is enabled." [V text, U code];
 * - the delta token looks like the documented one, `<version>!<MM/dd/yyyy HH:mm:ss>` (`919042!08/22/2017 08:10:44`),
 *   URL-encoded in lower case inside the deltaLink;
 * - a token older than `ExpireChangeTrackingInDays` (default 7) fails and the client must resync in full. The
 *   documented behaviour is "the system throws an exception"; the code / text are not published for the Web API.
 *   [U] default: 400 `0x80044352` ExpiredVersionStamp "Version stamp associated with the client has expired. Please
 *   perform a full sync." (the code the platform uses for expired version stamps), configurable.
 */
import { dvError, queryError, type DvHttpError } from './errors.ts';

export interface ExpiredTokenError {
  status: number;
  code: string;
  message: string;
}

export const DEFAULT_EXPIRED_TOKEN_ERROR: ExpiredTokenError = {
  status: 400,
  code: '0x80044352',
  message: 'Version stamp associated with the client has expired. Please perform a full sync.',
};

export const TRACKING_FORBIDDEN_OPTIONS = ['$filter', '$orderby', '$expand', '$top'];

export interface ChangeTrackingSettings {
  expireDays: number;
  expiredError: ExpiredTokenError;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The decoded token: `<version>!<MM/dd/yyyy HH:mm:ss>` (UTC). */
export function makeDeltaToken(version: number, atMs: number): string {
  const d = new Date(atMs);
  return `${version}!${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** As it appears in `@odata.deltaLink`: lower-case percent-encoding of `!`, `/`, `:` and the space. */
export function encodeDeltaToken(token: string): string {
  return encodeURIComponent(token)
    .replace(/!/g, '%21')
    .replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
}

export function parseDeltaToken(token: string, nowMs: number, settings: ChangeTrackingSettings): number {
  const m = /^(\d+)!(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(token);
  if (!m) throw queryError(`The delta token '${token}' is not valid.`);
  const [, version, mo, da, yr, hh, mi, ss] = m as unknown as [string, string, string, string, string, string, string, string];
  const at = Date.UTC(Number(yr), Number(mo) - 1, Number(da), Number(hh), Number(mi), Number(ss));
  if (nowMs - at > settings.expireDays * 86_400_000) {
    const e = settings.expiredError;
    throw dvError(e.status, e.code, e.message, {}, 'ExpiredVersionStamp');
  }
  return Number(version);
}

export function checkTrackingOptions(query: URLSearchParams): void {
  for (const opt of TRACKING_FORBIDDEN_OPTIONS) {
    if (query.has(opt)) throw queryError(`The "${opt}" query parameter isn't supported when Change Tracking is enabled.`);
  }
}

export function trackingNotEnabled(logicalName: string): DvHttpError {
  return dvError(400, '0x80072491', `Entity ${logicalName} isn't enabled for change tracking.`, {}, 'ChangeTrackingNotEnabledForEntity');
}

export function wantsTracking(prefer: string | null | undefined): boolean {
  return /(^|[,\s])odata\.track-changes(\s*($|,))/i.test(prefer ?? '');
}
