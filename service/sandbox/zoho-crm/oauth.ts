/**
 * Zoho Accounts' token endpoint, per data centre (FACTS §5 [V]; CRM v8 "Token Validity" page [V]):
 * `POST {accounts}/oauth/v2/token` with `grant_type=refresh_token&client_id&client_secret&refresh_token` in the
 * query string or a form body → `{access_token, scope, api_domain, token_type:"Bearer", expires_in:3600}`.
 * Failures come back as HTTP 200 with `{"error": …}` [C]: `invalid_client` when the client id is unknown in this
 * DC — what a refresh token from another DC meets [C, asciisd/zoho#18] — `invalid_client_secret`, and
 * `invalid_code` for an unknown or revoked refresh token or a used / expired grant code [V]. At most 10 access
 * tokens per refresh token in 10 minutes → `{"error":"Access Denied","error_description":"You have made too many
 * requests continuously. Please try again after some time.","status":"failure"}` [V body; status 200 per Kaizen
 * #43, 400 in one observation — configurable]; at most 15 live access tokens per refresh token, the oldest is
 * invalidated [V] (the accounts-family pages say 30 — configurable). At most 20 refresh tokens per user and
 * client, the 21st invalidating the first with its access tokens [V]; at most 5 refresh tokens generated from
 * grant codes per minute (FACTS §5 [V], answered like the refresh throttle [U]). Grant codes live 3 minutes [V].
 */
import { randomBytes } from 'node:crypto';
import type { DataCenter } from './data-centers.ts';
import { invalidToken } from './errors.ts';

export interface OAuthSettings {
  accessTokenLifetimeS: number;
  maxActiveAccessTokens: number;
  refreshThrottleMax: number;
  refreshThrottleWindowMs: number;
  throttleStatus: number;
  grantCodeLifetimeMs: number;
  maxRefreshTokensPerUser: number;
  maxRefreshTokenGenerationsPerMinute: number;
}

export const DEFAULT_OAUTH: OAuthSettings = {
  accessTokenLifetimeS: 3600,
  maxActiveAccessTokens: 15,
  refreshThrottleMax: 10,
  refreshThrottleWindowMs: 10 * 60_000,
  throttleStatus: 200,
  grantCodeLifetimeMs: 3 * 60_000,
  maxRefreshTokensPerUser: 20,
  maxRefreshTokenGenerationsPerMinute: 5,
};

const GENERATION_WINDOW_MS = 60_000;
const THROTTLE_BODY = { error_description: 'You have made too many requests continuously. Please try again after some time.', status: 'failure' };

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  dataCenters: Set<DataCenter>;
}

export interface Grant {
  dc: DataCenter;
  clientId: string;
  orgId: string;
  userId: string;
  scopes: string[];
}

interface RefreshEntry extends Grant {
  revoked: boolean;
  active: string[];
  issuedAt: number[];
}

export interface AccessEntry extends Grant {
  token: string;
  expiresAt: number;
  refreshToken: string | null;
}

export interface OAuthStats {
  tokenRequests: Record<string, number>;
  accessTokensIssued: number;
  throttled: number;
  failures: Record<string, number>;
}

export interface OAuthServer {
  registerClient(input: { clientId?: string; clientSecret?: string; dataCenters: DataCenter[] }): OAuthClient;
  enableDataCenter(clientId: string, dc: DataCenter): void;
  /** A refresh token for `grant` (`token` fixes its value, for stable sandbox credentials). */
  issueRefreshToken(grant: Grant, token?: string): string;
  issueGrantCode(grant: Grant, now: number): string;
  revokeRefreshToken(token: string): boolean;
  tokenRequest(dc: DataCenter, params: URLSearchParams, now: number, apiDomain: string): { status: number; body: Record<string, unknown> };
  /** The access token's grant, or INVALID_TOKEN (unknown here, expired, superseded or revoked). */
  verify(dc: DataCenter, token: string, now: number): AccessEntry;
  expireAccessTokens(): number;
  settings(): OAuthSettings;
  set(patch: Partial<OAuthSettings>): void;
  stats(): OAuthStats;
}

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');
const zohoToken = (): string => `1000.${hex(16)}.${hex(16)}`;

