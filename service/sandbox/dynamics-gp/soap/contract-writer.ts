/**
 * Writes response content from plain values, in the contract's member order and namespaces (gp-contract.generated.ts,
 * built from the WSDL): a codec says *what* a member holds, the table decides *where* it goes, so a response can
 * never carry a member out of order or one the contract does not have. `undefined` leaves a member out
 * (DataContract EmitDefaultValue=false), `null` writes it nil; an array fills an ArrayOfX member with X items;
 * `typed(ref, value)` writes an xsi:type (members declared as a base type or xs:anyType).
 */
import { type NsAlias } from './contract/contract-spec.ts';
import type { ContractMember } from './contract/contract-table.ts';
import { contractType } from './contract-reader.ts';
import { escapeText, writeElement } from './xml-node.ts';

export type WireValue = string | number | boolean | null | undefined | WireObject | WireValue[] | Typed;
export interface WireObject {
  [member: string]: WireValue;
}
interface Typed {
  readonly $type: string;
  readonly value: WireObject | string;
}

export const typed = (type: string, value: WireObject | string): Typed => ({ $type: type, value });

const isTyped = (v: WireValue): v is Typed => typeof v === 'object' && v !== null && !Array.isArray(v) && '$type' in v;

/** Prefixes every response body element declares (writer output uses them). */
export const BODY_PREFIXES: Record<Exclude<NsAlias, 's'>, string> = { g: 'g', c: 'c', a: 'a', ser: 'ser', x: 'x', sec: 'sec', sys: 'sys' };

const qnameOf = (alias: NsAlias, name: string) => (alias === 's' ? name : `${BODY_PREFIXES[alias]}:${name}`);

function decimalText(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError(`not a finite number: ${n}`);
  const s = String(n);
  return /e/i.test(s) ? n.toFixed(10).replace(/0+$/, '').replace(/\.$/, '') : s;
}

function simpleText(v: WireValue, where: string): string {
  if (typeof v === 'string') return escapeText(v);
  if (typeof v === 'number') return decimalText(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  throw new TypeError(`${where} holds a simple value; got ${JSON.stringify(v)}`);
}

function writeMember(member: ContractMember, value: WireValue, where: string): string {
  const [alias, name, declared] = member;
  const qname = qnameOf(alias, name);
  if (value === undefined) return '';
  if (value === null) return writeElement(qname, '', { 'i:nil': 'true' });
  const t = contractType(declared);
  if (isTyped(value)) {
    const actual = contractType(value.$type);
    if (!actual) throw new TypeError(`${where}: ${value.$type} is not in the contract table`);
    if (value.$type !== declared && declared !== 'x:anyType' && !('ancestors' in actual && actual.ancestors.includes(declared))) {
      throw new TypeError(`${where}: ${value.$type} does not derive from ${declared}`);
    }
    const [alias2, local] = value.$type.split(':') as [Exclude<NsAlias, 's'>, string];
    const inner = typeof value.value === 'string' ? simpleText(value.value, where) : writeContent(value.$type, value.value, where);
    return writeElement(qname, inner, { 'i:type': `${BODY_PREFIXES[alias2]}:${local}` });
  }
  if (Array.isArray(value)) {
    const item = t && 'members' in t && t.members.length === 1 && t.members[0]![3] === '*' ? t.members[0]! : undefined;
    if (!item) throw new TypeError(`${where} is not an array member (${declared})`);
    return writeElement(qname, value.map((v, i) => writeMember(item, v, `${where}[${i}]`)).join(''));
  }
  if (typeof value === 'object') {
    if (!t || !('members' in t)) throw new TypeError(`${where} (${declared}) is not a complex contract type in the table`);
    return writeElement(qname, writeContent(declared, value, where));
  }
  if (t && 'values' in t && !t.values.includes(String(value))) throw new TypeError(`${where}: "${String(value)}" is not a value of ${declared}`);
  return writeElement(qname, simpleText(value, where));
}

/** The members of a complex contract type, in contract order. Unknown keys are a programming error. */
export function writeContent(type: string, value: WireObject, where: string = type): string {
  const t = contractType(type);
  if (!t || !('members' in t)) throw new TypeError(`${type} is not a complex contract type in the table`);
  for (const key of Object.keys(value)) {
    if (!t.members.some(([, name]) => name === key)) throw new TypeError(`${where}: ${type} has no member ${key}`);
  }
  return t.members.map((m) => writeMember(m, value[m[1]], `${where}.${m[1]}`)).join('');
}

/** One response parameter (`<Operation>Result`), typed by the operation's response element. */
export function writeResult(members: readonly ContractMember[], name: string, value: WireValue): string {
  const member = members.find(([, n]) => n === name);
  if (!member) throw new TypeError(`the response has no member ${name}`);
  return writeMember(member, value, name);
}
