/**
 * Errors the emulated GP Service answers with. The SBA error body is not documented anywhere public
 * (FACTS §2.1, GP-DOMAIN §7 [U]); the emulator's choice is `{ "Error": { "Code", "Message", "CorrelationId" } }`
 * (see README.md). eConnect data errors carry the eConnect message text in `Message`.
 */

export class SbaError extends Error {
  override readonly name = 'SbaError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function renderErrorBody(err: SbaError, correlationId: string | undefined): string {
  return JSON.stringify({ Error: { Code: err.code, Message: err.message, CorrelationId: correlationId ?? null } });
}

export const badRequest = (message: string, code = 'BadRequest') => new SbaError(400, code, message);
export const notFound = (code: 'TenantNotFound' | 'CompanyNotFound' | 'ResourceNotFound' | 'EntityNotFound', message: string) =>
  new SbaError(404, code, message);