export function createOAuthServer(initial: Partial<OAuthSettings> = {}): OAuthServer {
  let cfg: OAuthSettings = { ...DEFAULT_OAUTH, ...initial };
  const clients = new Map<string, OAuthClient>();
  const refreshTokens = new Map<string, RefreshEntry>();
  const accessTokens = new Map<string, AccessEntry>();
  const grantCodes = new Map<string, Grant & { expiresAt: number; used: boolean }>();
  const tokensOfUser = new Map<string, string[]>();
  const generations = new Map<string, number[]>();
  const stats: OAuthStats = { tokenRequests: {}, accessTokensIssued: 0, throttled: 0, failures: {} };

  const fail = (error: string, extra: Record<string, unknown> = {}, status = 200) => {
    stats.failures[error] = (stats.failures[error] ?? 0) + 1;
    return { status, body: { error, ...extra } };
  };

  const mintAccess = (grant: Grant, refreshToken: string | null, now: number, apiDomain: string) => {
    const token = zohoToken();
    accessTokens.set(token, { ...grant, token, expiresAt: now + cfg.accessTokenLifetimeS * 1000, refreshToken });
    stats.accessTokensIssued += 1;
    return { access_token: token, scope: grant.scopes.join(' '), api_domain: apiDomain, token_type: 'Bearer', expires_in: cfg.accessTokenLifetimeS };
  };

  const revoke = (token: string): boolean => {
    const entry = refreshTokens.get(token);
    if (!entry) return false;
    entry.revoked = true;
    for (const t of entry.active) accessTokens.delete(t);
    entry.active = [];
    return true;
  };

  const issueRefreshToken = (grant: Grant, fixed?: string): string => {
    const token = fixed ?? zohoToken();
    refreshTokens.set(token, { ...grant, revoked: false, active: [], issuedAt: [] });
    const key = `${grant.clientId}|${grant.userId}`;
    const list = [...(tokensOfUser.get(key) ?? []), token];
    while (list.length > cfg.maxRefreshTokensPerUser) revoke(list.shift() as string);
    tokensOfUser.set(key, list);
    return token;
  };

  return {
    registerClient(input) {
      const client: OAuthClient = {
        clientId: input.clientId ?? `1000.${hex(15).toUpperCase()}`,
        clientSecret: input.clientSecret ?? hex(21),
        dataCenters: new Set(input.dataCenters),
      };
      clients.set(client.clientId, client);
      return client;
    },
    enableDataCenter(clientId, dc) {
      const client = clients.get(clientId);
      if (!client) throw new RangeError(`no OAuth client ${clientId}`);
      client.dataCenters.add(dc);
    },
    issueRefreshToken,
    issueGrantCode(grant, now) {
      const code = zohoToken();
      grantCodes.set(code, { ...grant, expiresAt: now + cfg.grantCodeLifetimeMs, used: false });
      return code;
    },
    revokeRefreshToken: revoke,
    tokenRequest(dc, params, now, apiDomain) {
      stats.tokenRequests[dc] = (stats.tokenRequests[dc] ?? 0) + 1;
      const grantType = params.get('grant_type');
      if (grantType !== 'refresh_token' && grantType !== 'authorization_code') return fail('unsupported_grant_type');
      const client = clients.get(params.get('client_id') ?? '');
      if (!client || !client.dataCenters.has(dc)) return fail('invalid_client');
      if (params.get('client_secret') !== client.clientSecret) return fail('invalid_client_secret');
      if (grantType === 'authorization_code') {
        const code = grantCodes.get(params.get('code') ?? '');
        if (!code || code.used || code.expiresAt <= now || code.dc !== dc || code.clientId !== client.clientId) return fail('invalid_code');
        const recent = (generations.get(client.clientId) ?? []).filter((t) => t > now - GENERATION_WINDOW_MS);
        if (recent.length >= cfg.maxRefreshTokenGenerationsPerMinute) {
          stats.throttled += 1;
          return fail('Access Denied', THROTTLE_BODY, cfg.throttleStatus);
        }
        generations.set(client.clientId, [...recent, now]);
        code.used = true;
        const grant: Grant = { dc: code.dc, clientId: code.clientId, orgId: code.orgId, userId: code.userId, scopes: code.scopes };
        const refreshToken = issueRefreshToken(grant);
        const entry = refreshTokens.get(refreshToken) as RefreshEntry;
        const body = mintAccess(grant, refreshToken, now, apiDomain);
        entry.active.push(body.access_token);
        entry.issuedAt.push(now);
        return { status: 200, body: { access_token: body.access_token, refresh_token: refreshToken, scope: body.scope, api_domain: body.api_domain, token_type: body.token_type, expires_in: body.expires_in } };
      }
      const refreshToken = params.get('refresh_token') ?? '';
      const entry = refreshTokens.get(refreshToken);
      if (!entry || entry.revoked || entry.dc !== dc || entry.clientId !== client.clientId) return fail('invalid_code');
      entry.issuedAt = entry.issuedAt.filter((t) => t > now - cfg.refreshThrottleWindowMs);
      if (entry.issuedAt.length >= cfg.refreshThrottleMax) {
        stats.throttled += 1;
        return fail('Access Denied', THROTTLE_BODY, cfg.throttleStatus);
      }
      const body = mintAccess({ dc: entry.dc, clientId: entry.clientId, orgId: entry.orgId, userId: entry.userId, scopes: entry.scopes }, refreshToken, now, apiDomain);
      entry.issuedAt.push(now);
      entry.active.push(body.access_token);
      while (entry.active.length > cfg.maxActiveAccessTokens) accessTokens.delete(entry.active.shift() as string);
      return { status: 200, body };
    },
    verify(dc, token, now) {
      const entry = accessTokens.get(token);
      if (!entry || entry.dc !== dc || entry.expiresAt <= now) throw invalidToken();
      return entry;
    },
    expireAccessTokens() {
      const n = accessTokens.size;
      accessTokens.clear();
      for (const r of refreshTokens.values()) r.active = [];
      return n;
    },
    settings: () => ({ ...cfg }),
    set(patch) {
      cfg = { ...cfg, ...patch };
    },
    stats: () => structuredClone(stats),
  };
}
