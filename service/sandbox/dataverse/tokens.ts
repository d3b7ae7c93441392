/**
 * Entra ID v2.0 token endpoint as Dataverse server-to-server clients use it (FACTS §3 [V] for the endpoint and
 * grant, §4 for the resource): `POST <authority>/<tenant>/oauth2/v2.0/token`, form body, `grant_type=client_credentials`,
 * `scope=<org URL>/.default`. Tokens carry `expires_in` (3599 s [C], configurable) and really expire on the sandbox
 * clock; the Web API then answers 401 with a `WWW-Authenticate: Bearer authorization_uri=…, resource_id=…`
 * challenge [C]. Error bodies are Entra's (`error`, `error_description` starting with an AADSTS code,
 * `error_codes`, trace / correlation ids, timestamp, error_uri) as the Business Central emulator answers them.
 * [U] A scope naming another resource gets AADSTS500011 (`invalid_resource`) — Entra's answer for a resource the
 * tenant does not know; a real tenant that knows the resource would issue a token Dataverse then refuses.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { SandboxClock } from './clock.ts';
import { dvError, type DvHttpError } from './errors.ts';

export const DEFAULT_TOKEN_LIFETIME_S = 3599;

interface Issued {
  clientId: string;
  expiresAt: number;
}

export interface TokenServiceOptions {
  clock: SandboxClock;
  tenantId: string;
  clients: Map<string, string>;
  lifetimeSeconds: number;
  /** The org URL (the token's resource); known only once the listener runs. */
  orgUrl(): string;
  authorityUrl(): string;
}

export interface TokenService {
  issue(tenant: string, form: URLSearchParams): { status: number; body: Record<string, unknown> };
  /** The client id behind a bearer header, or a 401 DvHttpError. */
  verify(authorization: string | undefined): string;
  expireAll(): number;
  issuedCount(): number;
  setLifetimeSeconds(seconds: number): void;
}

function aadError(clock: SandboxClock, status: number, error: string, code: number, text: string) {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date(clock.now()).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
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

const trimSlash = (s: string): string => s.replace(/\/+$/, '');

export function createTokenService(opts: TokenServiceOptions): TokenService {
  const { clock } = opts;
  const tokens = new Map<string, Issued>();
  let issued = 0;
  let lifetimeSeconds = opts.lifetimeSeconds;

  const unauthorized = (description: string): DvHttpError =>
    // [C] challenge shape; [V] AccessTokenExpired 0x8005F101 "The requested resource requires authentication."
    dvError(401, '0x8005F101', 'The requested resource requires authentication.', {
      'www-authenticate': `Bearer authorization_uri=${trimSlash(opts.authorityUrl())}/${opts.tenantId}/oauth2/authorize, resource_id=${trimSlash(opts.orgUrl())}/, error="invalid_token", error_description="${description}"`,
    }, 'AccessTokenExpired');

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
      if (!scope.endsWith('/.default')) {
        return aadError(
          clock,
          400,
          'invalid_scope',
          1002012,
          `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
        );
      }
      const resource = trimSlash(scope.slice(0, -'/.default'.length));
      if (resource.toLowerCase() !== trimSlash(opts.orgUrl()).toLowerCase()) {
        return aadError(clock, 400, 'invalid_resource', 500011, `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`);
      }
      const token = `eyJ0eXAiOiJKV1Qi.${randomBytes(24).toString('base64url')}.${randomBytes(16).toString('base64url')}`;
      tokens.set(token, { clientId, expiresAt: clock.now() + lifetimeSeconds * 1000 });
      issued += 1;
      return { status: 200, body: { token_type: 'Bearer', expires_in: lifetimeSeconds, ext_expires_in: lifetimeSeconds, access_token: token } };
    },
    verify(authorization) {
      const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
      if (!m) throw unauthorized('The authorization header is missing or is not a bearer token.');
      const entry = tokens.get(m[1] as string);
      if (!entry) throw unauthorized('The token is not valid.');
      if (entry.expiresAt <= clock.now()) throw unauthorized('The token expired.');
      return entry.clientId;
    },
    expireAll() {
      const n = tokens.size;
      tokens.clear();
      return n;
    },
    issuedCount: () => issued,
    setLifetimeSeconds(seconds) {
      if (!Number.isInteger(seconds) || seconds < 1) throw new RangeError(`token lifetime must be a positive whole number of seconds, got ${seconds}`);
      lifetimeSeconds = seconds;
    },
  };
}
