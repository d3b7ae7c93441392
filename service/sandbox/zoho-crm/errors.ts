/**
 * Zoho CRM's error envelope `{code, details, message, status:"error"}` (record.json API_Exception, common.json
 * [V]). Top-level errors are thrown as ZohoHttpError; per-record errors are values inside `data[]`. Codes and
 * messages come from the OAS enums and published examples (zoho/crm-oas v8.0); where the text for a case is not
 * published it is marked [U] at the helper.
 */
export interface ZohoErrorBody {
  code: string;
  details: Record<string, unknown>;
  message: string;
  status: 'error';
}

export class ZohoHttpError extends Error {
  override readonly name = 'ZohoHttpError';
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === 'object' && body !== null && 'message' in body ? String((body as { message: unknown }).message) : `HTTP ${status}`);
  }
}

export function errorBody(code: string, message: string, details: Record<string, unknown> = {}): ZohoErrorBody {
  return { code, details, message, status: 'error' };
}

export function zohoError(status: number, code: string, message: string, details: Record<string, unknown> = {}, headers: Record<string, string> = {}): ZohoHttpError {
  return new ZohoHttpError(status, errorBody(code, message, details), headers);
}

/** FACTS §5 / §5.1 #3 [C]: body observed from a real Zoho server; 401. */
export function invalidToken(): ZohoHttpError {
  return zohoError(401, 'INVALID_TOKEN', 'invalid oauth token');
}

/** Missing Authorization header or another scheme than Zoho-oauthtoken (code + text from a v8 OAS example; [U] that Bearer lands here). */
export function authenticationFailure(): ZohoHttpError {
  return zohoError(401, 'AUTHENTICATION_FAILURE', 'Authentication failed');
}

/** Body observed from a real org (airbyte issue #23484 [C]); status 401 per the v8 OAS. */
export function scopeMismatch(): ZohoHttpError {
  return zohoError(401, 'OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL');
}

/** v8 OAS examples [V]: flat for reads, wrapped in data[] for writes. */
export function invalidModuleBody(): ZohoErrorBody {
  return errorBody('INVALID_MODULE', 'the module name given seems to be invalid', { resource_path_index: 0 });
}

export function invalidUrlPattern(): ZohoHttpError {
  return zohoError(404, 'INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one');
}

export function invalidRequestMethod(): ZohoHttpError {
  return zohoError(400, 'INVALID_REQUEST_METHOD', 'The http request method type is not a valid one');
}

export function requiredParamMissing(param: string, message = 'required param is missing'): ZohoHttpError {
  return zohoError(400, 'REQUIRED_PARAM_MISSING', message, { param_name: param });
}

/** [U] text: the OAS only shows `invalid data` with `param_name` for bad query parameters. */
export function invalidParam(param: string, extra: Record<string, unknown> = {}): ZohoHttpError {
  return zohoError(400, 'INVALID_DATA', 'invalid data', { param_name: param, ...extra });
}

/** Body not parsable as JSON: code from the enum, text `body` is in the record.json message enum [U that it is this case]. */
export function invalidBody(): ZohoHttpError {
  return zohoError(400, 'INVALID_DATA', 'body');
}

export function internalError(): ZohoHttpError {
  return zohoError(500, 'INTERNAL_ERROR', 'Internal server error occurred.');
}
