/**
 * The /crm/v8 route table: which handler serves a path, the OAuth scope it needs (scopes.ts), the credit
 * operation it costs (credits.ts) and whether it is a big write for the sub-concurrency limit. Unknown paths
 * answer INVALID_URL_PATTERN (404), unknown modules INVALID_MODULE (400, wrapped in data[] for writes as in the v8
 * examples [V]), a known path with another method INVALID_REQUEST_METHOD [V enum].
 */
import { SUB_CONCURRENCY_RECORD_THRESHOLD, type CreditOperation } from './credits.ts';
import { deleteWatch, listWatch, writeWatch } from './watch-api.ts';
import { listDeleted } from './deleted-records.ts';
import { ZohoHttpError, invalidBody, invalidModuleBody, invalidRequestMethod, invalidUrlPattern, requiredParamMissing, zohoError } from './errors.ts';
import { isZohoId } from './ids.ts';
import type { ModuleDef } from './module-registry.ts';
import type { Org } from './org.ts';
import type { PageTokens } from './page-tokens.ts';
import { runDeleteBatch, runWriteBatch, type WriteKind } from './record-batch.ts';
import { getRecord, listRecords, type ReadResult } from './record-reads.ts';
import type { StoredRecord } from './record-store.ts';
import type { ScopeNeed } from './scopes.ts';
import { countRecords, searchRecords } from './search.ts';
import { createFields, createModules, getFields, getModule, getModules, getOrg } from './settings-api.ts';
import type { BehaviourSettings } from './settings.ts';

export interface ApiRequest {
  method: string;
  segments: string[];
  query: URLSearchParams;
  headers: Headers;
  rawBody: string;
}

export interface RouteContext {
  org: Org;
  behaviour: BehaviourSettings;
  now: number;
  userId: string;
  apiDomain: string;
  pageTokens: PageTokens;
}

export interface Route {
  need: ScopeNeed;
  credit: CreditOperation;
  bigWrite: boolean;
  run(ctx: RouteContext): ReadResult;
}

const MAX_DELETE_IDS = 100;

/** `GET /Accounts/{id}`: the counter / fault label of a path, ids folded. */
export function labelOf(method: string, segments: string[]): string {
  const path = segments.map((s, i) => (i > 0 && /^\d{6,}$/.test(s) ? '{id}' : s)).join('/');
  return `${method} /${path}`;
}

export function parseJsonBody(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw invalidBody();
  }
}

function recordCount(raw: string): number {
  try {
    const parsed = JSON.parse(raw) as { data?: unknown };
    return Array.isArray(parsed.data) ? parsed.data.length : 0;
  } catch {
    return 0;
  }
}

function moduleNeed(mod: ModuleDef, ...ops: Array<'READ' | 'CREATE' | 'UPDATE' | 'DELETE'>): ScopeNeed {
  return { kind: 'module', names: [mod.scopeName, mod.apiName], ops };
}

function only(method: string, allowed: string[]): void {
  if (!allowed.includes(method)) throw invalidRequestMethod();
}

/** Resolves the X-EXTERNAL header (`Module.Field`, an external-id field) to the record addressed by `value`. */
function byExternal(org: Org, mod: ModuleDef, header: string, value: string): StoredRecord | undefined {
  const [modName, fieldName] = header.split('.');
  const field = fieldName ? mod.fields.get(fieldName) : undefined;
  if (modName !== mod.apiName || !field || !field.external) throw zohoError(400, 'INVALID_DATA', 'The value of the external field is invalid.', { api_name: 'X-EXTERNAL', param_name: 'X-EXTERNAL' });
  return org.store.list(mod.apiName).find((r) => r.values[field.apiName] === value);
}

function writeRoute(req: ApiRequest, mod: ModuleDef, kind: WriteKind, credit: CreditOperation, need: ScopeNeed, singleId?: () => string | undefined): Route {
  return {
    need,
    credit,
    bigWrite: recordCount(req.rawBody) > SUB_CONCURRENCY_RECORD_THRESHOLD,
    run: (ctx) => {
      const body = parseJsonBody(req.rawBody);
      if (singleId) {
        const id = singleId();
        if (id === undefined) throw zohoError(400, 'INVALID_DATA', 'the id given seems to be invalid', { api_name: 'id', json_path: '$.data[0].id' });
        return runWriteBatch(ctx, mod, kind, body, id);
      }
      return runWriteBatch(ctx, mod, kind, body);
    },
  };
}

