import { timingSafeEqual, createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.ts';

/** Compare digests so the comparison is constant-time whatever the lengths. */
function sameKey(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * API key from `X-API-Key` (what the Salesforce package's External Credential sends) or `Authorization: Bearer`.
 * Fail-closed: an empty configured key refuses everything.
 */
export function createApiKeyGuard(apiKey: string): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('x-api-key') ?? c.req.header('authorization')?.replace(/^Bearer\s+/i, '');
    if (!apiKey || !header || !sameKey(header, apiKey)) {
      throw new ApiError(401, 'UNAUTHORIZED', 'missing or wrong API key (send it in the X-API-Key header)');
    }
    await next();
  };
}
