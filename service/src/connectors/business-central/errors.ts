/**
 * BC failures → ConnectorError categories. BC answers `{"error":{"code","message"}}` with codes from documented
 * families (FACTS §3, 3.1 #15). The status decides first for throttling and outages (408/429/5xx → transient,
 * with Retry-After); otherwise the code family: Authentication_/Authorization_ → auth, Request_EntityChanged →
 * conflict, BadRequest_/Application_ → validation (the record or request is wrong), Internal_ → transient
 * except the two Internal_ codes that are about the record itself.
 */
import { ConnectorError, parseRetryAfter, type ErrorCategory } from '../../lib/errors.ts';
import { BC_FACTS } from './facts.ts';

export interface BcFailure {
  method: string;
  /** Path or URL of the call, without the query string. */
  what: string;
  status: number;
  body: unknown;
  retryAfter?: string;
  requestId?: string;
}

export function readBcError(body: unknown): { code?: string; message?: string } {
  const err = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return {
    code: typeof err?.code === 'string' ? err.code : undefined,
    // BC appends "  CorrelationId:  <guid>." to every message; the request id already carries it.
    message: typeof err?.message === 'string' ? err.message.replace(/\s+CorrelationId:\s+[0-9a-f-]+\.?\s*$/i, '') : undefined,
  };
}

export function categorize(status: number, code: string | undefined): ErrorCategory {
  if (BC_FACTS.retryableStatuses.includes(status) || status >= 500) return 'transient';
  if (status === 401 || status === 403) return 'auth';
  if (code?.startsWith('Authentication_') || code?.startsWith('Authorization_')) return 'auth';
  if (code === 'Request_EntityChanged' || status === 409 || status === 412) return 'conflict';
  if (code === 'Internal_EntityWithSameKeyExists') return 'conflict';
  if (code === 'Internal_RecordNotFound') return 'validation';
  if (code?.startsWith('Internal_')) return 'transient';
  return 'validation';
}

/** Property names BC's messages point at ("The property 'foo' …", "… of property 'bar'"). */
function fieldsIn(message: string | undefined): string[] | undefined {
  if (!message) return undefined;
  const names = [...message.matchAll(/property (?:named )?'([A-Za-z0-9_]+)'/g)].map((m) => m[1] as string);
  return names.length > 0 ? [...new Set(names)] : undefined;
}

export function mapBcFailure(f: BcFailure, now: number = Date.now()): ConnectorError {
  const { code, message } = readBcError(f.body);
  const category = categorize(f.status, code);
  const text = message ?? (typeof f.body === 'string' && f.body.length > 0 ? f.body.slice(0, 300) : 'no error body');
  return new ConnectorError(category, `Business Central ${f.method} ${f.what} → ${f.status}${code ? ` ${code}` : ''}: ${text}`, {
    status: f.status,
    code,
    retryAfterMs: category === 'transient' ? parseRetryAfter(f.retryAfter, now) : undefined,
    requestId: f.requestId,
    fields: fieldsIn(message),
  });
}
