/**
 * Reads request content against the contract table (gp-contract.generated.ts, built from the WSDL): every child
 * must be a member of the declared type, in the member's namespace, in DataContract order (base members first),
 * repeating only where the schema says maxOccurs unbounded; an xsi:type must name a contract type derived from the
 * declared one (or the type itself), spelled exactly (`BetweenRestrictionOfNullableOfdateTime`, lower-case d,
 * FACTS §2.2); simple values hold no elements and enumerations take only their listed values. WCF's
 * DataContractSerializer would silently drop a misplaced or misnamed member; the emulator faults and names it.
 * Members a codec does not model are refused by name when they carry a value (nil is accepted).
 */
import { CONTRACT_NAMESPACES, type NsAlias } from './contract/contract-spec.ts';
import type { ContractMember, ContractOperation, ContractType } from './contract/contract-table.ts';
import { GP_CONTRACT } from './contract/gp-contract.generated.ts';
import { invalidMessage } from './soap-fault.ts';
import { isNilNode, xsiTypeOf, XmlSyntaxError, type XNode } from './xml-node.ts';

const TYPE_BY_URI_LOCAL = new Map<string, string>(
  Object.keys(GP_CONTRACT.types).map((ref) => {
    const [alias, local] = ref.split(':') as [NsAlias, string];
    return [`${CONTRACT_NAMESPACES[alias]}|${local}`, ref];
  }),
);

export function contractType(ref: string): ContractType | undefined {
  return GP_CONTRACT.types[ref];
}

const isSimpleRef = (ref: string) => (ref.startsWith('x:') && ref !== 'x:anyType') || ref.startsWith('ser:') || (contractType(ref) !== undefined && 'values' in contractType(ref)!);

export interface ContractObject {
  readonly path: string;
  /** Present and not nil. */
  has(name: string): boolean;
  text(name: string): string | undefined;
  int(name: string): number | undefined;
  decimal(name: string): number | undefined;
  bool(name: string): boolean | undefined;
  /** An xs:dateTime without a zone, as `YYYY-MM-DDTHH:MM:SS.mmm`. */
  dateTime(name: string): string | undefined;
  enumValue(name: string): string | undefined;
  object(name: string, supported?: readonly string[]): ContractObject | undefined;
  /** The items of an array member (ArrayOfX holds repeating X). */
  list(name: string, supported?: readonly string[]): ContractObject[];
  /** The texts of an array member of simple items (ArrayOfstring). */
  strings(name: string): string[];
  /** The contract type a member declared xs:anyType (or a base type) carries in its xsi:type. */
  typeOf(name: string): string | undefined;
}

const DATETIME_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d{1,7})?$/;

function resolveActualType(n: XNode, declared: string, path: string): string {
  let given: { uri: string; local: string } | undefined;
  try {
    given = xsiTypeOf(n);
  } catch (err) {
    if (err instanceof XmlSyntaxError) throw invalidMessage(`${path}: ${err.message}`);
    throw err;
  }
  if (!given) {
    if (declared === 'x:anyType') throw invalidMessage(`${path} is declared xs:anyType: give it an i:type naming its contract type`);
    return declared;
  }
  const ref = TYPE_BY_URI_LOCAL.get(`${given.uri}|${given.local}`);
  if (!ref) {
    const sameIgnoringCase = [...TYPE_BY_URI_LOCAL].find(([key]) => key.toLowerCase() === `${given.uri}|${given.local}`.toLowerCase())?.[1];
    const hint = sameIgnoringCase
      ? `: the contract type is '${CONTRACT_NAMESPACES[sameIgnoringCase.split(':')[0] as NsAlias]}:${sameIgnoringCase.split(':')[1]}' — names are case-sensitive and DataContract generic names keep their arguments' case (lower-case "d" in dateTime)`
      : '';
    throw invalidMessage(`Element '${path}' contains data from a type that maps to the name '${given.uri}:${given.local}'. The deserializer has no knowledge of any type that maps to this name${hint}`);
  }
  const t = contractType(ref);
  if (ref !== declared && declared !== 'x:anyType' && !(t && 'ancestors' in t && t.ancestors.includes(declared))) {
    throw invalidMessage(`${path}: the xsi:type ${ref} does not derive from the declared type ${declared}`);
  }
  return ref;
}

function checkChildren(n: XNode, members: readonly ContractMember[], path: string, serviceUri: string, supported: readonly string[] | undefined): void {
  const uriOf = (alias: NsAlias) => (alias === 's' ? serviceUri : CONTRACT_NAMESPACES[alias]);
  let last = -1;
  for (const kid of n.kids) {
    const at = members.findIndex(([alias, name]) => name === kid.local && uriOf(alias) === kid.uri);
    if (at < 0) {
      const sameName = members.find(([, name]) => name === kid.local);
      throw invalidMessage(
        sameName ? `${path}.${kid.local} must be in namespace ${uriOf(sameName[0])} (got ${kid.uri || 'no namespace'})` : `${path} has no member {${kid.uri}}${kid.local}`,
      );
    }
    const repeats = members[at]![3] === '*';
    if (at < last || (at === last && !repeats)) {
      throw invalidMessage(`${path}.${kid.local} is out of order: members follow the contract order (${members.map(([, name]) => name).join(', ')})`);
    }
    last = at;
    const [, name, type] = members[at]!;
    if (isNilNode(kid)) continue;
    if (supported && !supported.includes(name)) throw invalidMessage(`${path}.${name} is not supported by this emulator`);
    if (isSimpleRef(type) && kid.kids.length > 0) throw invalidMessage(`${path}.${name} is a simple value (${type}) and cannot hold elements`);
  }
}

