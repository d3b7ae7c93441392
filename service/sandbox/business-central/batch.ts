/**
 * OData JSON `$batch` (`POST .../api/v2.0/$batch`): `{"requests":[{id, method, url, headers?, body?}]}` →
 * `{"responses":[{id, status, headers, body?}]}`, at most 100 operations (FACTS §3 [V]). Operations run in
 * order through the same handler as single requests; each succeeds or fails on its own.
 */
import type { ApiRequest } from './api-handler.ts';
import { bcError } from './errors.ts';

export const MAX_BATCH_OPERATIONS = 100;

interface BatchOperation {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

function parseOperations(body: unknown): BatchOperation[] {
  const requests = (body as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests)) throw bcError(400, 'BadRequest', "A JSON batch request needs a 'requests' array.");
  // [U] exact code/text; the 100-operation limit itself is documented.
  if (requests.length > MAX_BATCH_OPERATIONS) throw bcError(400, 'BadRequest', `The batch has ${requests.length} operations; the maximum is ${MAX_BATCH_OPERATIONS}.`);
  const ids = new Set<string>();
  return requests.map((r, i) => {
    const op = r as Partial<BatchOperation>;
    if (typeof op.id !== 'string' || typeof op.method !== 'string' || typeof op.url !== 'string') {
      throw bcError(400, 'BadRequest', `Batch operation ${i} needs string 'id', 'method' and 'url'.`);
    }
    if (ids.has(op.id)) throw bcError(400, 'BadRequest', `Batch operation id '${op.id}' is used twice.`);
    ids.add(op.id);
    return op as BatchOperation;
  });
}

export async function runBatch(outer: ApiRequest, execute: (req: ApiRequest) => Promise<Response>): Promise<Response> {
  const ops = parseOperations(outer.body);
  const responses: Array<Record<string, unknown>> = [];
  for (const op of ops) {
    let url = op.url;
    if (url.startsWith(outer.serviceRoot)) url = url.slice(outer.serviceRoot.length);
    url = url.replace(/^\/+/, '');
    const [path = '', search = ''] = url.split('?');
    const headers = new Headers(op.headers ?? {});
    const res = await execute({ method: op.method.toUpperCase(), path, query: new URLSearchParams(search), headers, body: op.body, serviceRoot: outer.serviceRoot });
    const text = await res.text();
    const entry: Record<string, unknown> = { id: op.id, status: res.status, headers: Object.fromEntries(res.headers) };
    if (text) entry.body = JSON.parse(text);
    responses.push(entry);
  }
  return new Response(JSON.stringify({ responses }), { status: 200, headers: { 'content-type': 'application/json; odata.metadata=minimal', 'odata-version': '4.0' } });
}
