/**
 * GET /{module}/search (v8 search docs [V]): one of `criteria`, `email`, `phone`, `word` (priority in that
 * order; none → EXPECTED_PARAM_MISSING), operators per data type, `equals` on text behaving like `contains`
 * (settings.searchEqualsIsContains), `in` ≤ 100 values, at most 2,000 results reachable (LIMIT_REACHED), 204 when
 * nothing matches — including records written less than settings.searchIndexDelayMs ago (the index lag the docs
 * warn about). Also GET /{module}/actions/count, which takes the same filters.
 */
import { isValidDate, parseZohoDateTime } from './clock.ts';
import { conditionsOf, parseCriteria, type Condition, type CriteriaNode } from './criteria.ts';
import { invalidParam, zohoError } from './errors.ts';
import type { FieldDef } from './field-defs.ts';
import type { ModuleDef } from './module-registry.ts';
import { parseFields, parsePositiveInt, type ReadContext, type ReadResult } from './record-reads.ts';
import { renderRecord } from './record-shapes.ts';
import type { StoredRecord } from './record-store.ts';

const TEXT_OPS = ['equals', 'not_equal', 'starts_with', 'in'];
const NUMBER_OPS = ['equals', 'not_equal', 'greater_equal', 'greater_than', 'less_equal', 'less_than', 'between', 'in'];
const OPERATORS: Partial<Record<FieldDef['dataType'], string[]>> = {
  text: TEXT_OPS,
  email: TEXT_OPS,
  phone: TEXT_OPS,
  website: TEXT_OPS,
  textarea: ['equals', 'not_equal', 'starts_with'],
  picklist: ['equals', 'not_equal', 'in'],
  autonumber: ['equals', 'not_equal', 'in'],
  lookup: ['equals', 'not_equal', 'in'],
  ownerlookup: ['equals', 'not_equal', 'in'],
  integer: NUMBER_OPS,
  bigint: NUMBER_OPS,
  double: NUMBER_OPS,
  currency: NUMBER_OPS,
  percent: NUMBER_OPS,
  date: NUMBER_OPS,
  datetime: NUMBER_OPS,
  boolean: ['equals', 'not_equal'],
};
const MAX_IN_VALUES = 100;
const SEARCH_RESULT_LIMIT = 2_000;

function fieldValue(record: StoredRecord, field: FieldDef): unknown {
  switch (field.apiName) {
    case 'Owner':
      return record.ownerId;
    case 'Created_By':
      return record.createdById;
    case 'Modified_By':
      return record.modifiedById;
    case 'Created_Time':
      return record.createdAt;
    case 'Modified_Time':
      return record.modifiedAt;
    default:
      return record.values[field.apiName];
  }
}

type Typed = string | number | boolean;

function typedValue(field: FieldDef, raw: string): Typed {
  const mismatch = () => zohoError(400, 'INVALID_QUERY', 'invalid query formed', { expected_data_type: field.dataType, reason: `the value given for ${field.apiName} is not of type ${field.dataType}` });
  switch (field.dataType) {
    case 'integer':
    case 'double':
    case 'currency':
    case 'percent': {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n)) throw mismatch();
      return n;
    }
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') throw mismatch();
      return raw === 'true';
    case 'date':
      if (!isValidDate(raw)) throw mismatch();
      return raw;
    case 'datetime': {
      const ms = parseZohoDateTime(raw);
      if (ms === undefined) throw mismatch();
      return Math.floor(ms / 1000) * 1000;
    }
    default:
      return raw;
  }
}

function isText(field: FieldDef): boolean {
  return ['text', 'textarea', 'email', 'phone', 'website'].includes(field.dataType);
}

function matches(cond: { field: FieldDef; operator: string; values: Typed[] }, record: StoredRecord, equalsIsContains: boolean): boolean {
  const actual = fieldValue(record, cond.field);
  const first = cond.values[0] as Typed;
  const norm = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
  const equal = (v: Typed): boolean => {
    if (actual === undefined || actual === null) return false;
    if (isText(cond.field) && equalsIsContains) return String(actual).toLowerCase().includes(String(v).toLowerCase());
    return norm(actual) === norm(v);
  };
  switch (cond.operator) {
    case 'equals':
      return equal(first);
    case 'not_equal':
      return actual === undefined || actual === null ? true : norm(actual) !== norm(first);
    case 'starts_with':
      return typeof actual === 'string' && actual.toLowerCase().startsWith(String(first).toLowerCase());
    case 'in':
      return cond.values.some((v) => norm(actual) === norm(v));
    case 'greater_than':
      return actual !== null && actual !== undefined && (actual as Typed) > first;
    case 'greater_equal':
      return actual !== null && actual !== undefined && (actual as Typed) >= first;
    case 'less_than':
      return actual !== null && actual !== undefined && (actual as Typed) < first;
    case 'less_equal':
      return actual !== null && actual !== undefined && (actual as Typed) <= first;
    case 'between':
      return actual !== null && actual !== undefined && (actual as Typed) >= first && (actual as Typed) <= (cond.values[1] as Typed);
    default:
      return false;
  }
}

type Predicate = (r: StoredRecord) => boolean;

