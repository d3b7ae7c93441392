/**
 * SOAP 1.1 envelopes for the BasicHttpBinding endpoint (FACTS §2.2): `text/xml; charset=utf-8`, the action in
 * the quoted `SOAPAction` header, a Body holding one operation element in the service namespace, faults as
 * `s:Fault{faultcode, faultstring, detail}` with HTTP 500 (SOAP 1.1 §6.2). Every value is XML-escaped by the
 * builder (xml.ts); nothing from configuration reaches an envelope unvalidated (config.ts, company-name.ts).
 */
import { BODY_NAMESPACES, SOAP11_ENV_NS } from './soap-contract.ts';
import { el, child, type Markup, type XmlElement, parseXml, XmlError } from './xml.ts';

export const SOAP11_CONTENT_TYPE = 'text/xml; charset=utf-8';

export function envelope(body: Markup): string {
  return `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="${SOAP11_ENV_NS}"><s:Body>${body.xml}</s:Body></s:Envelope>`;
}

/** `<Operation xmlns=…2010/01 xmlns:g=…GP xmlns:c=…Common xmlns:i=…XSI>…</Operation>`. */
export function operationBody(operation: string, content: Array<Markup | undefined>, serviceNs?: string): Markup {
  const ns = serviceNs ? { ...BODY_NAMESPACES, xmlns: serviceNs } : BODY_NAMESPACES;
  return el(operation, content.filter((m): m is Markup => m !== undefined), { ...ns });
}

/**
 * `context`: OrganizationKey is declared as the base `OrganizationKey`, so the CompanyKey goes with
 * `i:type="c:CompanyKey"` and its integer Id [V FACTS §2.3 #1]; TenantName is optional [V FACTS §2.2].
 * Members in contract order: CultureName, CurrencyType, OrganizationKey, RoleKey, TenantName, WorkOnBehalfOf.
 */
export function contextXml(companyKey: number, tenant: string | undefined): Markup {
  if (!Number.isInteger(companyKey)) throw new TypeError('companyKey must be an integer');
  return el('context', [el('c:OrganizationKey', el('c:Id', String(companyKey)), { 'i:type': 'c:CompanyKey' }), el('c:TenantName', tenant)]);
}

/** `policy` as GetPolicyByOperation returned it: its key (and names) identify it to the service. */
export function policyXml(policy: { id: string; name?: string; root?: string }): Markup {
  return el('policy', [el('c:Key', el('c:Id', policy.id)), el('c:Name', policy.name), el('c:RootBusinessObjectName', policy.root)]);
}

export interface SoapFault {
  code: { ns: string; local: string };
  message: string;
  detail?: XmlElement;
}

export type ReadEnvelope = { kind: 'body'; element: XmlElement } | { kind: 'fault'; fault: SoapFault };

/** Reads a SOAP 1.1 envelope: its single body element, or its Fault. Throws XmlError when it is not one. */
export function readEnvelope(xml: string): ReadEnvelope {
  const root = parseXml(xml);
  if (root.ns !== SOAP11_ENV_NS || root.local !== 'Envelope') {
    throw new XmlError(`not a SOAP 1.1 envelope (root {${root.ns}}${root.local}; SOAP 1.1 uses ${SOAP11_ENV_NS})`);
  }
  const body = child(root, SOAP11_ENV_NS, 'Body');
  if (!body) throw new XmlError('the envelope has no Body');
  if (body.children.length !== 1) throw new XmlError(`the Body must hold exactly one element, it holds ${body.children.length}`);
  const first = body.children[0]!;
  if (first.ns === SOAP11_ENV_NS && first.local === 'Fault') {
    const codeText = first.children.find((c) => c.local === 'faultcode')?.text.trim() ?? '';
    const i = codeText.indexOf(':');
    const prefix = i === -1 ? '' : codeText.slice(0, i);
    const fault: SoapFault = {
      code: { ns: first.scope.get(prefix) ?? '', local: i === -1 ? codeText : codeText.slice(i + 1) },
      message: first.children.find((c) => c.local === 'faultstring')?.text ?? '',
      detail: first.children.find((c) => c.local === 'detail'),
    };
    return { kind: 'fault', fault };
  }
  return { kind: 'body', element: first };
}

