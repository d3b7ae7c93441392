/**
 * The GP emulator reached the way a client reaches GP: SBA JSON and GP Web Services envelopes over HTTP with NTLM
 * (one authenticated connection, requests one at a time), and the sandbox admin routes under `/_sandbox/` (no
 * auth). No connector code: the emulator is checked as a witness of its own.
 */
import { createGpSandbox, type GpSandbox, type GpSandboxOptions } from '../../../service/sandbox/dynamics-gp/index.ts';
import { createNtlmConnectionPool, type HttpMethod, type HttpResponse, type NtlmConnectionPool } from '../../../service/src/lib/ntlm/ntlm-connection-pool.ts';

export const SVC = 'http://schemas.microsoft.com/dynamics/gp/2010/01';
export const GP_NS = 'http://schemas.datacontract.org/2004/07/Microsoft.Dynamics.GP';
export const COMMON_NS = 'http://schemas.datacontract.org/2004/07/Microsoft.Dynamics.Common';
export const SOAP_PATH = '/DynamicsGPWebServices/DynamicsGPService.asmx';
export const NS = `xmlns="${SVC}" xmlns:g="${GP_NS}" xmlns:c="${COMMON_NS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"`;
export const CTX = '<context><c:OrganizationKey i:type="c:CompanyKey"><c:Id>-1</c:Id></c:OrganizationKey><c:TenantName>DefaultTenant</c:TenantName></context>';
export const envelope = (body: string) => `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${body}</s:Body></s:Envelope>`;
export const action = (iface: string, op: string) => `${SVC}/${iface}/${op}`;

const COMPANY_PATH = '/GPService/Tenants(DefaultTenant)/Companies(Fabrikam%2C%20Inc.)/';
/** A Tuesday afternoon in the seeded fiscal calendar, US Central (the emulator's default offset). */
export const T0 = Date.parse('2026-03-10T15:00:00Z');

export interface GpHttp {
  gp: GpSandbox;
  /** SBA call; `body` is wrapped in `{ Payload }`. Answers the parsed JSON (Payload unwrapped on success). */
  sba(method: HttpMethod, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> & { Error?: Record<string, unknown> } }>;
  soap(soapAction: string, body: string, contentType?: string): Promise<HttpResponse>;
  /** Any request on the authenticated connection. */
  request(method: HttpMethod, path: string, headers?: Record<string, string>, body?: string): Promise<HttpResponse>;
  /** A sandbox admin route below `/_sandbox/companies/TWO/`. */
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Moves the emulator's clock on (DEX_ROW_TS, dates, the GP user's delays). */
  advance(ms: number): void;
  stop(): Promise<void>;
}

export async function startGpHttp(opts: GpSandboxOptions = {}): Promise<GpHttp> {
  // Requests go one at a time on one connection: no concurrency to refuse, no spacing to wait for.
  const gp = createGpSandbox({ now: () => T0, ...opts, limits: { minSpacingMs: 0, spacingToleranceMs: 0, ...opts.limits } });
  await gp.start();
  const pool: NtlmConnectionPool = createNtlmConnectionPool({ origin: gp.url, size: 1, credentials: gp.credentials, headersTimeoutMs: 20_000, bodyTimeoutMs: 20_000 });
  async function send(method: HttpMethod, path: string, headers: Record<string, string>, body?: string): Promise<HttpResponse> {
    const lease = await pool.acquire();
    try {
      return await lease.send({ method, path, headers, body });
    } finally {
      lease.release();
    }
  }
  return {
    gp,
    async sba(method, path, body) {
      const res = await send(method, `${COMPANY_PATH}${path}`, { 'content-type': 'application/json', accept: 'application/json' }, body === undefined ? undefined : JSON.stringify({ Payload: body }));
      const json = JSON.parse(res.body) as Record<string, unknown>;
      return { status: res.status, body: (res.status < 300 ? json.Payload : json) as Record<string, unknown> };
    },
    request: (method, path, headers = {}, body) => send(method, path, headers, body),
    soap: (soapAction, body, contentType = 'text/xml; charset=utf-8') => send('POST', SOAP_PATH, { 'content-type': contentType, soapaction: `"${soapAction}"` }, envelope(body)),
    async admin(method, path, body) {
      const res = await fetch(`${gp.url}/_sandbox/companies/TWO/${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    advance: (ms) => void gp.setClock({ advanceMs: ms }),
    async stop() {
      await pool.close();
      await gp.stop();
    },
  };
}
