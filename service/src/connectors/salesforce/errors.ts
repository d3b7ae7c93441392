import { ConnectorError, parseRetryAfter, type ErrorCategory } from '../../lib/errors.ts';

/** One element of a REST error body: `[{message, errorCode, fields?}]` (FACTS 1.2). */
export interface SalesforceApiError {
  message: string;
  errorCode: string;
  fields?: string[];
}

const TRANSIENT_STATUS_CODES = new Set([
  'UNABLE_TO_LOCK_ROW',
  'REQUEST_RUNNING_TOO_LONG',
  'SERVER_UNAVAILABLE',
  'QUERY_TIMEOUT',
  'CONCURRENT_REQUEST_LIMIT_EXCEEDED',
  'ALL_OR_NONE_OPERATION_ROLLED_BACK',
]);
const CONFLICT_STATUS_CODES = new Set(['DUPLICATE_VALUE', 'DUPLICATE_EXTERNAL_ID', 'ENTITY_IS_LOCKED', 'ENTITY_IS_DELETED', 'ENTITY_IS_ARCHIVED']);

/**
 * Category of a per-record status code from a collections result. Locks clear by themselves (transient);
 * duplicates and locked records need a human (conflict); missing access is a permission problem (auth);
 * everything else is about the record's content (validation).
 */
export function categorizeStatusCode(code: string): ErrorCategory {
  if (TRANSIENT_STATUS_CODES.has(code)) return 'transient';
  if (CONFLICT_STATUS_CODES.has(code)) return 'conflict';
  if (code.startsWith('INSUFFICIENT_ACCESS') || code === 'INVALID_SESSION_ID') return 'auth';
  return 'validation';
}

export function firstApiError(body: unknown): SalesforceApiError | undefined {
  const first: unknown = Array.isArray(body) ? body[0] : body;
  if (first === null || typeof first !== 'object') return undefined;
  const { message, errorCode, fields } = first as Record<string, unknown>;
  if (typeof errorCode !== 'string') return undefined;
  return {
    errorCode,
    message: typeof message === 'string' ? message : errorCode,
    ...(Array.isArray(fields) ? { fields: fields.map(String) } : {}),
  };
}

export interface HttpFailure {
  method: string;
  /** Path without the query string (SOQL may carry customer data; never in messages). */
  path: string;
  status: number;
  body: unknown;
  retryAfter: string | undefined;
  requestId: string | undefined;
}

/**
 * Maps a failed REST call to a ConnectorError (FACTS 1.3 #14): 400/404 validation, 401 auth, 403
 * REQUEST_LIMIT_EXCEEDED transient with a long wait (the daily allowance; never retried tightly), other 403
 * auth, 300 conflict (external id matches several records), 409/412 conflict, 429/5xx transient.
 */
export function mapHttpFailure(failure: HttpFailure, opts: { requestLimitBackoffMs: number; now?: number }): ConnectorError {
  const api = firstApiError(failure.body);
  const what = `Salesforce ${failure.method} ${failure.path} → ${failure.status}${api ? ` ${api.errorCode}: ${api.message}` : ''}`;
  const base = { status: failure.status, code: api?.errorCode, requestId: failure.requestId, fields: api?.fields };
  const retryAfterMs = parseRetryAfter(failure.retryAfter, opts.now);
  const category = ((): ErrorCategory => {
    if (failure.status === 300 || failure.status === 409 || failure.status === 412) return 'conflict';
    if (failure.status === 401) return 'auth';
    if (failure.status === 403) return api?.errorCode === 'REQUEST_LIMIT_EXCEEDED' ? 'transient' : 'auth';
    if (failure.status === 408 || failure.status === 429 || failure.status >= 500) return 'transient';
    return 'validation';
  })();
  if (failure.status === 300) {
    return new ConnectorError('conflict', `Salesforce ${failure.method} ${failure.path} → 300: the external id matches several records`, base);
  }
  if (failure.status === 403 && category === 'transient') {
    return new ConnectorError('transient', what, { ...base, retryAfterMs: Math.max(retryAfterMs ?? 0, opts.requestLimitBackoffMs) });
  }
  return new ConnectorError(category, what, category === 'transient' ? { ...base, retryAfterMs } : base);
}
