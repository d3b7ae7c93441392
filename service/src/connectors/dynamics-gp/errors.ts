/**
 * GP Service failures as ConnectorErrors (service/src/lib/errors.ts): the category decides what the engine
 * does. 401 after a completed NTLM handshake and 403 → auth; 400/422/404 and eConnect data errors →
 * validation; 409 → conflict; 408/429/5xx, dropped sockets and timeouts → transient (with Retry-After).
 * Messages name the Windows account but never carry the password.
 */
import { ConnectorError, parseRetryAfter, type ErrorCategory } from '../../lib/errors.ts';
import { NtlmHandshakeError, type HttpResponse } from '../../lib/ntlm/ntlm-connection-pool.ts';
import type { GpSbaFacts } from './facts.ts';

export interface GpErrorContext {
  operation: string;
  requestId: string;
  /** DOMAIN\user of the integration account. */
  account: string;
  facts: GpSbaFacts;
  now: number;
}

const ECONNECT_NUMBER_RE = /Error Number\s*=\s*(\d+)/;
const TLS_TRUST_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const MAX_MESSAGE_CHARS = 600;

function readPath(body: unknown, path: string[]): unknown {
  let v = body;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

function header(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export function categorizeGpStatus(status: number): ErrorCategory {
  if (status === 401 || status === 403) return 'auth';
  if (status === 409) return 'conflict';
  if (status === 408 || status === 429 || status >= 500) return 'transient';
  return 'validation';
}

/** Maps a non-2xx GP Service response. */
export function mapGpResponse(res: HttpResponse, ctx: GpErrorContext): ConnectorError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body);
  } catch {
    parsed = undefined;
  }
  const serviceMessage = readPath(parsed, ctx.facts.errorMessagePath);
  const serviceCode = readPath(parsed, ctx.facts.errorCodePath);
  const text = (typeof serviceMessage === 'string' ? serviceMessage : res.body.trim()).slice(0, MAX_MESSAGE_CHARS) || `HTTP ${res.status}`;
  const econnect = ECONNECT_NUMBER_RE.exec(text)?.[1];
  const code = econnect ? `eConnect ${econnect}` : typeof serviceCode === 'string' ? serviceCode : `HTTP_${res.status}`;
  const category = categorizeGpStatus(res.status);
  const fields = [...text.matchAll(/\(([A-Z][A-Za-z0-9_]{1,14})\)/g)].map((m) => m[1]!);
  let message: string;
  if (res.status === 401) message = `GP refused the Windows credentials for ${ctx.account}`;
  else if (res.status === 403) message = `GP denied ${ctx.account} (${ctx.operation}): ${text}`;
  else message = `GP ${ctx.operation} failed with HTTP ${res.status}: ${text}`;
  return new ConnectorError(category, message, {
    status: res.status,
    code,
    requestId: ctx.requestId,
    retryAfterMs: category === 'transient' ? parseRetryAfter(header(res, 'retry-after'), ctx.now) : undefined,
    fields: fields.length > 0 ? [...new Set(fields)] : undefined,
  });
}

/** Maps anything thrown while talking to GP (handshake failures, sockets, timeouts, TLS). */
export function mapGpTransportError(err: unknown, ctx: GpErrorContext): ConnectorError {
  if (err instanceof ConnectorError) return err;
  if (err instanceof NtlmHandshakeError) {
    if (err.reason === 'rejected') {
      return new ConnectorError('auth', `GP refused the Windows credentials for ${ctx.account}`, { status: 401, code: 'NTLM_REJECTED', requestId: ctx.requestId });
    }
    if (err.reason === 'not-offered') {
      return new ConnectorError('auth', `GP did not offer NTLM authentication to ${ctx.account}: ${err.message}`, { status: err.response?.status, code: 'NTLM_NOT_OFFERED', requestId: ctx.requestId });
    }
    if (err.response && err.response.status >= 400) return mapGpResponse(err.response, ctx);
    return new ConnectorError('auth', `GP answered without asking for Windows authentication (HTTP ${err.response?.status ?? '?'}); check that baseUrl points at the GP Service`, {
      status: err.response?.status,
      code: 'NTLM_NOT_REQUIRED',
      requestId: ctx.requestId,
    });
  }
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code ?? e.name ?? 'ERROR';
  if (TLS_TRUST_CODES.has(code)) {
    return new ConnectorError('auth', `GP's TLS certificate is not trusted (${code}); set caPem to the CA that issued it`, { code, requestId: ctx.requestId, cause: err });
  }
  const detail = e.message ?? e.cause?.message ?? String(err);
  return new ConnectorError('transient', `GP ${ctx.operation} failed: ${code}: ${detail}`, { code, requestId: ctx.requestId, cause: err });
}
