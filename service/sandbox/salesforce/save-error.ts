/** A per-record error as Salesforce reports it inside SaveResult / UpsertResult arrays (FACTS 1.2: statusCode). */
export interface SaveError {
  statusCode: string;
  message: string;
  fields: string[];
}

/** A request-level error body element (FACTS 1.2: JSON array of {message, errorCode, fields?}). */
export interface ApiError {
  message: string;
  errorCode: string;
  fields?: string[];
}

export function saveError(statusCode: string, message: string, fields: string[] = []): SaveError {
  return { statusCode, message, fields };
}

export function toApiError(err: SaveError): ApiError {
  return err.fields.length > 0
    ? { message: err.message, errorCode: err.statusCode, fields: err.fields }
    : { message: err.message, errorCode: err.statusCode };
}

/** Raised inside request handling for a request-level failure: status + Salesforce error array. */
export class SandboxHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ApiError[],
  ) {
    super(errors.map((e) => `${e.errorCode}: ${e.message}`).join('; '));
  }
}

export function httpError(status: number, errorCode: string, message: string, fields?: string[]): SandboxHttpError {
  return new SandboxHttpError(status, [fields ? { message, errorCode, fields } : { message, errorCode }]);
}