function compileCriteria(ctx: ReadContext, mod: ModuleDef, node: CriteriaNode): Predicate {
  if (node.kind === 'group') {
    const children = node.children.map((c) => compileCriteria(ctx, mod, c));
    return node.operator === 'and' ? (r) => children.every((c) => c(r)) : (r) => children.some((c) => c(r));
  }
  const c: Condition = node.condition;
  const field = mod.fields.get(c.field);
  if (!field) throw zohoError(400, 'INVALID_QUERY', 'invalid query formed', { reason: `invalid field ${c.field}` });
  if (!(OPERATORS[field.dataType] ?? []).includes(c.operator)) throw zohoError(400, 'INVALID_QUERY', 'invalid query formed', { operator: c.operator, reason: 'invalid operator found' });
  if (c.operator === 'in' && c.values.length > MAX_IN_VALUES) throw zohoError(400, 'INVALID_QUERY', 'Only 100 values are allowed in "IN" criteria', { param_name: field.apiName });
  if (c.operator === 'between' && c.values.length !== 2) throw zohoError(400, 'INVALID_QUERY', 'invalid query formed', { reason: 'between takes two values' });
  const typed = { field, operator: c.operator, values: c.values.map((v) => typedValue(field, v)) };
  return (r) => matches(typed, r, ctx.behaviour.searchEqualsIsContains);
}

function containsIn(fields: FieldDef[], needle: string, digitsOnly = false): Predicate {
  const clean = (s: string) => (digitsOnly ? s.replace(/\D/g, '') : s.toLowerCase());
  const n = clean(needle);
  return (r) => fields.some((f) => typeof r.values[f.apiName] === 'string' && clean(r.values[f.apiName] as string).includes(n));
}

/** The filter of a search or count request (criteria > email > phone > word [V priority]). */
export function searchPredicate(ctx: ReadContext, mod: ModuleDef, query: URLSearchParams): Predicate {
  const fields = [...mod.fields.values()];
  const criteria = query.get('criteria');
  if (criteria !== null && criteria !== '') {
    const node = parseCriteria(criteria);
    if (conditionsOf(node).length > ctx.behaviour.maxSearchCriteria) {
      throw zohoError(400, 'CRITERIA_LIMIT_EXCEEDED', `no of criterium that can be given exceed the limit ${ctx.behaviour.maxSearchCriteria}`);
    }
    return compileCriteria(ctx, mod, node);
  }
  const email = query.get('email');
  if (email) return containsIn(fields.filter((f) => f.dataType === 'email'), email);
  const phone = query.get('phone');
  if (phone) {
    if (phone.length < 3) throw invalidParam('phone');
    return containsIn(fields.filter((f) => f.dataType === 'phone'), phone, true);
  }
  const word = query.get('word');
  if (word) {
    if (word.length < 2) throw invalidParam('word');
    return containsIn(fields.filter((f) => isText(f) || f.dataType === 'picklist'), word);
  }
  // [U] message text; code and details per the v8 search OAS.
  throw zohoError(400, 'EXPECTED_PARAM_MISSING', 'One of the expected parameter is missing', { param_names: ['criteria', 'email', 'phone', 'word'] });
}

function indexed(ctx: ReadContext, r: StoredRecord): boolean {
  return r.modifiedAt + ctx.behaviour.searchIndexDelayMs <= ctx.now;
}

export function searchRecords(ctx: ReadContext, mod: ModuleDef, query: URLSearchParams): ReadResult {
  const predicate = searchPredicate(ctx, mod, query);
  const fields = parseFields(ctx, mod, query, false);
  const perPage = parsePositiveInt(query, 'per_page', 200, 200);
  const page = parsePositiveInt(query, 'page', 1);
  if (page * perPage > SEARCH_RESULT_LIMIT) throw zohoError(400, 'LIMIT_REACHED', 'maximum response iteration limit reached', { limit: String(SEARCH_RESULT_LIMIT) });
  const sortBy = query.get('sort_by') ?? 'id';
  const sortField = sortBy === 'id' ? undefined : mod.fields.get(sortBy);
  if (sortBy !== 'id' && !sortField) throw invalidParam('sort_by');
  const sortOrder = query.get('sort_order') ?? 'desc';
  if (sortOrder !== 'asc' && sortOrder !== 'desc') throw invalidParam('sort_order', { supported_values: ['asc', 'desc'] });
  const direction = sortOrder === 'asc' ? 1 : -1;
  const keyOf = (r: StoredRecord): string | number => {
    const v = sortField ? fieldValue(r, sortField) : r.id;
    return typeof v === 'number' || typeof v === 'string' ? v : '';
  };
  const hits = ctx.org.store
    .list(mod.apiName)
    .filter((r) => indexed(ctx, r) && predicate(r))
    .sort((a, b) => {
      const ka = keyOf(a);
      const kb = keyOf(b);
      if (ka !== kb) return direction * (ka < kb ? -1 : 1);
      return direction * (a.id < b.id ? -1 : 1);
    });
  const slice = hits.slice((page - 1) * perPage, page * perPage);
  if (slice.length === 0) return { status: 204 };
  return {
    status: 200,
    body: {
      data: slice.map((r) => renderRecord(ctx.org, mod, r, fields)),
      info: { per_page: perPage, count: slice.length, page, sort_by: sortBy, sort_order: sortOrder, more_records: hits.length > page * perPage },
    },
  };
}

/** GET /{module}/actions/count: `{count}` as the record.json string type [V]; no filter counts everything. */
export function countRecords(ctx: ReadContext, mod: ModuleDef, query: URLSearchParams): ReadResult {
  const filtered = ['criteria', 'email', 'phone', 'word'].some((p) => query.has(p));
  const predicate: (r: StoredRecord) => boolean = filtered ? searchPredicate(ctx, mod, query) : () => true;
  return { status: 200, body: { count: String(ctx.org.store.list(mod.apiName).filter(predicate).length) } };
}
