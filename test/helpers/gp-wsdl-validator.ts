/**
 * A small schema checker driven by the WSDL fixture (test/fixtures/dynamics-gp): validates an operation element
 * the way the contract declares it — member names, namespaces (elementFormDefault qualified: a member is in its
 * declaring schema's namespace), member order (base type first), xsi:type where the declared type is abstract
 * or anyType, and text-only content for simple types. Independent of the connector's own contract module.
 */
import { readFileSync } from 'node:fs';
import { parseXml, xsiType, type XmlElement } from '../../service/src/connectors/dynamics-gp/soap/xml.ts';

const XS = 'http://www.w3.org/2001/XMLSchema';
const WSDL = 'http://schemas.xmlsoap.org/wsdl/';
const SOAP12 = 'http://schemas.xmlsoap.org/wsdl/soap12/';

interface QName {
  ns: string;
  local: string;
}
interface Member {
  name: string;
  ns: string;
  type: QName;
  /** maxOccurs="unbounded": the member may repeat (array items). */
  repeats?: boolean;
}
interface ComplexType {
  base?: QName;
  members: Member[];
}

function qname(scopeEl: XmlElement, value: string): QName {
  const i = value.indexOf(':');
  const prefix = i === -1 ? '' : value.slice(0, i);
  return { ns: scopeEl.scope.get(prefix) ?? '', local: i === -1 ? value : value.slice(i + 1) };
}

const key = (q: QName) => `{${q.ns}}${q.local}`;

export function loadContract(path: string) {
  const root = parseXml(readFileSync(path, 'utf8'));
  const types = new Map<string, ComplexType>();
  const simple = new Set<string>();
  const elements = new Map<string, ComplexType>();
  const kids = (e: XmlElement, ns: string, local: string) => e.children.filter((c) => c.ns === ns && c.local === local);

  function readComplex(ct: XmlElement, tns: string): ComplexType {
    const ext = kids(ct, XS, 'complexContent').flatMap((cc) => kids(cc, XS, 'extension'))[0];
    const seqHolder = ext ?? ct;
    const members = kids(seqHolder, XS, 'sequence')
      .flatMap((s) => kids(s, XS, 'element'))
      .map((m) => ({ name: m.attrs.get('name') ?? '', ns: tns, type: m.attrs.has('type') ? qname(m, m.attrs.get('type')!) : { ns: XS, local: 'anyType' }, repeats: m.attrs.get('maxOccurs') === 'unbounded' }));
    return { base: ext ? qname(ext, ext.attrs.get('base')!) : undefined, members };
  }

  const schemas = kids(root, WSDL, 'types').flatMap((t) => kids(t, XS, 'schema'));
  for (const s of schemas) {
    const tns = s.attrs.get('targetNamespace')!;
    for (const ct of kids(s, XS, 'complexType')) types.set(key({ ns: tns, local: ct.attrs.get('name')! }), readComplex(ct, tns));
    for (const st of kids(s, XS, 'simpleType')) simple.add(key({ ns: tns, local: st.attrs.get('name')! }));
    for (const el of kids(s, XS, 'element')) {
      const inline = kids(el, XS, 'complexType')[0];
      if (inline) elements.set(key({ ns: tns, local: el.attrs.get('name')! }), readComplex(inline, tns));
    }
  }
  const binding = kids(root, WSDL, 'binding')[0]!;
  const actions = new Map(kids(binding, WSDL, 'operation').map((o) => [o.attrs.get('name')!, kids(o, SOAP12, 'operation')[0]!.attrs.get('soapAction')!]));

  function allMembers(t: ComplexType): Member[] {
    const base = t.base ? types.get(key(t.base)) : undefined;
    return [...(base ? allMembers(base) : []), ...t.members];
  }

  function checkContent(e: XmlElement, t: ComplexType, path: string, problems: string[]): void {
    const members = allMembers(t);
    let last = -1;
    for (const c of e.children) {
      const at = members.findIndex((m) => m.name === c.local && m.ns === c.ns);
      if (at === -1) {
        problems.push(`${path}/{${c.ns}}${c.local}: not a member (members: ${members.map((m) => `{${m.ns}}${m.name}`).join(', ')})`);
        continue;
      }
      if (at < last || (at === last && !members[at]!.repeats)) problems.push(`${path}/${c.local}: out of contract order`);
      last = at;
      checkValue(c, members[at]!.type, `${path}/${c.local}`, problems);
    }
  }

  function checkValue(e: XmlElement, declared: QName, path: string, problems: string[]): void {
    if (e.attrs.get('{http://www.w3.org/2001/XMLSchema-instance}nil') === 'true') return;
    const given = xsiType(e);
    if (given && !types.has(key(given)) && !simple.has(key(given))) {
      problems.push(`${path}: i:type ${key(given)} is not a contract type`);
      return;
    }
    const actual = given ?? declared;
    if (actual.ns === XS && actual.local === 'anyType') {
      problems.push(`${path}: declared xs:anyType needs an i:type`);
      return;
    }
    const ct = types.get(key(actual));
    if (ct) {
      const declaredCt = types.get(key(declared));
      if (given && declaredCt && key(given) !== key(declared) && !allBases(ct).includes(key(declared))) problems.push(`${path}: ${key(given)} does not derive from ${key(declared)}`);
      checkContent(e, ct, path, problems);
    } else if (e.children.length > 0) problems.push(`${path}: simple type ${key(actual)} cannot hold elements`);
  }

  function allBases(t: ComplexType): string[] {
    return t.base ? [key(t.base), ...(types.get(key(t.base)) ? allBases(types.get(key(t.base))!) : [])] : [];
  }

  return {
    actions,
    /** Problems of an operation element (empty = valid). */
    validate(operation: XmlElement): string[] {
      const decl = elements.get(key(operation));
      if (!decl) return [`{${operation.ns}}${operation.local} is not an element of the contract`];
      const problems: string[] = [];
      checkContent(operation, decl, operation.local, problems);
      return problems;
    },
  };
}
