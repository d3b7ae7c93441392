/**
 * GP authenticates callers with Windows (NTLM) on every connection it serves, SBA and Web Services alike
 * (FACTS §2.1–§2.3 [V]): a pool of NTLM-authenticated keep-alive connections per GP host, the integration account's
 * credentials from the connection config. The handshake itself lives in lib/ntlm.
 */
import { createNtlmConnectionPool, type DispatcherFactory, type NtlmConnectionPool } from '../../lib/ntlm/ntlm-connection-pool.ts';
import type { GpConnectionConfig } from './config.ts';

/** `DOMAIN\user`, as GP and its errors name the account. */
export function accountOf(cfg: Pick<GpConnectionConfig, 'domain' | 'username'>): string {
  return `${cfg.domain}\\${cfg.username}`;
}

/** The authenticated connections to one GP host (`origin`), at most `maxConcurrent` of them. */
export function createGpConnectionPool(cfg: GpConnectionConfig, origin: string, dispatcherFactory?: DispatcherFactory): NtlmConnectionPool {
  return createNtlmConnectionPool({
    origin,
    size: cfg.maxConcurrent,
    credentials: { domain: cfg.domain, username: cfg.username, password: cfg.password, workstation: cfg.workstation },
    caPem: cfg.caPem,
    headersTimeoutMs: cfg.requestTimeoutMs,
    bodyTimeoutMs: cfg.requestTimeoutMs,
    dispatcherFactory,
  });
}
