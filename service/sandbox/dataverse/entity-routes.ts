/**
 * Create / retrieve / update / upsert / delete on `<set>` and `<set>(<id>)` / `<set>(<key>=<value>,…)`, with the
 * status codes and headers of FACTS §4, 4.1 #1–3 [V]:
 * - POST → 204 + `OData-EntityId`; with `Prefer: return=representation` → 201 + the row (`$select` honoured);
 * - PATCH by id or alternate key upserts: 204 for create AND update; with return=representation 201 (created) /
 *   200 (updated); `If-Match: *` on a missing row → 404 and nothing created; `If-None-Match: *` on an existing row
 *   → 412 DuplicateRecord; `If-Match: W/"<stale>"` → 412 ConcurrencyVersionMismatch; alternate-key values in the
 *   body are ignored on update and used on create (even when they differ from the URL);
 * - DELETE → 204, missing → 404, stale `If-Match` → 412;
 * - GET of one row → 200 with `@odata.context …/$entity` and an ETag; `If-None-Match: <current etag>` → 304 [V].
 * String key values are quoted with single quotes, a quote inside doubled (`accountnumber='O''Neil'`).
 */
import { isGuid, parseBody } from './body-parser.ts';
import type { CollectionReader } from './collection-reader.ts';
import { QUERY_ERROR_CODE, concurrencyMismatch, dvError, duplicateRecord, keyNotFound, queryError, recordNotFound } from './errors.ts';
import type { Privileges } from './privileges.ts';
import { checkOptions, contextTarget, parseExpand, writeRow } from './query-options.ts';
import type { RecordStore, Row } from './record-store.ts';
import type { RecordService } from './records.ts';
import { json, noContent, type ApiRequest } from './responses.ts';
import type { Schema, TableDef } from './schema.ts';
import { etagOf, resolveSelect } from './serializer.ts';

export type RowAddress = { kind: 'id'; id: string; text: string } | { kind: 'key'; values: Record<string, unknown>; text: string };

export interface EntityRouteDeps {
  schema: Schema;
  store: RecordStore;
  records: RecordService;
  privileges: Privileges;
  reader: CollectionReader;
}

/** Parse what is inside `<set>(…)`: a GUID, or `name=value` pairs naming exactly one alternate key. */
export function parseAddress(table: TableDef, inside: string): RowAddress {
  const bare = inside.replace(/^\{(.*)\}$/, '$1');
  if (isGuid(bare)) return { kind: 'id', id: bare.toLowerCase(), text: bare.toLowerCase() };
  const values: Record<string, unknown> = {};
  const re = /\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*('(?:[^']|'')*'|[^,]+?)\s*(?:,|$)/gy;
  let consumed = 0;
  for (let m = re.exec(inside); m; m = re.exec(inside)) {
    const raw = m[2] as string;
    values[m[1] as string] = raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw === 'null' ? null : Number.isNaN(Number(raw)) ? raw : Number(raw);
    consumed = re.lastIndex;
    if (consumed >= inside.length) break;
  }
  const names = Object.keys(values);
  if (names.length === 0 || consumed < inside.length) throw queryError(`Bad Request - Error in query syntax: the key '${inside}' of ${table.entitySetName} is not valid.`);
  const key = table.alternateKeys.find((k) => k.attributes.length === names.length && k.attributes.every((a) => names.includes(a)));
  // [U] text; Dataverse refuses a key that is not a defined alternate key of the table.
  if (!key) throw queryError(`The key '${names.join(',')}' is not an alternate key defined for entity '${table.logicalName}'.`);
  return { kind: 'key', values, text: inside };
}

/** [V] 405 for a method the resource does not take; [U] code / text. */
export function methodNotAllowed(method: string) {
  return dvError(405, QUERY_ERROR_CODE, `The requested resource does not support http method '${method}'.`);
}

function wantsRepresentation(req: ApiRequest): boolean {
  return /(^|[,\s])return=representation/i.test(req.headers.get('prefer') ?? '');
}

