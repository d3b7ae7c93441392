/**
 * BC's OData error envelope `{"error":{"code","message"}}` (FACTS 3.1 #15). Codes come from the documented
 * families; where the exact code for a case is not documented it is marked [U] at the throw site.
 */
export class BcHttpError extends Error {
  override readonly name = 'BcHttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function bcError(status: number, code: string, message: string, headers: Record<string, string> = {}): BcHttpError {
  return new BcHttpError(status, code, message, headers);
}

/** BC appends a correlation id to its messages; keeping it makes the emulator's texts look like the real ones. */
export function errorResponse(err: BcHttpError, correlationId: string): Response {
  const body = JSON.stringify({ error: { code: err.code, message: `${err.message}  CorrelationId:  ${correlationId}.` } });
  return new Response(body, {
    status: err.status,
    headers: { 'content-type': 'application/json; odata.metadata=minimal', ...err.headers },
  });
}

/** FACTS §3 [V]: the stale-etag conflict, verbatim code and message. */
export function entityChanged(): BcHttpError {
  return bcError(409, 'Request_EntityChanged', 'Another user has already changed the record.');
}

/** FACTS §3 [V] code; the message is BC's text for a PATCH/DELETE without a concurrency token. */
export function missingIfMatch(): BcHttpError {
  return bcError(400, 'BadRequest_InvalidToken', 'Could not validate the client concurrency token required by the service. Please provide a valid token in the client request.');
}

export function notFound(what: string): BcHttpError {
  return bcError(404, 'BadRequest_ResourceNotFound', `The requested resource ${what} was not found.`);
}

/** Errors raised by AL code (table relations, status checks, nothing to post): Application_DialogException [V code]. */
export function dialog(message: string): BcHttpError {
  return bcError(400, 'Application_DialogException', message);
}
