/**
 * `GET <endpoint>?wsdl`: WCF publishes the contract at `?wsdl` [V]. The emulator's is a summary, not the full
 * 367-operation contract: one portType per interface with the operations this version offers, their exact action
 * URIs (from the WSDL binding), and the product version in `wsdl:documentation` (the emulator's [U] way of telling
 * the version).
 */
import { escapeText } from './xml-node.ts';

export function renderWsdl(opts: { serviceUri: string; actions: Array<{ operation: string; action: string }>; productVersion: string; location: string }): string {
  const byInterface = new Map<string, Array<{ operation: string; action: string }>>();
  for (const a of opts.actions) {
    const iface = a.action.split('/').at(-2)!;
    byInterface.set(iface, [...(byInterface.get(iface) ?? []), a]);
  }
  const ns = escapeText(opts.serviceUri);
  const portTypes = [...byInterface]
    .map(([iface, ops]) => `<wsdl:portType name="${iface}">${ops.map((o) => `<wsdl:operation name="${o.operation}"><wsdl:input wsaw:Action="${escapeText(o.action)}"/></wsdl:operation>`).join('')}</wsdl:portType>`)
    .join('');
  return (
    `<?xml version="1.0" encoding="utf-8"?><wsdl:definitions name="DynamicsGP" targetNamespace="${ns}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" ` +
    `xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:wsaw="http://www.w3.org/2006/05/addressing/wsdl" xmlns:tns="${ns}">` +
    `<wsdl:documentation>${escapeText(opts.productVersion)} — Web Services for Microsoft Dynamics GP, legacy endpoint (BasicHttpBinding)</wsdl:documentation>` +
    portTypes +
    `<wsdl:service name="DynamicsGP"><wsdl:port name="LegacyDynamicsGPService" binding="tns:LegacyDynamicsGPService"><soap:address location="${escapeText(opts.location)}"/></wsdl:port></wsdl:service>` +
    `</wsdl:definitions>`
  );
}