export function createEntityRoutes(deps: EntityRouteDeps) {
  const { store, records, privileges } = deps;

  const find = (table: TableDef, address: RowAddress): Row | undefined =>
    address.kind === 'id' ? store.get(table.logicalName, address.id) : records.findByKey(table, address.values);
  const missing = (table: TableDef, address: RowAddress) => (address.kind === 'id' ? recordNotFound(table.logicalName, address.id) : keyNotFound(table.logicalName));

  function representation(req: ApiRequest, table: TableDef, row: Row, status: number): Response {
    const select = resolveSelect(table, req.query.get('$select'));
    const body = { '@odata.context': `${req.serviceRoot}/$metadata#${contextTarget(table.entitySetName, select, [])}/$entity`, ...writeRow({ ...deps, prefs: req.prefs }, table, row, select, []) };
    return json(status, body, { etag: etagOf(row), 'preference-applied': 'return=representation' });
  }

  function written(req: ApiRequest, table: TableDef, row: Row, address: RowAddress | undefined, created: boolean): Response {
    if (wantsRepresentation(req)) return representation(req, table, row, created ? 201 : 200);
    const text = address?.kind === 'key' ? address.text : String(row[table.primaryIdAttribute]);
    return noContent({ 'odata-entityid': `${req.serviceRoot}/${table.entitySetName}(${text})` });
  }

  async function collection(req: ApiRequest, table: TableDef): Promise<Response> {
    if (req.method === 'GET') {
      privileges.check(req.userId, table, 'Read');
      return deps.reader.read(req, table);
    }
    if (req.method === 'POST') {
      privileges.check(req.userId, table, 'Create');
      checkOptions(req.query, new Set(['$select']));
      const body = parseBody({ schema: deps.schema, store, table }, req.body, 'create');
      const row = await records.create(table, body, { userId: req.userId, correlationId: req.correlationId });
      return written(req, table, row, undefined, true);
    }
    throw methodNotAllowed(req.method);
  }

  async function entity(req: ApiRequest, table: TableDef, address: RowAddress): Promise<Response> {
    const row = find(table, address);
    const ifMatch = req.headers.get('if-match');
    const ifNoneMatch = req.headers.get('if-none-match');
    const ctx = { userId: req.userId, correlationId: req.correlationId };
    if (req.method === 'GET') {
      privileges.check(req.userId, table, 'Read');
      checkOptions(req.query, new Set(['$select', '$expand']));
      if (!row) throw missing(table, address);
      if (ifNoneMatch && ifNoneMatch !== 'null' && ifNoneMatch === etagOf(row)) return new Response(null, { status: 304, headers: { 'odata-version': '4.0', etag: etagOf(row) } });
      const select = resolveSelect(table, req.query.get('$select'));
      const expand = parseExpand(req.query.get('$expand'), table, deps.schema);
      const body = { '@odata.context': `${req.serviceRoot}/$metadata#${contextTarget(table.entitySetName, select, expand)}/$entity`, ...writeRow({ ...deps, prefs: req.prefs }, table, row, select, expand) };
      return json(200, body, { etag: etagOf(row) });
    }
    if (req.method === 'PATCH') {
      checkOptions(req.query, new Set(['$select']));
      if (row) {
        if (ifNoneMatch === '*') throw duplicateRecord();
        if (ifMatch && ifMatch !== '*' && ifMatch !== etagOf(row)) throw concurrencyMismatch();
        privileges.check(req.userId, table, 'Write');
        const body = parseBody({ schema: deps.schema, store, table }, req.body, 'update');
        if (address.kind === 'key') {
          for (const k of Object.keys(address.values)) delete body.values[k];
          body.setColumns = body.setColumns.filter((c) => !(c in address.values));
        }
        const updated = await records.update(table, row, body, ctx);
        return written(req, table, updated, address, false);
      }
      if (ifMatch) throw missing(table, address);
      privileges.check(req.userId, table, 'Create');
      const body = parseBody({ schema: deps.schema, store, table }, req.body, 'create');
      if (address.kind === 'id') {
        body.values[table.primaryIdAttribute] = address.id;
      } else {
        for (const [k, v] of Object.entries(address.values)) {
          if (!(k in body.values)) {
            body.values[k] = v;
            body.setColumns.push(k);
          }
        }
      }
      const created = await records.create(table, body, ctx);
      return written(req, table, created, address, true);
    }
    if (req.method === 'DELETE') {
      privileges.check(req.userId, table, 'Delete');
      if (!row) throw missing(table, address);
      if (ifMatch && ifMatch !== '*' && ifMatch !== etagOf(row)) throw concurrencyMismatch();
      await records.remove(table, row, ctx);
      return noContent();
    }
    throw methodNotAllowed(req.method);
  }

  return { collection, entity, find };
}

export type EntityRoutes = ReturnType<typeof createEntityRoutes>;
