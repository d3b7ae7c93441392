/**
 * GET /{module} and GET /{module}/{id} (record.json + v8 OAS [V]; FACTS §5.1 #7–8): `fields` is required for a
 * list (REQUIRED_PARAM_MISSING), at most 50 names (LIMIT_EXCEEDED); `page` × `per_page` (≤ 200) reach the first
 * 2,000 records, beyond that only `page_token` (DISCRETE_PAGINATION_LIMIT_EXCEEDED), up to 100,000
 * (PAGINATION_LIMIT_EXCEEDED); `sort_by` id | Created_Time | Modified_Time, `sort_order` desc by default;
 * `If-Modified-Since` keeps records modified after the instant; an empty list answers 204 (304 under
 * If-Modified-Since) with no body [U, configurable].
 */
import { formatZohoDateTime, parseZohoDateTime } from './clock.ts';
import { invalidParam, requiredParamMissing, zohoError } from './errors.ts';
import { isZohoId } from './ids.ts';
import type { ModuleDef } from './module-registry.ts';
import type { Org } from './org.ts';
import type { KeysetPosition, PageTokens } from './page-tokens.ts';
import { renderRecord, type Json } from './record-shapes.ts';
import type { StoredRecord } from './record-store.ts';
import type { BehaviourSettings } from './settings.ts';

export interface ReadContext {
  org: Org;
  behaviour: BehaviourSettings;
  now: number;
  pageTokens: PageTokens;
}

export interface ReadResult {
  status: number;
  body?: Json;
}

const SORT_FIELDS = ['id', 'Created_Time', 'Modified_Time'];
const MAX_PER_PAGE = 200;
const DEFAULT_PER_PAGE = 200;
const MAX_IDS = 100;

export function parsePositiveInt(query: URLSearchParams, name: string, fallback: number, max?: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || (max !== undefined && n > max)) throw invalidParam(name);
  return n;
}

/** `fields=` → API names, checked against the module ([U] unknown names refused rather than ignored). */
export function parseFields(ctx: ReadContext, mod: ModuleDef, query: URLSearchParams, required: boolean): string[] | undefined {
  const raw = query.get('fields');
  if (raw === null || raw.trim() === '') {
    if (required) throw requiredParamMissing('fields');
    return undefined;
  }
  const names = raw.split(',').map((n) => n.trim()).filter((n) => n !== '');
  if (names.length > ctx.behaviour.maxFieldsPerGet) throw zohoError(400, 'LIMIT_EXCEEDED', 'limit exceeded', { limit: ctx.behaviour.maxFieldsPerGet, param_name: 'fields' });
  for (const n of names) if (n !== 'id' && !mod.fields.has(n)) throw invalidParam('fields');
  return names;
}

export function parseIfModifiedSince(header: string | null | undefined): number | undefined {
  if (header === null || header === undefined || header === '') return undefined;
  const ms = parseZohoDateTime(header.trim());
  if (ms === undefined) throw invalidParam('If-Modified-Since');
  return ms;
}

function sortKey(record: StoredRecord, sortBy: string): number | string {
  if (sortBy === 'Created_Time') return record.createdAt;
  if (sortBy === 'Modified_Time') return record.modifiedAt;
  return record.id;
}

