/**
 * The API v2.0 surface under `/v2.0/<tenant>/<environment>/api/v2.0/`: companies, the company's entity sets
 * (nested ones only under their parent), bound actions, and subscriptions. Framework-free (a request in, a
 * Response out) so the `$batch` endpoint runs its operations through exactly the same code.
 * Every entity carries `@odata.etag`; collections are `{"@odata.context","value","@odata.nextLink"?}`
 * (FACTS 3.1 #12). PATCH needs If-Match (FACTS 3.1 #9).
 */
import { validateBody } from './body-validation.ts';
import type { EntitySetDef } from './domain.ts';
import { bcError, entityChanged, missingIfMatch, notFound } from './errors.ts';
import { applySelect, checkQueryOptions, readPage } from './odata-query.ts';
import type { RecordStore } from './record-store.ts';
import type { SubscriptionRegistry } from './subscription-registry.ts';

export interface ApiRequest {
  method: string;
  /** Path below `/api/v2.0/`, e.g. `companies(<id>)/customers`. */
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
  /** Absolute service root, `.../api/v2.0`, for @odata.context, nextLink and Location. */
  serviceRoot: string;
}

export interface ApiHandlerDeps {
  sets: Map<string, EntitySetDef>;
  store: RecordStore;
  companyId: string;
  subscriptions: SubscriptionRegistry;
  defaultPageSize(): number;
  deniedSets: Set<string>;
}

const JSON_TYPE = 'application/json; odata.metadata=minimal; odata.streaming=true';

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': JSON_TYPE, 'odata-version': '4.0', ...headers } });
}

interface Segment {
  name: string;
  key?: string;
}

function parseSegments(path: string): Segment[] {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map((raw) => {
      const s = decodeURIComponent(raw);
      const m = /^([A-Za-z$][A-Za-z0-9.$]*)(?:\((.*)\))?$/.exec(s);
      if (!m) throw bcError(400, 'BadRequest', `The request URI segment '${s}' is not valid.`);
      const key = m[2] === undefined ? undefined : m[2].replace(/^'(.*)'$/, '$1');
      return { name: m[1] as string, key };
    });
}

