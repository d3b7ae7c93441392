/**
 * SOAP 1.1 faults of the emulated GP Web Services endpoint, always with HTTP 500 (SOAP 1.1 §6.2). The fault codes
 * are the emulator's [U] convention (GP's are not public), in the service namespace: AccessDenied, CompanyNotFound,
 * TenantNotFound, BusinessObjectNotFound, ValidationFailed, PolicyRequired, InvalidMessage, eConnect; WCF's own
 * `ActionNotSupported` (addressing/none namespace) and `s:Client`/`s:Server`/`s:VersionMismatch` are [C].
 * A business-rule refusal may carry the contract's `ValidationResult{Errors[ValidationError]}` (Common namespace,
 * WSDL 2010/01 [V type]) as its detail [U: where GP puts it]. Messages never echo secrets.
 */
import { CONTRACT_NAMESPACES } from './contract/contract-spec.ts';
import { escapeText, writeElement } from './xml-node.ts';

export const SOAP11_ENVELOPE_URI = 'http://schemas.xmlsoap.org/soap/envelope/';
export const WCF_ADDRESSING_NONE_URI = 'http://schemas.microsoft.com/ws/2005/05/addressing/none';

export class SoapFaultError extends Error {
  override readonly name = 'SoapFaultError';
  constructor(
    readonly code: string,
    message: string,
    /** Namespace of the fault code; the service namespace when undefined. */
    readonly codeUri?: string,
    /** Contract validation errors for the fault detail. */
    readonly validationErrors?: Array<{ message: string; objectType?: string; properties?: string[] }>,
  ) {
    super(message);
  }
}

export const invalidMessage = (message: string) => new SoapFaultError('InvalidMessage', message);
export const validationFailed = (message: string) => new SoapFaultError('ValidationFailed', message);
export const envelopeFault = (code: 'Client' | 'Server' | 'VersionMismatch' | 'MustUnderstand', message: string) => new SoapFaultError(code, message, SOAP11_ENVELOPE_URI);

function renderDetail(err: SoapFaultError): string {
  if (!err.validationErrors?.length) return '';
  const c = CONTRACT_NAMESPACES.c;
  const errors = err.validationErrors
    .map((e) =>
      writeElement(
        'c:ValidationError',
        [
          writeElement('c:Message', escapeText(e.message)),
          e.objectType ? writeElement('c:ObjectType', escapeText(e.objectType)) : '',
          e.properties ? writeElement('c:PropertyNames', e.properties.map((p) => writeElement('a:string', escapeText(p))).join('')) : '',
        ].join(''),
      ),
    )
    .join('');
  return writeElement('detail', writeElement('c:ValidationResult', writeElement('c:Errors', errors), { 'xmlns:c': c, 'xmlns:a': CONTRACT_NAMESPACES.a }));
}

export function renderFault(err: SoapFaultError, serviceUri: string): string {
  const onEnvelope = err.codeUri === SOAP11_ENVELOPE_URI;
  const code = onEnvelope ? `s:${err.code}` : `a:${err.code}`;
  const codeAttrs: Record<string, string> = onEnvelope ? {} : { 'xmlns:a': err.codeUri ?? serviceUri };
  const fault = [writeElement('faultcode', code, codeAttrs), writeElement('faultstring', escapeText(err.message), { 'xml:lang': 'en-US' }), renderDetail(err)].join('');
  return `<?xml version="1.0" encoding="utf-8"?>${writeElement('s:Envelope', writeElement('s:Body', writeElement('s:Fault', fault)), { 'xmlns:s': SOAP11_ENVELOPE_URI })}`;
}
