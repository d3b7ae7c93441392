/**
 * The query options the emulator understands: an OData-style subset chosen because the SBA's own syntax is
 * not documented publicly (FACTS §2.1 [U]; see README.md). `$filter` with eq/ne/gt/ge/lt/le, and/or/not and
 * parentheses; `$orderby` on declared fields; `$top`. Anything else is a 400 naming what was wrong — a lenient
 * parser would hide client bugs.
 *
 * Comparison semantics follow SQL Server with GP's collation (SQL_Latin1_General_CP1_CI_AS): strings compare
 * case-insensitively and ignoring trailing blanks (GP-DOMAIN §2).
 */
import { normalizeKey } from './gp-columns.ts';
import { badRequest } from './sba-error.ts';

export type FieldType = 'string' | 'date' | 'datetime' | 'number' | 'boolean';

export interface FieldDef<R> {
  type: FieldType;
  get(row: R): string | number | boolean;
}

export type FieldDefs<R> = Record<string, FieldDef<R>>;

type Comparator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
type Literal = { type: 'string'; value: string } | { type: 'date'; value: string } | { type: 'datetime'; value: number } | { type: 'number'; value: number } | { type: 'boolean'; value: boolean };

export interface OrderTerm {
  field: string;
  descending: boolean;
}

export interface ListQuery<R> {
  predicate: (row: R) => boolean;
  orderBy: OrderTerm[];
  top: number | undefined;
}

const COMPARATORS = new Set<Comparator>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;

function tokenize(input: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === '(' || ch === ')') {
      tokens.push(ch);
      i += 1;
    } else if (ch === "'") {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= input.length) throw badRequest(`$filter: unterminated string literal starting at position ${i + 1}`);
        if (input[j] === "'") {
          if (input[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += input[j];
        j += 1;
      }
      tokens.push(`'${text}`);
      i = j + 1;
    } else {
      let j = i;
      while (j < input.length && !/[\s()']/.test(input[j]!)) j += 1;
      tokens.push(input.slice(i, j));
      i = j;
    }
  }
  return tokens;
}

function parseLiteral(token: string): Literal {
  if (token.startsWith("'")) return { type: 'string', value: token.slice(1) };
  if (DATE_RE.test(token)) {
    if (Number.isNaN(Date.parse(`${token}T00:00:00Z`))) throw badRequest(`$filter: ${token} is not a valid date`);
    return { type: 'date', value: token };
  }
  if (DATETIME_RE.test(token)) {
    const ms = Date.parse(token);
    if (Number.isNaN(ms)) throw badRequest(`$filter: ${token} is not a valid date-time`);
    return { type: 'datetime', value: ms };
  }
  if (/^-?\d+(\.\d+)?$/.test(token)) return { type: 'number', value: Number(token) };
  if (token === 'true' || token === 'false') return { type: 'boolean', value: token === 'true' };
  throw badRequest(`$filter: "${token}" is not a literal (strings are quoted: 'ABC'; dates are written 2024-05-01)`);
}

function compareValues(a: string | number | boolean, b: string | number | boolean): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return Number(a) - Number(b);
}

function test(cmp: Comparator, order: number): boolean {
  switch (cmp) {
    case 'eq':
      return order === 0;
    case 'ne':
      return order !== 0;
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'le':
      return order <= 0;
  }
}

function bindComparison<R>(fields: FieldDefs<R>, name: string, cmp: Comparator, literal: Literal): (row: R) => boolean {
  const def = fields[name];
  if (!def) throw badRequest(`$filter: unknown or unfilterable property "${name}" (filterable: ${Object.keys(fields).join(', ')})`);
  let value: string | number | boolean;
  switch (def.type) {
    case 'string':
      if (literal.type !== 'string') throw badRequest(`$filter: ${name} is a string; quote the value ('...')`);
      value = normalizeKey(literal.value);
      return (row) => test(cmp, compareValues(normalizeKey(String(def.get(row))), value));
    case 'date':
      // GP master/document dates are date-only (GP-DOMAIN §2): a time of day would silently mean nothing.
      if (literal.type !== 'date') throw badRequest(`$filter: ${name} is date-only; compare it with a date such as 2024-05-01`);
      value = literal.value;
      break;
    case 'datetime':
      if (literal.type !== 'datetime') throw badRequest(`$filter: ${name} is a UTC date-time; write it as 2024-05-01T12:00:00Z`);
      value = literal.value;
      break;
    case 'number':
      if (literal.type !== 'number') throw badRequest(`$filter: ${name} is a number`);
      value = literal.value;
      break;
    case 'boolean':
      if (literal.type !== 'boolean') throw badRequest(`$filter: ${name} is true or false`);
      value = literal.value;
      break;
  }
  const bound = value;
  return (row) => test(cmp, compareValues(def.get(row), bound));
}

