/**
 * SOAP 1.1 faults of the emulated GP Web Services endpoint, always with HTTP 500 (SOAP 1.1 §6.2). The fault codes
 * are the emulator's [U] convention (GP's are not public), in the service namespace: AccessDenied, CompanyNotFound,
 * TenantNotFound, BusinessObjectNotFound, ValidationFailed, PolicyRequired, InvalidMessage, eConnect; WCF's own
 * `ActionNotSupported` (addressing/none namespace) and `s:Client`/`s:Server` are [C]. Messages never echo secrets.
 */
import { GP_SERVICE_NS, SOAP11_ENV_NS } from '../../../src/connectors/dynamics-gp/soap/soap-contract.ts';
import { escapeXml } from '../../../src/connectors/dynamics-gp/soap/xml.ts';

export const WCF_ADDRESSING_NONE_NS = 'http://schemas.microsoft.com/ws/2005/05/addressing/none';

export class SoapFaultError extends Error {
  override readonly name = 'SoapFaultError';
  constructor(
    readonly code: string,
    message: string,
    readonly codeNs: string = GP_SERVICE_NS,
  ) {
    super(message);
  }
}

export const invalidMessage = (message: string) => new SoapFaultError('InvalidMessage', message);
export const validationFailed = (message: string) => new SoapFaultError('ValidationFailed', message);

export function renderFault(err: SoapFaultError): string {
  const code = err.codeNs === SOAP11_ENV_NS ? `s:${err.code}` : `a:${err.code}`;
  const decl = err.codeNs === SOAP11_ENV_NS ? '' : ` xmlns:a="${escapeXml(err.codeNs)}"`;
  return (
    `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="${SOAP11_ENV_NS}"><s:Body><s:Fault>` +
    `<faultcode${decl}>${code}</faultcode><faultstring xml:lang="en-US">${escapeXml(err.message)}</faultstring>` +
    `</s:Fault></s:Body></s:Envelope>`
  );
}
