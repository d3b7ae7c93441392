import { parseSfDate, parseSfDateTime } from '../dates.ts';
import { SoqlError, type ComparisonOp, type Condition, type Literal, type OrderItem, type SelectField, type SoqlQuery } from './ast.ts';
import { tokenize, type Token } from './tokenize.ts';

/**
 * Grammar (keywords case-insensitive):
 *   SELECT (COUNT() | path {, path}) FROM name [WHERE cond] [ORDER BY path [ASC|DESC] [NULLS FIRST|LAST] {, …}]
 *   [LIMIT n] [OFFSET n]
 *   cond    := and {OR and};  and := unary {AND unary};  unary := NOT unary | '(' cond ')' | predicate
 *   predicate := path (op literal | [NOT] IN '(' literal {, literal} ')' | LIKE string)
 *   literal := 'string' | number | TRUE | FALSE | NULL | 2024-01-31 | 2024-01-31T00:00:00Z | TODAY | LAST_N_DAYS:n …
 */

const RELATIVE_DATES = new Set(['TODAY', 'YESTERDAY', 'TOMORROW', 'THIS_WEEK', 'LAST_WEEK', 'THIS_MONTH', 'LAST_MONTH', 'THIS_YEAR', 'LAST_YEAR']);
const RELATIVE_N_DATES = new Set(['LAST_N_DAYS', 'NEXT_N_DAYS']);
const RESERVED = new Set(['SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'IN', 'LIKE', 'ORDER', 'BY', 'LIMIT', 'OFFSET', 'ASC', 'DESC', 'NULLS', 'NULL', 'TRUE', 'FALSE']);

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  private isKeyword(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'ident' && t.text.toUpperCase() === word;
  }

  private unexpected(t: Token = this.peek()): SoqlError {
    return new SoqlError('MALFORMED_QUERY', `unexpected token: '${t.text}'`);
  }

  private expectKeyword(word: string): Token {
    if (!this.isKeyword(word)) throw this.unexpected();
    return this.next();
  }

  private expectPunct(p: string): void {
    const t = this.next();
    if (t.kind !== 'punct' || t.text !== p) throw this.unexpected(t);
  }

  private path(): { path: string[]; column: number } {
    const t = this.next();
    if (t.kind !== 'ident' || RESERVED.has(t.text.toUpperCase())) throw this.unexpected(t);
    return { path: t.text.split('.'), column: t.column };
  }

  parseQuery(): SoqlQuery {
    this.expectKeyword('SELECT');
    const fields: SelectField[] = [];
    let count = false;
    if (this.isKeyword('COUNT') && this.peek(1).text === '(') {
      this.next();
      this.expectPunct('(');
      if (this.peek().text !== ')') throw new SoqlError('MALFORMED_QUERY', 'COUNT(field) is not supported by the emulator; use COUNT()');
      this.expectPunct(')');
      count = true;
    } else {
      do {
        const { path, column } = this.path();
        fields.push({ path, column });
      } while (this.peek().text === ',' && this.next());
    }
    const fromToken = this.expectKeyword('FROM');
    const from = this.next();
    if (from.kind !== 'ident' || from.text.includes('.')) throw this.unexpected(from);
    const query: SoqlQuery = { fields, count, from: from.text, fromColumn: from.column ?? fromToken.column, orderBy: [] };
    if (this.isKeyword('WHERE')) {
      this.next();
      query.where = this.orCondition();
    }
    if (this.isKeyword('ORDER')) {
      this.next();
      this.expectKeyword('BY');
      query.orderBy = this.orderItems();
    }
    if (this.isKeyword('LIMIT')) {
      this.next();
      query.limit = this.nonNegativeInteger();
    }
    if (this.isKeyword('OFFSET')) {
      this.next();
      query.offset = this.nonNegativeInteger();
    }
    if (this.peek().kind !== 'eof') throw this.unexpected();
    return query;
  }

  private nonNegativeInteger(): number {
    const t = this.next();
    if (t.kind !== 'number' || !/^\d+$/.test(t.text)) throw this.unexpected(t);
    return Number(t.text);
  }

  private orderItems(): OrderItem[] {
    const items: OrderItem[] = [];
    do {
      const { path, column } = this.path();
      let descending = false;
      if (this.isKeyword('ASC')) this.next();
      else if (this.isKeyword('DESC')) {
        this.next();
        descending = true;
      }
      // Salesforce's default: nulls first ascending, nulls last descending.
      let nullsLast = descending;
      if (this.isKeyword('NULLS')) {
        this.next();
        if (this.isKeyword('FIRST')) nullsLast = false;
        else if (this.isKeyword('LAST')) nullsLast = true;
        else throw this.unexpected();
        this.next();
      }
      items.push({ path, descending, nullsLast, column });
    } while (this.peek().text === ',' && this.next());
    return items;
  }

  private orCondition(): Condition {
    const items = [this.andCondition()];
    while (this.isKeyword('OR')) {
      this.next();
      items.push(this.andCondition());
    }
    return items.length === 1 ? (items[0] as Condition) : { kind: 'or', items };
  }

  private andCondition(): Condition {
    const items = [this.unaryCondition()];
    while (this.isKeyword('AND')) {
      this.next();
      items.push(this.unaryCondition());
    }
    return items.length === 1 ? (items[0] as Condition) : { kind: 'and', items };
  }

  private unaryCondition(): Condition {
    if (this.isKeyword('NOT')) {
      this.next();
      return { kind: 'not', item: this.unaryCondition() };
    }
    if (this.peek().text === '(') {
      this.next();
      const inner = this.orCondition();
      this.expectPunct(')');
      return inner;
    }
    return this.predicate();
  }

  private predicate(): Condition {
    const { path, column } = this.path();
    if (this.isKeyword('IN') || (this.isKeyword('NOT') && this.isKeyword('IN', 1))) {
      const negated = this.isKeyword('NOT');
      if (negated) this.next();
      this.next();
      this.expectPunct('(');
      const values: Literal[] = [];
      do values.push(this.literal());
      while (this.peek().text === ',' && this.next());
      this.expectPunct(')');
      return { kind: 'in', path, negated, values, column };
    }
    if (this.isKeyword('LIKE')) {
      this.next();
      const t = this.next();
      if (t.kind !== 'string') throw this.unexpected(t);
      return { kind: 'like', path, pattern: t.value ?? '', column };
    }
    const op = this.next();
    if (op.kind !== 'op') throw this.unexpected(op);
    return { kind: 'compare', path, op: op.text as ComparisonOp, value: this.literal(), column };
  }

  private literal(): Literal {
    const t = this.next();
    switch (t.kind) {
      case 'string':
        return { kind: 'string', value: t.value ?? '' };
      case 'number':
        return { kind: 'number', value: Number(t.text) };
      case 'date': {
        const ms = parseSfDate(t.text);
        if (ms === undefined) throw new SoqlError('MALFORMED_QUERY', `line 1:${t.column - 1} no viable alternative at character '${t.text}'`);
        return { kind: 'date', ms, text: t.text };
      }
      case 'datetime': {
        const ms = parseSfDateTime(t.text);
        if (ms === undefined) throw new SoqlError('MALFORMED_QUERY', `line 1:${t.column - 1} no viable alternative at character '${t.text}'`);
        return { kind: 'datetime', ms, text: t.text };
      }
      case 'ident': {
        const word = t.text.toUpperCase();
        if (word === 'NULL') return { kind: 'null' };
        if (word === 'TRUE' || word === 'FALSE') return { kind: 'boolean', value: word === 'TRUE' };
        if (RELATIVE_DATES.has(word)) return { kind: 'dateRange', name: word, text: word };
        if (RELATIVE_N_DATES.has(word)) {
          this.expectPunct(':');
          const n = this.nonNegativeInteger();
          return { kind: 'dateRange', name: word, n, text: `${word}:${n}` };
        }
        throw this.unexpected(t);
      }
      default:
        throw this.unexpected(t);
    }
  }
}

export function parseSoql(soql: string): SoqlQuery {
  if (soql.trim() === '') throw new SoqlError('MALFORMED_QUERY', 'A query string has to be specified');
  return new Parser(tokenize(soql)).parseQuery();
}