function typedValue(kid: XNode, what: string, type: string): string {
  const v = kid.text.trim();
  const fail = (expected: string) => invalidMessage(`${what} must be ${expected}, got "${v}"`);
  if (type === 'x:int' && !/^-?\d{1,10}$/.test(v)) throw fail('an xs:int');
  if (type === 'x:decimal' && !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v)) throw fail('an xs:decimal');
  if (type === 'x:boolean' && !['true', 'false', '1', '0'].includes(v)) throw fail('an xs:boolean');
  if (type === 'ser:guid' && !/^[\da-fA-F]{8}-[\da-fA-F]{4}-[\da-fA-F]{4}-[\da-fA-F]{4}-[\da-fA-F]{12}$/.test(v)) throw fail('a guid');
  const t = contractType(type);
  if (t && 'values' in t && !t.values.includes(v)) throw fail(`one of ${t.values.map((x) => `"${x}"`).join(', ')} (${type})`);
  return v;
}

function makeObject(n: XNode, declared: string, path: string, serviceUri: string, supported: readonly string[] | undefined, members?: readonly ContractMember[]): ContractObject {
  const actualType = members ? declared : resolveActualType(n, declared, path);
  const t = contractType(actualType);
  const list = members ?? (t && 'members' in t ? t.members : undefined);
  if (!list) throw invalidMessage(`${path} (${actualType}) is not supported by this emulator`);
  checkChildren(n, list, path, serviceUri, supported);
  // A parameter is named by its type (`Customer.Key`), a member by its path (`Customer.Addresses[0].Key`).
  const childPath = (name: string) => (members ? memberOf(name)[2].split(':')[1]! : `${path}.${name}`);
  const memberOf = (name: string) => {
    const m = list.find(([, mn]) => mn === name);
    if (!m) throw new Error(`${actualType} has no member ${name}`);
    return m;
  };
  const find = (name: string) => {
    memberOf(name);
    const kid = n.kids.find((k) => k.local === name);
    return kid && !isNilNode(kid) ? kid : undefined;
  };
  const arrayItems = (name: string) => {
    const kid = find(name);
    const arrayType = contractType(memberOf(name)[2]);
    const item = arrayType && 'members' in arrayType && arrayType.members.length === 1 && arrayType.members[0]![3] === '*' ? arrayType.members[0]! : undefined;
    if (!item) throw invalidMessage(`${path}.${name} (${memberOf(name)[2]}) is not supported by this emulator`);
    if (!kid) return { type: item[2], nodes: [] as XNode[] };
    checkChildren(kid, [item], `${path}.${name}`, serviceUri, undefined);
    return { type: item[2], nodes: kid.kids.filter((k) => !isNilNode(k)) };
  };
  const typeOf = (name: string) => {
    const kid = find(name);
    return kid && resolveActualType(kid, memberOf(name)[2], `${path}.${name}`);
  };
  const value = (name: string, type: string) => {
    const kid = find(name);
    return kid === undefined ? undefined : typedValue(kid, `${path}.${name}`, type);
  };
  return {
    path,
    has: (name) => find(name) !== undefined,
    text: (name) => find(name)?.text,
    int: (name) => {
      const v = value(name, 'x:int');
      return v === undefined ? undefined : Number(v);
    },
    decimal: (name) => {
      const v = value(name, 'x:decimal');
      return v === undefined ? undefined : Number(v);
    },
    bool: (name) => {
      const v = value(name, 'x:boolean');
      return v === undefined ? undefined : v === 'true' || v === '1';
    },
    dateTime(name) {
      const kid = find(name);
      if (!kid) return undefined;
      const v = kid.text.trim();
      const m = DATETIME_RE.exec(v);
      if (!m) {
        throw invalidMessage(
          /[Zz]$|[+-]\d{2}:\d{2}$/.test(v)
            ? `${path}.${name} "${v}" carries a time zone: GP dates are the SQL server's local dates (GP-DOMAIN §5); send the local date-time without a zone`
            : `${path}.${name} must be an xs:dateTime such as 2026-03-01T00:00:00, got "${v}"`,
        );
      }
      return `${m[1]}T${m[2]}${(m[3] ?? '.000').padEnd(4, '0').slice(0, 4)}`;
    },
    enumValue(name) {
      const kid = find(name);
      return kid === undefined ? undefined : typedValue(kid, `${path}.${name}`, typeOf(name)!);
    },
    typeOf,
    object(name, sub) {
      const kid = find(name);
      return kid && makeObject(kid, memberOf(name)[2], childPath(name), serviceUri, sub);
    },
    list(name, sub) {
      const items = arrayItems(name);
      return items.nodes.map((k, i) => makeObject(k, items.type, `${path}.${name}[${i}]`, serviceUri, sub));
    },
    strings(name) {
      const items = arrayItems(name);
      if (!isSimpleRef(items.type)) throw new Error(`${path}.${name} holds ${items.type} items, not simple values`);
      return items.nodes.map((k) => k.text);
    },
  };
}

/** The parameters of an operation element (service namespace, request order of the WSDL). */
export function readParameters(n: XNode, operation: string, contract: ContractOperation, serviceUri: string): ContractObject {
  return makeObject(n, `s:${operation}`, operation, serviceUri, undefined, contract.request);
}
