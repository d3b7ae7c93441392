/**
 * Reads the types and operations of a GP Web Services WSDL (the 2010/01 contract, FACTS §2.2 [V]): complex types
 * with their base and member sequence (name, declaring namespace, type, maxOccurs unbounded), enumerations, the
 * operation wrapper elements and the binding's SOAP actions. Used by `generate-contract.ts` to build the table
 * the emulator runs on, and by the emulator's tests to prove that table still equals the WSDL fixtures.
 * DataContract rules it relies on: elementFormDefault qualified, so a member is in the namespace of the schema
 * that declares it; a derived type's sequence follows its base's.
 */
import { readXml, type XNode } from '../xml-node.ts';

const XS = 'http://www.w3.org/2001/XMLSchema';
const WSDL = 'http://schemas.xmlsoap.org/wsdl/';
const SOAP_BINDINGS = ['http://schemas.xmlsoap.org/wsdl/soap12/', 'http://schemas.xmlsoap.org/wsdl/soap/'];

export interface QName {
  uri: string;
  local: string;
}

export interface SchemaMember {
  name: string;
  /** Namespace of the declaring schema (= the element's namespace). */
  uri: string;
  type: QName;
  repeats: boolean;
}

export type SchemaType =
  | { kind: 'complex'; uri: string; name: string; base?: QName; own: SchemaMember[] }
  | { kind: 'simple'; uri: string; name: string; values: string[] };

export interface WsdlSchema {
  types: Map<string, SchemaType>;
  /** Operation wrapper elements (`GetSalesInvoiceByKey`, `…Response`) by local name: their parameters. */
  elements: Map<string, SchemaMember[]>;
  /** Operation → SOAP action of the binding. */
  actions: Map<string, string>;
}

export const qkey = (q: QName): string => `{${q.uri}}${q.local}`;

const kidsOf = (n: XNode, local: string, uri = XS) => n.kids.filter((k) => k.uri === uri && k.local === local);

function resolve(at: XNode, qname: string): QName {
  const colon = qname.indexOf(':');
  const prefix = colon < 0 ? '' : qname.slice(0, colon);
  const uri = at.namespaceOf(prefix);
  if (uri === undefined) throw new Error(`the WSDL uses the unbound prefix "${prefix}" in ${qname}`);
  return { uri, local: colon < 0 ? qname : qname.slice(colon + 1) };
}

function readSequence(holder: XNode, uri: string): SchemaMember[] {
  return kidsOf(holder, 'sequence')
    .flatMap((s) => kidsOf(s, 'element'))
    .map((e) => ({
      name: e.attr('', 'name') ?? '',
      uri,
      type: e.attr('', 'type') ? resolve(e, e.attr('', 'type')!) : { uri: XS, local: 'anyType' },
      repeats: e.attr('', 'maxOccurs') === 'unbounded',
    }));
}

function readComplex(ct: XNode, uri: string, name: string): SchemaType {
  const extension = kidsOf(ct, 'complexContent').flatMap((c) => kidsOf(c, 'extension'))[0];
  if (extension) return { kind: 'complex', uri, name, base: resolve(extension, extension.attr('', 'base')!), own: readSequence(extension, uri) };
  return { kind: 'complex', uri, name, own: readSequence(ct, uri) };
}

export function readWsdlSchema(text: string): WsdlSchema {
  const root = readXml(text);
  const types = new Map<string, SchemaType>();
  const elements = new Map<string, SchemaMember[]>();
  for (const schema of kidsOf(root, 'types', WSDL).flatMap((t) => kidsOf(t, 'schema'))) {
    const uri = schema.attr('', 'targetNamespace') ?? '';
    for (const ct of kidsOf(schema, 'complexType')) {
      const name = ct.attr('', 'name')!;
      types.set(qkey({ uri, local: name }), readComplex(ct, uri, name));
    }
    for (const st of kidsOf(schema, 'simpleType')) {
      const name = st.attr('', 'name')!;
      const values = kidsOf(st, 'restriction').flatMap((r) => kidsOf(r, 'enumeration')).map((e) => e.attr('', 'value') ?? '');
      types.set(qkey({ uri, local: name }), { kind: 'simple', uri, name, values });
    }
    for (const el of kidsOf(schema, 'element')) {
      const inline = kidsOf(el, 'complexType')[0];
      if (inline) elements.set(el.attr('', 'name')!, readSequence(inline, uri));
    }
  }
  const actions = new Map<string, string>();
  for (const binding of kidsOf(root, 'binding', WSDL)) {
    for (const op of kidsOf(binding, 'operation', WSDL)) {
      const soapOp = op.kids.find((k) => SOAP_BINDINGS.includes(k.uri) && k.local === 'operation');
      const action = soapOp?.attr('', 'soapAction');
      if (action) actions.set(op.attr('', 'name')!, action);
    }
  }
  return { types, elements, actions };
}

/** Every member of a complex type, its bases' first (DataContract order). */
export function flattenMembers(schema: WsdlSchema, type: QName): SchemaMember[] {
  const t = schema.types.get(qkey(type));
  if (!t || t.kind !== 'complex') return [];
  return [...(t.base ? flattenMembers(schema, t.base) : []), ...t.own];
}

/** The chain of bases of a complex type, nearest first. */
export function ancestorsOf(schema: WsdlSchema, type: QName): QName[] {
  const t = schema.types.get(qkey(type));
  if (!t || t.kind !== 'complex' || !t.base) return [];
  return [t.base, ...ancestorsOf(schema, t.base)];
}
