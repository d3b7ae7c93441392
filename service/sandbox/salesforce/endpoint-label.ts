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
  | 'sandbox.admin'
  | 'other';

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
