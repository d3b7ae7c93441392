/**
 * The GP Service's REST surface for an authenticated caller: tenant → company → resource, permission check,
 * then list / get / create / update through the resource registry. Bodies are JSON; POST and PATCH bodies
 * must wrap the entity in a top-level `Payload` object (seed 001; FACTS §2.3 #12 [U]), and responses wrap it
 * the same way (the emulator's choice, README.md).
 */
import { normalizeKey } from './gp-columns.ts';
import type { GpClock } from './gp-clock.ts';
import { findCompany, type GpCompany, type GpTable } from './gp-company.ts';
import { compareBy, parseListQuery, type OrderTerm } from './odata-query.ts';
import type { GpAction, GpResource, ResourceContext, ResourceRegistry } from './resource-registry.ts';
import { mayOpenCompany, mayPerform, type GpSandboxUser } from './sandbox-users.ts';
import { parseSbaPath } from './sba-path.ts';
import { SbaError, badRequest, notFound } from './sba-error.ts';

export const PAYLOAD_KEY = 'Payload';

export interface SbaRequest {
  method: string;
  /** Raw (still percent-encoded) path. */
  path: string;
  query: URLSearchParams;
  contentType: string | undefined;
  body: string;
  user: GpSandboxUser;
}

export interface SbaResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface SbaRouteDeps {
  servicePath: string;
  tenant: string;
  companies: GpCompany[];
  resources: ResourceRegistry;
  clock: GpClock;
  maxTop: number;
  /** Shown as `Version` in the tenant help [U, emulator convention]: "Microsoft Dynamics GP <year> (<build>)". */
  productVersion?: string;
}

const METHOD_ACTION: Record<string, GpAction> = { GET: 'read', POST: 'create', PATCH: 'update', DELETE: 'delete' };

