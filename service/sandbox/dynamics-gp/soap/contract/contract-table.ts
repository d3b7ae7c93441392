/**
 * The shape of the contract table the emulator runs on (`gp-contract.generated.ts`) and how it is derived from a
 * WSDL (`deriveContract`): the generator writes it out, the tests re-derive it from the WSDL fixtures and compare.
 * A type reference is `<alias>:<Name>` (aliases in contract-spec.ts); a member is
 * `[namespace alias, name, type reference, '*' when it repeats (array item)]`.
 */
import { CONTRACT_NAMESPACES, CONTRACT_TYPE_NAMES, SERVED_OPERATIONS, type NsAlias } from './contract-spec.ts';
import { ancestorsOf, flattenMembers, qkey, type QName, type WsdlSchema } from './wsdl-schema.ts';

export type ContractMember = readonly [ns: NsAlias, name: string, type: string, repeats?: '*'];

export type ContractType =
  | { readonly members: readonly ContractMember[]; readonly ancestors: readonly string[] }
  | { readonly values: readonly string[] };

export interface ContractOperation {
  readonly action: string;
  readonly request: readonly ContractMember[];
  readonly response: readonly ContractMember[];
}

export interface ContractTable {
  types: Record<string, ContractType>;
  operations: Record<string, ContractOperation>;
}

const ALIAS_OF = new Map<string, NsAlias>(Object.entries(CONTRACT_NAMESPACES).map(([alias, uri]) => [uri, alias as NsAlias]));

function aliasOf(uri: string): NsAlias {
  const alias = ALIAS_OF.get(uri);
  if (!alias) throw new Error(`namespace ${uri} has no alias in contract-spec.ts`);
  return alias;
}

export const typeRef = (q: QName): string => `${aliasOf(q.uri)}:${q.local}`;

export function parseTypeRef(ref: string): QName {
  const [alias, local] = ref.split(':') as [NsAlias, string];
  return { uri: CONTRACT_NAMESPACES[alias], local };
}

const member = (m: { uri: string; name: string; type: QName; repeats: boolean }): ContractMember =>
  m.repeats ? [aliasOf(m.uri), m.name, typeRef(m.type), '*'] : [aliasOf(m.uri), m.name, typeRef(m.type)];

/** The table for the names in contract-spec.ts, plus every enumeration their members use. */
export function deriveContract(schema: WsdlSchema, typeNames: readonly string[] = CONTRACT_TYPE_NAMES, operations: readonly string[] = SERVED_OPERATIONS): ContractTable {
  const types: Record<string, ContractType> = {};
  const wanted = [...typeNames];
  for (let i = 0; i < wanted.length; i += 1) {
    const ref = wanted[i]!;
    const q = parseTypeRef(ref);
    const t = schema.types.get(qkey(q));
    if (!t) throw new Error(`the WSDL has no type ${ref}`);
    if (t.kind === 'simple') {
      types[ref] = { values: t.values };
      continue;
    }
    const members = flattenMembers(schema, q).map(member);
    types[ref] = { members, ancestors: ancestorsOf(schema, q).map(typeRef) };
    for (const [, , typeName] of members) {
      const mt = schema.types.get(qkey(parseTypeRef(typeName)));
      if (mt?.kind === 'simple' && mt.values.length > 0 && !wanted.includes(typeName)) wanted.push(typeName);
    }
  }
  const ops: Record<string, ContractOperation> = {};
  for (const op of operations) {
    const action = schema.actions.get(op);
    const request = schema.elements.get(op);
    const response = schema.elements.get(`${op}Response`);
    if (!action || !request || !response) throw new Error(`the WSDL has no operation ${op} (action, request and response elements)`);
    ops[op] = { action, request: request.map(member), response: response.map(member) };
  }
  return { types, operations: ops };
}
