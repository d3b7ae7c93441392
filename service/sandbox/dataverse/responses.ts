/** The request the Web API handlers see (framework-free) and the response helpers every handler uses. */
import type { AnnotationPrefs } from './serializer.ts';

export interface ApiRequest {
  method: string;
  /** Path below `/api/data/v9.x/`, still percent-encoded, e.g. `accounts(accountnumber='A%27B')`. */
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
  /** Absolute service root, `<org URL>/api/data/v9.2`, for contexts, nextLink / deltaLink and OData-EntityId. */
  serviceRoot: string;
  /** The calling application user (systemuser id). */
  userId: string;
  prefs: AnnotationPrefs;
  correlationId: string;
}

const JSON_TYPE = 'application/json; odata.metadata=minimal';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': JSON_TYPE, 'odata-version': '4.0', ...headers } });
}

export function noContent(headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 204, headers: { 'odata-version': '4.0', ...headers } });
}