export function parseFilter<R>(input: string, fields: FieldDefs<R>): (row: R) => boolean {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => {
    const t = tokens[pos];
    if (t === undefined) throw badRequest('$filter: unexpected end of expression');
    pos += 1;
    return t;
  };

  function parseOr(): (row: R) => boolean {
    let left = parseAnd();
    while (peek()?.toLowerCase() === 'or') {
      next();
      const l = left;
      const r = parseAnd();
      left = (row) => l(row) || r(row);
    }
    return left;
  }
  function parseAnd(): (row: R) => boolean {
    let left = parseUnary();
    while (peek()?.toLowerCase() === 'and') {
      next();
      const l = left;
      const r = parseUnary();
      left = (row) => l(row) && r(row);
    }
    return left;
  }
  function parseUnary(): (row: R) => boolean {
    if (peek()?.toLowerCase() === 'not') {
      next();
      const inner = parseUnary();
      return (row) => !inner(row);
    }
    if (peek() === '(') {
      next();
      const inner = parseOr();
      if (next() !== ')') throw badRequest('$filter: missing ")"');
      return inner;
    }
    const name = next();
    const cmp = next().toLowerCase() as Comparator;
    if (!COMPARATORS.has(cmp)) throw badRequest(`$filter: "${cmp}" is not a comparison operator (eq, ne, gt, ge, lt, le)`);
    return bindComparison(fields, name, cmp, parseLiteral(next()));
  }

  const predicate = parseOr();
  if (pos !== tokens.length) throw badRequest(`$filter: unexpected "${tokens[pos]}"`);
  return predicate;
}

export function parseOrderBy<R>(input: string, fields: FieldDefs<R>): OrderTerm[] {
  return input.split(',').map((part) => {
    const [field, dir, extra] = part.trim().split(/\s+/);
    if (!field || extra !== undefined || (dir !== undefined && !/^(asc|desc)$/i.test(dir))) {
      throw badRequest(`$orderby: "${part.trim()}" is not "<property> [asc|desc]"`);
    }
    if (!fields[field]) throw badRequest(`$orderby: unknown or unsortable property "${field}"`);
    return { field, descending: dir?.toLowerCase() === 'desc' };
  });
}

export function parseListQuery<R>(params: URLSearchParams, fields: FieldDefs<R>, defaults: { orderBy: OrderTerm[]; maxTop: number }): ListQuery<R> {
  for (const key of params.keys()) {
    if (!['$filter', '$orderby', '$top'].includes(key)) throw badRequest(`unsupported query option "${key}" (supported: $filter, $orderby, $top)`);
  }
  const filter = params.get('$filter');
  const orderBy = params.get('$orderby');
  const topRaw = params.get('$top');
  let top: number | undefined;
  if (topRaw !== null) {
    if (!/^\d+$/.test(topRaw) || Number(topRaw) < 1 || Number(topRaw) > defaults.maxTop) {
      throw badRequest(`$top must be an integer from 1 to ${defaults.maxTop}, got "${topRaw}"`);
    }
    top = Number(topRaw);
  }
  return {
    predicate: filter ? parseFilter(filter, fields) : () => true,
    orderBy: orderBy ? parseOrderBy(orderBy, fields) : defaults.orderBy,
    top,
  };
}

export function compareBy<R>(fields: FieldDefs<R>, orderBy: OrderTerm[]): (a: R, b: R) => number {
  return (a, b) => {
    for (const term of orderBy) {
      const def = fields[term.field]!;
      const va = def.get(a);
      const vb = def.get(b);
      const order = def.type === 'string' ? compareValues(normalizeKey(String(va)), normalizeKey(String(vb))) : compareValues(va, vb);
      if (order !== 0) return term.descending ? -order : order;
    }
    return 0;
  };
}
