/**
 * Names the API endpoint a request targets, for call counters and targeted faults. The benchmark compares
 * `composite.upsert` calls with the lower bound ceil(N / 200).
 */
export type EndpointLabel =
  | 'oauth.token'
  | 'versions'
  | 'resources'
  | 'composite.upsert'
  | 'query'
  | 'query.more'
  | 'sobjects.list'
  | 'sobject.describe'
  | 'sobject.updated'
  | 'sobject.deleted'
  | 'sobject.create'
  | 'sobject.get'
  | 'sobject.update'
  | 'sobject.delete'
  | 'sobject.upsert'
  | 'sobject.getByExternalId'
  | 'bulk.ingest.create'
  | 'bulk.ingest.list'
  | 'bulk.ingest.get'
  | 'bulk.ingest.state'
  | 'bulk.ingest.delete'
  | 'bulk.ingest.upload'
  | 'bulk.ingest.results'
  | 'limits'
  | 'sandbox.admin'
  | 'other';

function labelBulkIngest(method: string, rest: string[]): EndpointLabel {
  const [id, resource] = rest;
  if (!id) return method === 'POST' ? 'bulk.ingest.create' : method === 'GET' ? 'bulk.ingest.list' : 'other';
  if (!resource) return method === 'GET' ? 'bulk.ingest.get' : method === 'PATCH' ? 'bulk.ingest.state' : method === 'DELETE' ? 'bulk.ingest.delete' : 'other';
  if (resource === 'batches') return method === 'PUT' ? 'bulk.ingest.upload' : 'other';
  return method === 'GET' ? 'bulk.ingest.results' : 'other';
}

export function labelEndpoint(method: string, pathname: string): EndpointLabel {
  if (pathname.startsWith('/_sandbox')) return 'sandbox.admin';
  if (pathname === '/services/oauth2/token') return 'oauth.token';
  if (/^\/services\/data\/?$/.test(pathname)) return 'versions';
  const m = /^\/services\/data\/v\d+\.\d+(\/.*)?$/.exec(pathname);
  if (!m) return 'other';
  const parts = (m[1] ?? '').split('/').filter(Boolean);
  const [head, a, b, c] = parts;
  if (!head) return 'resources';
  if (head === 'composite' && a === 'sobjects' && parts.length === 4 && method === 'PATCH') return 'composite.upsert';
  if (head === 'query' || head === 'queryAll') return parts.length === 1 ? 'query' : 'query.more';
  if (head === 'limits') return 'limits';
  if (head === 'jobs' && a === 'ingest') return labelBulkIngest(method, parts.slice(2));
  if (head !== 'sobjects') return 'other';
  if (!a) return 'sobjects.list';
  if (!b) return method === 'POST' ? 'sobject.create' : 'other';
  if (!c) {
    if (b === 'describe') return 'sobject.describe';
    if (b === 'updated') return 'sobject.updated';
    if (b === 'deleted') return 'sobject.deleted';
    if (method === 'GET') return 'sobject.get';
    if (method === 'PATCH') return 'sobject.update';
    if (method === 'DELETE') return 'sobject.delete';
    return 'other';
  }
  if (parts.length === 4) return method === 'PATCH' ? 'sobject.upsert' : method === 'GET' ? 'sobject.getByExternalId' : 'other';
  return 'other';
}
