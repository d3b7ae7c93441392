import type { MiddlewareHandler } from 'hono';
import { NOT_FOUND_MESSAGE, type SandboxDeps, type SandboxEnv } from '../context.ts';

const INVALID_SESSION = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
const LIMIT_EXCEEDED = [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }];

/**
 * In front of every `/services/data/vXX.X/…` call: a supported version, a live Bearer session (401
 * INVALID_SESSION_ID otherwise), the daily allowance (403 REQUEST_LIMIT_EXCEEDED, never 429), and the
 * `Sforce-Limit-Info` header on the response (FACTS 1.2, 1.3 #14–15).
 */
export function createRestGuard(deps: SandboxDeps): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const version = /^v(\d+)\.0$/.exec(c.req.param('version') ?? '');
    const versionNumber = version ? Number(version[1]) : NaN;
    if (!(versionNumber >= deps.settings.minApiVersion && versionNumber <= deps.settings.maxApiVersion)) {
      return c.json([{ errorCode: 'NOT_FOUND', message: NOT_FOUND_MESSAGE }], 404);
    }
    c.set('apiVersion', `${versionNumber}.0`);
    const authorization = c.req.header('authorization') ?? '';
    const token = /^(?:Bearer|OAuth) (.+)$/i.exec(authorization)?.[1];
    if (!token || !deps.sessions.touch(token)) {
      c.header('Sforce-Limit-Info', deps.usage.header());
      return c.json(INVALID_SESSION, 401);
    }
    if (!deps.usage.consume()) {
      c.header('Sforce-Limit-Info', deps.usage.header());
      return c.json(LIMIT_EXCEEDED, 403);
    }
    // Asynchronous work (Bulk API 2.0 jobs) moves on the sandbox clock, observed at each call.
    deps.bulk.advance();
    await next();
    c.res.headers.set('Sforce-Limit-Info', deps.usage.header());
  };
}
