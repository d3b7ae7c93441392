/**
 * SOAP 1.1 envelopes of the BasicHttpBinding endpoint (FACTS §2.2, §2.3 #7): a request is an `Envelope` in the
 * SOAP 1.1 namespace with an optional Header and a Body holding exactly one operation element; a SOAP 1.2 envelope
 * is a VersionMismatch (SOAP 1.1 §4.4.1), a header block marked mustUnderstand is a MustUnderstand fault (the
 * endpoint understands none), anything not well-formed is a Client fault. Responses put the operation's
 * `<Operation>Response` in the service namespace, declaring the DataContract prefixes the writer uses.
 */
import { CONTRACT_NAMESPACES } from './contract/contract-spec.ts';
import { BODY_PREFIXES } from './contract-writer.ts';
import { envelopeFault, SOAP11_ENVELOPE_URI } from './soap-fault.ts';
import { readXml, writeElement, XmlSyntaxError, XSI_URI, type XNode } from './xml-node.ts';

const SOAP12_ENVELOPE_URI = 'http://www.w3.org/2003/05/soap-envelope';

export const SOAP11_CONTENT_TYPE = 'text/xml; charset=utf-8';

/** The operation element of a request's Body. */
export function readRequestEnvelope(text: string): XNode {
  let root: XNode;
  try {
    root = readXml(text);
  } catch (err) {
    if (err instanceof XmlSyntaxError) throw envelopeFault('Client', err.message);
    throw err;
  }
  if (root.local === 'Envelope' && root.uri === SOAP12_ENVELOPE_URI) {
    throw envelopeFault('VersionMismatch', `a SOAP 1.2 envelope was sent to a SOAP 1.1 (BasicHttpBinding) endpoint; use ${SOAP11_ENVELOPE_URI}`);
  }
  if (root.local !== 'Envelope' || root.uri !== SOAP11_ENVELOPE_URI) {
    throw envelopeFault('VersionMismatch', `the root element is {${root.uri}}${root.local}, not a SOAP 1.1 Envelope`);
  }
  const parts = root.kids.filter((k) => k.uri === SOAP11_ENVELOPE_URI);
  const header = parts.find((k) => k.local === 'Header');
  for (const block of header?.kids ?? []) {
    const must = block.attr(SOAP11_ENVELOPE_URI, 'mustUnderstand');
    if (must === '1' || must === 'true') throw envelopeFault('MustUnderstand', `the header {${block.uri}}${block.local} is marked mustUnderstand and this endpoint does not understand it`);
  }
  const body = parts.find((k) => k.local === 'Body');
  if (!body) throw envelopeFault('Client', 'the Envelope has no Body');
  if (body.kids.length !== 1) throw envelopeFault('Client', `the Body must hold exactly one operation element, it holds ${body.kids.length}`);
  const op = body.kids[0]!;
  if (op.uri === SOAP11_ENVELOPE_URI && op.local === 'Fault') throw envelopeFault('Client', 'a request cannot be a Fault');
  return op;
}

export function writeResponseEnvelope(operation: string, serviceUri: string, content: string): string {
  const declarations: Record<string, string> = { xmlns: serviceUri, 'xmlns:i': XSI_URI };
  for (const [alias, prefix] of Object.entries(BODY_PREFIXES)) declarations[`xmlns:${prefix}`] = CONTRACT_NAMESPACES[alias as keyof typeof BODY_PREFIXES];
  const response = writeElement(`${operation}Response`, content, declarations);
  return `<?xml version="1.0" encoding="utf-8"?>${writeElement('s:Envelope', writeElement('s:Body', response), { 'xmlns:s': SOAP11_ENVELOPE_URI })}`;
}
