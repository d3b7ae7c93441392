/**
 * Cuts a test fixture out of the GP Web Services WSDL (FACTS §2.2): for the operations given, their wsdl:message,
 * portType and binding entries and every xs:element / xs:complexType / xs:simpleType reachable from their request
 * and response elements by `type=` and `base=` references, grouped under their original xs:schema elements. The
 * text of every entry is copied byte for byte; WS-Policy references are left out. (This is how the slices in
 * test/fixtures/dynamics-gp/ were made.)
 *
 *   npx tsx service/sandbox/dynamics-gp/soap/contract/extract-wsdl-slice.ts <wsdl> <out> <Operation>...
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface Span {
  start: number;
  end: number;
  tag: string;
  openTag: string;
}

const TAG_RE = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;

/** The direct children of the element that starts at `from` (its open tag), as text spans. */
function childSpans(text: string, from: number): { children: Span[]; end: number } {
  TAG_RE.lastIndex = from;
  const open = TAG_RE.exec(text)!;
  const children: Span[] = [];
  let depth = 0;
  let pos = TAG_RE.lastIndex;
  let current: Span | undefined;
  for (;;) {
    const lt = text.indexOf('<', pos);
    if (text.startsWith('<!--', lt)) {
      pos = text.indexOf('-->', lt) + 3;
      continue;
    }
    TAG_RE.lastIndex = lt;
    const m = TAG_RE.exec(text);
    if (!m) throw new Error(`unreadable tag at ${lt}`);
    pos = TAG_RE.lastIndex;
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      if (depth === 0) {
        if (name !== open[2]) throw new Error(`</${name}> closes <${open[2]}>`);
        return { children, end: pos };
      }
      depth -= 1;
      if (depth === 0 && current) {
        current.end = pos;
        children.push(current);
        current = undefined;
      }
      continue;
    }
    if (depth === 0) current = { start: lt, end: pos, tag: name!, openTag: m[0] };
    if (selfClosing) {
      if (depth === 0) {
        children.push(current!);
        current = undefined;
      }
    } else depth += 1;
  }
}

const attr = (openTag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(openTag)?.[1];

function namespacesIn(snippet: string): Map<string, string> {
  return new Map([...snippet.matchAll(/xmlns:([\w.-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

export function extractSlice(wsdl: string, operations: string[]): string {
  const rootOpen = /<wsdl:definitions[^>]*>/.exec(wsdl)!;
  const rootNs = namespacesIn(rootOpen[0]);
  const top = childSpans(wsdl, rootOpen.index).children;
  const typesSpan = top.find((s) => s.tag === 'wsdl:types')!;
  const schemas = childSpans(wsdl, typesSpan.start).children.map((s) => ({ span: s, tns: attr(s.openTag, 'targetNamespace')!, ns: namespacesIn(s.openTag), items: childSpans(wsdl, s.start).children }));
  const wanted = new Set<string>();
  const queue: Array<{ tns: string; name: string }> = [];
  const want = (tns: string, name: string) => {
    const k = `${tns}|${name}`;
    if (!wanted.has(k)) {
      wanted.add(k);
      queue.push({ tns, name });
    }
  };
  const serviceNs = attr(rootOpen[0], 'targetNamespace')!;
  for (const op of operations) {
    want(serviceNs, op);
    want(serviceNs, `${op}Response`);
  }
  while (queue.length > 0) {
    const { tns, name } = queue.shift()!;
    const schema = schemas.find((s) => s.tns === tns && s.items.some((i) => attr(i.openTag, 'name') === name));
    if (!schema) continue; // xs: built-ins
    for (const item of schema.items.filter((i) => attr(i.openTag, 'name') === name && i.tag !== 'xs:import')) {
      const body = wsdl.slice(item.start, item.end);
      for (const ref of body.matchAll(/\s(?:type|base)="([^"]+)"/g)) {
        const [prefix, local] = ref[1]!.includes(':') ? ref[1]!.split(':') : ['', ref[1]!];
        const uri = namespacesIn(body).get(prefix!) ?? schema.ns.get(prefix!) ?? rootNs.get(prefix!);
        if (uri) want(uri, local!);
      }
    }
  }
  const schemaText = schemas
    .map((s) => {
      const kept = s.items.filter((i) => i.tag === 'xs:import' || wanted.has(`${s.tns}|${attr(i.openTag, 'name')}`));
      if (!kept.some((i) => i.tag !== 'xs:import')) return '';
      return `${s.span.openTag}${kept.map((i) => wsdl.slice(i.start, i.end)).join('')}</xs:schema>`;
    })
    .join('');
  const elementOf = (message: Span) => /element="tns:([^"]+)"/.exec(wsdl.slice(message.start, message.end))?.[1];
  const wantedElements = new Set(operations.flatMap((op) => [op, `${op}Response`]));
  const messages = top.filter((s) => s.tag === 'wsdl:message' && wantedElements.has(elementOf(s) ?? ''));
  const operationsOf = (s: Span) => childSpans(wsdl, s.start).children.filter((c) => c.tag === 'wsdl:operation' && operations.includes(attr(c.openTag, 'name')!));
  const withoutPolicy = (t: string) => t.replace(/<wsp:PolicyReference[^>]*\/>/g, '');
  const portTypes = top.filter((s) => s.tag === 'wsdl:portType').map((s) => `${s.openTag}${operationsOf(s).map((o) => wsdl.slice(o.start, o.end)).join('')}</wsdl:portType>`);
  const bindings = top
    .filter((s) => s.tag === 'wsdl:binding' && operationsOf(s).length > 0)
    .map((s) => {
      const kids = childSpans(wsdl, s.start).children;
      const head = kids.filter((k) => k.tag !== 'wsdl:operation' && !k.tag.startsWith('wsp:')).map((k) => wsdl.slice(k.start, k.end));
      return withoutPolicy(`${s.openTag}${head.join('')}${operationsOf(s).map((o) => wsdl.slice(o.start, o.end)).join('')}</wsdl:binding>`);
    });
  const note = `<!-- Extract of schemas.microsoft.com.dynamics.gp.2010.01.wsdl (see README.md) for ${operations.join(', ')}: messages, portType and binding entries, and the closure of the schema types they reference. Element and type text is byte-identical to the source; WS-Policy sections are omitted. -->`;
  return `<?xml version="1.0" encoding="utf-8"?>${note}${rootOpen[0]}<wsdl:types>${schemaText}</wsdl:types>${messages.map((m) => wsdl.slice(m.start, m.end)).join('')}${portTypes.join('')}${bindings.join('')}</wsdl:definitions>`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const [source, out, ...ops] = process.argv.slice(2);
  if (!source || !out || ops.length === 0) {
    process.stderr.write('usage: extract-wsdl-slice.ts <wsdl> <out> <Operation>...\n');
    process.exit(2);
  }
  writeFileSync(out, extractSlice(readFileSync(source, 'utf8'), ops));
  process.stdout.write(`wrote ${out}\n`);
}