function moduleRoute(org: Org, req: ApiRequest, mod: ModuleDef, rest: string[]): Route {
  const { method, query, headers } = req;
  const ims = headers.get('if-modified-since') ?? undefined;
  if (rest.length === 0) {
    if (method === 'GET') return { need: moduleNeed(mod, 'READ'), credit: 'records.list', bigWrite: false, run: (ctx) => listRecords(ctx, mod, query, ims) };
    if (method === 'POST') return writeRoute(req, mod, 'insert', 'records.insert', moduleNeed(mod, 'CREATE'));
    if (method === 'PUT') return writeRoute(req, mod, 'update', 'records.update', moduleNeed(mod, 'UPDATE'));
    if (method === 'DELETE') {
      return {
        need: moduleNeed(mod, 'DELETE'),
        credit: 'records.delete',
        bigWrite: false,
        run: (ctx) => {
          const ids = (query.get('ids') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
          if (ids.length === 0) throw requiredParamMissing('ids', 'One of the expected parameter is missing');
          if (ids.length > MAX_DELETE_IDS) throw zohoError(400, 'LIMIT_EXCEEDED', 'limit exceeded', { limit: MAX_DELETE_IDS, param_name: 'ids' });
          return runDeleteBatch(ctx, mod, ids);
        },
      };
    }
    throw invalidRequestMethod();
  }
  const [first, second] = rest;
  if (rest.length === 1 && first === 'upsert') {
    only(method, ['POST']);
    return writeRoute(req, mod, 'upsert', 'records.upsert', moduleNeed(mod, 'CREATE', 'UPDATE'));
  }
  if (rest.length === 1 && first === 'deleted') {
    only(method, ['GET']);
    return { need: moduleNeed(mod, 'READ'), credit: 'records.deleted', bigWrite: false, run: (ctx) => listDeleted(ctx, mod, query, ims) };
  }
  if (rest.length === 1 && first === 'search') {
    only(method, ['GET']);
    return { need: moduleNeed(mod, 'READ'), credit: 'records.search', bigWrite: false, run: (ctx) => searchRecords(ctx, mod, query) };
  }
  if (rest.length === 2 && first === 'actions' && second === 'count') {
    only(method, ['GET']);
    return { need: moduleNeed(mod, 'READ'), credit: 'records.count', bigWrite: false, run: (ctx) => countRecords(ctx, mod, query) };
  }
  if (rest.length === 1 && first !== undefined) {
    const external = headers.get('x-external');
    const target = (): StoredRecord | undefined => (external ? byExternal(org, mod, external, first) : isZohoId(first) ? org.store.get(mod.apiName, first) : undefined);
    if (!external && !isZohoId(first)) throw invalidUrlPattern();
    if (method === 'GET') return { need: moduleNeed(mod, 'READ'), credit: 'records.get', bigWrite: false, run: (ctx) => getRecord(ctx, mod, target(), query) };
    if (method === 'PUT') return writeRoute(req, mod, 'update', 'records.update', moduleNeed(mod, 'UPDATE'), () => (external ? target()?.id : first));
    if (method === 'DELETE') {
      return {
        need: moduleNeed(mod, 'DELETE'),
        credit: 'records.delete',
        bigWrite: false,
        run: (ctx) => {
          const id = external ? target()?.id : first;
          if (id === undefined) throw zohoError(400, 'INVALID_DATA', 'The value of the external field is invalid.', { api_name: 'X-EXTERNAL' });
          return runDeleteBatch(ctx, mod, [id]);
        },
      };
    }
    throw invalidRequestMethod();
  }
  throw invalidUrlPattern();
}

function settingsRoute(req: ApiRequest, rest: string[]): Route {
  const { method, query } = req;
  const [area, id] = rest;
  if (area === 'modules' && rest.length <= 2) {
    if (method === 'GET') return { need: { kind: 'settings', area: 'modules', op: 'READ' }, credit: 'settings.read', bigWrite: false, run: (ctx) => (id ? getModule(ctx.org, id) : getModules(ctx.org)) };
    if (method === 'POST' && !id) return { need: { kind: 'settings', area: 'modules', op: 'CREATE' }, credit: 'settings.write', bigWrite: false, run: (ctx) => createModules(ctx.org, parseJsonBody(req.rawBody), ctx.now) };
    throw invalidRequestMethod();
  }
  if (area === 'fields' && rest.length <= 2) {
    if (method === 'GET') return { need: { kind: 'settings', area: 'fields', op: 'READ' }, credit: 'settings.read', bigWrite: false, run: (ctx) => getFields(ctx.org, query, id) };
    if (method === 'POST' && !id) return { need: { kind: 'settings', area: 'fields', op: 'CREATE' }, credit: 'settings.write', bigWrite: false, run: (ctx) => createFields(ctx.org, query, parseJsonBody(req.rawBody), ctx.now) };
    throw invalidRequestMethod();
  }
  throw invalidUrlPattern();
}

function watchRoute(req: ApiRequest): Route {
  const ops = { GET: 'READ', POST: 'CREATE', PUT: 'UPDATE', PATCH: 'UPDATE', DELETE: 'DELETE' } as const;
  const op = ops[req.method as keyof typeof ops];
  if (!op) throw invalidRequestMethod();
  return {
    need: { kind: 'notifications', op },
    credit: 'notifications',
    bigWrite: false,
    run: (ctx) => {
      const wctx = { org: ctx.org, behaviour: ctx.behaviour, now: ctx.now, apiDomain: ctx.apiDomain };
      if (req.method === 'GET') return listWatch(wctx, req.query);
      if (req.method === 'DELETE') return deleteWatch(wctx, req.query);
      return writeWatch(wctx, req.method === 'POST' ? 'create' : req.method === 'PUT' ? 'replace' : 'patch', parseJsonBody(req.rawBody));
    },
  };
}

export function resolveRoute(org: Org, req: ApiRequest): Route {
  const [head, ...rest] = req.segments;
  if (head === undefined || head === '') throw invalidUrlPattern();
  if (head === 'settings') return settingsRoute(req, rest);
  if (head === 'actions' && rest.length === 1 && rest[0] === 'watch') return watchRoute(req);
  if (head === 'org' && rest.length === 0) {
    only(req.method, ['GET']);
    return { need: { kind: 'org', op: 'READ' }, credit: 'org.read', bigWrite: false, run: (ctx) => getOrg(ctx.org, ctx.org.credits.settings().edition, ctx.org.credits.settings().userLicenses) };
  }
  const mod = org.modules.get(head);
  if (!mod || mod.subformOf) {
    const isWrite = req.method !== 'GET';
    throw new ZohoHttpError(400, isWrite ? { data: [invalidModuleBody()] } : invalidModuleBody());
  }
  return moduleRoute(org, req, mod, rest);
}
