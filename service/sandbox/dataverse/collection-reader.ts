/**
 * GET on an entity set: a plain query (`$select`, `$filter`, `$orderby`, `$top`, `$count`, `$expand`, paging) or a
 * change-tracking read (`Prefer: odata.track-changes` first, then the deltaLink) — FACTS §4, 4.1 #4–6 [V]. See
 * paging.ts and change-tracking.ts for the rules each follows.
 */
import { checkTrackingOptions, encodeDeltaToken, makeDeltaToken, parseDeltaToken, trackingNotEnabled, wantsTracking, type ChangeTrackingSettings } from './change-tracking.ts';
import { queryError } from './errors.ts';
import { matchesFilter, parseFilter } from './odata-filter.ts';
import {
  MAX_PAGE_SIZE,
  compareKeys,
  decodePagingCookie,
  encodePagingCookie,
  nextQuery,
  parseOrderBy,
  readMaxPageSize,
  sortKeyOf,
  type SortField,
} from './paging.ts';
import { checkOptions, contextTarget, parseExpand, readCount, readTop, writeRow } from './query-options.ts';
import type { RecordStore, Row, Tombstone } from './record-store.ts';
import { json, type ApiRequest } from './responses.ts';
import type { ColumnDef, Schema, TableDef } from './schema.ts';
import { resolveSelect } from './serializer.ts';

export interface ReaderDeps {
  schema: Schema;
  store: RecordStore;
  now(): number;
  tracking(): ChangeTrackingSettings;
  oversizedPageSize(): 'cap' | 'error';
}

/** Delta pages are ordered by (phase: rows then deletes, version); two synthetic sort columns carry that. */
const DELTA_ORDER: SortField[] = [
  { column: { logicalName: 'phase', type: 'integer' } as ColumnDef, desc: false },
  { column: { logicalName: 'versionnumber', type: 'bigint' } as ColumnDef, desc: false },
];

type DeltaItem = { kind: 'row'; row: Row; key: [number, number] } | { kind: 'deleted'; tomb: Tombstone; key: [number, number] };

