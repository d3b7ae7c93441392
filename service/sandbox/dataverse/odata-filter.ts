/**
 * The `$filter` subset an integration uses against Dataverse: comparisons (eq ne gt ge lt le) of a column with a
 * literal, `contains` / `startswith` / `endswith`, joined with and / or / not and parentheses. Literals are typed
 * as OData v4 types them: 'string' (quotes doubled to escape), unquoted GUIDs, unquoted DateTimeOffset
 * (`2024-01-01T00:00:00Z`) and dates, numbers, true / false, null. Lookups are filtered as `_<name>_value eq <guid>`.
 * A property the table lacks is the documented "Could not find a property named …" 400 [V]; a literal of the wrong
 * type is Microsoft.OData's incompatible-operands error [C]. String comparisons ignore case, as Dataverse's SQL
 * collation does [C].
 */
import { propertyNotFound, queryError, type DvHttpError } from './errors.ts';
import type { LookupValue, Row } from './record-store.ts';
import type { ColumnDef, TableDef } from './schema.ts';
import { propertyNameOf } from './serializer.ts';

type Op = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
type LiteralType = 'string' | 'datetime' | 'date' | 'guid' | 'number' | 'boolean' | 'null';
interface Literal {
  type: LiteralType;
  value: string | number | boolean | null;
}

export type FilterNode =
  | { kind: 'cmp'; column: ColumnDef; op: Op; literal: Literal }
  | { kind: 'fn'; fn: 'contains' | 'startswith' | 'endswith'; column: ColumnDef; text: string }
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; inner: FilterNode };

const OPS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS = new Set(['contains', 'startswith', 'endswith']);
const OP_NAMES: Record<Op, string> = { eq: 'Equal', ne: 'NotEqual', gt: 'GreaterThan', ge: 'GreaterThanOrEqual', lt: 'LessThan', le: 'LessThanOrEqual' };
const LITERAL_EDM: Record<LiteralType, string> = { string: 'Edm.String', datetime: 'Edm.DateTimeOffset', date: 'Edm.Date', guid: 'Edm.Guid', number: 'Edm.Decimal', boolean: 'Edm.Boolean', null: 'null' };

function accepts(col: ColumnDef): { literal: LiteralType[]; edm: string } {
  switch (col.type) {
    case 'string':
    case 'memo':
      return { literal: ['string'], edm: 'Edm.String' };
    case 'datetime':
      return { literal: ['datetime', 'date'], edm: 'Edm.DateTimeOffset' };
    case 'uniqueidentifier':
    case 'lookup':
      return { literal: ['guid'], edm: 'Edm.Guid' };
    case 'boolean':
      return { literal: ['boolean'], edm: 'Edm.Boolean' };
    default:
      return { literal: ['number'], edm: col.type === 'money' || col.type === 'decimal' ? 'Edm.Decimal' : col.type === 'double' ? 'Edm.Double' : 'Edm.Int32' };
  }
}

type Token = { t: '(' | ')' | ',' } | { t: 'lit'; lit: Literal } | { t: 'word'; word: string };

const TOKEN_PATTERNS: Array<[RegExp, (m: string) => Token | null]> = [
  [/^\s+/, () => null],
  [/^[(),]/, (m) => ({ t: m as '(' | ')' | ',' })],
  [/^'(?:[^']|'')*'/, (m) => ({ t: 'lit', lit: { type: 'string', value: m.slice(1, -1).replace(/''/g, "'") } })],
  [/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\w-])/i, (m) => ({ t: 'lit', lit: { type: 'guid', value: m.toLowerCase() } })],
  [/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})/, (m) => ({ t: 'lit', lit: { type: 'datetime', value: m } })],
  [/^\d{4}-\d{2}-\d{2}(?![\w:])/, (m) => ({ t: 'lit', lit: { type: 'date', value: m } })],
  [/^-?\d+(?:\.\d+)?(?:[mMdD])?(?![\w-])/, (m) => ({ t: 'lit', lit: { type: 'number', value: Number(m.replace(/[mMdD]$/, '')) } })],
  [
    /^[A-Za-z_][A-Za-z0-9_]*/,
    (m) => (m === 'true' || m === 'false' ? { t: 'lit', lit: { type: 'boolean', value: m === 'true' } } : m === 'null' ? { t: 'lit', lit: { type: 'null', value: null } } : { t: 'word', word: m }),
  ],
];

function syntaxError(text: string, pos: number): DvHttpError {
  return queryError(`Syntax error at position ${pos} in '${text}'.`);
}

