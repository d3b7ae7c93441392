/**
 * `GET <endpoint>?wsdl`: WCF publishes the contract at `?wsdl` [V]. The emulator's is a summary, not the full
 * 367-operation contract: one portType per interface with the operations this version offers, their exact
 * action URIs, and the product version in `wsdl:documentation` (the emulator's [U] way of telling the version).
 */
import { GP_SOAP_OPERATIONS, soapAction, type GpSoapOperation } from '../../../src/connectors/dynamics-gp/soap/soap-contract.ts';
import { escapeXml } from '../../../src/connectors/dynamics-gp/soap/xml.ts';

export function renderWsdl(opts: { serviceNs: string; operations: GpSoapOperation[]; productVersion: string; location: string }): string {
  const byInterface = new Map<string, GpSoapOperation[]>();
  for (const op of opts.operations) byInterface.set(GP_SOAP_OPERATIONS[op], [...(byInterface.get(GP_SOAP_OPERATIONS[op]) ?? []), op]);
  const ns = escapeXml(opts.serviceNs);
  const portTypes = [...byInterface]
    .map(
      ([iface, ops]) =>
        `<wsdl:portType name="${iface}">${ops
          .map((op) => `<wsdl:operation name="${op}"><wsdl:input wsaw:Action="${escapeXml(soapAction(op, opts.serviceNs))}"/></wsdl:operation>`)
          .join('')}</wsdl:portType>`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="utf-8"?><wsdl:definitions name="DynamicsGP" targetNamespace="${ns}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" ` +
    `xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:wsaw="http://www.w3.org/2006/05/addressing/wsdl" xmlns:tns="${ns}">` +
    `<wsdl:documentation>${escapeXml(opts.productVersion)} — Web Services for Microsoft Dynamics GP, legacy endpoint (BasicHttpBinding)</wsdl:documentation>` +
    portTypes +
    `<wsdl:service name="DynamicsGP"><wsdl:port name="LegacyDynamicsGPService" binding="tns:LegacyDynamicsGPService"><soap:address location="${escapeXml(opts.location)}"/></wsdl:port></wsdl:service>` +
    `</wsdl:definitions>`
  );
}
