/**
 * The `$filter` subset BC integrations use: comparisons (eq ne gt ge lt le) of a property with a literal,
 * joined with and / or / not and parentheses. Literals are typed as OData v4 types them: 'string' (with ''
 * escaping), unquoted DateTimeOffset (`2024-01-01T00:00:00Z`, FACTS 3.1 #13), unquoted date and GUID, numbers,
 * true / false. Comparing a property with a literal of another type is a 400, as in BC's OData stack — a
 * quoted datetime does not silently work here.
 */
import { bcError, type BcHttpError } from './errors.ts';
import type { EntityShape, FieldKind } from './shapes.ts';

type Op = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
type LiteralType = 'string' | 'datetime' | 'date' | 'guid' | 'number' | 'boolean';
interface Literal {
  type: LiteralType;
  value: string | number | boolean;
}

export type FilterNode =
  | { kind: 'cmp'; field: string; op: Op; literal: Literal }
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; inner: FilterNode };

const OPS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const OP_NAMES: Record<Op, string> = { eq: 'Equal', ne: 'NotEqual', gt: 'GreaterThan', ge: 'GreaterThanOrEqual', lt: 'LessThan', le: 'LessThanOrEqual' };
const EDM: Record<FieldKind, string> = {
  guid: 'Edm.Guid',
  text: 'Edm.String',
  code: 'Edm.String',
  enum: 'Edm.String',
  decimal: 'Edm.Decimal',
  integer: 'Edm.Int32',
  boolean: 'Edm.Boolean',
  date: 'Edm.Date',
  datetime: 'Edm.DateTimeOffset',
};
const LITERAL_EDM: Record<LiteralType, string> = {
  string: 'Edm.String',
  datetime: 'Edm.DateTimeOffset',
  date: 'Edm.Date',
  guid: 'Edm.Guid',
  number: 'Edm.Decimal',
  boolean: 'Edm.Boolean',
};
const ACCEPTS: Record<FieldKind, LiteralType> = {
  guid: 'guid',
  text: 'string',
  code: 'string',
  enum: 'string',
  decimal: 'number',
  integer: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
};

const TOKEN_PATTERNS: Array<[RegExp, (m: string) => Token]> = [
  [/^\s+/, () => ({ t: 'ws' })],
  [/^[()]/, (m) => ({ t: m as '(' | ')' })],
  [/^'(?:[^']|'')*'/, (m) => ({ t: 'lit', lit: { type: 'string', value: m.slice(1, -1).replace(/''/g, "'") } })],
  [/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\w-])/i, (m) => ({ t: 'lit', lit: { type: 'guid', value: m.toLowerCase() } })],
  [
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})/,
    (m) => ({ t: 'lit', lit: { type: 'datetime', value: m } }),
  ],
  [/^\d{4}-\d{2}-\d{2}(?![\w:])/, (m) => ({ t: 'lit', lit: { type: 'date', value: m } })],
  [/^-?\d+(?:\.\d+)?(?![\w-])/, (m) => ({ t: 'lit', lit: { type: 'number', value: Number(m) } })],
  [/^[A-Za-z_][A-Za-z0-9_]*/, (m) => (m === 'true' || m === 'false' ? { t: 'lit', lit: { type: 'boolean', value: m === 'true' } } : { t: 'word', word: m })],
];

type Token = { t: 'ws' } | { t: '(' | ')' } | { t: 'lit'; lit: Literal } | { t: 'word'; word: string };

function syntaxError(text: string, pos: number): BcHttpError {
  return bcError(400, 'BadRequest', `Syntax error at position ${pos} in '${text}'.`);
}

function tokenize(text: string): Array<{ token: Token; pos: number }> {
  const out: Array<{ token: Token; pos: number }> = [];
  let pos = 0;
  while (pos < text.length) {
    const rest = text.slice(pos);
    const hit = TOKEN_PATTERNS.map(([re, make]) => ({ m: re.exec(rest), make })).find((x) => x.m);
    if (!hit?.m) throw syntaxError(text, pos);
    const token = hit.make(hit.m[0]);
    if (token.t !== 'ws') out.push({ token, pos });
    pos += hit.m[0].length;
  }
  return out;
}