function tokenize(text: string): Array<{ token: Token; pos: number }> {
  const out: Array<{ token: Token; pos: number }> = [];
  let pos = 0;
  while (pos < text.length) {
    const rest = text.slice(pos);
    const hit = TOKEN_PATTERNS.map(([re, make]) => ({ m: re.exec(rest), make })).find((x) => x.m);
    if (!hit?.m) throw syntaxError(text, pos);
    const token = hit.make(hit.m[0]);
    if (token) out.push({ token, pos });
    pos += hit.m[0].length;
  }
  return out;
}

/** Parse and type-check a `$filter` against a table. Throws the 400 naming the problem. */
export function parseFilter(text: string, table: TableDef): FilterNode {
  const tokens = tokenize(text);
  const byProperty = new Map([...table.columns.values()].filter((c) => c.validForRead).map((c) => [propertyNameOf(c), c]));
  let i = 0;
  const peek = (): Token | undefined => tokens[i]?.token;
  const peekWord = (): string | undefined => {
    const tok = peek();
    return tok?.t === 'word' ? tok.word : undefined;
  };
  const posAt = (): number => tokens[i]?.pos ?? text.length;
  const expect = (t: '(' | ')' | ','): void => {
    if (peek()?.t !== t) throw syntaxError(text, posAt());
    i++;
  };
  const column = (name: string): ColumnDef => {
    const col = byProperty.get(name);
    if (!col) throw propertyNotFound(name, table.logicalName);
    return col;
  };

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
    if (peek()?.t === '(') {
      i++;
      const inner = parseOr();
      expect(')');
      return inner;
    }
    const word = peekWord();
    if (word && tokens[i + 1]?.token.t === '(') return parseFunction(word);
    return parseComparison();
  }
  function parseFunction(name: string): FilterNode {
    if (!FUNCTIONS.has(name)) throw queryError(`An unknown function with name '${name}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.`);
    i += 2;
    const field = peekWord();
    if (!field) throw syntaxError(text, posAt());
    const col = column(field);
    i++;
    expect(',');
    const lit = peek();
    if (lit?.t !== 'lit' || lit.lit.type !== 'string') throw syntaxError(text, posAt());
    i++;
    expect(')');
    if (col.type !== 'string' && col.type !== 'memo') {
      throw queryError(`No function signature for the function with name '${name}' matches the specified arguments. The function signatures considered are: ${name}(Edm.String Nullable=true, Edm.String Nullable=true).`);
    }
    return { kind: 'fn', fn: name as 'contains', column: col, text: String(lit.lit.value) };
  }
  function parseComparison(): FilterNode {
    const field = peekWord();
    if (!field) throw syntaxError(text, posAt());
    const col = column(field);
    i++;
    const op = peekWord();
    if (!op || !OPS.has(op)) throw syntaxError(text, posAt());
    i++;
    const litTok = peek();
    if (litTok?.t !== 'lit') throw syntaxError(text, posAt());
    i++;
    const want = accepts(col);
    if (litTok.lit.type !== 'null' && !want.literal.includes(litTok.lit.type)) {
      throw queryError(
        `A binary operator with incompatible types was detected. Found operand types '${want.edm}' and '${LITERAL_EDM[litTok.lit.type]}' for operator kind '${OP_NAMES[op as Op]}'.`,
      );
    }
    return { kind: 'cmp', column: col, op: op as Op, literal: litTok.lit };
  }

  const node = parseOr();
  if (i !== tokens.length) throw syntaxError(text, posAt());
  return node;
}

function comparable(value: unknown, col: ColumnDef): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (col.type === 'lookup') return (value as LookupValue).id;
  if (typeof value === 'string') return value.toLowerCase();
  return value as number | boolean;
}

function literalValue(lit: Literal): string | number | boolean | null {
  if (lit.type === 'datetime' || lit.type === 'date') return Date.parse(lit.type === 'date' ? `${String(lit.value)}T00:00:00Z` : String(lit.value));
  if (typeof lit.value === 'string') return lit.value.toLowerCase();
  return lit.value;
}

export function matchesFilter(node: FilterNode, row: Row): boolean {
  switch (node.kind) {
    case 'and':
      return matchesFilter(node.left, row) && matchesFilter(node.right, row);
    case 'or':
      return matchesFilter(node.left, row) || matchesFilter(node.right, row);
    case 'not':
      return !matchesFilter(node.inner, row);
    case 'fn': {
      const v = row[node.column.logicalName];
      if (typeof v !== 'string') return false;
      const hay = v.toLowerCase();
      const needle = node.text.toLowerCase();
      return node.fn === 'contains' ? hay.includes(needle) : node.fn === 'startswith' ? hay.startsWith(needle) : hay.endsWith(needle);
    }
    case 'cmp': {
      const a = comparable(row[node.column.logicalName], node.column);
      const b = literalValue(node.literal);
      if (a === null || b === null) return node.op === 'eq' ? a === b : node.op === 'ne' ? a !== b : false;
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
