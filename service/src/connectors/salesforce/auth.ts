import { request, type Dispatcher } from 'undici';
import { ConnectorError, parseRetryAfter } from '../../lib/errors.ts';
import { createTokenCache } from '../../lib/token-cache.ts';
import type { Logger } from '../../lib/logger.ts';
import type { SalesforceConfig } from './config.ts';

export interface SalesforceSession {
  accessToken: string;
  /** API base for every REST call: the token response's `instance_url`, never the login URL (FACTS 1.3 #16). */
  instanceUrl: string;
  identityUrl: string;
  issuedAt: number;
}

export interface SalesforceAuth {
  /** The current session, fetching one if there is none. Concurrent callers share one token request. */
  getSession(): Promise<SalesforceSession>;
  /**
   * Called after a 401 with the token that was rejected. Refreshes only if that token is still the current one;
   * if another caller already refreshed, returns the newer session. Concurrent callers share one refresh.
   */
  refreshAfterRejection(rejectedToken: string): Promise<SalesforceSession>;
  tokenRequests(): number;
}

export interface SalesforceAuthDeps {
  logger: Logger;
  dispatcher?: Dispatcher;
}

type AuthConfig = Pick<SalesforceConfig, 'loginUrl' | 'clientId' | 'clientSecret' | 'allowInsecureHttp' | 'tokenTimeoutMs'>;

function parseTokenResponse(body: unknown, cfg: AuthConfig): SalesforceSession {
  const r = (body ?? {}) as Record<string, unknown>;
  if (typeof r.access_token !== 'string' || typeof r.instance_url !== 'string') {
    throw new ConnectorError('auth', 'Salesforce token response lacks access_token or instance_url');
  }
  const instanceUrl = r.instance_url.replace(/\/+$/, '');
  if (!cfg.allowInsecureHttp && !instanceUrl.startsWith('https://')) {
    throw new ConnectorError('auth', `Salesforce token response instance_url is not https: ${instanceUrl}`);
  }
  // issued_at is a string of epoch millis (FACTS 1.2); there is no expires_in, so expiry shows up as a 401.
  const issuedAt = Number(r.issued_at);
  return {
    accessToken: r.access_token,
    instanceUrl,
    identityUrl: typeof r.id === 'string' ? r.id : '',
    issuedAt: Number.isFinite(issuedAt) ? issuedAt : Date.now(),
  };
}

/** OAuth 2.0 client credentials against `<loginUrl>/services/oauth2/token`, with single-flight refresh. */
export function createSalesforceAuth(cfg: AuthConfig, deps: SalesforceAuthDeps): SalesforceAuth {
  const tokenUrl = `${cfg.loginUrl}/services/oauth2/token`;

  async function requestToken(): Promise<SalesforceSession> {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: cfg.clientId, client_secret: cfg.clientSecret });
    let res: Dispatcher.ResponseData;
    try {
      res = await request(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        dispatcher: deps.dispatcher,
        headersTimeout: cfg.tokenTimeoutMs,
        bodyTimeout: cfg.tokenTimeoutMs,
      });
    } catch (err) {
      throw new ConnectorError('transient', `Salesforce token request failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    const text = await res.body.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (res.statusCode === 200) return parseTokenResponse(body, cfg);
    const retryAfter = res.headers['retry-after'];
    if (res.statusCode === 429 || res.statusCode >= 500) {
      throw new ConnectorError('transient', `Salesforce token request → ${res.statusCode}`, {
        status: res.statusCode,
        retryAfterMs: parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter),
      });
    }
    // RFC 6749 errors: {error, error_description} (FACTS 1.2) — invalid_client, invalid_client_id, invalid_grant…
    const oauth = (body ?? {}) as { error?: unknown; error_description?: unknown };
    const code = typeof oauth.error === 'string' ? oauth.error : undefined;
    const description = typeof oauth.error_description === 'string' ? oauth.error_description : '';
    throw new ConnectorError('auth', `Salesforce token request rejected → ${res.statusCode}${code ? ` ${code}` : ''}${description ? `: ${description}` : ''}`, {
      status: res.statusCode,
      code,
    });
  }

  // No expires_in in the response: a session lives until Salesforce rejects it (FACTS 1.3 #16).
  const cache = createTokenCache<SalesforceSession>({
    fetch: requestToken,
    tokenOf: (session) => session.accessToken,
    onFetched: (session) => deps.logger.info({ instanceUrl: session.instanceUrl, issuedAt: session.issuedAt }, 'salesforce session acquired'),
  });

  return {
    getSession: () => cache.get(),
    refreshAfterRejection: (rejectedToken) => cache.refreshAfterRejection(rejectedToken),
    tokenRequests: () => cache.requests(),
  };
}
