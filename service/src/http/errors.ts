/**
 * One error envelope for every API response that is not a success: `{ code, message, requestId }`.
 * A closed set of error types maps to statuses; anything else is a 500 with a generic message (the details go
 * to the log with the request id, never to the client).
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { ConfigError, ConnectorError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

const CATEGORY_STATUS: Record<ConnectorError['category'], ContentfulStatusCode> = {
  validation: 400,
  conflict: 409,
  auth: 502,
  transient: 503,
};

export function toErrorResponse(err: unknown, c: Context, logger: Logger): Response {
  const requestId = (c.get('requestId' as never) as string | undefined) ?? '';
  if (err instanceof ApiError) {
    return c.json({ code: err.code, message: err.message, requestId }, err.status);
  }
  if (err instanceof z.ZodError) {
    return c.json({ code: 'BAD_REQUEST', message: formatIssues(err), requestId }, 400);
  }
  if (err instanceof ConfigError) {
    return c.json({ code: 'BAD_REQUEST', message: err.problems.join('; '), requestId }, 400);
  }
  if (err instanceof ConnectorError) {
    const status = err.code === 'UNKNOWN_FLOW' || err.code === 'UNKNOWN_CONNECTION' ? 404 : CATEGORY_STATUS[err.category];
    if (err.retryAfterMs !== undefined) c.header('Retry-After', String(Math.ceil(err.retryAfterMs / 1000)));
    return c.json({ code: err.code ?? err.category.toUpperCase(), message: err.message, requestId }, status);
  }
  if (err instanceof SyntaxError) {
    return c.json({ code: 'BAD_REQUEST', message: 'request body is not valid JSON', requestId }, 400);
  }
  logger.error({ requestId, err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err) }, 'unhandled error');
  return c.json({ code: 'INTERNAL', message: 'internal error; see the service log for this request id', requestId }, 500);
}
