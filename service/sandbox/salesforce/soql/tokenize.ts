import { SoqlError } from './ast.ts';

export type TokenKind = 'ident' | 'string' | 'number' | 'date' | 'datetime' | 'op' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  /** 1-based column, as Salesforce reports in `ERROR at Row:1:Column:n`. */
  column: number;
  /** For strings: the unescaped value. */
  value?: string;
}

const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}(?![\dT])/;
const NUMBER_RE = /^-?\d+(\.\d+)?/;
const IDENT_RE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/;
const STRING_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\', '%': '\\%', _: '\\_' };

export function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < soql.length) {
    const ch = soql.charAt(i);
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const rest = soql.slice(i);
    const column = i + 1;
    if (ch === "'") {
      let value = '';
      let j = i + 1;
      for (; j < soql.length && soql.charAt(j) !== "'"; j++) {
        if (soql.charAt(j) === '\\') {
          const next = soql.charAt(j + 1);
          const mapped = STRING_ESCAPES[next];
          if (mapped === undefined) throw new SoqlError('MALFORMED_QUERY', `Invalid string literal '${soql.slice(i, j + 2)}'. Illegal character sequence '\\${next}' in string literal.`);
          value += mapped;
          j++;
        } else value += soql.charAt(j);
      }
      if (j >= soql.length) throw new SoqlError('MALFORMED_QUERY', `line 1:${i} mismatched character '<EOF>' expecting '''`);
      tokens.push({ kind: 'string', text: soql.slice(i, j + 1), value, column });
      i = j + 1;
      continue;
    }
    const dt = DATETIME_RE.exec(rest);
    if (dt) {
      tokens.push({ kind: 'datetime', text: dt[0], column });
      i += dt[0].length;
      continue;
    }
    const d = DATE_RE.exec(rest);
    if (d) {
      tokens.push({ kind: 'date', text: d[0], column });
      i += d[0].length;
      continue;
    }
    const n = NUMBER_RE.exec(rest);
    if (n && (ch !== '-' || /^-\d/.test(rest))) {
      tokens.push({ kind: 'number', text: n[0], column });
      i += n[0].length;
      continue;
    }
    const id = IDENT_RE.exec(rest);
    if (id) {
      tokens.push({ kind: 'ident', text: id[0], column });
      i += id[0].length;
      continue;
    }
    const op = /^(<=|>=|!=|<>|=|<|>)/.exec(rest);
    if (op) {
      tokens.push({ kind: 'op', text: op[0] === '<>' ? '!=' : op[0], column });
      i += op[0].length;
      continue;
    }
    if ('(),:'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch, column });
      i++;
      continue;
    }
    throw new SoqlError('MALFORMED_QUERY', `line 1:${i} no viable alternative at character '${ch}'`);
  }
  tokens.push({ kind: 'eof', text: '<EOF>', column: soql.length + 1 });
  return tokens;
}