export function createSbaRoutes(deps: SbaRouteDeps) {
  const sortedViews = new WeakMap<GpTable<unknown>, { version: number; order: string; rows: unknown[] }>();

  function sortedRows(resource: GpResource<unknown>, table: GpTable<unknown>, orderBy: OrderTerm[]): unknown[] {
    const order = JSON.stringify(orderBy);
    const cached = sortedViews.get(table);
    if (cached && cached.version === table.version && cached.order === order) return cached.rows;
    const rows = table.values().sort(compareBy(resource.fields, orderBy));
    sortedViews.set(table, { version: table.version, order, rows });
    return rows;
  }

  function readPayload(req: SbaRequest, entity: string): Record<string, unknown> {
    if (!req.contentType || !/^application\/json\b/i.test(req.contentType)) {
      throw new SbaError(415, 'UnsupportedMediaType', 'The request body must be application/json');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(req.body);
    } catch {
      throw badRequest('The request body is not valid JSON');
    }
    const wrapped = parsed as Record<string, unknown> | null;
    const payload = wrapped && typeof wrapped === 'object' && !Array.isArray(wrapped) ? wrapped[PAYLOAD_KEY] : undefined;
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
      throw badRequest(`The request body must wrap the ${entity} in a top-level "${PAYLOAD_KEY}" object: {"${PAYLOAD_KEY}": {...}}`, 'PayloadRequired');
    }
    const extra = Object.keys(wrapped as object).filter((k) => k !== PAYLOAD_KEY);
    if (extra.length > 0) throw badRequest(`Unexpected top-level properties next to "${PAYLOAD_KEY}": ${extra.join(', ')}`, 'PayloadRequired');
    return payload as Record<string, unknown>;
  }

  return function handle(req: SbaRequest): SbaResponse {
    const path = parseSbaPath(req.path, deps.servicePath);
    if (path.tenant.toUpperCase() !== deps.tenant.toUpperCase()) throw notFound('TenantNotFound', `Tenant '${path.tenant}' is not configured on this GP Service`);
    if (path.help) {
      if (req.method !== 'GET') throw new SbaError(405, 'MethodNotAllowed', 'help is read-only', { Allow: 'GET' });
      return { status: 200, body: { Tenant: deps.tenant, Version: deps.productVersion, Companies: deps.companies.map((c) => c.name), Resources: deps.resources.paths() } };
    }
    const company = findCompany(deps.companies, path.company ?? '');
    if (!company) throw notFound('CompanyNotFound', `Company '${path.company}' was not found in tenant '${deps.tenant}'`);
    if (!mayOpenCompany(req.user, company.name, company.database)) {
      throw new SbaError(403, 'Forbidden', `The GP user ${req.user.gpUserId} does not have access to company '${company.name}'`);
    }
    if (!path.resourcePath) throw notFound('ResourceNotFound', `No resource given for company '${company.name}'`);
    const resource = deps.resources.find(path.resourcePath);
    if (!resource) throw notFound('ResourceNotFound', `The resource '${path.resourcePath}' does not exist (available: ${deps.resources.paths().join(', ')})`);
    const action = METHOD_ACTION[req.method];
    if (!action) throw new SbaError(405, 'MethodNotAllowed', `${req.method} is not supported`, { Allow: 'GET, POST, PATCH, DELETE' });
    if (!mayPerform(req.user, resource.path, action)) {
      throw new SbaError(403, 'Forbidden', `The GP user ${req.user.gpUserId} does not have security access to ${action} ${resource.path} in company '${company.name}'`);
    }
    const ctx: ResourceContext = { company, clock: deps.clock, gpUserId: req.user.gpUserId };
    const key = path.key;
    if (key && key.length !== resource.keyParts) throw badRequest(`${resource.entity} keys have ${resource.keyParts} part(s); got ${key.length}`);
    const describeKey = () => (key ?? []).map(normalizeKey).join(';');

    if (req.method === 'GET' && !key) {
      const query = parseListQuery(req.query, resource.fields, { orderBy: resource.defaultOrder, maxTop: deps.maxTop });
      const rows = sortedRows(resource, resource.table(ctx), query.orderBy);
      const out: Record<string, unknown>[] = [];
      for (const row of rows) {
        if (query.top !== undefined && out.length >= query.top) break;
        if (query.predicate(row)) out.push(resource.toWire(row));
      }
      return { status: 200, body: { [PAYLOAD_KEY]: out } };
    }
    if (req.method === 'GET' && key) {
      if (req.query.size > 0) throw badRequest('Query options apply to collections only');
      const row = resource.find(ctx, key);
      if (row === undefined) throw notFound('EntityNotFound', `${resource.entity} '${describeKey()}' was not found in company '${company.name}'`);
      return { status: 200, body: { [PAYLOAD_KEY]: resource.toWire(row) } };
    }
    if (req.method === 'POST') {
      if (key) throw new SbaError(405, 'MethodNotAllowed', `POST creates on the collection ${resource.path}, not on one ${resource.entity}`, { Allow: 'GET, PATCH' });
      if (!resource.create) throw new SbaError(405, 'MethodNotAllowed', `${resource.path} cannot be created through the GP Service`, { Allow: 'GET' });
      const row = resource.create(ctx, readPayload(req, resource.entity));
      return { status: 201, body: { [PAYLOAD_KEY]: resource.toWire(row) } };
    }
    if (req.method === 'PATCH') {
      if (!key) throw new SbaError(405, 'MethodNotAllowed', `PATCH needs one ${resource.entity}: ${resource.path}(<key>)`, { Allow: 'GET, POST' });
      if (!resource.update) throw new SbaError(405, 'MethodNotAllowed', `${resource.path} cannot be updated through the GP Service`, { Allow: 'GET' });
      const payload = readPayload(req, resource.entity);
      // FACTS §2.3 #11: PATCH requires the object to exist.
      if (resource.find(ctx, key) === undefined) throw notFound('EntityNotFound', `${resource.entity} '${describeKey()}' was not found in company '${company.name}'`);
      const row = resource.update(ctx, key, payload);
      return { status: 200, body: { [PAYLOAD_KEY]: resource.toWire(row) } };
    }
    if (req.method === 'DELETE' && key && resource.delete) {
      if (resource.find(ctx, key) === undefined) throw notFound('EntityNotFound', `${resource.entity} '${describeKey()}' was not found in company '${company.name}'`);
      return { status: 200, body: { [PAYLOAD_KEY]: resource.toWire(resource.delete(ctx, key)) } };
    }
    throw new SbaError(405, 'MethodNotAllowed', `${req.method} is not supported on ${resource.path}`, { Allow: 'GET, POST, PATCH' });
  };
}
