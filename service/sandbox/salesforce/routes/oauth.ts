import { Hono } from 'hono';
import type { SandboxDeps, SandboxEnv } from '../context.ts';
import { signIdentity } from '../sessions.ts';

function oauthError(error: string, description: string): Response {
  return new Response(JSON.stringify({ error, error_description: description }), {
    status: 400,
    headers: { 'content-type': 'application/json;charset=UTF-8' },
  });
}

/**
 * `POST /services/oauth2/token`, client credentials (FACTS 1.2). Errors follow RFC 6749 `{error,
 * error_description}`, not the REST error array. The response has no expires_in and no refresh_token;
 * `issued_at` is a string of epoch millis.
 */
export function createOAuthRoutes(deps: SandboxDeps): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.post('/token', async (c) => {
    const contentType = c.req.header('content-type') ?? '';
    if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return oauthError('invalid_request', 'must use Content-Type application/x-www-form-urlencoded');
    }
    const form = new URLSearchParams(await c.req.text());
    const grantType = form.get('grant_type');
    if (!grantType) return oauthError('invalid_request', 'grant type not specified');
    if (grantType !== 'client_credentials') return oauthError('unsupported_grant_type', 'grant type not supported');
    const clientId = form.get('client_id') ?? '';
    const expectedSecret = deps.clients.get(clientId);
    if (expectedSecret === undefined) return oauthError('invalid_client_id', 'client identifier invalid');
    if (form.get('client_secret') !== expectedSecret) return oauthError('invalid_client', 'invalid client credentials');

    const session = deps.sessions.issue();
    const issuedAt = String(session.issuedAt);
    const id = `${deps.loginUrl()}/id/${deps.orgId}/${deps.userId}`;
    return c.json({
      access_token: session.accessToken,
      signature: signIdentity(expectedSecret, id, issuedAt),
      scope: 'api',
      instance_url: deps.instanceUrl(),
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
    });
  });
  return app;
}
