/**
 * Routes a Web API request below `/api/data/v9.x/` (FACTS §4 [V]): `WhoAmI` (GET only — POST is the documented
 * "No HTTP resource was found that matches the request URI" 404 with an empty code [V]), `EntityDefinitions…`, the
 * option-set actions, entity sets and rows, `<set>/$count`, and `systemusers(<id>)/Microsoft.Dynamics.CRM.
 * RetrieveUserPrivileges()`. An unknown first segment is "Resource not found for the segment '…'" (0x8006088a) [V].
 * Framework-free: a request in, a Response out.
 */
import type { CollectionReader } from './collection-reader.ts';
import { parseAddress, type EntityRoutes } from './entity-routes.ts';
import { dvError, notImplemented, segmentNotFound } from './errors.ts';
import { METADATA_ACTIONS, type createMetadataRoutes } from './metadata.ts';
import type { Privileges } from './privileges.ts';
import { json, type ApiRequest } from './responses.ts';
import type { Schema } from './schema.ts';

export interface Segment {
  name: string;
  key?: string;
}

export interface ApiHandlerDeps {
  schema: Schema;
  privileges: Privileges;
  entities: EntityRoutes;
  reader: CollectionReader;
  metadata: ReturnType<typeof createMetadataRoutes>;
  identity(): { BusinessUnitId: string; OrganizationId: string };
}

export function parseSegments(path: string): Segment[] {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map((raw) => {
      let s: string;
      try {
        s = decodeURIComponent(raw);
      } catch {
        throw segmentNotFound(raw);
      }
      const m = /^([^()]+)(?:\(([\s\S]*)\))?$/.exec(s);
      if (!m) throw segmentNotFound(s);
      return { name: m[1] as string, key: m[2] };
    });
}

const noResource = (req: ApiRequest, path: string) => dvError(404, '', `No HTTP resource was found that matches the request URI '${req.serviceRoot}/${path}'.`);

export function createApiHandler(deps: ApiHandlerDeps) {
  return async function handle(req: ApiRequest): Promise<Response> {
    const segs = parseSegments(req.path);
    const [first, second] = segs;
    if (!first) throw segmentNotFound('');
    if (first.name === 'WhoAmI') {
      if (req.method !== 'GET' || segs.length > 1 || (first.key !== undefined && first.key !== '')) throw noResource(req, req.path);
      return json(200, { '@odata.context': `${req.serviceRoot}/$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`, ...deps.identity(), UserId: req.userId });
    }
    if (first.name === 'EntityDefinitions') return deps.metadata.definitions(req, segs);
    if (METADATA_ACTIONS.has(first.name) && segs.length === 1) return deps.metadata.action(req, first.name);
    if (first.name === '$metadata' || first.name === '$batch') throw notImplemented(`${first.name} in this sandbox`);
    const table = deps.schema.bySet(first.name);
    if (!table) throw segmentNotFound(first.name);
    if (!second) return first.key === undefined ? deps.entities.collection(req, table) : deps.entities.entity(req, table, parseAddress(table, first.key));
    if (segs.length === 2 && second.name === '$count' && first.key === undefined && second.key === undefined) {
      if (req.method !== 'GET') throw noResource(req, req.path);
      deps.privileges.check(req.userId, table, 'Read');
      return deps.reader.count(req, table);
    }
    if (segs.length === 2 && table.logicalName === 'systemuser' && second.name === 'Microsoft.Dynamics.CRM.RetrieveUserPrivileges' && first.key !== undefined && !second.key) {
      if (req.method !== 'GET') throw noResource(req, req.path);
      const address = parseAddress(table, first.key);
      if (!deps.entities.find(table, address)) throw dvError(404, '0x80040217', `systemuser With Id = ${first.key} Does Not Exist`);
      const userId = address.kind === 'id' ? address.id : '';
      return json(200, { '@odata.context': `${req.serviceRoot}/$metadata#Microsoft.Dynamics.CRM.RetrieveUserPrivilegesResponse`, RolePrivileges: deps.privileges.list(userId) });
    }
    throw segmentNotFound(second.name);
  };
}

export type ApiHandler = ReturnType<typeof createApiHandler>;
