/**
 * Entra ID client-credentials tokens for BC (FACTS §3, 3.1 #16): `POST {authority}/{tenant}/oauth2/v2.0/token`
 * with a form body. The token is cached until shortly before `expires_in` runs out; concurrent callers share one
 * request (single flight); a 401 from BC refreshes once, unless another caller already did.
 */
import { request, type Dispatcher } from 'undici';
import { ConnectorError, parseRetryAfter } from '../../lib/errors.ts';
import { createTokenCache } from '../../lib/token-cache.ts';
import type { Logger } from '../../lib/logger.ts';
import type { BcConfig } from './config.ts';
import { TOKEN_REFRESH_MARGIN_MS, tokenUrl } from './facts.ts';

export interface BcAuth {
  /** A valid access token, from the cache or a new request shared by concurrent callers. */
  getToken(): Promise<string>;
  /** After a 401 with `rejected`: refresh unless a newer token already replaced it. */
  refreshAfterRejection(rejected: string): Promise<string>;
  tokenRequests(): number;
}

export interface BcAuthDeps {
  logger: Logger;
  dispatcher?: Dispatcher;
  now?: () => number;
}

type AuthConfig = Pick<BcConfig, 'authorityUrl' | 'tenantId' | 'clientId' | 'clientSecret' | 'scope' | 'tokenTimeoutMs'>;

interface CachedToken {
  value: string;
  /** When to stop using it: expiry minus the refresh margin. */
  refreshAt: number;
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? '';
}

export function createBcAuth(cfg: AuthConfig, deps: BcAuthDeps): BcAuth {
  const now = deps.now ?? Date.now;
  const url = tokenUrl(cfg.authorityUrl, cfg.tenantId);

  async function requestToken(): Promise<CachedToken> {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: cfg.clientId, client_secret: cfg.clientSecret, scope: cfg.scope });
    const started = now();
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        dispatcher: deps.dispatcher,
        headersTimeout: cfg.tokenTimeoutMs,
        bodyTimeout: cfg.tokenTimeoutMs,
      });
    } catch (err) {
      throw new ConnectorError('transient', `Entra ID token request failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    const text = await res.body.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = {};
    }
    if (res.statusCode === 200 && typeof body.access_token === 'string') {
      const lifetimeMs = Number(body.expires_in) * 1000;
      if (!Number.isFinite(lifetimeMs) || lifetimeMs <= 0) throw new ConnectorError('auth', 'Entra ID token response has no usable expires_in');
      // Short-lived tokens (tests, odd policies) keep half their life as margin instead of 5 minutes.
      const margin = Math.min(TOKEN_REFRESH_MARGIN_MS, lifetimeMs / 2);
      return { value: body.access_token, refreshAt: started + lifetimeMs - margin };
    }
    if (res.statusCode === 429 || res.statusCode >= 500) {
      const retryAfter = res.headers['retry-after'];
      throw new ConnectorError('transient', `Entra ID token request → ${res.statusCode}`, {
        status: res.statusCode,
        retryAfterMs: parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter),
      });
    }
    // AAD errors: {error, error_description: "AADSTS7000215: Invalid client secret provided. ...\r\nTrace ID: ..."}.
    const code = typeof body.error === 'string' ? body.error : undefined;
    const description = typeof body.error_description === 'string' ? firstLine(body.error_description) : '';
    throw new ConnectorError('auth', `Entra ID rejected the client credentials → ${res.statusCode}${code ? ` ${code}` : ''}${description ? `: ${description}` : ''}`, {
      status: res.statusCode,
      code,
    });
  }

  const cache = createTokenCache<CachedToken>({
    fetch: requestToken,
    tokenOf: (token) => token.value,
    refreshAt: (token) => token.refreshAt,
    onFetched: (token) => deps.logger.info({ tenantId: cfg.tenantId, refreshAt: new Date(token.refreshAt).toISOString() }, 'business central token acquired'),
    now,
  });

  return {
    getToken: async () => (await cache.get()).value,
    refreshAfterRejection: async (rejected) => (await cache.refreshAfterRejection(rejected)).value,
    tokenRequests: () => cache.requests(),
  };
}