export function createCollectionReader(deps: ReaderDeps) {
  function appliedHeader(parts: string[]): Record<string, string> {
    return parts.length ? { 'preference-applied': parts.join(',') } : {};
  }

  function readPlain(req: ApiRequest, table: TableDef): Response {
    checkOptions(req.query);
    if (req.query.has('$deltatoken')) throw queryError('The $deltatoken query option is only valid on a deltaLink.');
    const select = resolveSelect(table, req.query.get('$select'));
    const expand = parseExpand(req.query.get('$expand'), table, deps.schema);
    const filterText = req.query.get('$filter');
    const filter = filterText === null ? undefined : parseFilter(filterText, table);
    const order = parseOrderBy(req.query.get('$orderby'), table);
    const prefer = req.headers.get('prefer');
    const pageSize = readMaxPageSize(prefer, deps.oversizedPageSize());
    // FACTS §4 [V]: $top together with odata.maxpagesize → $top ignored.
    const requestedTop = readTop(req.query);
    const top = pageSize === undefined ? requestedTop : undefined;
    const sorted = deps.store
      .list(table.logicalName)
      .filter((r) => !filter || matchesFilter(filter, r))
      .sort((a, b) => compareKeys(sortKeyOf(a, order), sortKeyOf(b, order), order));

    const token = req.query.get('$skiptoken');
    const position = token === null ? undefined : decodePagingCookie(token, order);
    const after = position ? sorted.filter((r) => compareKeys(sortKeyOf(r, order), position.lastKey, order) > 0) : sorted;
    const size = Math.min(pageSize ?? MAX_PAGE_SIZE, top ?? MAX_PAGE_SIZE);
    const rows = after.slice(0, size);
    const body: Record<string, unknown> = { '@odata.context': `${req.serviceRoot}/$metadata#${contextTarget(table.entitySetName, select, expand)}` };
    if (readCount(req.query)) body['@odata.count'] = Math.min(sorted.length, MAX_PAGE_SIZE);
    body.value = rows.map((r) => writeRow({ schema: deps.schema, store: deps.store, prefs: req.prefs }, table, r, select, expand));
    if (top === undefined && after.length > rows.length && rows.length > 0) {
      const pageNumber = (position?.pageNumber ?? 1) + 1;
      const cookie = encodePagingCookie({ pageNumber, lastKey: sortKeyOf(rows.at(-1) as Row, order) }, sortKeyOf(rows[0] as Row, order), order, false);
      body['@odata.nextLink'] = `${req.serviceRoot}/${table.entitySetName}?${nextQuery(req.query, cookie)}`;
    }
    return json(200, body, appliedHeader(pageSize === undefined ? [] : [`odata.maxpagesize=${pageSize}`]));
  }

  function readTracked(req: ApiRequest, table: TableDef): Response {
    if (!table.changeTrackingEnabled) throw trackingNotEnabled(table.logicalName);
    checkTrackingOptions(req.query);
    checkOptions(req.query);
    const select = resolveSelect(table, req.query.get('$select'));
    const prefer = req.headers.get('prefer');
    const pageSize = readMaxPageSize(prefer, deps.oversizedPageSize()) ?? MAX_PAGE_SIZE;
    const deltaText = req.query.get('$deltatoken');
    const since = deltaText === null ? undefined : parseDeltaToken(deltaText, deps.now(), deps.tracking());
    const skip = req.query.get('$skiptoken');
    const position = skip === null ? undefined : decodePagingCookie(skip, DELTA_ORDER);
    const snapshot = position?.snapshot ?? deps.store.currentVersion();

    const changes = deps.store.changesSince(table.logicalName, since ?? 0);
    const items: DeltaItem[] = [
      ...changes.rows.filter((r) => (r.versionnumber as number) <= snapshot).map((row) => ({ kind: 'row' as const, row, key: [0, row.versionnumber as number] as [number, number] })),
      ...(since === undefined ? [] : changes.deleted.filter((t) => t.version <= snapshot).map((tomb) => ({ kind: 'deleted' as const, tomb, key: [1, tomb.version] as [number, number] }))),
    ];
    const after = position ? items.filter((it) => compareKeys(it.key, position.lastKey, DELTA_ORDER) > 0) : items;
    const page = after.slice(0, pageSize);
    const writer = { schema: deps.schema, store: deps.store, prefs: req.prefs };
    const contextBase = `${req.serviceRoot}/$metadata#${contextTarget(table.entitySetName, select, [])}`;
    const body: Record<string, unknown> = { '@odata.context': since === undefined ? contextBase : `${contextBase}/$delta` };
    body.value = page.map((it) =>
      it.kind === 'row'
        ? writeRow(writer, table, it.row, select, [])
        : { '@odata.context': `${req.serviceRoot}/$metadata#${table.entitySetName}/$deletedEntity`, id: it.tomb.id, reason: 'deleted' },
    );
    const baseQuery = new URLSearchParams();
    if (req.query.has('$select')) baseQuery.set('$select', req.query.get('$select') as string);
    if (after.length > page.length) {
      if (deltaText !== null) baseQuery.set('$deltatoken', deltaText);
      const cookie = encodePagingCookie(
        { pageNumber: (position?.pageNumber ?? 1) + 1, lastKey: (page.at(-1) as DeltaItem).key, snapshot },
        (page[0] as DeltaItem).key,
        DELTA_ORDER,
        true,
      );
      body['@odata.nextLink'] = `${req.serviceRoot}/${table.entitySetName}?${nextQuery(baseQuery, cookie)}`;
    } else {
      const select = baseQuery.has('$select') ? `$select=${(baseQuery.get('$select') as string)}&` : '';
      body['@odata.deltaLink'] = `${req.serviceRoot}/${table.entitySetName}?${select}$deltatoken=${encodeDeltaToken(makeDeltaToken(snapshot, deps.now()))}`;
    }
    const applied = since === undefined ? ['odata.track-changes'] : [];
    if (/odata\.maxpagesize/i.test(prefer ?? '')) applied.push(`odata.maxpagesize=${pageSize}`);
    return json(200, body, appliedHeader(applied));
  }

  /** `GET <set>/$count` (plain text), also on a deltaLink's token (FACTS §4 [V]). */
  function count(req: ApiRequest, table: TableDef): Response {
    checkOptions(req.query, new Set(['$filter', '$deltatoken']));
    const deltaText = req.query.get('$deltatoken');
    let n: number;
    if (deltaText !== null) {
      if (!table.changeTrackingEnabled) throw trackingNotEnabled(table.logicalName);
      const since = parseDeltaToken(deltaText, deps.now(), deps.tracking());
      const changes = deps.store.changesSince(table.logicalName, since);
      n = changes.rows.length + changes.deleted.length;
    } else {
      const filterText = req.query.get('$filter');
      const filter = filterText === null ? undefined : parseFilter(filterText, table);
      n = deps.store.list(table.logicalName).filter((r) => !filter || matchesFilter(filter, r)).length;
    }
    return new Response(String(Math.min(n, MAX_PAGE_SIZE)), { status: 200, headers: { 'content-type': 'text/plain', 'odata-version': '4.0' } });
  }

  return {
    read(req: ApiRequest, table: TableDef): Response {
      // A nextLink of a tracked read says so in its cookie, whatever Prefer the next request sends.
      const trackedPage = /istracking="True"/.test(req.query.get('$skiptoken') ?? '');
      return req.query.has('$deltatoken') || trackedPage || wantsTracking(req.headers.get('prefer')) ? readTracked(req, table) : readPlain(req, table);
    },
    count,
  };
}

export type CollectionReader = ReturnType<typeof createCollectionReader>;
