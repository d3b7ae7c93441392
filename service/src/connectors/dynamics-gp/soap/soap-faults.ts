/**
 * GP Web Services failures as ConnectorErrors, categorized like the SBA client's (gp-errors.ts): bad input and
 * eConnect business rules → validation (251 "already exists" → conflict, as SBA's 409), security → auth,
 * server faults, 5xx without a fault, 429/503 → transient. SOAP 1.1 faults come with HTTP 500 [V SOAP 1.1 §6.2].
 *
 * The fault codes below are what this project's emulator sends (service/sandbox/dynamics-gp/soap/README.md): GP's
 * real fault shape is not public [U]. WCF's own codes (`ActionNotSupported`, `s:Client`, `s:Server`) are [C].
 * A fault text carrying "Error Number = N" (eConnect, GP-DOMAIN §6) is recognized whatever its code.
 */
import { ConnectorError, parseRetryAfter } from '../../../lib/errors.ts';
import type { HttpResponse } from '../../../lib/ntlm/ntlm-connection-pool.ts';
import { categorizeGpStatus } from '../errors.ts';
import type { SoapFault } from './envelope.ts';

export interface SoapErrorContext {
  operation: string;
  requestId: string;
  account: string;
  now: number;
}

const MAX_MESSAGE_CHARS = 600;
const ECONNECT_NUMBER_RE = /Error Number\s*=\s*(\d+)/;

export const FAULT_CATEGORY: Record<string, { category: ConnectorError['category']; status: number }> = {
  AccessDenied: { category: 'auth', status: 403 },
  CompanyNotFound: { category: 'validation', status: 404 },
  TenantNotFound: { category: 'validation', status: 404 },
  BusinessObjectNotFound: { category: 'validation', status: 404 },
  ValidationFailed: { category: 'validation', status: 400 },
  PolicyRequired: { category: 'validation', status: 400 },
  InvalidMessage: { category: 'validation', status: 400 },
  ActionNotSupported: { category: 'validation', status: 400 },
  Client: { category: 'validation', status: 400 },
  Server: { category: 'transient', status: 500 },
};

export function mapSoapFault(fault: SoapFault, ctx: SoapErrorContext): ConnectorError {
  const text = fault.message.trim().slice(0, MAX_MESSAGE_CHARS) || `SOAP fault ${fault.code.local}`;
  const econnect = ECONNECT_NUMBER_RE.exec(text)?.[1];
  if (econnect) {
    const conflict = econnect === '251';
    const fields = [...text.matchAll(/\(([A-Z][A-Za-z0-9_]{1,14})\)/g)].map((m) => m[1]!);
    return new ConnectorError(conflict ? 'conflict' : 'validation', `GP ${ctx.operation} failed: ${text}`, {
      status: conflict ? 409 : 400,
      code: `eConnect ${econnect}`,
      requestId: ctx.requestId,
      fields: fields.length ? [...new Set(fields)] : undefined,
    });
  }
  const known = FAULT_CATEGORY[fault.code.local] ?? { category: 'transient' as const, status: 500 };
  const message =
    known.category === 'auth' ? `GP denied ${ctx.account} (${ctx.operation}): ${text}` : `GP ${ctx.operation} failed (SOAP fault ${fault.code.local}): ${text}`;
  return new ConnectorError(known.category, message, { status: known.status, code: fault.code.local, requestId: ctx.requestId });
}

/** A non-2xx answer that is not a SOAP fault (wrong path, wrong content type, overload, 401 after the handshake). */
export function mapSoapHttpError(res: HttpResponse, ctx: SoapErrorContext, endpoint: string): ConnectorError {
  const category = categorizeGpStatus(res.status);
  const retryHeader = res.headers['retry-after'];
  const retryAfterMs = category === 'transient' ? parseRetryAfter(Array.isArray(retryHeader) ? retryHeader[0] : retryHeader, ctx.now) : undefined;
  const body = res.body.trim().slice(0, 200);
  const hint =
    res.status === 404
      ? ` — no GP Web Services endpoint at ${endpoint}; check soap.baseUrl and soap.servicePath`
      : res.status === 415
        ? ' — the endpoint is not the BasicHttpBinding (SOAP 1.1) one; point soap.servicePath at the legacy endpoint'
        : '';
  const message = res.status === 401 ? `GP refused the Windows credentials for ${ctx.account}` : `GP ${ctx.operation} answered HTTP ${res.status}${body ? `: ${body}` : ''}${hint}`;
  return new ConnectorError(category, message, { status: res.status, code: `HTTP_${res.status}`, requestId: ctx.requestId, retryAfterMs });
}
