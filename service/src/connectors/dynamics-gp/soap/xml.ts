/**
 * Just enough XML for SOAP 1.1: a builder that escapes every value it writes (nothing unescaped ever reaches an
 * envelope, seed 001), and a namespace-aware reader on top of fast-xml-parser that resolves prefixes, so both the
 * connector and the emulator check elements by (namespace, local name) and xsi:type by QName — never by prefix.
 * DTDs are refused outright (no entity expansion from a peer).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** Already-built markup (the only thing the builder does not escape). */
export class Markup {
  constructor(readonly xml: string) {}
  toString(): string {
    return this.xml;
  }
}

export type XmlContent = string | number | boolean | null | undefined | Markup | XmlContent[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(value: string): string {
  // Control characters other than tab, CR and LF cannot appear in XML 1.0 at all: refuse rather than send junk.
  for (const ch of value) {
    const c = ch.charCodeAt(0);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff) throw new TypeError('value contains characters XML 1.0 cannot carry');
  }
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function render(content: XmlContent): string {
  if (content === null || content === undefined) return '';
  if (content instanceof Markup) return content.xml;
  if (Array.isArray(content)) return content.map(render).join('');
  return escapeXml(String(content));
}

/**
 * `<name attrs>content</name>`; `undefined` content omits the element entirely (DataContract: EmitDefaultValue
 * false), `null` writes `i:nil="true"` (the `i` prefix must be declared by an ancestor).
 */
export function el(name: string, content: XmlContent, attrs: Record<string, string> = {}): Markup {
  if (content === undefined) return new Markup('');
  const all = content === null ? { ...attrs, 'i:nil': 'true' } : attrs;
  const a = Object.entries(all)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  const inner = render(content);
  return new Markup(inner === '' ? `<${name}${a}/>` : `<${name}${a}>${inner}</${name}>`);
}

export interface XmlElement {
  ns: string;
  local: string;
  /** Attributes by `{ns}local` (or `local` without a namespace); xmlns declarations are not included. */
  attrs: Map<string, string>;
  children: XmlElement[];
  /** Concatenated text directly inside the element. */
  text: string;
  /** Prefix → namespace in scope ('' = default namespace). */
  scope: Map<string, string>;
}

export class XmlError extends Error {
  override readonly name = 'XmlError';
}

const parser = new XMLParser({
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

type RawNode = Record<string, unknown>;

function splitQName(q: string): [string, string] {
  const i = q.indexOf(':');
  return i === -1 ? ['', q] : [q.slice(0, i), q.slice(i + 1)];
}

function build(tag: string, raw: RawNode, parentScope: Map<string, string>): XmlElement {
  const rawAttrs = (raw[':@'] ?? {}) as Record<string, string>;
  const scope = new Map(parentScope);
  for (const [k, v] of Object.entries(rawAttrs)) {
    if (k === 'xmlns') scope.set('', v);
    else if (k.startsWith('xmlns:')) scope.set(k.slice(6), v);
  }
  const [prefix, local] = splitQName(tag);
  const ns = scope.get(prefix);
  if (ns === undefined && prefix !== '') throw new XmlError(`element <${tag}> uses the undeclared prefix "${prefix}"`);
  const attrs = new Map<string, string>();
  for (const [k, v] of Object.entries(rawAttrs)) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
    const [ap, al] = splitQName(k);
    if (ap === '') attrs.set(al, v);
    else {
      const ans = scope.get(ap);
      if (ans === undefined) throw new XmlError(`attribute ${k} uses the undeclared prefix "${ap}"`);
      attrs.set(`{${ans}}${al}`, v);
    }
  }
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (raw[tag] ?? []) as RawNode[]) {
    if ('#text' in child) text += String(child['#text']);
    else {
      const childTag = Object.keys(child).find((k) => k !== ':@');
      if (childTag && !childTag.startsWith('#') && !childTag.startsWith('?')) children.push(build(childTag, child, scope));
    }
  }
  return { ns: ns ?? '', local, attrs, children, text, scope };
}

/** Parses a document and returns its root element. Throws XmlError on anything malformed or carrying a DTD. */
export function parseXml(xml: string): XmlElement {
  if (/<!DOCTYPE/i.test(xml)) throw new XmlError('DTDs are not allowed in SOAP messages');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new XmlError(`malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const nodes = parser.parse(xml) as RawNode[];
  const rootNode = nodes.find((n) => Object.keys(n).some((k) => k !== ':@' && !k.startsWith('#') && !k.startsWith('?')));
  if (!rootNode) throw new XmlError('the document has no root element');
  const tag = Object.keys(rootNode).find((k) => k !== ':@')!;
  return build(tag, rootNode, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]));
}

export function children(parent: XmlElement | undefined, ns: string, local: string): XmlElement[] {
  return parent ? parent.children.filter((c) => c.ns === ns && c.local === local) : [];
}

export function child(parent: XmlElement | undefined, ns: string, local: string): XmlElement | undefined {
  return parent?.children.find((c) => c.ns === ns && c.local === local);
}

export function isNil(e: XmlElement | undefined): boolean {
  return e?.attrs.get(`{${XSI_NS}}nil`) === 'true';
}

/** Text of a child element; undefined when absent or nil. */
export function childText(parent: XmlElement | undefined, ns: string, local: string): string | undefined {
  const c = child(parent, ns, local);
  return c === undefined || isNil(c) ? undefined : c.text;
}

/** The element's xsi:type resolved to {ns, local}, or undefined. */
export function xsiType(e: XmlElement): { ns: string; local: string } | undefined {
  const v = e.attrs.get(`{${XSI_NS}}type`);
  if (v === undefined) return undefined;
  const [prefix, local] = splitQName(v.trim());
  const ns = e.scope.get(prefix);
  if (ns === undefined) throw new XmlError(`xsi:type "${v}" uses an undeclared prefix`);
  return { ns, local };
}
