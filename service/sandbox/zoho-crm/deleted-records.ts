/**
 * GET /{module}/deleted (v8 OAS [V]): `type` all | recycle | permanent (PATTERN_NOT_MATCHED otherwise),
 * `page` / `per_page` ≤ 200, If-Modified-Since on the deletion time, newest first, 204 when there is nothing.
 * Records deleted through the API go to the recycle bin; once purged (admin) they show as permanent with no
 * name or users, as in the published example.
 */
import { formatZohoDateTime } from './clock.ts';
import { zohoError } from './errors.ts';
import type { ModuleDef } from './module-registry.ts';
import { parseIfModifiedSince, parsePositiveInt, type ReadContext, type ReadResult } from './record-reads.ts';
import { userRef } from './record-shapes.ts';

const TYPES = ['all', 'recycle', 'permanent'];

export function listDeleted(ctx: ReadContext, mod: ModuleDef, query: URLSearchParams, ifModifiedSince: string | undefined): ReadResult {
  const type = query.get('type') ?? 'all';
  if (!TYPES.includes(type)) throw zohoError(400, 'PATTERN_NOT_MATCHED', 'Please check whether the input values are correct', { param_name: 'type' });
  const perPage = parsePositiveInt(query, 'per_page', 200, 200);
  const page = parsePositiveInt(query, 'page', 1);
  const since = parseIfModifiedSince(ifModifiedSince);
  const rows = ctx.org.store
    .deleted(mod.apiName)
    .filter((d) => type === 'all' || d.type === type)
    .filter((d) => since === undefined || d.deletedAt > since)
    .sort((a, b) => b.deletedAt - a.deletedAt || (a.id < b.id ? 1 : -1));
  const slice = rows.slice((page - 1) * perPage, page * perPage);
  if (slice.length === 0) return { status: 204 };
  const pick = (ref: Record<string, unknown> | null) => (ref ? { name: ref.name, id: ref.id } : null);
  return {
    status: 200,
    body: {
      data: slice.map((d) => ({
        deleted_by: d.type === 'permanent' ? null : pick(userRef(ctx.org, d.deletedById)),
        id: d.id,
        display_name: d.type === 'permanent' ? null : d.displayName,
        type: d.type,
        created_by: d.type === 'permanent' ? null : pick(userRef(ctx.org, d.createdById)),
        deleted_time: formatZohoDateTime(d.deletedAt, ctx.org.timeZoneOffsetMinutes),
      })),
      info: { per_page: perPage, count: slice.length, page, more_records: rows.length > page * perPage },
    },
  };
}
