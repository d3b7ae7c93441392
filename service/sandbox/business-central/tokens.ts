/**
 * Entra ID (AAD) v2.0 token endpoint for the client-credentials grant (FACTS §3 [V]):
 * `POST /<tenant>/oauth2/v2.0/token`, form body, scope `https://api.businesscentral.dynamics.com/.default`.
 * Tokens carry `expires_in` (3599 s [C]) and really expire on the sandbox clock. Errors use AAD's body
 * (`error`, `error_description` starting with an AADSTS code, `error_codes`, trace and correlation ids).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { SandboxClock } from './clock.ts';
import { isoAt } from './clock.ts';
import { bcError, type BcHttpError } from './errors.ts';

export const BC_SCOPE = 'https://api.businesscentral.dynamics.com/.default';
export const DEFAULT_TOKEN_LIFETIME_S = 3599;

interface Issued {
  clientId: string;
  tenantId: string;
  expiresAt: number;
}

export interface TokenService {
  /** Answer a token request: status + JSON body (success or AAD error). */
  issue(tenant: string, form: URLSearchParams): { status: number; body: Record<string, unknown> };
  /** Check a bearer header for the given tenant; returns the client id or throws a 401 BcHttpError. */
  verify(authorization: string | undefined, tenant: string): string;
  expireAll(): number;
  issuedCount(): number;
}

export interface TokenServiceOptions {
  clock: SandboxClock;
  tenantId: string;
  clients: Map<string, string>;
  lifetimeSeconds: number;
}

function aadError(clock: SandboxClock, status: number, error: string, code: number, text: string) {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = isoAt(clock.now()).replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${text}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

function unauthorized(description: string): BcHttpError {
  return bcError(401, 'Authentication_InvalidCredentials', 'The server has rejected the client credentials.', {
    'www-authenticate': `Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="invalid_token", error_description="${description}"`,
  });
}

export function createTokenService(opts: TokenServiceOptions): TokenService {
  const { clock } = opts;
  const tokens = new Map<string, Issued>();
  let issued = 0;

  return {
    issue(tenant, form) {
      if (tenant !== opts.tenantId) {
        return aadError(clock, 400, 'invalid_request', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
      }
      if (form.get('grant_type') !== 'client_credentials') {
        return aadError(clock, 400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${form.get('grant_type') ?? ''}'.`);
      }
      const clientId = form.get('client_id') ?? '';
      const secret = opts.clients.get(clientId);
      if (secret === undefined) {
        return aadError(clock, 400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`);
      }
      if (form.get('client_secret') !== secret) {
        return aadError(
          clock,
          401,
          'invalid_client',
          7000215,
          `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
        );
      }
      const scope = form.get('scope') ?? '';
      if (scope !== BC_SCOPE) {
        return aadError(
          clock,
          400,
          'invalid_scope',
          1002012,
          `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
        );
      }
      const token = `eyJ0eXAiOiJKV1Qi.${randomBytes(24).toString('base64url')}.${randomBytes(16).toString('base64url')}`;
      tokens.set(token, { clientId, tenantId: tenant, expiresAt: clock.now() + opts.lifetimeSeconds * 1000 });
      issued += 1;
      return {
        status: 200,
        body: { token_type: 'Bearer', expires_in: opts.lifetimeSeconds, ext_expires_in: opts.lifetimeSeconds, access_token: token },
      };
    },
    verify(authorization, tenant) {
      const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
      if (!m) throw unauthorized('The authorization header is missing or is not a bearer token.');
      const entry = tokens.get(m[1] as string);
      if (!entry) throw unauthorized('The token is not valid.');
      if (entry.expiresAt <= clock.now()) throw unauthorized('The token expired.');
      if (entry.tenantId !== tenant) throw unauthorized('The token was issued for another tenant.');
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
