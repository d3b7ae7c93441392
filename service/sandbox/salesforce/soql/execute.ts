import { parseSfDate, parseSfDateTime } from '../dates.ts';
import type { RecordStore, SfRecord } from '../record-store.ts';
import type { SObjectField } from '../schema/field-spec.ts';
import type { IndexedSObjectSchema } from '../schema/object-schema.ts';
import { SoqlError, type Condition, type Literal, type SoqlQuery } from './ast.ts';

const MS_PER_DAY = 86_400_000;

/** A field path resolved against the schema: the reference fields to walk, then the final field. */
interface ResolvedPath {
  hops: Array<{ field: SObjectField; relationship: string; target: IndexedSObjectSchema }>;
  owner: IndexedSObjectSchema;
  field: SObjectField;
}

export interface QueryResult {
  sobject: string;
  totalSize: number;
  /** Projected records in result order (empty for COUNT()). */
  records: Array<Record<string, unknown>>;
}

function invalidField(path: string[], schema: IndexedSObjectSchema): SoqlError {
  return new SoqlError(
    'INVALID_FIELD',
    `No such column '${path[path.length - 1]}' on entity '${schema.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

function resolvePath(store: RecordStore, root: IndexedSObjectSchema, path: string[]): ResolvedPath {
  const hops: ResolvedPath['hops'] = [];
  let owner = root;
  for (const [i, part] of path.entries()) {
    if (i === path.length - 1) {
      const field = owner.field(part);
      if (!field) throw invalidField(path, owner);
      return { hops, owner, field };
    }
    const ref = owner.relationship(part);
    const target = ref?.referenceTo.map((t) => store.registry.get(t)).find((s) => s !== undefined);
    if (!ref || !target) {
      throw new SoqlError('INVALID_FIELD', `Didn't understand relationship '${part}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`);
    }
    hops.push({ field: ref, relationship: String(ref.relationshipName), target });
    owner = target;
  }
  throw invalidField(path, owner);
}

function readField(store: RecordStore, schema: IndexedSObjectSchema, record: SfRecord, field: SObjectField): unknown {
  return schema.computed[field.name] ? store.compute(schema.name, field.name, record) : (record[field.name] ?? null);
}

function readPath(store: RecordStore, record: SfRecord, root: IndexedSObjectSchema, resolved: ResolvedPath): unknown {
  let current: SfRecord | undefined = record;
  for (const hop of resolved.hops) {
    const parentId: unknown = current[hop.field.name];
    current = typeof parentId === 'string' ? store.get(hop.target.name, parentId) : undefined;
    if (!current) return null;
  }
  return readField(store, resolved.hops.length > 0 ? resolved.owner : root, current, resolved.field);
}

/** Day-granular range [start, end) for TODAY, LAST_N_DAYS:n …, in UTC (the emulated org's time zone). */
function dateRange(literal: Extract<Literal, { kind: 'dateRange' }>, nowMs: number): [number, number] {
  const today = Math.floor(nowMs / MS_PER_DAY) * MS_PER_DAY;
  const now = new Date(today);
  const n = literal.n ?? 0;
  switch (literal.name) {
    case 'TODAY':
      return [today, today + MS_PER_DAY];
    case 'YESTERDAY':
      return [today - MS_PER_DAY, today];
    case 'TOMORROW':
      return [today + MS_PER_DAY, today + 2 * MS_PER_DAY];
    case 'LAST_N_DAYS':
      return [today - n * MS_PER_DAY, today + MS_PER_DAY];
    case 'NEXT_N_DAYS':
      return [today + MS_PER_DAY, today + (n + 1) * MS_PER_DAY];
    case 'THIS_WEEK':
    case 'LAST_WEEK': {
      const start = today - now.getUTCDay() * MS_PER_DAY - (literal.name === 'LAST_WEEK' ? 7 * MS_PER_DAY : 0);
      return [start, start + 7 * MS_PER_DAY];
    }
    case 'THIS_MONTH':
    case 'LAST_MONTH': {
      const shift = literal.name === 'LAST_MONTH' ? 1 : 0;
      return [Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - shift, 1), Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - shift + 1, 1)];
    }
    default: {
      const year = now.getUTCFullYear() - (literal.name === 'LAST_YEAR' ? 1 : 0);
      return [Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1)];
    }
  }
}

const TEXT_TYPES = new Set(['id', 'reference', 'string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist']);
const NUMBER_TYPES = new Set(['int', 'double', 'currency', 'percent']);

/** Salesforce type-checks filter values against the field: quoted dates, strings for numbers … are errors. */
function checkLiteral(field: SObjectField, literal: Literal): void {
  if (literal.kind === 'null') return;
  const ok =
    (TEXT_TYPES.has(field.type) && literal.kind === 'string') ||
    (NUMBER_TYPES.has(field.type) && literal.kind === 'number') ||
    (field.type === 'boolean' && literal.kind === 'boolean') ||
    (field.type === 'date' && (literal.kind === 'date' || literal.kind === 'dateRange')) ||
    (field.type === 'datetime' && (literal.kind === 'datetime' || literal.kind === 'dateRange'));
  if (ok) return;
  const expected = field.type === 'datetime' ? 'dateTime' : field.type;
  const quoted = literal.kind === 'string' ? ' and should not be enclosed in quotes' : '';
  throw new SoqlError('INVALID_FIELD', `value of filter criterion for field '${field.name}' must be of type ${expected}${quoted}`);
}

function comparable(field: SObjectField, value: unknown): number | string | boolean | null {
  if (value === null || value === undefined) return null;
  if (field.type === 'date') return parseSfDate(String(value)) ?? null;
  if (field.type === 'datetime') return parseSfDateTime(String(value)) ?? null;
  if (NUMBER_TYPES.has(field.type)) return Number(value);
  if (field.type === 'boolean') return Boolean(value);
  return String(value).toLowerCase();
}

function literalValue(literal: Literal): number | string | boolean | null {
  switch (literal.kind) {
    case 'string':
      return literal.value.toLowerCase();
    case 'number':
      return literal.value;
    case 'boolean':
      return literal.value;
    case 'date':
    case 'datetime':
      return literal.ms;
    default:
      return null;
  }
}

function likeToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i);
    if (ch === '\\' && i + 1 < pattern.length) re += pattern.charAt(++i).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (ch === '%') re += '.*';
    else if (ch === '_') re += '.';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'is');
}

type Predicate = (record: SfRecord) => boolean;

function compileCondition(store: RecordStore, schema: IndexedSObjectSchema, cond: Condition, nowMs: number): Predicate {
  switch (cond.kind) {
    case 'and': {
      const parts = cond.items.map((c) => compileCondition(store, schema, c, nowMs));
      return (r) => parts.every((p) => p(r));
    }
    case 'or': {
      const parts = cond.items.map((c) => compileCondition(store, schema, c, nowMs));
      return (r) => parts.some((p) => p(r));
    }
    case 'not': {
      const inner = compileCondition(store, schema, cond.item, nowMs);
      return (r) => !inner(r);
    }
    case 'like': {
      const resolved = resolvePath(store, schema, cond.path);
      if (!TEXT_TYPES.has(resolved.field.type)) {
        throw new SoqlError('INVALID_FIELD', `invalid operator on field '${resolved.field.name}': LIKE`);
      }
      const re = likeToRegExp(cond.pattern);
      return (r) => {
        const v = readPath(store, r, schema, resolved);
        return v !== null && re.test(String(v));
      };
    }
    case 'in': {
      const resolved = resolvePath(store, schema, cond.path);
      cond.values.forEach((v) => checkLiteral(resolved.field, v));
      const set = new Set(cond.values.map(literalValue));
      return (r) => {
        const v = comparable(resolved.field, readPath(store, r, schema, resolved));
        return cond.negated ? !set.has(v) : set.has(v);
      };
    }
    case 'compare': {
      const resolved = resolvePath(store, schema, cond.path);
      checkLiteral(resolved.field, cond.value);
      const { op, value } = cond;
      if (value.kind === 'dateRange') {
        const [start, end] = dateRange(value, nowMs);
        return (r) => {
          const v = comparable(resolved.field, readPath(store, r, schema, resolved));
          if (typeof v !== 'number') return op === '!=';
          switch (op) {
            case '=': return v >= start && v < end;
            case '!=': return v < start || v >= end;
            case '<': return v < start;
            case '<=': return v < end;
            case '>': return v >= end;
            case '>=': return v >= start;
          }
        };
      }
      const target = literalValue(value);
      return (r) => {
        const v = comparable(resolved.field, readPath(store, r, schema, resolved));
        if (op === '=') return v === target;
        if (op === '!=') return v !== target;
        if (v === null || target === null) return false;
        switch (op) {
          case '<': return v < target;
          case '<=': return v <= target;
          case '>': return v > target;
          default: return v >= target;
        }
      };
    }
  }
}

function recordUrl(apiVersion: string, sobject: string, id: unknown): string {
  return `/services/data/v${apiVersion}/sobjects/${sobject}/${String(id)}`;
}

function project(
  store: RecordStore,
  schema: IndexedSObjectSchema,
  record: SfRecord,
  paths: ResolvedPath[],
  apiVersion: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: { type: schema.name, url: recordUrl(apiVersion, schema.name, record.Id) } };
  for (const resolved of paths) {
    let target = out;
    let current: SfRecord | undefined = record;
    let owner = schema;
    let broken = false;
    for (const hop of resolved.hops) {
      const parentId: unknown = current?.[hop.field.name];
      current = typeof parentId === 'string' ? store.get(hop.target.name, parentId) : undefined;
      owner = hop.target;
      if (!current) {
        // Salesforce returns the relationship as null when the lookup is empty.
        if (!(hop.relationship in target)) target[hop.relationship] = null;
        broken = true;
        break;
      }
      let nested = target[hop.relationship] as Record<string, unknown> | null | undefined;
      if (!nested) {
        nested = { attributes: { type: owner.name, url: recordUrl(apiVersion, owner.name, current.Id) } };
        target[hop.relationship] = nested;
      }
      target = nested;
    }
    if (!broken && current) target[resolved.field.name] = readField(store, owner, current, resolved.field);
  }
  return out;
}

function compareForOrder(a: number | string | boolean | null, b: number | string | boolean | null, nullsLast: boolean): number {
  if (a === null || b === null) {
    if (a === b) return 0;
    return (a === null ? -1 : 1) * (nullsLast ? -1 : 1);
  }
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

/** Runs a parsed query against the store. Throws SoqlError for unknown objects / fields / type mismatches. */
export function executeSoql(store: RecordStore, query: SoqlQuery, opts: { now: number; apiVersion: string }): QueryResult {
  const schema = store.registry.get(query.from);
  if (!schema) {
    throw new SoqlError('INVALID_TYPE', `sObject type '${query.from}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`);
  }
  const paths = query.fields.map((f) => resolvePath(store, schema, f.path));
  const seen = new Set<string>();
  for (const [i, p] of paths.entries()) {
    const key = [...p.hops.map((h) => h.relationship), p.field.name].join('.').toLowerCase();
    if (seen.has(key)) throw new SoqlError('MALFORMED_QUERY', `duplicate field selected: ${query.fields[i]?.path.join('.')}`);
    seen.add(key);
  }
  const predicate = query.where ? compileCondition(store, schema, query.where, opts.now) : () => true;
  let rows = store.list(schema.name).filter(predicate);
  if (query.orderBy.length > 0) {
    const keys = query.orderBy.map((o) => ({ ...o, resolved: resolvePath(store, schema, o.path) }));
    const decorated = rows.map((r) => ({ r, k: keys.map((k) => comparable(k.resolved.field, readPath(store, r, schema, k.resolved))) }));
    decorated.sort((x, y) => {
      for (const [i, key] of keys.entries()) {
        const c = compareForOrder(x.k[i] ?? null, y.k[i] ?? null, key.nullsLast);
        if (c !== 0) return key.descending && x.k[i] !== null && y.k[i] !== null ? -c : c;
      }
      return 0;
    });
    rows = decorated.map((d) => d.r);
  }
  const offset = query.offset ?? 0;
  rows = rows.slice(offset, query.limit === undefined ? undefined : offset + query.limit);
  if (query.count) return { sobject: schema.name, totalSize: rows.length, records: [] };
  return {
    sobject: schema.name,
    totalSize: rows.length,
    records: rows.map((r) => project(store, schema, r, paths, opts.apiVersion)),
  };
}
