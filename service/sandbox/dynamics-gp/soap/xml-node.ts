/**
 * The emulator's own XML: a namespace-resolving reader on fast-xml-parser (ordered mode, so member order survives
 * for the DataContract checks) and an escaping writer. Names are compared as (namespace URI, local name), never by
 * prefix — a client may pick any prefixes (XML Namespaces 1.0). A document type declaration is refused before
 * parsing: no entity expansion from a peer.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const XSI_URI = 'http://www.w3.org/2001/XMLSchema-instance';
const XML_URI = 'http://www.w3.org/XML/1998/namespace';

export interface XNode {
  readonly uri: string;
  readonly local: string;
  readonly kids: readonly XNode[];
  /** Character data directly inside the element (not its descendants'). */
  readonly text: string;
  /** Attribute value by namespace URI ('' for unqualified) and local name. */
  attr(uri: string, local: string): string | undefined;
  /** The namespace a prefix stands for at this element ('' = the default namespace). */
  namespaceOf(prefix: string): string | undefined;
}

export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
}

const orderedParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: false,
});

type Ordered = Record<string, unknown>;

const tagOf = (raw: Ordered) => Object.keys(raw).find((k) => k !== ':@');

function splitName(qname: string): { prefix: string; local: string } {
  const colon = qname.indexOf(':');
  return colon < 0 ? { prefix: '', local: qname } : { prefix: qname.slice(0, colon), local: qname.slice(colon + 1) };
}

function toNode(tag: string, raw: Ordered, inherited: ReadonlyMap<string, string>): XNode {
  const rawAttrs = (raw[':@'] ?? {}) as Record<string, string>;
  const scope = new Map(inherited);
  for (const [name, value] of Object.entries(rawAttrs)) {
    if (name === 'xmlns') scope.set('', value);
    else if (name.startsWith('xmlns:')) scope.set(name.slice(6), value);
  }
  const { prefix, local } = splitName(tag);
  const uri = scope.get(prefix);
  if (uri === undefined) throw new XmlSyntaxError(`<${tag}> uses the prefix "${prefix}", which no xmlns declaration binds`);
  const attributes = new Map<string, string>();
  for (const [name, value] of Object.entries(rawAttrs)) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    const a = splitName(name);
    const aUri = a.prefix === '' ? '' : scope.get(a.prefix);
    if (aUri === undefined) throw new XmlSyntaxError(`attribute ${name} on <${tag}> uses an unbound prefix`);
    attributes.set(`${aUri}|${a.local}`, value);
  }
  const kids: XNode[] = [];
  let text = '';
  for (const item of (raw[tag] ?? []) as Ordered[]) {
    if ('#text' in item) {
      text += String(item['#text']);
      continue;
    }
    const childTag = tagOf(item);
    if (childTag && !childTag.startsWith('#') && !childTag.startsWith('?')) kids.push(toNode(childTag, item, scope));
  }
  return {
    uri,
    local,
    kids,
    text,
    attr: (aUri, aLocal) => attributes.get(`${aUri}|${aLocal}`),
    namespaceOf: (p) => scope.get(p),
  };
}

/** The root element of a document; XmlSyntaxError when the text is not well-formed XML or carries a DTD. */
export function readXml(text: string): XNode {
  if (/<!DOCTYPE/i.test(text)) throw new XmlSyntaxError('a document type declaration is not allowed in a SOAP message');
  const check = XMLValidator.validate(text);
  if (check !== true) throw new XmlSyntaxError(`the message is not well-formed XML: ${check.err.msg} (line ${check.err.line}, column ${check.err.col})`);
  const items = orderedParser.parse(text) as Ordered[];
  const roots = items.filter((i) => {
    const t = tagOf(i);
    return t !== undefined && !t.startsWith('#') && !t.startsWith('?');
  });
  if (roots.length !== 1) throw new XmlSyntaxError(`a document has exactly one root element, this one has ${roots.length}`);
  return toNode(tagOf(roots[0]!)!, roots[0]!, new Map([['xml', XML_URI]]));
}

export const isNilNode = (n: XNode | undefined): boolean => n?.attr(XSI_URI, 'nil') === 'true';

/** The xsi:type of an element resolved to a namespace and local name. */
export function xsiTypeOf(n: XNode): { uri: string; local: string } | undefined {
  const raw = n.attr(XSI_URI, 'type');
  if (raw === undefined) return undefined;
  const { prefix, local } = splitName(raw.trim());
  const uri = n.namespaceOf(prefix);
  if (uri === undefined) throw new XmlSyntaxError(`xsi:type "${raw}" uses a prefix no xmlns declaration binds`);
  return { uri, local };
}

const ESCAPED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escapes character data and attribute values; characters XML 1.0 cannot carry are refused. */
export function escapeText(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(value)) throw new TypeError('text holds characters XML 1.0 cannot carry');
  return value.replace(/[&<>"]/g, (c) => ESCAPED[c]!);
}

/** `<qname attrs>inner</qname>`; `inner` is markup the caller built (already escaped). */
export function writeElement(qname: string, inner: string, attrs: Record<string, string> = {}): string {
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeText(v)}"`)
    .join('');
  return inner === '' ? `<${qname}${a}/>` : `<${qname}${a}>${inner}</${qname}>`;
}
