/**
 * Behaviour the published facts leave open ([U] in FACTS §6), in one place so a test or an installation that
 * learns the real answer can switch it. Defaults are the emulator's best reading; README.md lists each with why.
 */
export interface ProcurifySettings {
  /** Items per page when the client sends no page_size: 10, as every OAS pagination example shows [V]. */
  defaultPageSize: number;
  /** Largest page_size honoured; larger values are cut to it silently (DRF max_page_size). Not published [U]. */
  maxPageSize: number;
  /** Answer to a PO list path whose role/status is outside the OAS enums: 404 `{"detail":"Not found."}` or 400 [U]. */
  invalidPoPathStatus: 400 | 404;
  /** Key of a bad date-range value in the 400 body: the filter (`modified_date`, django-filter) or the parameter [U]. */
  filterErrorKey: 'filter' | 'parameter';
  /** Token endpoint errors: Auth0's `{"error","error_description"}` (the endpoint fronts Auth0) or DRF's `{"detail"}` [U]. */
  tokenErrorStyle: 'auth0' | 'drf';
  /** Token request bodies accepted: the documented JSON only, or also form-urlencoded as Auth0 takes [U]. */
  tokenBody: 'json' | 'json-or-form';
  /** The docs tell clients to send `X-Procurify-Client: api`; 'require' refuses a call without it (400) [U]. */
  clientHeader: 'require' | 'ignore';
  /** A second vendor with the same non-null external_id is refused (400 field error) [U]. */
  uniqueVendorExternalId: boolean;
  /** A requisition line naming a vendor that does not exist: refused (400) or booked to the OTHER vendor [U]. */
  requisitionUnknownVendor: 'reject' | 'other';
  /** `/api/v2/locations` list items: LocationView objects ('flat'), or wrapped as the OAS literally says ('oas-nested') [U]. */
  locationListShape: 'flat' | 'oas-nested';
  /** Rate limit per client: off unless set (none is published); `{ requests, windowMs }` → 429 + Retry-After. */
  rateLimit: { requests: number; windowMs: number } | null;
  /** Access token lifetime, seconds: 86400 [V] (FACTS §6). */
  tokenLifetimeSeconds: number;
}

export const DEFAULT_SETTINGS: ProcurifySettings = {
  defaultPageSize: 10,
  maxPageSize: 100,
  invalidPoPathStatus: 404,
  filterErrorKey: 'filter',
  tokenErrorStyle: 'auth0',
  tokenBody: 'json',
  clientHeader: 'require',
  uniqueVendorExternalId: true,
  requisitionUnknownVendor: 'reject',
  locationListShape: 'flat',
  rateLimit: null,
  tokenLifetimeSeconds: 86_400,
};

const positiveInt = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** Merge and check a partial settings object; throws a RangeError naming the first bad field. */
export function mergeSettings(base: ProcurifySettings, patch: Partial<ProcurifySettings>): ProcurifySettings {
  const next = { ...base, ...patch };
  const checks: Array<[keyof ProcurifySettings, boolean]> = [
    ['defaultPageSize', positiveInt(next.defaultPageSize)],
    ['maxPageSize', positiveInt(next.maxPageSize) && next.maxPageSize >= next.defaultPageSize],
    ['invalidPoPathStatus', next.invalidPoPathStatus === 400 || next.invalidPoPathStatus === 404],
    ['filterErrorKey', next.filterErrorKey === 'filter' || next.filterErrorKey === 'parameter'],
    ['tokenErrorStyle', next.tokenErrorStyle === 'auth0' || next.tokenErrorStyle === 'drf'],
    ['tokenBody', next.tokenBody === 'json' || next.tokenBody === 'json-or-form'],
    ['clientHeader', next.clientHeader === 'require' || next.clientHeader === 'ignore'],
    ['uniqueVendorExternalId', typeof next.uniqueVendorExternalId === 'boolean'],
    ['requisitionUnknownVendor', next.requisitionUnknownVendor === 'reject' || next.requisitionUnknownVendor === 'other'],
    ['locationListShape', next.locationListShape === 'flat' || next.locationListShape === 'oas-nested'],
    ['rateLimit', next.rateLimit === null || (positiveInt(next.rateLimit.requests) && positiveInt(next.rateLimit.windowMs))],
    ['tokenLifetimeSeconds', positiveInt(next.tokenLifetimeSeconds)],
  ];
  const bad = checks.find(([, ok]) => !ok);
  if (bad) throw new RangeError(`procurify sandbox setting '${bad[0]}' has an invalid value: ${JSON.stringify(next[bad[0]])}`);
  return next;
}