export function createApiHandler(deps: ApiHandlerDeps) {
  const { store } = deps;

  function checkIfMatch(req: ApiRequest, current: string | undefined, required: boolean): void {
    const ifMatch = req.headers.get('if-match');
    if (!ifMatch) {
      if (required) throw missingIfMatch();
      return;
    }
    if (ifMatch !== '*' && ifMatch !== current) throw entityChanged();
  }

  function entityBody(def: EntitySetDef, row: Record<string, unknown>, context?: string, select?: string | null): Record<string, unknown> {
    const etag = store.etag(def.name, String(row.id));
    const fields = applySelect(row, select ?? null, def.shape, def.typeName);
    return { ...(context ? { '@odata.context': context } : {}), '@odata.etag': etag, ...fields };
  }

  function setDef(name: string): EntitySetDef {
    const def = deps.sets.get(name);
    if (!def || name === 'companies') throw notFound(`'${name}'`);
    if (deps.deniedSets.has(name)) {
      // [U] exact code; the family is documented (FACTS §3).
      throw bcError(403, 'Authorization_InsufficientPermissions', `You do not have the following permissions on TableData ${def.typeName}: Read.`);
    }
    return def;
  }

  function find(def: EntitySetDef, id: string | undefined, parent?: { def: EntitySetDef; id: string }): Record<string, unknown> {
    const row = id === undefined ? undefined : store.get(def.name, id.toLowerCase());
    if (!row || (parent && def.parent && row[def.parent.foreignKey] !== parent.id)) throw notFound(`${def.name}(${id ?? ''})`);
    return row;
  }

  function handleCollection(req: ApiRequest, def: EntitySetDef, parent: { def: EntitySetDef; id: string } | undefined, pathText: string): Response {
    if (req.method === 'GET') {
      const all = store.list(def.name).filter((r) => !parent || !def.parent || r[def.parent.foreignKey] === parent.id);
      const page = readPage(all, def.shape, def.typeName, { query: req.query, preferHeader: req.headers.get('prefer') ?? undefined, defaultPageSize: deps.defaultPageSize() });
      const body: Record<string, unknown> = {
        '@odata.context': `${req.serviceRoot}/$metadata#${pathText}`,
        value: page.rows.map((r) => entityBody(def, r, undefined, req.query.get('$select'))),
      };
      if (page.nextQuery) body['@odata.nextLink'] = `${req.serviceRoot}/${pathText}?${page.nextQuery}`;
      return json(200, body, page.appliedPageSize ? { 'preference-applied': `odata.maxpagesize=${page.appliedPageSize}` } : {});
    }
    if (req.method === 'POST') {
      if (def.readOnly) throw bcError(405, 'BadRequest_MethodNotAllowed', `'${def.name}' is read-only.`);
      const body = validateBody(def.shape, def.typeName, req.body);
      const created = def.create(body, parent?.id);
      const location = `${req.serviceRoot}/${pathText}(${String(created.id)})`;
      return json(201, entityBody(def, created, `${req.serviceRoot}/$metadata#${pathText}/$entity`), {
        location,
        etag: store.etag(def.name, String(created.id)) ?? '',
      });
    }
    throw bcError(405, 'BadRequest_MethodNotAllowed', `${req.method} is not allowed on a collection.`);
  }

  function handleEntity(req: ApiRequest, def: EntitySetDef, row: Record<string, unknown>, collectionPath: string): Response {
    const id = String(row.id);
    const context = `${req.serviceRoot}/$metadata#${collectionPath}/$entity`;
    if (req.method === 'GET') {
      checkQueryOptions(req.query, new Set(['$select']));
      return json(200, entityBody(def, row, context, req.query.get('$select')), { etag: store.etag(def.name, id) ?? '' });
    }
    if (req.method === 'PATCH') {
      checkIfMatch(req, store.etag(def.name, id), true);
      const patch = validateBody(def.shape, def.typeName, req.body);
      const updated = def.update(row, patch);
      return json(200, entityBody(def, updated, context), { etag: store.etag(def.name, id) ?? '' });
    }
    if (req.method === 'DELETE') {
      checkIfMatch(req, store.etag(def.name, id), false);
      def.remove(row);
      return new Response(null, { status: 204 });
    }
    throw bcError(405, 'BadRequest_MethodNotAllowed', `${req.method} is not allowed on an entity.`);
  }

  function handleSubscriptions(req: ApiRequest, key: string | undefined): Promise<Response> | Response {
    const context = `${req.serviceRoot}/$metadata#subscriptions`;
    const withEtag = (sub: { subscriptionId: string }) => ({ '@odata.etag': deps.subscriptions.etag(sub.subscriptionId), ...sub });
    if (key === undefined) {
      if (req.method === 'GET') return json(200, { '@odata.context': context, value: deps.subscriptions.list().map(withEtag) });
      if (req.method === 'POST') {
        return deps.subscriptions.create(req.body).then((sub) => json(201, { '@odata.context': `${context}/$entity`, ...withEtag(sub) }));
      }
      throw bcError(405, 'BadRequest_MethodNotAllowed', `${req.method} is not allowed on subscriptions.`);
    }
    if (req.method === 'GET') {
      const sub = deps.subscriptions.get(key);
      if (!sub) throw notFound(`subscriptions('${key}')`);
      return json(200, { '@odata.context': `${context}/$entity`, ...withEtag(sub) });
    }
    if (req.method === 'PATCH') {
      return deps.subscriptions.renew(key, req.headers.get('if-match') ?? undefined, req.body).then((sub) => json(200, { '@odata.context': `${context}/$entity`, ...withEtag(sub) }));
    }
    if (req.method === 'DELETE') {
      if (!deps.subscriptions.remove(key)) throw notFound(`subscriptions('${key}')`);
      return new Response(null, { status: 204 });
    }
    throw bcError(405, 'BadRequest_MethodNotAllowed', `${req.method} is not allowed on a subscription.`);
  }

  return async function handle(req: ApiRequest): Promise<Response> {
    const segs = parseSegments(req.path);
    const [first, second, third, fourth] = segs;
    if (!first) throw notFound('/');
    if (first.name === 'subscriptions' && segs.length === 1) return handleSubscriptions(req, first.key);
    if (first.name !== 'companies') throw notFound(`'${first.name}'`);
    const companies = deps.sets.get('companies') as EntitySetDef;
    if (first.key === undefined) {
      if (segs.length > 1) throw notFound(req.path);
      return handleCollection(req, companies, undefined, 'companies');
    }
    const company = find(companies, first.key);
    const companyPath = `companies(${String(company.id)})`;
    if (!second) return handleEntity(req, companies, company, 'companies');

    const def = setDef(second.name);
    if (def.parent) throw notFound(`'${second.name}' (use ${def.parent.set}(<id>)/${def.name})`);
    const setPath = `${companyPath}/${def.name}`;
    if (second.key === undefined) {
      if (third) throw notFound(req.path);
      return handleCollection(req, def, undefined, setPath);
    }
    const row = find(def, second.key);
    if (!third) return handleEntity(req, def, row, setPath);

    if (third.name.startsWith('Microsoft.NAV.') && third.key === undefined && !fourth) {
      const action = def.actions?.[third.name.slice('Microsoft.NAV.'.length)];
      if (!action) throw notFound(`action '${third.name}' on ${def.name}`);
      if (req.method !== 'POST') throw bcError(405, 'BadRequest_MethodNotAllowed', 'Bound actions are invoked with POST.');
      action(row);
      return new Response(null, { status: 204 });
    }
    const child = setDef(third.name);
    if (child.parent?.set !== def.name || fourth) throw notFound(req.path);
    const parent = { def, id: String(row.id) };
    const childPath = `${setPath}(${String(row.id)})/${child.name}`;
    if (third.key === undefined) return handleCollection(req, child, parent, childPath);
    return handleEntity(req, child, find(child, third.key, parent), childPath);
  };
}

export type ApiHandler = ReturnType<typeof createApiHandler>;
