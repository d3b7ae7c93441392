/**
 * Procurify's API is Django REST Framework (the OAS is drf-spectacular output: `*SerializerSingle`, `Paginated*List`,
 * `format=csv|json`), so errors take DRF's shapes (FACTS §6, §6.1 #10 [U]): `{"detail": "..."}` for 401/403/404/405/
 * 429 and `{"<field>": ["..."]}` (nested per field, per list index) for 400 validation errors. The texts are DRF's
 * and django-filter's defaults. A URL that no route matches gets Django's HTML 404 page, not JSON.
 */
export type FieldErrors = { [field: string]: string[] | FieldErrors | Array<FieldErrors> };

export class DrfError extends Error {
  override readonly name = 'DrfError';
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === 'object' && body !== null && 'detail' in body ? String((body as { detail: unknown }).detail) : `HTTP ${status}`);
  }
}

export function detailError(status: number, detail: string, headers: Record<string, string> = {}): DrfError {
  return new DrfError(status, { detail }, headers);
}

export function validationError(errors: FieldErrors): DrfError {
  return new DrfError(400, errors);
}

/** DRF's NotFound for an object lookup or an out-of-range page. */
export function notFound(detail = 'Not found.'): DrfError {
  return detailError(404, detail);
}

export function methodNotAllowed(method: string, allowed: string[]): DrfError {
  return detailError(405, `Method "${method}" not allowed.`, { allow: [...allowed, 'OPTIONS'].join(', ') });
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', vary: 'Accept', ...headers },
  });
}

export function errorResponse(err: DrfError): Response {
  return jsonResponse(err.status, err.body, err.headers);
}

/** What Django (DEBUG off) serves for a URL no pattern matches. */
export function djangoNotFoundPage(): Response {
  const html = `<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n`;
  return new Response(html, { status: 404, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/** A 5xx from the application (Django's page) or from the load balancer in front of it: HTML, never JSON. */
export function serverErrorPage(status: number, headers: Record<string, string> = {}): Response {
  const html = status === 500 ? '<h1>Server Error (500)</h1>' : `<html><head><title>${status}</title></head><body><h1>${status}</h1></body></html>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });
}