function compare(a: KeysetPosition, b: KeysetPosition): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function listRecords(ctx: ReadContext, mod: ModuleDef, query: URLSearchParams, ifModifiedSince: string | undefined): ReadResult {
  const fields = parseFields(ctx, mod, query, true) as string[];
  const perPage = parsePositiveInt(query, 'per_page', DEFAULT_PER_PAGE, MAX_PER_PAGE);
  const sortBy = query.get('sort_by') ?? 'id';
  if (!SORT_FIELDS.includes(sortBy)) throw invalidParam('sort_by', { supported_values: SORT_FIELDS });
  const sortOrder = query.get('sort_order') ?? 'desc';
  if (sortOrder !== 'asc' && sortOrder !== 'desc') throw invalidParam('sort_order', { supported_values: ['asc', 'desc'] });
  if (query.has('cvid')) throw invalidParam('cvid');
  const converted = query.get('converted');
  if (converted !== null && !['true', 'false', 'both'].includes(converted)) throw invalidParam('converted');
  const ids = query.get('ids')?.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (ids && (ids.length > MAX_IDS || ids.some((id) => !isZohoId(id)))) throw invalidParam('ids');
  const since = parseIfModifiedSince(ifModifiedSince);
  const fingerprint = JSON.stringify({ fields, perPage, sortBy, sortOrder, ids: ids ?? null, since: since ?? null });

  const token = query.get('page_token');
  let page: number;
  let offset: number;
  let after: KeysetPosition | undefined;
  let previousToken: string | null = null;
  if (token !== null) {
    const entry = ctx.pageTokens.get(token);
    if (!entry || entry.orgId !== ctx.org.id || entry.module !== mod.apiName || entry.fingerprint !== fingerprint) {
      throw zohoError(400, 'TOKEN_BOUND_DATA_MISMATCH', 'The page_token given seems to be invalid or input param is added or altered or deleted', { param_name: 'page_token' });
    }
    if (entry.expiresAt <= ctx.now) throw zohoError(400, 'EXPIRED_VALUE', 'Page token expired', { api_name: 'page_token', json_path: '$.query.page_token' });
    if (entry.offset >= ctx.behaviour.pageTokenRecordLimit) {
      throw zohoError(400, 'PAGINATION_LIMIT_EXCEEDED', `You can only get upto ${ctx.behaviour.pageTokenRecordLimit} records using page_token param`, { param_name: 'page_token' });
    }
    page = entry.page;
    offset = entry.offset;
    after = entry.after;
    previousToken = entry.previousToken;
  } else {
    page = parsePositiveInt(query, 'page', 1);
    if (page * perPage > ctx.behaviour.discretePaginationLimit) {
      throw zohoError(400, 'DISCRETE_PAGINATION_LIMIT_EXCEEDED', `You can only get the first ${ctx.behaviour.discretePaginationLimit} records without using page_token param`, { limit: ctx.behaviour.discretePaginationLimit });
    }
    offset = (page - 1) * perPage;
  }

  const direction = sortOrder === 'asc' ? 1 : -1;
  const ordered = ctx.org.store
    .list(mod.apiName)
    .filter((r) => (ids ? ids.includes(r.id) : true))
    .filter((r) => (since === undefined ? true : ctx.behaviour.ifModifiedSinceInclusive ? r.modifiedAt >= since : r.modifiedAt > since))
    .map((r) => ({ r, pos: { key: sortKey(r, sortBy), id: r.id } }))
    .sort((a, b) => direction * compare(a.pos, b.pos));
  const remaining = after ? ordered.filter((x) => direction * compare(x.pos, after) > 0) : ordered.slice(offset);
  const slice = remaining.slice(0, perPage);
  const moreRecords = remaining.length > perPage;

  if (slice.length === 0) {
    if (since !== undefined) return { status: ctx.behaviour.notModifiedStatus };
    if (ctx.behaviour.emptyListStatus === 204) return { status: 204 };
    return { status: 200, body: { data: [], info: emptyInfo(perPage, page, sortBy, sortOrder) } };
  }
  let nextToken: string | null = null;
  let expiry: string | null = null;
  if (moreRecords) {
    const expiresAt = ctx.now + ctx.behaviour.pageTokenTtlMs;
    const last = slice[slice.length - 1] as { pos: KeysetPosition };
    nextToken = ctx.pageTokens.issue({ orgId: ctx.org.id, module: mod.apiName, fingerprint, after: last.pos, page: page + 1, offset: offset + slice.length, previousToken: token, expiresAt });
    expiry = formatZohoDateTime(expiresAt, ctx.org.timeZoneOffsetMinutes);
  }
  return {
    status: 200,
    body: {
      data: slice.map((x) => renderRecord(ctx.org, mod, x.r, fields)),
      info: { call: false, per_page: perPage, next_page_token: nextToken, count: slice.length, sort_by: sortBy, page, page_token_expiry: expiry, sort_order: sortOrder, email: false, more_records: moreRecords, previous_page_token: previousToken },
    },
  };
}

function emptyInfo(perPage: number, page: number, sortBy: string, sortOrder: string): Json {
  return { call: false, per_page: perPage, next_page_token: null, count: 0, sort_by: sortBy, page, page_token_expiry: null, sort_order: sortOrder, email: false, more_records: false, previous_page_token: null };
}

/** GET /{module}/{id}: every field (or `fields`); [U] an unknown id answers 204 as Zoho did in v2. */
export function getRecord(ctx: ReadContext, mod: ModuleDef, record: StoredRecord | undefined, query: URLSearchParams): ReadResult {
  const fields = parseFields(ctx, mod, query, false);
  if (!record) return { status: 204 };
  return { status: 200, body: { data: [renderRecord(ctx.org, mod, record, fields)] } };
}