/** Parse and type-check a `$filter` against an entity's shape. Throws a 400 BcHttpError naming the problem. */
export function parseFilter(text: string, shape: EntityShape, typeName: string): FilterNode {
  const tokens = tokenize(text);
  let i = 0;
  const peekWord = (): string | undefined => {
    const tok = tokens[i]?.token;
    return tok?.t === 'word' ? tok.word : undefined;
  };
  const posAt = (): number => tokens[i]?.pos ?? text.length;

  function parseOr(): FilterNode {
    let left = parseAnd();
    while (peekWord() === 'or') {
      i++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  }
  function parseAnd(): FilterNode {
    let left = parseUnary();
    while (peekWord() === 'and') {
      i++;
      left = { kind: 'and', left, right: parseUnary() };
    }
    return left;
  }
  function parseUnary(): FilterNode {
    if (peekWord() === 'not') {
      i++;
      return { kind: 'not', inner: parseUnary() };
    }
    const tok = tokens[i]?.token;
    if (tok?.t === '(') {
      i++;
      const inner = parseOr();
      if (tokens[i]?.token.t !== ')') throw syntaxError(text, posAt());
      i++;
      return inner;
    }
    return parseComparison();
  }
  function parseComparison(): FilterNode {
    const fieldTok = tokens[i]?.token;
    if (fieldTok?.t !== 'word') throw syntaxError(text, posAt());
    const field = fieldTok.word;
    const spec = shape[field];
    if (!spec) throw bcError(400, 'BadRequest', `Could not find a property named '${field}' on type 'Microsoft.NAV.${typeName}'.`);
    i++;
    const op = peekWord();
    if (!op || !OPS.has(op)) throw syntaxError(text, posAt());
    i++;
    const litTok = tokens[i]?.token;
    if (litTok?.t !== 'lit') throw syntaxError(text, posAt());
    i++;
    if (ACCEPTS[spec.kind] !== litTok.lit.type) {
      throw bcError(
        400,
        'BadRequest',
        `A binary operator with incompatible types was detected. Found operand types '${EDM[spec.kind]}' and '${LITERAL_EDM[litTok.lit.type]}' for operator kind '${OP_NAMES[op as Op]}'.`,
      );
    }
    // Code fields hold upper-case values; AL upper-cases the filter value too.
    const literal = spec.kind === 'code' && typeof litTok.lit.value === 'string' ? { ...litTok.lit, value: litTok.lit.value.toUpperCase() } : litTok.lit;
    return { kind: 'cmp', field, op: op as Op, literal };
  }

  const node = parseOr();
  if (i !== tokens.length) throw syntaxError(text, posAt());
  return node;
}

function comparable(value: unknown, type: LiteralType): string | number | boolean {
  if (type === 'datetime') return Date.parse(String(value));
  if (type === 'number') return Number(value);
  if (type === 'boolean') return Boolean(value);
  if (type === 'guid') return String(value).toLowerCase();
  return String(value ?? '');
}

export function matchesFilter(node: FilterNode, record: Record<string, unknown>): boolean {
  switch (node.kind) {
    case 'and':
      return matchesFilter(node.left, record) && matchesFilter(node.right, record);
    case 'or':
      return matchesFilter(node.left, record) || matchesFilter(node.right, record);
    case 'not':
      return !matchesFilter(node.inner, record);
    case 'cmp': {
      const a = comparable(record[node.field], node.literal.type);
      const b = comparable(node.literal.value, node.literal.type);
      switch (node.op) {
        case 'eq':
          return a === b;
        case 'ne':
          return a !== b;
        case 'gt':
          return a > b;
        case 'ge':
          return a >= b;
        case 'lt':
          return a < b;
        case 'le':
          return a <= b;
      }
    }
  }
}
