/**
 * Talks to the GP emulator the way a client does: SBA REST over one NTLM-authenticated connection, JSON bodies in
 * the `Payload` wrapper, on an emulator whose clock is frozen (tests move it with `gp.setClock`).
 */
import { createGpSandbox, type GpSandbox, type GpSandboxOptions } from '../../../service/sandbox/dynamics-gp/index.ts';
import { createNtlmConnectionPool, type HttpMethod, type NtlmConnectionPool } from '../../../service/src/lib/ntlm/ntlm-connection-pool.ts';

export const COMPANY_PATH = '/GPService/Tenants(DefaultTenant)/Companies(Fabrikam%2C%20Inc.)';
/** 2026-05-04 09:00 server-local (UTC-6). */
export const NOW_MS = Date.parse('2026-05-04T15:00:00Z');

export interface SbaResponse {
  status: number;
  payload: Record<string, unknown> & Array<Record<string, unknown>>;
  error?: { Code: string; Message: string; CorrelationId: string | null };
}

export interface SbaHarness {
  gp: GpSandbox;
  call(method: HttpMethod, resource: string, payload?: unknown): Promise<SbaResponse>;
  /** GET a collection with OData options (encoded here). */
  list(resource: string, options: Record<string, string>): Promise<SbaResponse>;
  /** A client for another Windows account of the same emulator. */
  as(credentials: { domain: string; username: string; password: string }): Pick<SbaHarness, 'call'>;
  close(): Promise<void>;
}

function createCaller(pool: NtlmConnectionPool) {
  return async (method: HttpMethod, resource: string, payload?: unknown): Promise<SbaResponse> => {
    const lease = await pool.acquire();
    try {
      const res = await lease.send({
        method,
        path: `${COMPANY_PATH}/${resource}`,
        headers: payload === undefined ? {} : { 'content-type': 'application/json' },
        body: payload === undefined ? undefined : JSON.stringify({ Payload: payload }),
      });
      const json = res.body ? (JSON.parse(res.body) as { Payload?: SbaResponse['payload']; Error?: SbaResponse['error'] }) : {};
      return { status: res.status, payload: json.Payload as SbaResponse['payload'], error: json.Error };
    } finally {
      lease.release();
    }
  };
}

export async function startSbaHarness(opts: GpSandboxOptions = {}): Promise<SbaHarness> {
  const gp = createGpSandbox({ now: () => NOW_MS, limits: { minSpacingMs: 0, maxConcurrent: 5 }, ...opts });
  await gp.start();
  const pools: NtlmConnectionPool[] = [];
  const poolFor = (credentials: { domain: string; username: string; password: string }) => {
    const pool = createNtlmConnectionPool({ origin: gp.url, size: 1, credentials, headersTimeoutMs: 10_000, bodyTimeoutMs: 10_000 });
    pools.push(pool);
    return pool;
  };
  const call = createCaller(poolFor(gp.credentials));
  return {
    gp,
    call,
    list: (resource, options) => call('GET', `${resource}?${new URLSearchParams(options).toString()}`),
    as: (credentials) => ({ call: createCaller(poolFor(credentials)) }),
    async close() {
      await Promise.all(pools.map((p) => p.close()));
      await gp.stop();
    },
  };
}

export const trim = (v: unknown): string => String(v).trimEnd();
