/**
 * The search `criteria` grammar of the v8 docs [V]: `((Field:operator:value) and (Field:operator:value))`, `and`
 * / `or` between groups, values escaped with a backslash before `(`, `)`, `,` and `\`, `in` / `between` taking
 * comma-separated values. A malformed string answers INVALID_QUERY "invalid query formed" [V code; details [U]].
 */
import { zohoError } from './errors.ts';

export interface Condition {
  field: string;
  operator: string;
  /** Raw value with escapes removed; list operators split on unescaped commas. */
  values: string[];
}

export type CriteriaNode = { kind: 'condition'; condition: Condition } | { kind: 'group'; operator: 'and' | 'or'; children: CriteriaNode[] };

function invalidQuery(reason: string) {
  return zohoError(400, 'INVALID_QUERY', 'invalid query formed', { reason });
}

function splitValues(raw: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < raw.length; i += 1) {
    const ch = raw[i] as string;
    if (ch === '\\' && i + 1 < raw.length) {
      cur += raw[i + 1];
      i += 1;
    } else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function unescape(raw: string): string {
  return raw.replace(/\\(.)/g, '$1');
}

export function parseCriteria(text: string): CriteriaNode {
  let i = 0;
  const skipSpaces = (): void => {
    while (text[i] === ' ') i += 1;
  };
  const parseCondition = (): CriteriaNode => {
    // inside '(' ... ')': field:operator:value, value runs to the first unescaped ')'
    const start = i;
    let body = '';
    while (i < text.length) {
      const ch = text[i] as string;
      if (ch === '\\' && i + 1 < text.length) {
        body += ch + text[i + 1];
        i += 2;
        continue;
      }
      if (ch === ')') break;
      body += ch;
      i += 1;
    }
    if (text[i] !== ')') throw invalidQuery('unbalanced parentheses');
    const first = body.indexOf(':');
    const second = first < 0 ? -1 : body.indexOf(':', first + 1);
    if (first <= 0 || second < 0) throw invalidQuery(`condition at ${start} is not field:operator:value`);
    const field = body.slice(0, first).trim();
    const operator = body.slice(first + 1, second).trim();
    const rawValue = body.slice(second + 1);
    const values = operator === 'in' || operator === 'between' ? splitValues(rawValue) : [unescape(rawValue)];
    return { kind: 'condition', condition: { field, operator, values } };
  };
  const parseGroup = (): CriteriaNode => {
    skipSpaces();
    if (text[i] !== '(') throw invalidQuery(`expected ( at ${i}`);
    i += 1;
    skipSpaces();
    let node: CriteriaNode;
    if (text[i] === '(') node = parseSequence();
    else node = parseCondition();
    skipSpaces();
    if (text[i] !== ')') throw invalidQuery(`expected ) at ${i}`);
    i += 1;
    return node;
  };
  const parseSequence = (): CriteriaNode => {
    const children = [parseGroup()];
    let operator: 'and' | 'or' | undefined;
    for (;;) {
      skipSpaces();
      const m = /^(and|or)/i.exec(text.slice(i));
      if (!m) break;
      const op = (m[1] as string).toLowerCase() as 'and' | 'or';
      if (operator && operator !== op) throw invalidQuery('mixed and/or without parentheses');
      operator = op;
      i += op.length;
      children.push(parseGroup());
    }
    return children.length === 1 ? (children[0] as CriteriaNode) : { kind: 'group', operator: operator ?? 'and', children };
  };
  const node = parseSequence();
  skipSpaces();
  if (i !== text.length) throw invalidQuery(`unexpected text at ${i}`);
  return node;
}

export function conditionsOf(node: CriteriaNode): Condition[] {
  return node.kind === 'condition' ? [node.condition] : node.children.flatMap(conditionsOf);
}
