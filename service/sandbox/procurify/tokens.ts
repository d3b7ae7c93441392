/**
 * The tenant's token endpoint, `POST https://<domain>.procurify.com/oauth/token` (OAS `Oauth_tokenRequest`,
 * FACTS §6 and §6.1 #1 [V]): a JSON body `{client_id, client_secret, audience: "https://api.procurify.com/",
 * grant_type: "client_credentials"}` → `{access_token, scope: "urn:procurify-api:domain:<domain>
 * urn:procurify-api:email:<email>", expires_in: 86400, token_type: "Bearer"}`. There is no refresh token: a client
 * asks again (§6.1 #2). The token is a JWT (security scheme M2MAuthentication); here it is JWT-shaped with real
 * `aud`/`exp`/`scope` claims and a meaningless signature, and it expires on the sandbox clock.
 * Errors are [U]: Auth0's `{"error","error_description"}` (the endpoint fronts Auth0) by default, DRF's
 * `{"detail"}` with `tokenErrorStyle: 'drf'`. API calls with a missing, unknown, expired or other tenant's token
 * get DRF's 401 `{"detail": ...}` with `WWW-Authenticate: Bearer realm="api"` (texts [U]).
 */
import { randomBytes } from 'node:crypto';
import type { SandboxClock } from './clock.ts';
import { detailError, type DrfError } from './errors.ts';

export const PROCURIFY_AUDIENCE = 'https://api.procurify.com/';

export interface TenantCredentials {
  domain: string;
  clientId: string;
  clientSecret: string;
  /** The user who created the API application (the email in the token's scope). */
  email: string;
}

export interface IssuedToken {
  domain: string;
  clientId: string;
  expiresAt: number;
}

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface TokenService {
  issue(domain: string, body: unknown, errorStyle: 'auth0' | 'drf', lifetimeSeconds: number): TokenAnswer;
  /** The client id a bearer header stands for on this tenant, or a DRF 401. */
  verify(authorization: string | undefined, domain: string): string;
  expireAll(): number;
  issuedCount(): number;
  addTenant(credentials: TenantCredentials): void;
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function unauthorized(detail: string): DrfError {
  return detailError(401, detail, { 'www-authenticate': 'Bearer realm="api"' });
}

export function createTokenService(clock: SandboxClock): TokenService {
  const tenants = new Map<string, TenantCredentials>();
  const tokens = new Map<string, IssuedToken>();
  let issued = 0;

  const refuse = (style: 'auth0' | 'drf', status: number, error: string, description: string): TokenAnswer =>
    style === 'auth0' ? { status, body: { error, error_description: description } } : { status, body: { detail: description } };

  return {
    addTenant(credentials) {
      tenants.set(credentials.domain, credentials);
    },
    issue(domain, body, style, lifetimeSeconds) {
      const tenant = tenants.get(domain);
      if (!tenant) return refuse(style, 404, 'invalid_request', `Unknown domain '${domain}'.`);
      if (body === null || typeof body !== 'object' || Array.isArray(body)) return refuse(style, 400, 'invalid_request', 'The request body must be a JSON object.');
      const b = body as Record<string, unknown>;
      const text = (key: string): string | undefined => (typeof b[key] === 'string' ? (b[key] as string) : undefined);
      const grantType = text('grant_type');
      if (grantType === undefined) return refuse(style, 400, 'invalid_request', 'Missing required parameter: grant_type');
      if (grantType !== 'client_credentials') return refuse(style, 400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`);
      if (text('client_id') !== tenant.clientId || text('client_secret') !== tenant.clientSecret) return refuse(style, 401, 'access_denied', 'Unauthorized');
      const audience = text('audience');
      if (audience === undefined) return refuse(style, 403, 'access_denied', 'No audience parameter was provided, and no default audience has been configured');
      if (audience !== PROCURIFY_AUDIENCE) return refuse(style, 403, 'access_denied', `Service not found: ${audience}`);
      const now = clock.now();
      const scope = `urn:procurify-api:domain:${domain} urn:procurify-api:email:${tenant.email}`;
      const claims = {
        iss: `https://${domain}.procurify.com/`,
        sub: `${tenant.clientId}@clients`,
        aud: PROCURIFY_AUDIENCE,
        iat: Math.floor(now / 1000),
        exp: Math.floor(now / 1000) + lifetimeSeconds,
        azp: tenant.clientId,
        scope,
        gty: 'client-credentials',
      };
      const token = `${base64url({ alg: 'RS256', typ: 'JWT', kid: 'procurify-sandbox' })}.${base64url(claims)}.${randomBytes(256).toString('base64url')}`;
      tokens.set(token, { domain, clientId: tenant.clientId, expiresAt: now + lifetimeSeconds * 1000 });
      issued += 1;
      return { status: 200, body: { access_token: token, scope, expires_in: lifetimeSeconds, token_type: 'Bearer' } };
    },
    verify(authorization, domain) {
      const m = /^Bearer(?:\s+(\S*))?\s*$/i.exec(authorization ?? '');
      if (!m) throw unauthorized('Authentication credentials were not provided.');
      if (!m[1]) throw unauthorized('Invalid token header. No credentials provided.');
      const entry = tokens.get(m[1]);
      if (!entry || entry.domain !== domain) throw unauthorized('Invalid token.');
      if (entry.expiresAt <= clock.now()) throw unauthorized('Signature has expired.');
      return entry.clientId;
    },
    expireAll() {
      const n = tokens.size;
      tokens.clear();
      return n;
    },
    issuedCount: () => issued,
  };
}
